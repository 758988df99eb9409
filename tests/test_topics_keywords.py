"""User-defined keyword topics: matching rules and config files."""

import json

from quotetracker.topics import KeywordTopic, default_topics, load_topics, match_topics, topic_hits


def test_default_topics_cover_common_news_topics():
    names = {t.name for t in default_topics()}
    assert {"ruestungskontrolle", "ukraine-krieg", "wahlen", "klima", "migration", "wirtschaft", "gesundheit", "energie"} <= names


def test_german_and_english_statements_match_by_prefix_lemma_and_phrase():
    topics = default_topics()
    assert match_topics("Die Rüstungskontrolle ist am Ende, sagte er über den New-START-Vertrag.", topics, "de", min_hits=1) == ["ruestungskontrolle"]
    assert "migration" in match_topics("Die Flüchtlinge beantragten Asyl.", topics, "de", min_hits=1)
    assert "ruestungskontrolle" in match_topics("Arms control talks about nuclear weapons stalled.", topics, "en", min_hits=1)
    assert "klima" in match_topics("Der Klimaschutz kostet Geld.", topics, "de", min_hits=1)
    assert match_topics("Der Hund bellte laut.", topics, "de", min_hits=1) == []


def test_documents_need_min_hits_distinct_keywords():
    topic = KeywordTopic("klima", "Klima", ("klima*", "co2*", "emission*"), min_hits=2)
    assert match_topics("Das Klima ist rau.", [topic], "de") == []
    assert match_topics("Das Klima leidet unter CO2-Emissionen.", [topic], "de") == ["klima"]


def test_suffix_and_infix_patterns():
    topic = KeywordTopic("krieg", "Krieg", ("*krieg", "*rakete*"))
    assert topic_hits("Der Bürgerkrieg und die Kurzstreckenraketen", [topic]) == {"krieg": {"*krieg", "*rakete*"}}


def test_config_files_in_toml_json_yaml(tmp_path):
    toml = tmp_path / "t.toml"
    toml.write_text('[topics.bahn]\nlabel = "Bahn"\nkeywords = ["bahn*", "zug"]\nmin_hits = 1\n', encoding="utf-8")
    js = tmp_path / "t.json"
    js.write_text(json.dumps({"topics": [{"name": "bahn", "keywords": ["bahn*", "zug"], "min_hits": 1}]}), encoding="utf-8")
    yml = tmp_path / "t.yml"
    yml.write_text("topics:\n  - name: bahn\n    keywords: [bahn*, zug]\n    min_hits: 1\n", encoding="utf-8")
    for path in (toml, js, yml):
        topics = load_topics(path)
        assert [t.name for t in topics] == ["bahn"]
        assert match_topics("Die Bahnstrecke ist gesperrt.", topics, "de") == ["bahn"]


def test_environment_variable_selects_the_topics_file(tmp_path, monkeypatch):
    js = tmp_path / "t.json"
    js.write_text(json.dumps({"topics": [{"name": "x", "keywords": ["xylophon"]}]}), encoding="utf-8")
    monkeypatch.setenv("QUOTETRACKER_TOPICS", str(js))
    assert [t.name for t in load_topics()] == ["x"]


def test_a_document_naming_one_keyword_often_is_about_it():
    topic = KeywordTopic("klima", "Klima", ("klima*", "co2*"), min_hits=2)
    assert match_topics("Das Klima. Wieder das Klima.", [topic], "de") == []
    assert match_topics("Das Klima. Wieder das Klima. Immer das Klima.", [topic], "de") == ["klima"]
