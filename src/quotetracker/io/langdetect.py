"""Language of a text, by py3langid (BSD) restricted to common news languages.

Restricting the label set keeps short German and English paragraphs from being
labelled as a close relative (Luxembourgish, Afrikaans, Frisian...).
"""

from __future__ import annotations

import re
import threading

__all__ = ["detect_language", "LANGUAGES", "UNDETERMINED"]

# Common languages of European and world news; extend here, not in code.
LANGUAGES = (
    "de", "en", "fr", "es", "it", "nl", "pt", "pl", "cs", "da", "sv", "no", "fi",
    "ru", "uk", "tr", "el", "hu", "ro", "ar", "zh", "ja",
)
UNDETERMINED = "und"  # ISO 639-2 for "undetermined": text without letters
SAMPLE_CHARS = 4000  # enough for a stable guess; keeps long documents cheap

_LETTER_RE = re.compile(r"[^\W\d_]")
_lock = threading.Lock()
_identifier = None


def _get_identifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid import langid

            ident = langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE)
            ident.set_languages(list(LANGUAGES))
            _identifier = ident
    return _identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` (one of :data:`LANGUAGES`), or ``"und"``."""
    sample = text[:SAMPLE_CHARS]
    if not _LETTER_RE.search(sample):
        return UNDETERMINED
    lang, _score = _get_identifier().classify(sample)
    return lang
