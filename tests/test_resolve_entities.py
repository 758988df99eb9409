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


def test_entity_mentions_never_change_speaker_identities():
    from quotetracker.resolve import resolve_speakers

    speakers = [
        SpeakerMention(1, 1, "Siegmar Gabriel", "Siegmar Gabriel", "PER", "2009-05-01"),  # the source's typo
        SpeakerMention(2, 2, "Sigmar Gabriel", "Sigmar Gabriel", "PER", "2009-06-01"),
        SpeakerMention(3, 3, "Thomas Müller", "Thomas Müller", "PER", "2009-06-01"),
        SpeakerMention(4, 4, "Müller", "Müller", "PER", "2009-06-02"),
    ]
    refs = [
        E(1, 1, "Sigmar Gabriel", "Sigmar Gabriel", "PER", "2009-05-01"),  # both spellings in one article
        E(2, 4, "Gerd Müller", "Gerd Müller", "PER", "2009-06-02"),  # a second Müller, only mentioned
        E(3, 5, "Müller", "Müller", "PER", "2009-06-03"),
    ]

    def grouping(identities):
        return sorted(sorted(i.statement_ids) for i in identities if i.statement_ids)

    joint = resolve_identities(speakers, refs)
    assert grouping(joint) == grouping(resolve_speakers(speakers)) == [[1, 2], [3, 4]]
    owner = {mid: i for i in joint for mid in i.entity_mention_ids}
    assert owner[1].statement_ids == [1, 2]  # the mention joins the speaker
    assert not owner[2].statement_ids  # Gerd Müller: an identity of his own, not a speaker
    assert sorted(i.entity_mention_ids for i in joint if 2 in i.entity_mention_ids) == [[2]]
    assert len({i.key for i in joint}) == len(joint)


def test_a_mention_at_the_speaker_span_is_that_speaker():
    speakers = [SpeakerMention(10, 1, "Lena Hoff", "Ministerin", "PER", "2021-01-01"), SpeakerMention(11, 2, "Tom Brink", "Brink", "PER", "2021-01-02")]
    refs = [
        E(1, 1, "Ministerin", None, "PER", "2021-01-01", speaker_of=10),  # no name at all, but it is the speaker's span
        E(2, 2, "Brink", "Brink", "PER", "2021-01-02", speaker_of=11),
        E(3, 2, "Brink", "Brink", "PER", "2021-01-02"),  # the same name again elsewhere in the article: clustered once
        E(4, 3, "Ministerin", None, "PER", "2021-01-05"),  # elsewhere: a bare role stays apart
    ]
    owner = {mid: i for i in resolve_identities(speakers, refs) for mid in i.entity_mention_ids}
    assert owner[1].statement_ids == [10]
    assert owner[2].statement_ids == owner[3].statement_ids == [11]
    assert 4 not in owner or owner[4].statement_ids != [10]
