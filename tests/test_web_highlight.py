"""Server-side highlighting: segments from spans, nested and overlapping statements."""

from __future__ import annotations

from quotetracker.api.highlight import highlight
from quotetracker.model import Span, StatementRecord


def record(sid, content, cue=None, speaker=None, text="", name=None):
    return StatementRecord(
        id=sid, document_id=1, doc_key=None, date=None, source=None, lang="de", kind="direct",
        content=text[content[0]:content[1]], content_span=Span(*content),
        cue=text[cue[0]:cue[1]] if cue else None, cue_span=Span(*cue) if cue else None,
        speaker_mention=text[speaker[0]:speaker[1]] if speaker else None, speaker_span=Span(*speaker) if speaker else None,
        speaker_name=name, speaker_id=None, speaker=name, confidence=0.9,
    )


TEXT = '"Wir sind bereit", sagte Peskow. Er sagte, das sei gut.'


def test_segments_reassemble_the_text_exactly():
    sts = [record(1, (1, 16), (19, 24), (25, 31), TEXT, "Dmitri Peskow"), record(2, (43, 54), (36, 41), (33, 35), TEXT, "Dmitri Peskow")]
    out = highlight(TEXT, sts)
    assert "".join(s.text for s in out.segments) == TEXT


def test_roles_are_distinct_and_anchors_point_at_content_starts():
    sts = [record(1, (1, 16), (19, 24), (25, 31), TEXT, "Dmitri Peskow")]
    segs = {s.text: s for s in highlight(TEXT, sts).segments}
    assert segs["Wir sind bereit"].roles == ("content",)
    assert segs["Wir sind bereit"].anchors == (1,)
    assert segs["sagte"].roles == ("cue",)
    assert segs["Peskow"].roles == ("speaker",)
    assert "Dmitri Peskow" in segs["Peskow"].title and "sagte" in segs["Peskow"].title
    assert segs['", '].plain


def test_overlapping_statements_share_a_segment():
    text = "abcdefghij"
    sts = [record(1, (0, 6), text=text), record(2, (4, 10), text=text)]
    segs = highlight(text, sts).segments
    shared = [s for s in segs if s.text == "ef"][0]
    assert shared.statement_ids == (1, 2)
    assert [s.text for s in segs] == ["abcd", "ef", "ghij"]


def test_spans_outside_the_text_are_clipped_not_fatal():
    text = "short"
    segs = highlight(text, [record(1, (2, 50), text=text)]).segments
    assert "".join(s.text for s in segs) == text
    assert segs[-1].roles == ("content",)


def test_entity_and_date_mentions_are_marked_without_becoming_statements():
    sts = [record(1, (1, 16), (19, 24), (25, 31), TEXT, "Dmitri Peskow")]
    entities = [{"start": 25, "end": 31, "label": "PER", "text": "Peskow", "entity_id": 3}]
    dates = [{"start": 33, "end": 35, "text": "Er", "value": "2021-05-04"}]
    segs = {s.text: s for s in highlight(TEXT, sts, entities, dates).segments}
    assert segs["Peskow"].roles == ("speaker", "entity")
    assert "PER: Peskow" in segs["Peskow"].title
    assert segs["Er"].roles == ("date",) and segs["Er"].statement_ids == ()
    assert "2021-05-04" in segs["Er"].title
