"""Noun phrases for speaker mentions, found with POS patterns (no parser needed).

A speaker phrase is ``[det] [adj]* noun+ [genitive attribute]* [(party)]``
(*der russische Außenminister Sergej Lawrow*, *ein Sprecher des Ministeriums*,
*Peskow*, *die Polizei*) or a personal pronoun (*er*, *sie*).
"""

from __future__ import annotations

from .lexicon import words
from .tokens import Tok, is_adj, is_det, is_noun, is_role_noun, is_source_noun

# adverbs that may stand between a cue verb and its subject (sagte auch der Minister)
SKIPPABLE = frozenset(
    "auch außerdem zudem jedoch aber dazu bereits noch nun schon dann damals weiter weiterhin ferner "
    "gleichzeitig zugleich ebenfalls allerdings indes indessen inzwischen später zuvor daraufhin darin "
    "darüber dabei hierzu zuletzt gestern heute vorgestern morgen abends erst kürzlich unlängst nämlich "
    "sogar demnach so".split()
)
GENITIVE_DETS = frozenset("des der eines einer dieses dieser seines seiner ihres ihrer".split())
PRONOUNS = frozenset("er sie es ich wir ihr man".split())


def np_at(toks: list[Tok], i: int, limit: int, coordinated: bool = False) -> tuple[int, int] | None:
    """The noun phrase starting at token i (not past ``limit``), as [i, j) token indices."""
    if i >= limit:
        return None
    t = toks[i]
    if t.tag != "PPOSAT" and (t.tag in ("PPER", "PIS") or t.lower in PRONOUNS and (not t.is_cap or t.sent_start)):
        if t.lower in PRONOUNS:
            return (i, i + 1)
    if t.tag == "PDS" and t.lower.startswith(("dies", "jene")):  # "Diese bestätigte, ..."
        return (i, i + 1)
    if t.text in ("Von", "Van", "De") and i + 2 < limit and toks[i + 1].lower in ("der", "den", "la") \
            and toks[i + 2].is_cap:  # "Von der Leyen betonte"
        return (i, i + 3)
    j = i
    if t.tag == "PIS" and t.lower in ("einer", "eine", "viele", "einige", "manche", "beide", "alle", "mehrere"):
        # "Einer der 13 beteiligten Feuerwehrmänner": an indefinite head with a genitive
        if i + 1 < limit and toks[i + 1].lower in GENITIVE_DETS:
            inner = np_at(toks, i + 2, limit)
            if inner is not None:
                return (i, inner[1])
    if is_det(toks[j]) or toks[j].lower in words()["determiners"] and toks[j].tag in ("ART", "XY", "PIAT", "PPOSAT", "PDAT",
                                                                                         "PRELAT", "PDS"):
        j += 1
    # a quoted name as the head: die „Computerwoche“, der Sender „Channel 10“
    if j < limit and toks[j].text in "„“\"»«" and j + 1 < limit and toks[j + 1].is_cap:
        close = next((m for m in range(j + 1, min(limit, j + 7)) if toks[m].text in "“”\"«»"), None)
        if close is not None and j > i:
            return (i, close + 1)
    while j < limit and (is_adj(toks[j]) or toks[j].tag in ("ADJD", "ADV") and j + 1 < limit and is_adj(toks[j + 1])):
        j += 1
    k = j
    while k < limit and (_nominal(toks[k]) or toks[k].text in "’'" and k > j and k + 1 < limit
                         and toks[k + 1].is_cap and toks[k - 1].is_cap):  # O’Leary
        k += 1
    if k == j:
        # nominalised adjective: der 39-Jährige, die Grünen, der Abgeordnete
        if j > i and _nominal_adjective(toks[j - 1]):
            k = j
        else:
            return None
    j = k
    # genitive attributes and "von"-attributes: des Ministeriums, der Grünen, von Greenpeace
    while j < limit:
        t = toks[j]
        if t.lower in GENITIVE_DETS and not t.is_cap or (t.lower in ("von", "vom") and j + 1 < limit
                                                          and (toks[j + 1].is_cap or is_det(toks[j + 1]))):
            k = j + 1
            while k < limit and (is_adj(toks[k]) or is_det(toks[k])):
                k += 1
            m = k
            while m < limit and _nominal(toks[m]):
                m += 1
            if m == k:
                break
            j = m
            continue
        if t.text == "(":  # (SPD), (National Environment Management Authority, NEMA)
            close = next((m for m in range(j + 1, min(limit, j + 16)) if toks[m].text == ")"), None)
            if close is not None and toks[j + 1].is_cap:
                j = close + 1
                continue
        if t.text in "„“\"»«" and j + 1 < limit and toks[j + 1].is_cap:  # der Sender „Channel 10“
            close = next((m for m in range(j + 1, min(limit, j + 7)) if toks[m].text in "“”\"«»"), None)
            if close is not None:
                j = close + 1
                continue
        # coordination of names or phrases: Sonia und Willy Bogner, die Polizei und die Feuerwehr
        if t.lower in ("und", "sowie") and j + 1 < limit and not coordinated:
            other = np_at(toks, j + 1, limit, coordinated=True)
            if other is not None and (toks[j + 1].is_cap or is_det(toks[j + 1])) and toks[j + 1].lower not in PRONOUNS:
                j = other[1]
                continue
        break
    return (i, j)


def _nominal_adjective(t: Tok) -> bool:
    last = t.text.split("-")[-1]
    return t.tag == "ADJA" and last[:1].isupper()


def _nominal(t: Tok) -> bool:
    if is_noun(t):
        return True
    if t.is_cap and not t.sent_start and t.tag.startswith("V"):  # a name the tagger took for a verb
        return True
    if "-" in t.text and t.text.split("-")[-1][:1].isupper():  # der 39-Jährige
        return True
    # names the tagger missed: a capitalised token that is not a closed-class word
    return t.is_cap and t.tag in ("XY", "FM", "NE", "NN", "ADJA") and t.lower not in words()["subordinators"]


def np_after(toks: list[Tok], i: int, limit: int) -> tuple[int, int] | None:
    """The first noun phrase at or after i, skipping adverbs and one prepositional phrase."""
    j = i
    skipped_pp = False
    while j < limit:
        t = toks[j]
        if t.lower in SKIPPABLE and not t.is_cap or t.lower == "sich" or t.tag in ("ADV", "PTKNEG") and not t.is_cap:
            j += 1
            continue
        if (t.tag == "APPR" or t.tag == "APPRART" or t.lower in words()["prepositions"]) and not skipped_pp and not t.is_cap:
            # am Montag / in Berlin / gegenüber der Zeitung: skip the whole phrase
            inner = np_at(toks, j + 1, limit)
            if inner is None:
                if j + 1 < limit and (toks[j + 1].tag == "CARD" or toks[j + 1].text[:1].isdigit()):
                    j += 2
                    continue
                return None
            j = inner[1]
            skipped_pp = True
            continue
        if t.tag == "CARD" and j + 1 < limit and toks[j + 1].is_cap:  # am 3. Mai
            j += 1
            continue
        return np_at(toks, j, limit)
    return None


def np_ending_at(toks: list[Tok], end: int, start_limit: int) -> tuple[int, int] | None:
    """The noun phrase that ends right before token ``end`` (for *X zufolge*)."""
    for i in range(max(start_limit, end - 8), end):
        span = np_at(toks, i, end)
        if span and span[1] == end:
            return span
    return None


def speaker_name_of(toks: list[Tok], span: tuple[int, int], text: str) -> str | None:
    """The name inside a speaker phrase: its PER/ORG entity, else its trailing capitalised run."""
    i, j = span
    # "Angaben des Kremls", "nach Worten von Peskow": the source is the attribute
    head = next((k for k in range(i, j) if toks[k].tag == "NN" or toks[k].is_cap and toks[k].tag != "ART"), None)
    if head is not None and is_source_noun(toks[head]):
        k = head + 1
        if k < j and (toks[k].lower in GENITIVE_DETS or toks[k].lower in ("von", "vom")):
            inner = np_at(toks, k + 1, j) if toks[k].lower in ("von", "vom") else (k, j)
            if inner is not None:
                return speaker_name_of(toks, (inner[0], j), text)
        return None  # "eigenen Angaben", "bisherigen Erkenntnissen": no name here
    orgs = [k for k in range(i, j) if toks[k].ent == "ORG"]
    if orgs and not any(toks[k].ent == "PER" for k in range(i, j)):
        a = orgs[0]
        b = a
        while b < j and toks[b].ent == "ORG":
            b += 1
        return _nominative_name(toks, a, b, text)
    if j - i == 1 and toks[i].lower in PRONOUNS:
        return None
    from .coref import name_run_end, name_start  # the same name boundaries as the document's name table

    per = next((k for k in range(i, j) if toks[k].ent == "PER" or toks[k].tag == "NE" and not is_role_noun(toks[k])), None)
    per = name_start(toks, per, j) if per is not None and toks[per].ent != "ORG" else None
    if per is not None:
        end = min(name_run_end(toks, per), j)
        if end > per:
            return text[toks[per].start : toks[end - 1].end]
    ents = [k for k in range(i, j) if toks[k].ent in ("PER", "ORG")]
    if ents:
        # the longest contiguous run of entity tokens
        best: list[int] = []
        run: list[int] = []
        for k in range(i, j):
            if toks[k].ent in ("PER", "ORG") or (run and toks[k].text in "’'" and k + 1 < j and toks[k + 1].ent):
                run.append(k)
            else:
                if len(run) > len(best):
                    best = run
                run = []
        if len(run) > len(best):
            best = run
        return text[toks[best[0]].start : toks[best[-1]].end]
    # no NER: drop a leading determiner; anonymous indefinite phrases (ein Sprecher) have no name
    if toks[i].lower in ("ein", "eine", "einer", "eines", "einem", "einen", "mehrere", "einige", "zahlreiche"):
        return None
    article = None
    if is_det(toks[i]) or toks[i].lower in words()["determiners"]:
        article = toks[i].lower
        i += 1
    if i >= j:
        return None
    return _nominative_name(toks, i, j, text, article)


_STRONG_ENDING = {"der": "r", "das": "s", "die": ""}  # der oberste Gerichtshof -> Oberster Gerichtshof


def _nominative_name(toks: list[Tok], i: int, j: int, text: str, article: str | None = None) -> str:
    """The phrase as a name, in the nominative where the pipeline's lemma tells (des Kremls -> Kreml);
    without its article an adjective takes the strong ending and a capital (das auswärtige Amt ->
    Auswärtiges Amt, die zentrale Wahlkommission -> Zentrale Wahlkommission)."""
    if article in _STRONG_ENDING and j - i >= 2 and toks[i].tag == "ADJA" and toks[i].lower.endswith("e") \
            and toks[j - 1].is_cap and all(toks[m].tag == "ADJA" or toks[m].is_cap for m in range(i, j)):
        first = toks[i].text[:1].upper() + toks[i].text[1:] + _STRONG_ENDING[article]
        return first + text[toks[i].end : toks[j - 1].end]
    if toks[i].lower in GENITIVE_DETS | {"dem", "den"}:
        i += 1
    i = skip_class_noun(toks, i, j)
    if j - i == 1 and toks[i].lemma and toks[i].lemma != toks[i].text and toks[i].lemma[:1].isupper() \
            and toks[i].text.startswith(toks[i].lemma):
        return toks[i].lemma
    name = text[toks[i].start : toks[j - 1].end]
    # "laut Deutschem Wetterdienst": a strong dative adjective with no article -> nominative
    if toks[i].tag == "ADJA" and toks[i].is_cap and toks[i].lower.endswith("em") and j - i >= 2 \
            and (i == 0 or not is_det(toks[i - 1])):
        name = toks[i].text[:-2] + "er" + name[len(toks[i].text):]
    return name


def skip_class_noun(toks: list[Tok], i: int, j: int) -> int:
    """Past a class noun standing before a proper name (die Gewerkschaft IG Metall -> IG Metall);
    a genitive or adjective after it is part of the name (Verband Deutscher Verkehrsunternehmen)."""
    if j - i >= 2 and toks[i].text in words()["name_class_nouns"] and toks[i + 1].is_cap \
            and toks[i + 1].tag in ("NE", "NN", "FM", "XY") and toks[i + 1].ent not in ("PER", "LOC"):
        return i + 1
    return i
