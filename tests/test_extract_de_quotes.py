"""Quotation-mark pairing (extract/de/quotes.py): styles, nesting, unbalanced and multi-paragraph quotes."""

from quotetracker.extract.de.quotes import find_quotes, top_level


def contents(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_german_low_high_pair():
    assert contents("Sie sagte: „Wir bleiben hier.“ Dann ging sie.") == ["Wir bleiben hier."]


def test_guillemets_both_directions():
    assert contents("»Das reicht«, rief er.") == ["Das reicht"]
    assert contents("«Das reicht», rief er.") == ["Das reicht"]


def test_english_and_straight_quotes():
    assert contents("He said “not now” and left.") == ["not now"]
    assert contents('Er rief "Halt" und lief.') == ["Halt"]


def test_swedish_style_closing_marks():
    assert contents("Er sagte ”ja” dazu.") == ["ja"]


def test_nested_single_quote_has_depth_one():
    text = "„Das Wort ‚Krise‘ ist falsch“, sagte er."
    parts = find_quotes(text)
    outer = [text[q.start : q.end] for q in parts if q.depth == 0]
    inner = [text[q.start : q.end] for q in parts if q.depth == 1]
    assert outer == ["Das Wort ‚Krise‘ ist falsch"]
    assert inner == ["Krise"]


def test_apostrophes_are_not_quotes():
    assert contents("Wie geht’s? Peter's Hund bellt.") == []


def test_split_quote_around_attribution_gives_two_parts():
    text = "„Wir kommen“, sagte sie, „aber erst morgen.“"
    assert contents(text) == ["Wir kommen", "aber erst morgen."]


def test_unclosed_quote_ends_at_paragraph_and_next_paragraph_continues():
    text = "Er schrieb: „Der erste Absatz endet offen.\n„Der zweite schließt.“ Ende."
    parts = top_level(find_quotes(text))
    assert [text[p.start : p.end] for p in parts] == ["Der erste Absatz endet offen.", "Der zweite schließt."]
    assert not parts[0].closed and parts[1].closed
    assert parts[1].continues == 0


def test_stray_opening_mark_does_not_swallow_next_paragraph():
    text = "Ein „kaputtes Zeichen\nNeuer Absatz ohne Anführung."
    parts = find_quotes(text)
    assert len(parts) == 1 and "\n" not in text[parts[0].start : parts[0].end]
