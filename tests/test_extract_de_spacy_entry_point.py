"""spaCy users get the engine as a component by name, through the spacy_factories entry point."""

from quotetracker.nlp import load_pipeline


def test_statements_component_is_added_by_name_and_fills_doc_extension():
    nlp = load_pipeline("de")
    # A copy of the shipped pipeline, so the cached one used by the extractor stays untouched.
    import spacy

    fresh = spacy.blank("de")
    # sourced components do not bring the vocab's static vectors (spaCy warns W113); the tok2vec reads them
    fresh.vocab.vectors = nlp.vocab.vectors
    for name in nlp.pipe_names:
        if name != "quotetracker_statements":
            fresh.add_pipe(name, source=nlp)
    fresh.add_pipe("quotetracker_statements")
    doc = fresh("Die Bürgermeisterin Anna Roth sagte, die Brücke werde im Mai eröffnet.")
    assert [doc.text[s.content.start : s.content.end] for s in doc._.statements] == [
        "die Brücke werde im Mai eröffnet"
    ]
    assert doc._.statements[0].speaker_name == "Anna Roth"
