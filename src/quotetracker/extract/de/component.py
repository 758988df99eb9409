"""The spaCy component ``quotetracker_statements``: ``doc._.statements`` for German docs.

    nlp = quotetracker.nlp.load_pipeline("de")
    nlp.add_pipe("quotetracker_statements")
    doc = nlp(text); doc._.statements  # list[quotetracker.model.Statement]
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ...model import Span, Statement
from .coref import NameTable, resolve_names
from .rules import DocRules

if not Doc.has_extension("statements"):
    Doc.set_extension("statements", default=None)


def find_statements(doc) -> list[Statement]:
    """All statements of a German Doc, with code-point spans into ``doc.text``."""
    return analyse(doc)[0]


def canonical_name(table: NameTable, ent_text: str, label: str) -> str | None:
    """The fullest form of a person's name in the document (Peskow -> Dmitri Peskow)."""
    if label != "PER":
        return None
    return table.fullest(ent_text)


def analyse(doc) -> tuple[list[Statement], NameTable]:
    """Statements and the document's name table (for canonical entity names)."""
    rules = DocRules(doc)
    found = rules.run()
    text = rules.text  # Doc.text joins every token anew on each access
    table = NameTable(rules.toks, text)
    names = resolve_names(found, rules.toks, text, table)
    out: list[Statement] = []
    for f, name in zip(found, names):
        speaker = rules.chars(*f.speaker) if f.speaker else None
        label = None
        if f.speaker:
            ents = {rules.toks[k].ent for k in range(*f.speaker)} - {""}
            label = "PER" if "PER" in ents else ("ORG" if "ORG" in ents else None)
        meta = {"rule": f.rule}
        if f.nested:
            meta["nested"] = True
        out.append(
            Statement(
                content=Span(*f.content),
                kind=f.kind,
                cue=Span(*f.cue) if f.cue else None,
                speaker=Span(*speaker) if speaker else None,
                speaker_name=name,
                speaker_label=label,
                confidence=f.confidence,
                meta=meta,
            )
        )
    return out, table


class StatementsComponent:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.statements = find_statements(doc)
        return doc


@Language.factory("quotetracker_statements")
def make_statements_component(nlp: Language, name: str) -> StatementsComponent:
    return StatementsComponent(nlp, name)
