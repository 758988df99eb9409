"""Chart specs: months filled with zeros, short ranges padded, long ranges aggregated honestly."""

from __future__ import annotations

from quotetracker.api.charts import fill_months, overview_spec, timeline_spec
from quotetracker.query import TimelinePoint as P


def test_empty_months_are_zero_and_short_ranges_are_padded():
    rows = fill_months([P("2020-10", 2), P("2021-02", 1)])
    months = [r["month"] for r in rows]
    assert months[0] <= "2020-10-01" and months[-1] >= "2021-02-01"
    assert len(rows) == 7  # padded to at least seven months
    counts = {r["month"][:7]: r["count"] for r in rows}
    assert counts["2020-10"] == 2 and counts["2020-11"] == 0 and counts["2021-02"] == 1
    assert fill_months([]) == []


def test_timeline_spec_is_a_monthly_bar_chart_with_the_data_inline():
    spec = timeline_spec([P("2020-10", 2)])
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonth"
    assert {"month": "2020-10-01", "count": 2} in spec["data"]["values"]


def test_overview_of_many_years_sums_counts_per_quarter_and_averages_speakers():
    spec = overview_spec(
        {
            "documents": [P("2019-01", 1), P("2019-02", 2), P("2024-12", 1)],
            "statements": [P("2019-01", 4), P("2019-03", 6)],
            "speakers": [P("2019-01", 2), P("2019-02", 4), P("2019-03", 3)],
        }
    )
    assert spec["encoding"]["x"]["timeUnit"] == "yearquarter"
    values = {(v["series"], v["month"]): v["count"] for v in spec["data"]["values"]}
    assert values[("documents", "2019-01-01")] == 3
    assert values[("statements", "2019-01-01")] == 10
    assert values[("speakers (monthly average)", "2019-01-01")] == 3.0


def test_overview_of_a_short_range_stays_monthly():
    spec = overview_spec({"documents": [P("2021-01", 1), P("2021-03", 1)], "statements": [], "speakers": []})
    assert spec["encoding"]["x"]["timeUnit"] == "yearmonth"
    assert all(v["series"] == "documents" for v in spec["data"]["values"])
