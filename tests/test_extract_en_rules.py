"""English statement extraction (extract/en) on hand-written sentences."""

from quotetracker.extract.base import get_extractor
from quotetracker.model import Document


def run(text):
    ex = get_extractor("en").extract(Document(text=text, id="t", lang="en"))
    return [(s.content.text(text), s.kind, s.speaker.text(text) if s.speaker else None, s.speaker_name)
            for s in ex.statements]


def test_direct_quote_with_said_after():
    st = run("“We will rebuild the bridge by May,” Mayor Ellen Park said on Tuesday.")
    assert st[0][0] == "We will rebuild the bridge by May," or st[0][0].startswith("We will rebuild")
    assert st[0][1] == "direct" and "Ellen Park" in st[0][2]


def test_indirect_said_that():
    st = run("The senator said that the bill would pass next week.")
    assert st == [("that the bill would pass next week", "indirect", "The senator", None)]


def test_according_to():
    st = run("According to the police, two men were arrested near the station.")
    assert st[0][0] == "two men were arrested near the station" and st[0][2] == "the police"


def test_clause_then_cue():
    st = run("The library will close in June, officials said.")
    assert st[0][0] == "The library will close in June" and st[0][2] == "officials"


def test_title_in_quotes_is_not_a_statement():
    assert run("She read “The Old Man and the Sea” on the train.") == []


def test_degenerate_input_never_raises():
    for text in ["", " ", "\n", "“", "according to X,", "said", "“x,” said", "According to"]:
        for content, *_ in run(text):
            assert content in text


def test_speaker_before_a_parenthesis():
    st = run("Sen. Maria Okafor (D-Ore.) said the new bridge would open in May.")
    assert [(c, k, spk) for c, k, spk, _ in st] == [("the new bridge would open in May", "indirect",
                                                     "Sen. Maria Okafor")]


def test_speaker_named_before_a_long_apposition():
    st = run("Tom Harlan, director of the water board in Eastfield County, said the reservoir was half empty.")
    assert [(c, spk) for c, _, spk, _ in st] == [("the reservoir was half empty", "Tom Harlan")]
    # a description before the comma is not a name: no speaker is made up from it
    st = run("As the storm moved east, officials at the port, said to be worried, closed the gates.")
    assert all(spk != "As the storm moved east" for _, _, spk, _ in st)


def test_speaker_is_a_determiner_phrase_opening_the_sentence():
    st = run("Several city council members said the budget was far too small.")
    assert [(c, spk) for c, _, spk, _ in st] == [("the budget was far too small", "Several city council members")]
    # a verb inside the phrase ends it: "The festival is described as ..." has no speaker "The festival is"
    assert all(spk != "The festival is" for _, _, spk, _ in run("The festival is described as a day of rest."))


def test_two_apostrophes_as_quotation_marks():
    """Newspaper archive text (NYT) writes ''…'' for quotation marks; offsets must stay those of the text."""
    text = "''We will not raise taxes this year,'' said Mayor Linda Cho of Eastfield."
    st = run(text)
    assert st and st[0][1] == "direct" and st[0][0].startswith("We will not raise taxes this year")
    assert "Linda Cho" in st[0][2]
    from quotetracker.extract.en.rules import double_apostrophes_as_quotes

    assert double_apostrophes_as_quotes(text) == ' "We will not raise taxes this year," ' + text[38:]
    assert len(double_apostrophes_as_quotes(text)) == len(text)
