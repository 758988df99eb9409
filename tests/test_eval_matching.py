"""The project's scorer (quotetracker.eval) agrees with shared/tools/score_quotes.py."""

import importlib.util
import json

import pytest

from quotetracker.eval import names_agree, read_quotes_jsonl, score

TEXT = ("Peskow sagte: „Wir prüfen das.“ Der Sprecher betonte, die Lage sei ernst. "
        "Er äußerte sich zur Wahl. Laut Polizei gab es drei Verletzte.")


def _span(sub, text=TEXT):
    i = text.index(sub)
    return [i, i + len(sub)]


GOLD = [{"id": "a", "lang": "de", "date": "2020-10", "source": None, "text": TEXT, "quotes": [
    {"content": _span("Wir prüfen das."), "kind": "direct", "cue": _span("sagte"), "speaker": _span("Peskow"),
     "speaker_name": "Dmitri Peskow"},
    {"content": _span("die Lage sei ernst"), "kind": "indirect", "cue": _span("betonte"),
     "speaker": _span("Der Sprecher"), "speaker_name": None},
    {"content": _span("Er äußerte sich zur Wahl."), "kind": "reported", "cue": None, "speaker": _span("Er"),
     "speaker_name": None},
    {"content": _span("gab es drei Verletzte"), "kind": "indirect", "cue": _span("Laut"),
     "speaker": _span("Polizei"), "speaker_name": "Polizei"},
]}, {"id": "b", "lang": "de", "date": None, "source": None, "text": "Nichts gesagt.", "quotes": []}]

PRED = [{"id": "a", "quotes": [
    # exact, speaker by name only (surname agreement)
    {"content": _span("„Wir prüfen das.“"), "kind": "direct", "cue": None, "speaker": None, "speaker_name": "Peskow"},
    # lenient (longer), wrong speaker
    {"content": _span("betonte, die Lage sei ernst"), "kind": "indirect", "cue": _span("betonte"),
     "speaker": _span("Peskow"), "speaker_name": "Putin"},
    # too short to match the reported span (Jaccard < 0.5)
    {"content": _span("zur Wahl"), "kind": "reported", "cue": None, "speaker": _span("Er"), "speaker_name": None},
    # shifted but still >= 0.5 overlap
    {"content": _span("es drei Verletzte."), "kind": None, "cue": _span("Laut"), "speaker": _span("Polizei"),
     "speaker_name": None},
]}]


def _load_reference(shared_dir):
    path = shared_dir / "tools" / "score_quotes.py"
    if not path.exists():
        pytest.skip("shared/tools/score_quotes.py is absent")
    spec = importlib.util.spec_from_file_location("score_quotes_ref", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _write(tmp_path, name, rows):
    p = tmp_path / name
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return p


def test_scores_agree_with_reference_scorer(tmp_path, shared_dir):
    ref = _load_reference(shared_dir)
    g, p = _write(tmp_path, "g.jsonl", GOLD), _write(tmp_path, "p.jsonl", PRED)
    expected = ref.score_files(str(g), str(p))
    ours = score(read_quotes_jsonl(g), read_quotes_jsonl(p))
    for key in ("content_lenient", "content_exact", "attribution"):
        for m in ("precision", "recall", "f1", "tp"):
            assert ours["overall"][key][m] == pytest.approx(expected["overall"][key][m]), (key, m)
    for kind, block in expected["per_kind"].items():
        for key in ("content_lenient", "content_exact", "attribution"):
            for m in ("precision", "recall", "f1"):
                assert ours["per_kind"][kind][key][m] == pytest.approx(block[key][m]), (kind, key, m)
    assert ours["matched_pairs"]["cue_accuracy"] == pytest.approx(expected["matched_pairs"]["cue_accuracy"])


def test_hand_computed_numbers(tmp_path):
    ours = score(read_quotes_jsonl(_write(tmp_path, "g.jsonl", GOLD)), read_quotes_jsonl(_write(tmp_path, "p.jsonl", PRED)))
    o = ours["overall"]
    assert o["content_lenient"]["tp"] == 3  # the "zur Wahl" span is too short
    assert o["content_exact"]["tp"] == 1
    assert o["attribution"]["tp"] == 2  # Peskow by surname, Polizei by span
    assert o["content_lenient"]["precision"] == pytest.approx(3 / 4)
    assert o["content_lenient"]["recall"] == pytest.approx(3 / 4)


def test_names_agree_rules():
    assert names_agree("Dmitri Peskow", "peskow")
    assert names_agree("Frau Merkel", "Angela Merkel")  # honorific dropped, surname agrees
    assert not names_agree("Angela Merkel", "Anna Merkel")
    assert names_agree("die Polizei", "Polizei")
    assert not names_agree("Bill Clinton", "Hillary Clinton")
