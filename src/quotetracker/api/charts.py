"""Vega-Lite specs for the timelines (rendered in the browser by the vendored vega-embed)."""

from __future__ import annotations

from typing import Any, Iterable

from ..query import TimelinePoint

_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
CONFIG = {
    "font": _FONT,
    "view": {"stroke": None},
    "axis": {"labelColor": "#475569", "titleColor": "#334155", "gridColor": "#e2e8f0", "domainColor": "#cbd5e1"},
    "legend": {"labelColor": "#334155", "orient": "top"},
}


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def _shift(month: str, delta: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def fill_months(points: Iterable[TimelinePoint], min_months: int = 7) -> list[dict[str, Any]]:
    """Monthly counts with the empty months in between set to 0 (a gap is a fact too).

    Short ranges are padded with empty months on both sides so one busy month is a
    bar in context, not a wall across the whole chart.
    """
    counts: dict[str, int] = {}
    for p in points:
        period = (p.period or "")[:7]
        if len(period) == 7 and period[4] == "-":
            counts[period] = counts.get(period, 0) + int(p.count)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    span = len(_months_between(first, last))
    if span < min_months:
        before = (min_months - span) // 2
        first, last = _shift(first, -before), _shift(last, min_months - span - before)
    months = _months_between(first, last)
    if len(months) > 1200:  # a century of months: show only the months that have data
        months = sorted(counts)
    return [{"month": f"{mo}-01", "count": counts.get(mo, 0)} for mo in months]


def timeline_spec(points: Iterable[TimelinePoint], *, title: str = "Statements per month", color: str = "#2563eb") -> dict[str, Any]:
    values = fill_months(points)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": title,
        "width": "container",
        "height": 180,
        "data": {"values": values},
        "mark": {"type": "bar", "color": color, "width": {"band": 0.8}, "cornerRadiusTopLeft": 2, "cornerRadiusTopRight": 2, "tooltip": True},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": None, "axis": {"format": "%b %Y", "labelAngle": 0}},
            "y": {"field": "count", "type": "quantitative", "title": "statements", "axis": {"tickMinStep": 1}},
            "tooltip": [
                {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": "month", "format": "%B %Y"},
                {"field": "count", "type": "quantitative", "title": "statements"},
            ],
        },
        "config": CONFIG,
    }


def _period_unit(n_months: int) -> tuple[str, str, str, str]:
    """Vega-Lite time unit, axis format, tooltip format and a word for a range of ``n_months``."""
    if n_months <= 36:
        return "yearmonth", "%b %Y", "%B %Y", "month"
    if n_months <= 144:
        return "yearquarter", "Q%q %Y", "Q%q %Y", "quarter"
    return "year", "%Y", "%Y", "year"


def _bucket(month: str, word: str) -> str:
    """First day of the quarter or year that ``month`` (YYYY-MM-01) falls in."""
    if word == "quarter":
        m = (int(month[5:7]) - 1) // 3 * 3 + 1
        return f"{month[:4]}-{m:02d}-01"
    if word == "year":
        return f"{month[:4]}-01-01"
    return month


def _aggregate(rows: list[dict[str, Any]], word: str, mean: bool) -> list[dict[str, Any]]:
    """Monthly rows summed (or averaged) per quarter or year."""
    buckets: dict[str, list[int]] = {}
    for row in rows:
        buckets.setdefault(_bucket(row["month"], word), []).append(row["count"])
    return [{"month": k, "count": round(sum(v) / len(v), 1) if mean else sum(v)} for k, v in sorted(buckets.items())]


def overview_spec(series: dict[str, Iterable[TimelinePoint]], averaged: tuple[str, ...] = ("speakers",)) -> dict[str, Any]:
    """Several series as lines in one chart (documents, statements, speakers).

    Long ranges are shown per quarter or year so the lines show a trend, not monthly spikes:
    counts are summed, but the ``averaged`` series (distinct speakers per month, which
    cannot be summed into distinct speakers per quarter) become monthly averages.
    """
    monthly = {name: fill_months(points, min_months=1) for name, points in series.items()}
    n_months = len({row["month"] for rows in monthly.values() for row in rows})
    unit, axis_format, tip_format, word = _period_unit(n_months)
    values = []
    names = []
    for name, rows in monthly.items():
        mean = word != "month" and name in averaged
        label = f"{name} (monthly average)" if mean else name
        names.append(label)
        values += [{**row, "series": label} for row in (_aggregate(rows, word, mean) if word != "month" else rows)]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"Corpus activity per {word}",
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "tooltip": True, "interpolate": "monotone"},
        "encoding": {
            "x": {"field": "month", "type": "temporal", "timeUnit": unit, "title": None, "axis": {"format": axis_format, "labelAngle": 0}},
            "y": {"field": "count", "type": "quantitative", "title": f"per {word}", "axis": {"tickMinStep": 1}},
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {"range": ["#64748b", "#2563eb", "#d97706"]},
                "sort": names,
            },
            "tooltip": [
                {"field": "series", "type": "nominal"},
                {"field": "month", "type": "temporal", "timeUnit": unit, "title": word, "format": tip_format},
                {"field": "count", "type": "quantitative", "title": "count"},
            ],
        },
        "config": CONFIG,
    }
