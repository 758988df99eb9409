"""Entity identities, shared with speaker identities."""

from quotetracker.resolve import EntityRef, SpeakerMention, resolve_entities, resolve_identities

E = EntityRef


def test_entities_group_by_normalised_name_within_their_label():
    refs = [
        E(1, 1, "Nato", "Nato", "ORG", "2020-01-01"),
        E(2, 2, "NATO", "NATO", "ORG", "2021-01-01"),
        E(3, 3, "Moskau", "Moskau", "LOC", "2021-01-01"),
        E(4, 4, "Lawrow", "Sergej Lawrow", "PER", "2021-01-01"),
        E(5, 5, "Lavrov", "Sergey Lavrov", "PER", "2021-02-01"),
        E(6, 6, "Moskau", "Moskau", "ORG", "2021-01-01"),  # the label keeps a club apart from the city
    ]
    ids = resolve_entities(refs)
    owner = {mid: i.key for i in ids for mid in i.entity_mention_ids}
    assert owner[1] == owner[2]
    assert owner[4] == owner[5] == "sergej lawrow" or owner[4] == owner[5] == "sergey lavrov"
    assert owner[3] != owner[1]
    assert len({i.key for i in ids}) == len(ids)
    moskau = [i for i in ids if 3 in i.entity_mention_ids or 6 in i.entity_mention_ids]
    assert len(moskau) == 2


def test_speakers_and_entities_share_one_identity():
    speakers = [SpeakerMention(10, 1, "Dmitri Peskow", "Kreml-Sprecher Dmitri Peskow", "PER", "2020-03-04")]
    refs = [E(1, 2, "Peskov", "Dmitry Peskov", "PER", "2020-04-01"), E(2, 3, "Peskows", "Peskows", "PER", "2020-04-02")]
    (ident,) = resolve_identities(speakers, refs)
    assert ident.statement_ids == [10]
    assert ident.entity_mention_ids == [1, 2]
