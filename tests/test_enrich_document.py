"""enrich(): dates, about-entities and topics per statement and per document."""

from quotetracker.enrich import enrich
from quotetracker.model import Document, EntityMention, Extraction, Span, Statement
from quotetracker.topics import KeywordTopic

TEXT = (
    "Kremlsprecher Dmitri Peskow sagte am Dienstag, die Nato gefährde die Rüstungskontrolle. "
    "Im Oktober 2020 habe Peskow mit Lawrow über Atomwaffen gesprochen."
)


def _span(sub: str, start: int = 0) -> Span:
    i = TEXT.index(sub, start)
    return Span(i, i + len(sub))


def _extraction(date="2021-01-07") -> Extraction:
    doc = Document(text=TEXT, id="t1", date=date, lang="de")
    ents = [
        EntityMention(_span("Dmitri Peskow"), "PER", "Dmitri Peskow", "Dmitri Peskow"),
        EntityMention(_span("Nato"), "ORG", "Nato"),
        EntityMention(_span("Peskow", 90), "PER", "Peskow", "Dmitri Peskow"),
        EntityMention(_span("Lawrow"), "PER", "Lawrow"),
    ]
    first = Statement(content=_span("die Nato gefährde die Rüstungskontrolle"), kind="indirect", speaker=_span("Kremlsprecher Dmitri Peskow"), speaker_name="Dmitri Peskow", speaker_label="PER")
    second = Statement(content=_span("Im Oktober 2020 habe Peskow mit Lawrow über Atomwaffen gesprochen"), kind="reported", speaker_name="Dmitri Peskow", speaker_label="PER")
    sentences = [Span(0, TEXT.index(" Im Oktober") ), Span(TEXT.index("Im Oktober"), len(TEXT))]
    return Extraction(document=doc, lang="de", sentences=sentences, entities=ents, statements=[first, second])


def test_about_holds_entities_in_the_content_without_the_speaker():
    ex = enrich(_extraction())
    assert [e.text for e in ex.statements[0].about] == ["Nato"]
    assert [e.text for e in ex.statements[1].about] == ["Lawrow"]


def test_dates_per_document_and_per_statement():
    ex = enrich(_extraction())
    assert [(d.text, d.value) for d in ex.dates] == [("am Dienstag", "2021-01-05"), ("Oktober 2020", "2020-10")]
    assert [d.value for d in ex.statements[0].dates] == ["2021-01-05"]  # same sentence
    assert [d.value for d in ex.statements[1].dates] == ["2020-10"]


def test_relative_dates_stay_unresolved_with_a_month_only_article_date():
    ex = enrich(_extraction(date="2021-01"))
    assert [(d.text, d.value) for d in ex.dates] == [("am Dienstag", None), ("Oktober 2020", "2020-10")]


ARMS = "Rüstungskontrolle / arms control"  # the shipped topic 'ruestungskontrolle', by its display label


def test_topics_per_statement_and_document_with_default_and_custom_lists():
    ex = enrich(_extraction())
    assert ARMS in ex.statements[0].topics
    assert ARMS in ex.statements[1].topics
    assert ARMS in ex.topics
    custom = [KeywordTopic("diplomatie", "Diplomatie / diplomacy", ("gespräch*", "gesprochen"))]
    ex = enrich(_extraction(), topics=custom)
    assert ex.statements[0].topics == []
    assert ex.statements[1].topics == ["Diplomatie / diplomacy"]
    assert ex.topics == ["Diplomatie / diplomacy"]


def test_enrich_is_idempotent():
    once = enrich(_extraction())
    twice = enrich(enrich(_extraction()))
    assert [(s.about, s.dates, s.topics) for s in once.statements] == [(s.about, s.dates, s.topics) for s in twice.statements]


def test_english_document_gets_english_dates_topics_and_about():
    text = "Kremlin spokesman Dmitry Peskov said on Tuesday that the New START treaty on nuclear weapons must be extended with Washington."
    doc = Document(text=text, id="e1", date="2021-01-28", lang="en")
    content = Span(text.index("the New START"), len(text) - 1)
    ents = [EntityMention(Span(18, 31), "PER", "Dmitry Peskov"), EntityMention(Span(text.index("Washington"), text.index("Washington") + 10), "LOC", "Washington")]
    st = Statement(content=content, kind="indirect", speaker=Span(0, 31), speaker_name="Dmitry Peskov", speaker_label="PER")
    ex = enrich(Extraction(document=doc, lang="en", sentences=[Span(0, len(text))], entities=ents, statements=[st]))
    assert [(d.text, d.value) for d in ex.dates] == [("on Tuesday", "2021-01-26")]
    assert [d.value for d in st.dates] == ["2021-01-26"]
    assert st.topics == [ARMS]
    assert [e.text for e in st.about] == ["Washington"]


def test_an_organisation_is_not_about_itself():
    text = "Die Bundesregierung erklärte, die Bundesregierung und die Nato stünden zusammen."
    doc = Document(text=text, id="o1", date="2021-01-07", lang="de")
    content = Span(text.index("die Bundesregierung und"), len(text) - 1)
    ents = [
        EntityMention(Span(4, 19), "ORG", "Bundesregierung"),
        EntityMention(Span(content.start + 4, content.start + 19), "ORG", "Bundesregierung"),
        EntityMention(Span(text.index("Nato"), text.index("Nato") + 4), "ORG", "Nato"),
    ]
    st = Statement(content=content, kind="indirect", speaker=Span(0, 19), speaker_name="Die Bundesregierung", speaker_label="ORG")
    ex = enrich(Extraction(document=doc, lang="de", entities=ents, statements=[st]))
    assert [e.text for e in ex.statements[0].about] == ["Nato"]
