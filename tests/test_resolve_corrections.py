"""User corrections: merge, split, alias add — applied last, in order, deterministically."""

import pytest

from quotetracker.resolve import Correction, SpeakerMention, resolve_speakers

M = SpeakerMention


def _mentions():
    return [
        M(1, 1, "Anna Beispiel", "Anna Beispiel", "PER", "2020-01-01"),
        M(2, 2, "A. Beispiel-Muster", "A. Beispiel-Muster", "PER", "2021-01-01"),
        M(3, 3, "Otto Muster", "Otto Muster", "PER", "2020-01-01"),
        M(4, 4, "Muster", "Muster", "PER", "2020-02-01"),
    ]


def _owner(ids):
    return {sid: i.key for i in ids for sid in i.statement_ids}


def test_merge_joins_two_identities_and_keeps_the_first_name():
    ids = resolve_speakers(_mentions(), [Correction("merge", "Anna Beispiel", "A. Beispiel-Muster")])
    owner = _owner(ids)
    assert owner[1] == owner[2] == "anna beispiel"
    merged = next(i for i in ids if i.key == "anna beispiel")
    assert "A. Beispiel-Muster" in merged.aliases
    assert merged.confidence == 1.0


def test_split_moves_an_alias_out_into_its_own_identity():
    before = _owner(resolve_speakers(_mentions()))
    assert before[3] == before[4]
    after = _owner(resolve_speakers(_mentions(), [Correction("split", "Muster")]))
    assert after[3] == "otto muster"
    assert after[4] == "muster"


def test_alias_add_makes_a_name_findable_and_merges_a_same_named_identity():
    ids = resolve_speakers(_mentions(), [Correction("alias", "Otto Muster", "Der Musterchef")])
    otto = next(i for i in ids if i.key == "otto muster")
    assert "Der Musterchef" in otto.aliases
    ids = resolve_speakers(_mentions(), [Correction("alias", "Otto Muster", "A. Beispiel-Muster")])
    assert _owner(ids)[2] == "otto muster"


def test_corrections_apply_in_order_and_unknown_names_are_ignored():
    corr = [Correction("merge", "Anna Beispiel", "Otto Muster"), Correction("split", "Muster"), Correction("merge", "Nobody", "Anna Beispiel")]
    a = resolve_speakers(_mentions(), corr)
    b = resolve_speakers(list(reversed(_mentions())), corr)
    assert [(i.key, i.statement_ids) for i in a] == [(i.key, i.statement_ids) for i in b]
    owner = _owner(a)
    assert owner[1] == owner[3] == "anna beispiel"
    assert owner[4] == "muster"


def test_unknown_action_is_an_error():
    with pytest.raises(ValueError):
        resolve_speakers(_mentions(), [Correction("rename", "Anna Beispiel", "X")])
