"""German and English date mentions, normalised against the article date."""

import pytest

from quotetracker.dates import dates_for_span, find_dates
from quotetracker.model import DatePrecision, Span


def _values(text, doc_date, lang="de"):
    return [(d.text, d.value) for d in find_dates(text, doc_date, lang)]


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("Das Treffen fand am 3. November 2020 statt.", "2020-11-03", DatePrecision.DAY),
        ("Das Treffen fand am 3.11.2020 statt.", "2020-11-03", DatePrecision.DAY),
        ("Das Treffen fand am 03.11.20 statt.", "2020-11-03", DatePrecision.DAY),
        ("Das Treffen fand am 3. Nov. 2020 statt.", "2020-11-03", DatePrecision.DAY),
        ("Er kam im Oktober 2020 an.", "2020-10", DatePrecision.MONTH),
        ("Das Gesetz gilt seit 2019.", "2019", DatePrecision.YEAR),
    ],
)
def test_german_explicit_dates(text, value, precision):
    (d,) = find_dates(text, "2021-02-10", "de")
    assert d.value == value
    assert d.precision is precision
    assert text[d.span.start : d.span.end] == d.text


def test_german_relative_dates_need_a_day_precise_article_date():
    text = "Am Dienstag sagte der Minister, gestern sei alles ruhig gewesen; vergangene Woche nicht."
    # 2021-01-07 is a Thursday
    assert _values(text, "2021-01-07") == [("Am Dienstag", "2021-01-05"), ("gestern", "2021-01-06"), ("vergangene Woche", "2020-12-28")]
    assert _values(text, "2021-01") == [("Am Dienstag", None), ("gestern", None), ("vergangene Woche", None)]


def test_german_missing_year_is_the_nearest_to_the_article():
    assert _values("Am 28. Dezember trat er zurück.", "2021-01-05") == [("28. Dezember", "2020-12-28")]
    assert _values("Im Oktober wird gewählt.", "2021-08-20") == [("Im Oktober", "2021-10")]
    assert _values("Im vergangenen Jahr und im Vorjahr", "2021") == [("Im vergangenen Jahr", "2020"), ("im Vorjahr", "2020")]


def test_weekday_before_an_explicit_date_is_not_a_second_date():
    assert _values("Am Freitag, dem 3. Dezember 2004, dementierte die Behörde.", "2004-12-06") == [("3. Dezember 2004", "2004-12-03")]


def test_numbers_that_are_not_years_are_ignored():
    assert _values("Dabei starben 2019 Menschen, der Schaden lag bei 2020 Euro.", "2021-01-05") == []
    assert _values("Morgen ist ein neuer Tag, sagte er am Morgen.", "2021-01-05") == []
    assert _values("Übermorgen und morgen", "2021-01-05") == [("morgen", "2021-01-06")]


def test_weekday_directions():
    # 2020-11-12 is a Thursday
    assert _values("kommenden Montag", "2020-11-12") == [("kommenden Montag", "2020-11-16")]
    assert _values("am vergangenen Donnerstag", "2020-11-12") == [("vergangenen Donnerstag", "2020-11-05")]
    assert _values("am Donnerstag", "2020-11-12") == [("am Donnerstag", "2020-11-12")]


def test_english_dates():
    text = "On Nov. 3, the senator said last Tuesday that November 3, 2020 mattered; yesterday and in October 2020 too. Last week, 11/3/2020."
    assert _values(text, "2020-11-12", "en") == [
        ("Nov. 3", "2020-11-03"),
        ("last Tuesday", "2020-11-10"),
        ("November 3, 2020", "2020-11-03"),
        ("yesterday", "2020-11-11"),
        ("October 2020", "2020-10"),
        ("Last week", "2020-11-02"),
        ("11/3/2020", "2020-11-03"),
    ]


def test_english_modal_may_is_not_a_month():
    assert _values("She may march on.", "2020-11-12", "en") == []


def test_dates_for_span_takes_dates_inside_or_in_the_same_sentence():
    text = "Am Dienstag sagte Peskow, man verhandle. Im Jahr 2019 war das anders."
    dates = find_dates(text, "2021-01-07")
    sentences = [Span(0, 40), Span(41, len(text))]
    content = Span(26, 39)
    picked = dates_for_span(dates, content, sentences)
    assert [d.text for d in picked] == ["Am Dienstag"]
    assert [d.text for d in dates_for_span(dates, content)] == []


def test_counted_offsets_from_the_article_date():
    assert _values("Vor drei Tagen, vor zwei Wochen, vor einem Jahr, in zwei Monaten, vor einigen Tagen", "2021-01-07") == [
        ("Vor drei Tagen", "2021-01-04"),
        ("vor zwei Wochen", "2020-12-21"),
        ("vor einem Jahr", "2020"),
        ("in zwei Monaten", "2021-03"),
        ("vor einigen Tagen", None),
    ]
    assert _values("three days ago and a year ago; 10 years earlier", "2021-01-07", "en") == [("three days ago", "2021-01-04"), ("a year ago", "2020")]
    assert _values("vor drei Tagen", "2021-01") == [("vor drei Tagen", None)]
