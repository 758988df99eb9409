"""Find date mentions in text and normalise them against the article's date.

Language knowledge (month and weekday names, relative words) lives in
``data/<lang>.json``; the patterns here are generic. Explicit dates
("3. November 2020", "Nov. 3, 2020", "3.11.2020", "im Oktober 2020", "2019")
resolve on their own; a missing year is taken from the article date (the
year that puts the date nearest to it). Relative mentions ("am Dienstag",
"gestern", "vergangene Woche", "last Tuesday") resolve only when the article
date is precise enough (a day for days and weeks, a month for months, a year
for years); otherwise they are kept with ``value=None``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import DateMention, DatePrecision, Span, parse_date

__all__ = ["find_dates", "supported_languages"]

_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d|21\d\d)"


def supported_languages() -> list[str]:
    return list(_supported())


@lru_cache(maxsize=1)
def _supported() -> tuple[str, ...]:  # the data folder, listed once (not per document)
    return tuple(sorted(p.name[:-5] for p in resources.files(__package__).joinpath("data").iterdir() if p.name.endswith(".json")))


@dataclass(frozen=True, slots=True)
class _Anchor:
    """The article date, as far as it is known."""

    year: int | None = None
    month: int | None = None
    day: dt.date | None = None

    @classmethod
    def of(cls, value: str | None) -> _Anchor:
        try:
            parsed = parse_date(value)
        except ValueError:
            return cls()
        if not parsed:
            return cls()
        text, precision = parsed
        parts = [int(p) for p in text.split("-")]
        if precision is DatePrecision.DAY:
            return cls(parts[0], parts[1], dt.date(*parts))
        if precision is DatePrecision.MONTH:
            return cls(parts[0], parts[1])
        return cls(parts[0])


def _alt(words) -> str:
    """Regex alternation, longest first; an abbreviation's dot is optional."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        out.append(re.escape(w[:-1]) + r"\.?" if w.endswith(".") else re.escape(w))
    return "(?:" + "|".join(out) + ")"


def _ci(words) -> str:
    return "(?i:" + _alt(words)[3:]


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    value: str | None
    precision: DatePrecision | None
    priority: int  # explicit dates beat relative words on overlap


class _Language:
    def __init__(self, lang: str) -> None:
        data = json.loads(resources.files(__package__).joinpath("data", f"{lang}.json").read_text(encoding="utf-8"))
        self.months = {k.rstrip(".").casefold(): v for k, v in data["months"].items()}
        self.weekdays = {k.casefold(): v for k, v in data["weekdays"].items()}
        self.weekday_prefixes = {k.casefold(): v for k, v in data["weekday_prefixes"].items()}
        self.relative_days = {k.casefold(): v for k, v in data["relative_days"].items()}
        self.period_modifiers = {k.casefold(): v for k, v in data["period_modifiers"].items()}
        self.periods = {k.casefold(): v for k, v in data["periods"].items()}
        self.period_words = {k.casefold(): tuple(v) for k, v in data["period_words"].items()}
        self.mdy = data["day_month_order"] == "mdy"
        month = "(?P<month>" + _alt(data["months"]) + ")"
        wd = "(?P<wd>" + _alt(data["weekdays"]) + ")"
        suffix = ("(?:" + _alt(data["weekday_suffixes"]) + ")?") if data["weekday_suffixes"] else ""
        prefix = "(?:(?P<wmod>" + _ci(data["weekday_prefixes"]) + r")\s+)"
        rel = _alt(data["relative_days"]) if data["relative_day_case_sensitive"] else _ci(data["relative_days"])
        day = r"(?P<day>[12]\d|3[01]|0?[1-9])"
        # German: "2019 Menschen" is a count; a year is not followed by a noun (capitalised word, except a month)
        no_noun = r"(?!\s+(?!" + _alt(data["months"]) + r")[A-ZÄÖÜ][a-zäöüß])" if data.get("year_not_before_noun") else ""
        b = r"(?<![\w.])"
        e = r"(?![\w])"
        self.patterns: list[tuple[re.Pattern[str], Callable[[re.Match[str], _Anchor], _Candidate | None], int]] = [
            # 3.11.2020, 03.11.20, 3.11.   (US order for English: 11/3/2020)
            (re.compile(b + r"(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4}|\d{2})?" + r"(?![\d]|\.\d)"), self._numeric, 3),
            (re.compile(b + r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})" + e), self._iso, 3),
            # 3. November 2020, 3 November 2020, 3rd of November
            (re.compile(b + day + r"(?:\.|st|nd|rd|th)?\s+(?:of\s+)?" + month + r"(?:,?\s+" + _YEAR + ")?" + e), self._day_month, 3),
            # November 3, 2020 / Nov. 3
            (re.compile(b + month + r"\s+" + day + r"(?:st|nd|rd|th)?(?:,\s*" + _YEAR + ")?" + e), self._day_month, 2 if self.mdy else 0),
            # (im) Oktober 2020 / Anfang Oktober / in October
            (re.compile(b + month + r"\s+" + _YEAR + e), self._month, 2),
            (re.compile(r"(?<!\w)(?:" + _alt(data["month_prefixes"]) + r")\s+" + month + e), self._month, 1),
            (re.compile(b + _YEAR + r"(?!\s*(?:%|Prozent|Euro|Dollar|km|Meter|percent|dollars|people))" + r"(?![\w.,]\d)" + e + no_noun), self._year, 1),
            (re.compile(r"(?<!\w)" + prefix + ("?" if data["bare_weekday"] else "") + wd + suffix + e), self._weekday, 1),
            (re.compile(r"(?<!\w)(?P<rel>" + rel + r")" + e), self._relative_day, 1),
            (re.compile(r"(?<!\w)(?:(?i:im|in|in der|in diesem|in this)\s+)?(?P<pmod>" + _ci(data["period_modifiers"]) + r")\s+(?P<period>" + _alt(data["periods"]) + ")" + e), self._period, 1),
        ]
        off = data.get("offsets")
        if off:
            self.numbers = {k.casefold(): v for k, v in off["numbers"].items()}
            self.units = {k.casefold(): v for k, v in off["units"].items()}
            num = r"(?P<num>\d{1,3}|" + _ci(off["numbers"]) + ")"
            unit = r"(?P<unit>" + _ci(off["units"]) + ")"
            if off["ago_before"]:  # "vor drei Tagen"
                self.patterns.append((re.compile(r"(?<!\w)(?P<dir>" + _ci(off["ago_before"]) + r")\s+" + num + r"\s+" + unit + e), self._offset, 1))
            if off["ago_after"]:  # "three days ago"
                self.patterns.append((re.compile(r"(?<!\w)" + num + r"\s+" + unit + r"\s+(?P<dir>" + _ci(off["ago_after"]) + ")" + e), self._offset, 1))
            if off["ahead_before"]:  # "in zwei Wochen", "in two weeks"
                self.patterns.append((re.compile(r"(?<!\w)(?P<ahead>" + _ci(off["ahead_before"]) + r")\s+" + num + r"\s+" + unit + e), self._offset, 1))
        if self.period_words:
            self.patterns.append((re.compile(r"(?<!\w)(?:(?i:im|in)\s+)?(?P<pw>" + _alt(data["period_words"]) + ")" + e), self._period_word, 1))

    # --- resolvers: (match, anchor) -> candidate
    @staticmethod
    def _cand(m: re.Match[str], value: str | None, precision: DatePrecision | None, priority: int) -> _Candidate:
        return _Candidate(m.start(), m.end(), value, precision if value else None, priority)

    @staticmethod
    def _nearest_year(month: int, day: int, anchor: _Anchor) -> int | None:
        """The year putting month/day nearest the article date (a January article's "28. Dezember" is last year)."""
        if anchor.year is None:
            return None
        ref = anchor.day or dt.date(anchor.year, anchor.month or 7, 15)
        best = None
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                d = dt.date(y, month, min(day, 28) if month == 2 and day > 28 else day)
            except ValueError:
                continue
            if best is None or abs((d - ref).days) < abs((best - ref).days):
                best = d
        return best.year if best else None

    def _ymd(self, m, year: int | None, month: int, day: int | None, anchor: _Anchor, priority: int) -> _Candidate | None:
        if not 1 <= month <= 12:
            return None
        if year is None:
            year = self._nearest_year(month, day or 15, anchor)
        if year is None:
            return self._cand(m, None, None, priority)
        try:
            if day is None:
                return self._cand(m, f"{year:04d}-{month:02d}", DatePrecision.MONTH, priority)
            return self._cand(m, dt.date(year, month, day).isoformat(), DatePrecision.DAY, priority)
        except ValueError:
            return None

    def _numeric(self, m, anchor):
        a, b = int(m.group("a")), int(m.group("b"))
        day, month = (b, a) if self.mdy else (a, b)
        y = m.group("y")
        if y is None and self.mdy:
            return None  # "3/4" without a year is a fraction more often than a date
        year = None if y is None else int(y) + (2000 if len(y) == 2 and int(y) < 50 else 1900 if len(y) == 2 else 0)
        return self._ymd(m, year, month, day, anchor, 3)

    def _iso(self, m, anchor):
        return self._ymd(m, int(m.group("iy")), int(m.group("im")), int(m.group("id")), anchor, 3)

    def _day_month(self, m, anchor):
        year = int(m.group("year")) if m.group("year") else None
        return self._ymd(m, year, self.months[m.group("month").rstrip(".").casefold()], int(m.group("day")), anchor, 3)

    def _month(self, m, anchor):
        year = int(m.group("year")) if m.groupdict().get("year") else None
        return self._ymd(m, year, self.months[m.group("month").rstrip(".").casefold()], None, anchor, 2)

    def _year(self, m, anchor):
        return self._cand(m, m.group("year"), DatePrecision.YEAR, 1)

    def _weekday(self, m, anchor):
        if anchor.day is None:
            return self._cand(m, None, None, 1)
        target = self.weekdays[m.group("wd").casefold()]
        direction = self.weekday_prefixes.get((m.group("wmod") or "").casefold(), 0)
        delta = (target - anchor.day.weekday()) % 7  # 0..6 days ahead
        if direction > 0:
            offset = delta or 7
        elif direction < 0:
            offset = delta - 7 if delta else -7
        else:
            offset = delta - 7 if delta else 0  # news: "am Dienstag" is the last Tuesday up to the article day
        return self._cand(m, (anchor.day + dt.timedelta(days=offset)).isoformat(), DatePrecision.DAY, 1)

    def _relative_day(self, m, anchor):
        if anchor.day is None:
            return self._cand(m, None, None, 1)
        offset = self.relative_days[m.group("rel").casefold()]
        return self._cand(m, (anchor.day + dt.timedelta(days=offset)).isoformat(), DatePrecision.DAY, 1)

    def _shift(self, m, unit: str, offset: int, anchor: _Anchor) -> _Candidate:
        if unit == "week":
            if anchor.day is None:
                return self._cand(m, None, None, 1)
            monday = anchor.day - dt.timedelta(days=anchor.day.weekday()) + dt.timedelta(weeks=offset)
            return self._cand(m, monday.isoformat(), DatePrecision.DAY, 1)  # a week is given by its Monday
        if unit == "month":
            if anchor.month is None or anchor.year is None:
                return self._cand(m, None, None, 1)
            index = anchor.year * 12 + anchor.month - 1 + offset
            return self._cand(m, f"{index // 12:04d}-{index % 12 + 1:02d}", DatePrecision.MONTH, 1)
        if anchor.year is None:
            return self._cand(m, None, None, 1)
        return self._cand(m, f"{anchor.year + offset:04d}", DatePrecision.YEAR, 1)

    def _period(self, m, anchor):
        return self._shift(m, self.periods[m.group("period").casefold()], self.period_modifiers[m.group("pmod").casefold()], anchor)

    def _offset(self, m, anchor):
        """ "vor drei Tagen", "two weeks ago", "in zwei Monaten": a day, week (its Monday), month or year."""
        raw = m.group("num").casefold()
        n = int(raw) if raw.isdigit() else self.numbers.get(raw)
        if n is None:  # "vor einigen Tagen": vague
            return self._cand(m, None, None, 1)
        sign = 1 if m.groupdict().get("ahead") else -1
        unit = self.units[m.group("unit").casefold()]
        if unit == "day":
            if anchor.day is None:
                return self._cand(m, None, None, 1)
            return self._cand(m, (anchor.day + dt.timedelta(days=sign * n)).isoformat(), DatePrecision.DAY, 1)
        return self._shift(m, unit, sign * n, anchor)

    def _period_word(self, m, anchor):
        unit, offset = self.period_words[m.group("pw").casefold()]
        return self._shift(m, unit, offset, anchor)


@lru_cache(maxsize=None)
def _language(lang: str) -> _Language:
    return _Language(lang)


def find_dates(text: str, doc_date: str | None = None, lang: str | None = "de") -> list[DateMention]:
    """Date mentions in ``text``, normalised against ``doc_date`` (``YYYY[-MM[-DD]]``), in text order."""
    language = _language(lang if lang in supported_languages() else "de")
    anchor = _Anchor.of(doc_date)
    found: list[_Candidate] = []
    for pattern, resolve, _ in language.patterns:
        for m in pattern.finditer(text):
            cand = resolve(m, anchor)
            if cand is not None:
                found.append(cand)
    # longest, then most explicit, wins each overlap
    found.sort(key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    chosen: list[_Candidate] = []
    for c in found:
        if all(c.end <= o.start or o.end <= c.start for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    # "Freitag, dem 3. Dezember 2004": the weekday only names the explicit date that follows it
    kept = []
    for k, c in enumerate(chosen):
        nxt = chosen[k + 1] if k + 1 < len(chosen) else None
        if c.priority == 1 and nxt is not None and nxt.priority == 3 and nxt.start - c.end <= 6 and re.fullmatch(r",?\s*(?:den|dem|the)?\s*", text[c.end : nxt.start]):
            if language.weekdays.get(text[c.start : c.end].split()[-1].casefold()) is not None:
                continue
        kept.append(c)
    return [DateMention(span=Span(c.start, c.end), text=text[c.start : c.end], value=c.value, precision=c.precision) for c in kept]
