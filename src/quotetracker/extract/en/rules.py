"""English statements from a tokenized Doc (no tagger needed): quotes, *said*-clauses, *according to*.

Patterns: “…,” X said / X said: “…” / a long quote on its own (speaker from the statement
before); X said (that) CLAUSE / CLAUSE, X said / According to X, CLAUSE. Speaker phrases are
found by capitalisation and a small word list (lexicon/cues.json), also before a parenthesis
(*Sen. X (D-Ore.) said*), before a longer apposition (*X, director of …, said*) and as a short
determiner phrase opening the sentence (*The bank said*). ''…'' counts as quotation marks.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..de.quotes import QuotePart, find_quotes

_END = {".", "!", "?"}
_CLAUSE = {",", ";", ":", "—", "–", "(", ")"}
_BE = {"is", "was", "are", "were", "be", "been"}
_DETERMINERS = {"the", "many", "several", "some", "most", "other", "both", "all", "few", "two", "three"}
_DOUBLE_APOSTROPHE = re.compile(r"''")


def double_apostrophes_as_quotes(text: str) -> str:
    """The New York Times' archive text writes quotation marks as two apostrophes (''This isn't reform,''
    said X). Each pair becomes a space and a '"' (opening) or a '"' and a space (closing), so every
    character offset stays where it was. English only: German Wikinews text uses '' as wiki markup."""

    def mark(m: re.Match) -> str:
        i = m.start()
        opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "([—–-"
        return ' "' if opening else '" '

    return _DOUBLE_APOSTROPHE.sub(mark, text) if "''" in text else text


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = json.loads((Path(__file__).parent / "lexicon" / "cues.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) if isinstance(v, list) else v for k, v in data.items()}


@lru_cache(maxsize=1)
def _topic_cues_by_first_word() -> dict[str, list[list[str]]]:
    """topic_cues by their first word: one lookup per token instead of a scan of every cue."""
    out: dict[str, list[list[str]]] = {}
    for cue in lexicon()["topic_cues"]:
        words = cue.split()
        out.setdefault(words[0], []).append(words)
    return out


@dataclass(slots=True)
class EnFound:
    content: tuple[int, int]
    kind: str
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None  # characters
    sent: int
    confidence: float
    rule: str


class EnRules:
    def __init__(self, doc) -> None:
        self.text = doc.text
        self.toks = [t for t in doc if not t.is_space]
        self.lex = lexicon()
        self.top = [q for q in find_quotes(double_apostrophes_as_quotes(self.text)) if q.depth == 0]
        self.qof = [self._quote_at(t.idx) for t in self.toks]
        self.sents = self._sentences(doc)
        self.found: list[EnFound] = []

    # -- setup ---------------------------------------------------------------
    def _quote_at(self, pos: int) -> QuotePart | None:
        for q in self.top:
            if q.open <= pos < max(q.outer_end, q.end):
                return q
        return None

    def _sentences(self, doc) -> list[tuple[int, int]]:
        if not self.toks:
            return []
        starts = {0}
        for k, t in enumerate(self.toks):
            if t.is_sent_start:
                starts.add(k)
            if k and "\n" in self.text[self.toks[k - 1].idx + len(self.toks[k - 1]) : t.idx]:
                starts.add(k)
            # a quotation opening after a full stop starts a sentence (the sentencizer may miss it)
            if k and self.toks[k - 1].text in _END and self.qof[k] is not None and self.qof[k - 1] is None:
                starts.add(k)
        for k in list(starts):
            q = self.qof[k]
            if k and q is not None and q.closed and self.qof[k - 1] is q and \
                    "\n" not in self.text[self.toks[k - 1].idx : self.toks[k].idx]:
                starts.discard(k)
        order = sorted(starts)
        return [(a, order[i + 1] if i + 1 < len(order) else len(self.toks)) for i, a in enumerate(order)]

    # -- helpers -------------------------------------------------------------
    def span(self, i: int, j: int) -> tuple[int, int]:
        return (self.toks[i].idx, self.toks[j - 1].idx + len(self.toks[j - 1]))

    def is_cue(self, k: int) -> bool:
        t = self.toks[k]
        return self.qof[k] is None and t.lower_ in self.lex["verbs"] and t.text[:1].islower()

    def _np_word(self, k: int) -> bool:
        t = self.toks[k]
        return t.text[:1].isupper() or t.lower_ in self.lex["np_words"] or t.text in ("-", "'s", "’s")

    def speaker_before(self, k: int, lo: int) -> tuple[int, int] | None:
        """The subject phrase ending before cue k: he / Trump / The senator from Ohio."""
        j = k
        while j > lo and self.toks[j - 1].lower_ in self.lex["adverbs"] and not self.toks[j - 1].text[:1].isupper():
            j -= 1
        # "Sen. David Perdue (R-Ga.) said": the speaker stands before a short parenthesis
        if j > lo and self.toks[j - 1].text == ")":
            for m in range(j - 2, max(lo, j - 8) - 1, -1):
                if self.toks[m].text == "(":
                    j = m
                    break
                if self.toks[m].text in _END or self.qof[m] is not None:
                    break
        if j == lo:
            return None
        # "The store's owner, Maria Lopez, said": the name in the apposition
        if self.toks[j - 1].text == ",":
            m = j - 2
            while m > lo and self.toks[m].text[:1].isupper() and self.qof[m] is None:
                m -= 1
            if m < j - 2 and self.toks[m].text == "," and j - 2 - m <= 3:
                return (m + 1, j - 1)
        # "Greg Thompson, who voted against the plan, said": the subject stands before the insertion
        if self.toks[j - 1].text == ",":
            for m in range(j - 2, max(lo, j - 16) - 1, -1):
                if self.toks[m].text == "," and m + 1 < j and self.toks[m + 1].lower_ in ("who", "which"):
                    j = m
                    break
                if self.toks[m].text in _CLAUSE or self.toks[m].text in _END:
                    break
        if self.toks[j - 1].text == ",":
            named = self._name_before_apposition(j - 1, lo)
            if named is not None:
                return named
        if self.toks[j - 1].lower_ in self.lex["pronouns"]:
            return (j - 1, j)
        i = j
        while i > lo and j - i < 8 and self._np_word(i - 1) and self.qof[i - 1] is None:
            i -= 1
        while i < j and self.toks[i].lower_ in ("and", "of", "for", "at", "who"):
            i += 1
        if i == j and self._determiner_phrase(lo, j):
            return (lo, j)
        if i == j or not any(self.toks[m].text[:1].isupper() or self.toks[m].lower_ not in ("the", "a", "an")
                             for m in range(i, j)):
            return None
        return (i, j)

    def _determiner_phrase(self, lo: int, j: int) -> bool:
        """"The bank said", "Several cast members said": a short lower-case phrase opened by a
        determiner at the start of the clause (no tagger here: words, not cues, quotes or punctuation)."""
        if not 2 <= j - lo <= 4 or self.toks[lo].lower_ not in _DETERMINERS:
            return False
        for m in range(lo + 1, j):
            word = self.toks[m].text
            lower = word.lower()
            if not (word.isalpha() and word.islower()) or self.qof[m] is not None or lower.endswith("ly") \
                    or lower in _BE or any(lower in self.lex[k] for k in ("verbs", "pronouns", "adverbs")):
                return False
        return True

    def _name_before_apposition(self, comma: int, lo: int) -> tuple[int, int] | None:
        """"Richard Revesz, director of the institute at New York University, said": a name of 1-4
        capitalised words opens the clause, a description (with lower-case words) follows between
        commas; the name is the speaker."""
        lower = False
        for m in range(comma - 1, max(lo, comma - 20) - 1, -1):
            t = self.toks[m]
            if self.qof[m] is not None or t.text in _END or t.text in (";", ":") or t.lower_ in self.lex["verbs"]:
                return None
            if t.text != ",":
                lower = lower or t.text[:1].islower()
                continue
            start = m
            while start > lo and m - start < 4 and self.toks[start - 1].text[:1].isupper() \
                    and self.qof[start - 1] is None:
                start -= 1
            opens = start == lo or self.toks[start - 1].text in _CLAUSE | _END \
                or self.toks[start - 1].lower_ in ("but", "and")
            return (start, m) if lower and start < m and opens else None
        return None

    def speaker_after(self, k: int, hi: int) -> tuple[int, int] | None:
        """The subject after an inverted cue: said Trump / said the senator."""
        i = k + 1
        if i < hi and self.toks[i].lower_ in self.lex["pronouns"]:
            return (i, i + 1)
        j = i
        while j < hi and j - i < 8 and self._np_word(j) and self.toks[j].text not in _CLAUSE:
            j += 1
        if j > i and any(self.toks[m].text[:1].isupper() or self.toks[m].lower_ in self.lex["np_words"]
                         for m in range(i, j)) and self.toks[i].lower_ not in ("of", "for", "at", "and"):
            return (i, j)
        return None

    def add(self, f: EnFound) -> None:
        s, e = f.content
        while s < e and (self.text[s].isspace() or self.text[s] in ",;:"):
            s += 1
        while e > s and (self.text[e - 1].isspace() or self.text[e - 1] in ",;:"):
            e -= 1
        if e - s < 3:
            return
        if f.kind == "indirect":
            # "said that voting fraud is “a big problem”": the clause with its quoted fragment is one
            # mixed statement (as PolNeAR marks it), not the fragment alone
            inside = [g for g in self.found if g.kind == "direct" and g.sent == f.sent and s <= g.content[0]
                      and g.content[1] <= e and (g.content[1] - g.content[0]) < (e - s)]
            if inside:
                for g in inside:
                    self.found.remove(g)
                f.kind = "mixed"
        for g in self.found:
            inter = min(e, g.content[1]) - max(s, g.content[0])
            if inter > 0 and inter >= 0.5 * (max(e, g.content[1]) - min(s, g.content[0])):
                return
        f.content = (s, e)
        self.found.append(f)

    # -- patterns ------------------------------------------------------------
    def run(self) -> list[EnFound]:
        for si, (a, b) in enumerate(self.sents):
            self.direct(si, a, b)
            self.indirect(si, a, b)
            self.topic(si, a, b)
        self.inherit()
        self.found.sort(key=lambda f: f.content)
        return self.found

    def _first_tok_at(self, pos: int) -> int:
        for k, t in enumerate(self.toks):
            if t.idx + len(t) > pos:
                return k
        return len(self.toks)

    def direct(self, si: int, a: int, b: int) -> None:
        s0, s1 = self.toks[a].idx, self.toks[b - 1].idx + len(self.toks[b - 1])
        for q in [q for q in self.top if s0 <= q.open < s1]:
            words = self.text[q.start : q.end].split()
            caps = sum(w[:1].isupper() for w in words)
            if not words or len(words) <= 7 and caps >= 0.6 * len(words) and words[-1][-1:] not in ".!?,":
                continue  # titles and names: The Old Man and the Sea
            cue = spk = None
            k = self._first_tok_at(q.outer_end)
            while k < b and self.toks[k].idx < q.outer_end:
                k += 1
            # “…,” X said / “…,” said X
            for m in range(k, min(b, k + 9)):
                if self.qof[m] is not None or self.toks[m].text in _END:
                    break
                if self.is_cue(m):
                    cue = m
                    spk = self.speaker_before(m, k) or self.speaker_after(m, b)
                    break
            if cue is None:  # X said: “…”
                k0 = self._first_tok_at(q.open)
                for m in range(k0 - 1, max(a, k0 - 12) - 1, -1):
                    if self.qof[m] is not None:
                        break
                    if self.is_cue(m):
                        cue = m
                        spk = self.speaker_before(m, a) or self.speaker_after(m, k0)
                        break
            if cue is None and len(words) < 6:
                continue
            kind = "direct"
            self.add(EnFound((q.start, q.end), kind, self.span(cue, cue + 1) if cue is not None else None,
                             self.span(*spk) if spk else None, si, 0.8 if cue is not None else 0.5,
                             "direct" if cue is not None else "direct-nocue"))

    def indirect(self, si: int, a: int, b: int) -> None:
        toks = self.toks
        end = b
        while end > a and toks[end - 1].text in _END | {'"', "”", "’"}:
            end -= 1
        # According to X, CLAUSE  /  CLAUSE, according to X
        for k in range(a, end - 1):
            if self.qof[k] is None and toks[k].lower_ == "according" and toks[k + 1].lower_ == "to":
                m = k + 2
                while m < end and toks[m].text not in _CLAUSE:
                    m += 1
                spk = (k + 2, m) if m > k + 2 else None
                cue = self.span(k, k + 2)
                if k == a and m + 1 < end:
                    self.add(EnFound(self.span(m + 1, end), "indirect", cue, self.span(*spk) if spk else None,
                                     si, 0.7, "according"))
                elif k > a + 2:
                    stop = k - 1 if toks[k - 1].text == "," else k
                    self.add(EnFound(self.span(a, stop), "indirect", cue, self.span(*spk) if spk else None,
                                     si, 0.7, "according"))
                return
        for k in range(a, end):
            if not self.is_cue(k):
                continue
            # CLAUSE, X said  /  CLAUSE, said X
            if k > a + 3:
                c = k - 1
                spk = None
                if toks[c].text == ",":
                    spk = self.speaker_after(k, end)
                else:
                    spk = self.speaker_before(k, a)
                    c = spk[0] - 1 if spk else c
                # nothing but time and place words may follow: "..., X said on Friday", "..., he told reporters"
                rest = range((spk[1] if spk is not None and spk[0] > k else k + 1), end)
                after_ok = k + 1 >= end or toks[k + 1].text in _CLAUSE \
                    or all(toks[m].lower_ in self.lex["trailing"] or toks[m].text in _CLAUSE for m in rest)
                if spk is not None and c > a + 2 and toks[c].text == "," and after_ok and self.qof[c - 1] is None:
                    self.add(EnFound(self.span(a, c), "indirect", self.span(k, k + 1), self.span(*spk), si, 0.7,
                                     "said-after"))
                    return
            # X said (that) CLAUSE
            spk = self.speaker_before(k, a)
            if spk is None:
                continue
            m = k + 1
            if toks[k].lower_ in self.lex["object_verbs"]:
                # told reporters that / how ...; told his advisers to ... (the order with its addressee)
                for x in range(m, min(end, m + 6)):
                    if toks[x].lower_ in ("that", "how", "why", "what", "whether", "if"):
                        m = x
                        break
                    if toks[x].lower_ == "to" and x > m and self.qof[x] is None:
                        break  # m stays at the addressee
                else:
                    continue
            while m < end and (toks[m].text in (",", ":") or toks[m].lower_ in ("on", "monday", "tuesday",
                               "wednesday", "thursday", "friday", "saturday", "sunday", "in", "a", "an",
                               "statement", "interview")):
                m += 1
            if end - m >= 3 and self.qof[m] is None:
                self.add(EnFound(self.span(m, end), "indirect", self.span(k, k + 1), self.span(*spk), si, 0.6,
                                 "said-before"))
                return

    def topic(self, si: int, a: int, b: int) -> None:
        """X welcomed / criticized / commented on / called for TOPIC: the topic is the statement."""
        toks = self.toks
        end = b
        while end > a and toks[end - 1].text in _END | {'"', "”", "’"}:
            end -= 1
        for k in range(a + 1, end):
            if self.qof[k] is not None or not toks[k].text[:1].islower():
                continue
            n = 0
            for words in _topic_cues_by_first_word().get(toks[k].lower_, ()):
                if [t.lower_ for t in toks[k : k + len(words)]] == words:
                    n = len(words)
                    break
            marker = self.lex["topic_cues_with"].get(toks[k].lower_)
            if marker:  # accused X of Y -> Y; urged X to Y -> to Y
                at = next((x for x in range(k + 1, min(end, k + 10)) if toks[x].lower_ == marker), None)
                if at is None:
                    continue
                n = at + (1 if marker == "of" else 0) - k
            if not n:
                continue
            s0 = k
            while s0 > a + 1 and toks[s0 - 1].lower_ in self.lex["topic_cue_preceders"]:
                s0 -= 1  # "He has criticized"
            spk = self.speaker_before(s0, a)
            c0 = k + n
            if spk is None or c0 >= end or toks[c0].lower_ in ("that", "to", "by") or toks[c0].text in _CLAUSE:
                continue
            c1 = c0
            while c1 < end and toks[c1].text not in (";", "—", "–") and self.qof[c1] is None and not (
                    toks[c1].text == "," and c1 + 1 < end and toks[c1 + 1].lower_ in ("which", "who", "but", "and", "saying"))\
                    and not (toks[c1].lower_ in ("and", "but") and c1 + 1 < end and (self.is_cue(c1 + 1) or toks[c1 + 1].tag_ == "")
                             and toks[c1 + 1].lower_.endswith("ed")):
                c1 += 1
            if c1 - c0 >= 1:
                self.add(EnFound(self.span(c0, c1), "reported", self.span(k, k + n), self.span(*spk), si, 0.6, "topic"))
            return

    def inherit(self) -> None:
        last = None
        for f in sorted(self.found, key=lambda f: f.content):
            if f.rule == "direct-nocue" and f.speaker is None and last is not None and f.sent - last.sent <= 2:
                f.speaker = last.speaker
            if f.speaker is not None:
                last = f
