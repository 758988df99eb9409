"""Given names, German city names and German country names from Faker's locale data (MIT licence),
filtered against the silver news corpus so that words used as common words are left out.

Only used at training time: the result goes into model/gazetteer.tsv (labels FIRST and LOC).
A single-word form is kept when it is capitalised, at least 3 letters long, never seen in lower case in the
silver corpus, and tagged NE in at least half of its silver occurrences (or never seen).
"""

from __future__ import annotations

import importlib
from collections import Counter, defaultdict

import spacy
from spacy.tokens import DocBin

from .paths import WORK

# Latin-script locales whose given names appear in German news.
FIRST_NAME_LOCALES = (
    "de_DE", "de_AT", "de_CH", "en_US", "en_GB", "en_IE", "fr_FR", "it_IT", "es_ES", "es_MX", "pt_BR",
    "pt_PT", "nl_NL", "pl_PL", "cs_CZ", "sk_SK", "tr_TR", "da_DK", "sv_SE", "no_NO", "fi_FI", "hu_HU",
    "hr_HR", "sl_SI", "ro_RO", "lt_LT", "lv_LV", "et_EE",
)
CITY_LOCALES = ("de_DE", "de_AT", "de_CH")
COUNTRY_LOCALES = ("de_DE",)
# (Faker provider kind, locales, provider attributes, gazetteer label)
SOURCES = (
    ("person", FIRST_NAME_LOCALES, ("first_names", "first_names_male", "first_names_female"), "FIRST"),
    ("address", CITY_LOCALES, ("cities",), "LOC"),
    ("address", COUNTRY_LOCALES, ("countries",), "LOC"),
)


def locale_provider(kind: str, locale: str):
    try:
        return importlib.import_module(f"faker.providers.{kind}.{locale}").Provider
    except ImportError:
        return None


def provider_names(provider, attrs: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for attr in attrs:
        values = getattr(provider, attr, None) or ()
        out.update(values.keys() if isinstance(values, dict) else values)
    return out


def silver_stats() -> tuple[Counter, Counter, set[str]]:
    """(NE count per form, tagged count per form, forms seen starting lower-case)."""
    ne, seen, lower = Counter(), Counter(), set()
    vocab = spacy.blank("de").vocab
    for doc in DocBin().from_disk(WORK / "silver_news.spacy").get_docs(vocab):
        for tok in doc:
            seen[tok.text] += 1
            ne[tok.text] += tok.tag_ == "NE"
            if tok.text[:1].islower():
                lower.add(tok.text)
    return ne, seen, lower


def _keep(name: str, ne: Counter, seen: Counter, lower: set[str]) -> bool:
    if len(name) < 3 or not name[:1].isupper() or not name.replace("-", "").isalpha():
        return False
    if name.lower() in lower:
        return False
    return seen[name] == 0 or ne[name] * 2 >= seen[name]


def external_names() -> dict[str, str]:
    """name -> label (FIRST or LOC)."""
    try:
        import faker  # noqa: F401
    except ImportError as exc:  # the shipped gazetteer was built with it: fail rather than differ
        raise SystemExit("training needs Faker: pip install 'quotetracker[train]'") from exc
    ne, seen, lower = silver_stats()
    raw: dict[str, set[str]] = defaultdict(set)
    for kind, locales, attrs, label in SOURCES:
        for loc in locales:
            provider = locale_provider(kind, loc)
            if provider is not None:
                for name in provider_names(provider, attrs):
                    raw[name].add(label)
    out = {}
    for name, labels in sorted(raw.items()):
        # multi-word names are matched as a whole, so only single words need the common-word check
        if len(labels) == 1 and (" " in name or _keep(name, ne, seen, lower)):
            out[name] = labels.pop()
    return out
