"""German statement extraction: quotation marks, cues, content, speakers, in-document resolution.

Registers the ``de`` extractor and the spaCy factory ``quotetracker_statements``.
Rules live in data files beside this package (``lexicon/*.json``); the code here
is generic over them:

* ``quotes.py``    pairs quotation marks (nesting, unbalanced, multi-paragraph)
* ``lexicon.py``   loads the cue lexicons (verbs with particle forms, closed classes)
* ``tokens.py``    token view with STTS tags from the pipeline, guessed when missing
* ``phrases.py``   noun phrases for speaker mentions
* ``rules.py``     direct / indirect / reported statements and their cues
* ``coref.py``     speaker names inside the document (pronouns, roles, surnames)
* ``component.py`` the spaCy component; ``extractor.py`` the Extractor
"""

from .component import find_statements, make_statements_component  # noqa: F401
from .extractor import GermanExtractor  # noqa: F401

__all__ = ["GermanExtractor", "find_statements"]
