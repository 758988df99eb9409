"""Find statements in one German document: direct quotes, indirect speech, reported speech.

Input: the token view of a spaCy Doc (tokens.py) and the paired quotation marks
(quotes.py). Output: :class:`Found` records with token/character spans; speaker
names are resolved afterwards (coref.py). Each pattern is a small function; the
sentence loop tries them in order and never lets two statements claim one span.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import VerbCue, verb_table, words
from .phrases import SKIPPABLE, np_after, np_at, np_ending_at
from .quotes import QuotePart, find_quotes
from .tokens import Tok, is_det, is_finite_verb, is_source_noun, view

CLAUSE_PUNCT = {",", ":", ";", "–", "—", "(", ")"}
END_PUNCT = {".", "!", "?"}


@dataclass(slots=True)
class Found:
    content: tuple[int, int]  # characters
    kind: str
    cue: tuple[int, int] | None = None  # characters
    speaker: tuple[int, int] | None = None  # tokens [i, j)
    sent: int = 0
    confidence: float = 0.8
    follows: int | None = None  # index of the statement whose speaker this one inherits
    nested: bool = False
    rule: str = ""
    meta: dict = field(default_factory=dict)


@dataclass(slots=True)
class Sentence:
    a: int  # first token
    b: int  # end token (exclusive)
    para_start: bool = False


class DocRules:
    """All statements of one document."""

    # rules whose paraphrase may wrap a direct quote found earlier
    MIXED_OK = frozenset({"so", "verb-after", "verb-before", "prep", "free-indirect", "konjunktiv", "prep-before"})

    def __init__(self, doc) -> None:
        self.text: str = doc.text
        self.toks: list[Tok] = view(doc)
        self.quotes: list[QuotePart] = find_quotes(self.text)
        self.top = [q for q in self.quotes if q.depth == 0]
        self.in_quote = self._mark_quotes()
        self.sents = self._sentences(doc)
        self.found: list[Found] = []
        self._name_quotes: dict[int, bool] = {}
        self.pending: list[Found] = []  # cue-less quotes inside sentences, decided after all patterns ran
        self.claimed: list[tuple[int, int, str]] = []  # content spans already used, with their kind
        self.w = words()
        self.verbs = verb_table()
        self.role_suffixes = tuple(self.w["person_role_suffixes"])

    # ------------------------------------------------------------------ setup
    def _mark_quotes(self) -> list[QuotePart | None]:
        out: list[QuotePart | None] = [None] * len(self.toks)
        qi = 0
        for t in self.toks:
            while qi < len(self.top) and self.top[qi].outer_end <= t.start:
                qi += 1
            if qi < len(self.top):
                q = self.top[qi]
                if q.open <= t.start and t.end <= max(q.outer_end, q.end):
                    out[t.i] = q
        return out

    def _sentences(self, doc) -> list[Sentence]:
        if not self.toks:
            return []
        starts = {0}
        for t in self.toks:
            if t.sent_start:
                starts.add(t.i)
        # paragraph breaks always end a sentence (headlines have no full stop)
        para = {0}
        for k in range(1, len(self.toks)):
            if "\n" in self.text[self.toks[k - 1].end : self.toks[k].start]:
                starts.add(k)
                para.add(k)
        # never split inside a closed quote (the pipeline is quote-aware; this is a safeguard)
        for k in sorted(starts):
            q = self.in_quote[k]
            if k and q is not None and q.closed and self.in_quote[k - 1] is q and k not in para:
                starts.discard(k)
        order = sorted(starts)
        out = []
        for n, a in enumerate(order):
            b = order[n + 1] if n + 1 < len(order) else len(self.toks)
            if a < b:
                out.append(Sentence(a, b, a in para))
        return out

    # ------------------------------------------------------------------ helpers
    def chars(self, i: int, j: int) -> tuple[int, int]:
        return (self.toks[i].start, self.toks[j - 1].end)

    def is_free(self, span: tuple[int, int], allow_mixed: bool = False) -> bool:
        s, e = span
        for a, b, kind in self.claimed:
            inter = min(e, b) - max(s, a)
            if inter <= 0:
                continue
            if inter >= 0.5 * (max(e, b) - min(s, a)):
                return False
            # a paraphrase may contain a direct quote (mixed), nothing else may overlap much
            contains_quote = kind == "direct" and s <= a and b <= e and (e - s) >= 2 * (b - a)
            if not (contains_quote and allow_mixed) and inter >= 0.5 * min(e - s, b - a):
                return False
        return True

    def add(self, f: Found) -> int | None:
        s, e = f.content
        # trim whitespace and trailing punctuation
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and (self.text[e - 1].isspace() or self.text[e - 1] in ",;:–—-"):
            e -= 1
        if e - s < 2:
            return None
        f.content = (s, e)
        if not f.nested and not self.is_free(f.content, allow_mixed=f.rule in self.MIXED_OK):
            return None
        self.found.append(f)
        if not f.nested:
            self.claimed.append((*f.content, f.kind))
        return len(self.found) - 1

    def content_end(self, sent: Sentence) -> int:
        """Last token of the sentence that belongs to content (drops the final full stop)."""
        b = sent.b
        while b > sent.a and self.toks[b - 1].text in END_PUNCT | {'"'} and self.in_quote[b - 1] is None:
            b -= 1
        return b

    def verb_cue(self, k: int, sent: Sentence) -> VerbCue | None:
        t = self.toks[k]
        if self.in_quote[k] is not None:
            return None
        cues = self.verbs.get(t.lower)
        if not cues and k > sent.a and t.tag == "VVPP" and self.toks[k - 1].tag in ("ADJD", "PTKVZ", "ADV"):
            cues = self.verbs.get(self.toks[k - 1].lower + t.lower)  # "bekannt gegeben" = bekanntgegeben
        if not cues or t.is_cap and not t.sent_start and t.i != sent.a:
            return None
        if t.tag and not t.tag.startswith("V") and t.tag not in ("XY", "ADJD", "NN") and t.tag != "":
            return None
        if t.tag == "NN" and t.is_cap:
            return None
        if self.in_relative_clause(k, sent):
            return None
        for c in sorted(cues, key=lambda c: c.particle is None):  # "rief ... auf" before "rief"
            if c.particle is None:
                return c
            # subordinate clause order: "wie das Ministerium bekannt gab"
            if k > sent.a and self.toks[k - 1].lower == c.particle:
                return c
            # the particle must close the clause: teilte ... mit
            for m in range(k + 1, sent.b):
                u = self.toks[m]
                if u.text in CLAUSE_PUNCT or u.text in END_PUNCT or self.in_quote[m] is not None:
                    if m > k + 1 and self.toks[m - 1].lower == c.particle:
                        return c
                    break
                if u.lower == c.particle and (m + 1 >= sent.b or self.toks[m + 1].is_punct or self.in_quote[m + 1] is not None):
                    return c
        return None

    def in_relative_clause(self, k: int, sent: Sentence) -> bool:
        """Cue verbs inside a relative clause (", der ... angegeben hatte,") introduce nothing."""
        a, _ = self.clause_bounds(k, sent)
        if a == sent.a or self.toks[a - 1].text != ",":
            return False
        first = self.toks[a]
        if first.tag in ("PRELS", "PRELAT"):
            return True
        if first.tag == "APPR" and a + 1 < k and self.toks[a + 1].tag in ("PRELS", "PRELAT", "PWS", "PWAV"):
            return True
        return False

    def clause_bounds(self, k: int, sent: Sentence) -> tuple[int, int]:
        """Token range of the frame clause around token k (between clause punctuation/quotes)."""
        toks = self.toks
        a = k
        while a > sent.a and (self.in_quote[a - 1] is None or self._name_quote(self.in_quote[a - 1])):
            if toks[a - 1].text == ")":  # a parenthesis belongs to its clause: jump over it
                m = a - 2
                while m > sent.a and toks[m].text != "(":
                    m -= 1
                if m > sent.a and toks[m].text == "(":
                    a = m
                    continue
            if toks[a - 1].text in CLAUSE_PUNCT:
                break
            a -= 1
        b = k + 1
        while b < sent.b and (self.in_quote[b] is None or self._name_quote(self.in_quote[b])):
            if toks[b].text == "(":
                m = b + 1
                while m < sent.b and toks[m].text != ")":
                    m += 1
                if m < sent.b:
                    b = m + 1
                    continue
            if toks[b].text in CLAUSE_PUNCT | END_PUNCT:
                break
            b += 1
        return a, b

    # ------------------------------------------------------------------ speakers
    def subject_of(self, k: int, sent: Sentence) -> tuple[int, int] | None:
        """The subject of the cue verb at k, from word order (no parser)."""
        a, b = self.clause_bounds(k, sent)
        toks = self.toks
        wie = self.wie_start(a, sent)
        if wie is not None and wie < a:
            span = np_after(toks, wie + 1, a)
            if span:
                return span
        first = toks[a]
        # "wie X sagte" / "nachdem X erklärt hatte" / "dass X sagte": subject right after
        if first.lower in self.w["subordinators"] and first.lower != "als" and a < k:
            span = np_after(toks, a + 1, k)
            if span:
                return span
        # inverted: cue first in its clause (", sagte der Minister") or after adverbs
        lead = a
        while lead < k and (toks[lead].lower in SKIPPABLE or toks[lead].tag in ("ADV", "KON", "VAFIN", "VMFIN")):
            lead += 1
        if lead == k:
            # "Celebi, die ... vertritt, nennt das Ereignis ...": the subject opens the sentence
            inserted = self._subject_before_insertion(a, sent)
            if inserted is not None:
                return inserted
            after = np_after(toks, k + 1, b)
            if after is not None and toks[after[0]].lower != "es" and self._nominative(after):
                return after
            # "Frank Sichau, der ... fungiert, erklärte, dass ...": the subject opens the sentence
            if a > sent.a and toks[a - 1].text == ",":
                head = np_at(toks, sent.a, a)
                if head is not None and self._nominative(head) and (toks[head[1]].text in (",", "(") or toks[head[1]].tag.startswith("APPR")):
                    return head
            return after
        # "Von der Leyen betonte": a name with a nobiliary particle opens the clause
        if k - a == 3 and toks[a].lower in ("von", "van", "de") and toks[a + 1].lower in ("der", "den", "dem") \
                and toks[a + 2].is_cap:
            return (a, k)
        # subject-first main clause: NP at clause start ending right before the finite verb
        span = np_at(toks, a, k)
        if span is not None and span[1] < k and toks[span[1]].tag.startswith("APPR"):
            # post-modifying phrases: "Minister X von der Kanzlei des Premiers erklärte"
            m = span[1]
            while m < k and toks[m].tag.startswith("APPR"):
                inner = np_at(toks, m + 1, k)
                if inner is None and m + 2 <= k and toks[m + 1].text.isalnum() and not toks[m + 1].tag.startswith("V"):
                    inner = (m + 1, m + 2)  # a lower-case name: "Eine Reporterin von n24"
                if inner is None:
                    break
                m = inner[1]
            if m == k or is_finite_verb(toks[m]):
                span = (span[0], span[1])
                return span if self._nominative(span) and not toks[a].tag.startswith("APPR") else None
        end = span[1] if span is not None else a
        while span is not None and end < k and (toks[end].tag in ("ADV", "ADJD") or toks[end].lower in SKIPPABLE):
            end += 1  # "Die Kanadier hingegen sagen"
        if span is not None and (end == k or is_finite_verb(toks[end]) or toks[span[1]].text in (",", "(")):
            if not toks[a].tag.startswith("APPR") and self._nominative(span):
                # object first (OVS): "Die Forderungen bezeichnete Stolpe als ...": a person after
                # the verb beats a non-person before it
                fin = end if end < k and is_finite_verb(toks[end]) else k
                after = np_after(toks, fin + 1, b)
                if after is not None and self._personal(after) and not self._personal(span) \
                        and self._nominative(after):
                    return after
                return span
        # fronted adverbial (Am Montag sagte X): subject after the finite verb
        fin = k
        for m in range(a, k):
            if is_finite_verb(toks[m]):
                fin = m
                break
        after = np_after(toks, fin + 1, b)
        # "manche halten einen ganzen Ozean für möglich": an accusative object is no subject
        return after if after is None or self._nominative(after) else None

    def _subject_before_insertion(self, a: int, sent: Sentence) -> tuple[int, int] | None:
        """Sentence-initial NP followed only by appositions/relative clauses up to clause start a."""
        toks = self.toks
        if a <= sent.a or toks[a - 1].text != ",":
            return None
        start = sent.a
        if toks[start].lower in ("wie", "nachdem", "als", "weil", "dass"):
            start += 1
        head = np_at(toks, start, a)
        if head is None or not self._nominative(head) or toks[start].tag.startswith("APPR"):
            return None
        m = head[1]
        # allow a PP attribute (Brian Baptie von der Erdbebenwarte) before the first comma
        while m < a and toks[m].text != ",":
            if toks[m].tag.startswith("V") and toks[m].tag not in ("VVPP",):
                return None
            m += 1
        if m >= a:
            return None
        # every inserted segment must be a relative clause or a verbless apposition
        seg_start = m + 1
        while seg_start < a:
            seg_end = seg_start
            while seg_end < a and toks[seg_end].text != ",":
                seg_end += 1
            first = toks[seg_start]
            relative = first.tag in ("PRELS", "PRELAT") or (first.tag == "APPR" and seg_start + 1 < seg_end
                                                           and toks[seg_start + 1].tag in ("PRELS", "PRELAT"))
            verbless = not any(toks[x].tag.startswith("V") for x in range(seg_start, seg_end))
            if not (relative or verbless):
                return None
            seg_start = seg_end + 1
        return head

    def wie_start(self, a: int, sent: Sentence) -> int | None:
        """Index of the "wie" opening the clause at a, looking back across verbless appositions
        ("wie Alan Stern, Direktor des Instituts, betont")."""
        toks = self.toks
        if toks[a].lower == "wie":
            return a
        m = a - 1
        while m > sent.a and toks[m].text == ",":
            seg_end = m
            m -= 1
            while m >= sent.a and toks[m].text != "," and self.in_quote[m] is None:
                m -= 1
            seg_start = m + 1
            if toks[seg_start].lower == "wie":
                return seg_start
            if any(toks[x].tag.startswith("V") for x in range(seg_start, seg_end)):
                return None
        return None

    def _personal(self, span: tuple[int, int]) -> bool:
        """A phrase that names someone who can speak: a person, an organisation, a role, a pronoun."""
        toks = self.toks
        for m in range(*span):
            t = toks[m]
            if t.ent in ("PER", "ORG") or t.tag in ("NE", "PPER") or t.lower.endswith(self.role_suffixes) \
                    or t.text in self.w["plural_group_nouns"]:
                return True
        return False

    def _nominative(self, span: tuple[int, int]) -> bool:
        """Rule out phrases that cannot be a subject: dem/einem/den ..., der + adjective in -en."""
        first = self.toks[span[0]]
        if first.lower in ("dem", "einem", "den", "einen", "ihrem", "seinem", "ihren", "seinen", "diesem", "des", "eines"):
            return False
        if first.lower in ("der", "einer") and span[1] - span[0] > 2 and self.toks[span[0] + 1].lower.endswith("en") \
                and self.toks[span[0] + 1].tag == "ADJA":
            return False
        # "Erst vergangene Woche kündigte der Konzern an": time phrases are adverbials
        if self.toks[span[1] - 1].text in self.w["non_speaker_caps"]:
            return False
        return True

    def person_near(self, si: int, before: int) -> tuple[int, int] | None:
        """The last person (or organisation) named in this sentence outside quotes, else in the previous one."""
        for sj in (si, si - 1):
            if sj < 0:
                continue
            sent = self.sents[sj]
            best = None
            for kind in ("PER", "ORG"):
                k = sent.a
                while k < sent.b:
                    t = self.toks[k]
                    if t.ent == kind and self.in_quote[k] is None:
                        j = k
                        while j < sent.b and self.toks[j].ent == kind:
                            j += 1
                        best = (k, j)
                        k = j
                    else:
                        k += 1
                if best is not None:
                    return best
        return None

    # ------------------------------------------------------------------ main
    def run(self) -> list[Found]:
        for si, sent in enumerate(self.sents):
            self.direct_quotes(si, sent)
            self.prep_cues(si, sent)
            self.verb_cues(si, sent)
        for f in self.pending:
            owned = any(g.nested and g.content == f.content for g in self.found)
            if not owned:
                self.add(f)
        self.inherit_speakers()
        self.free_indirect()
        self.found.sort(key=lambda f: f.content)
        return self.found

    def inherit_speakers(self) -> None:
        """A quote without its own cue belongs to the speaker of the statement just before it,
        else to the person named around it."""
        order = sorted(range(len(self.found)), key=lambda i: self.found[i].content[0])
        last = None
        for i in order:
            f = self.found[i]
            if f.rule == "direct-nocue" and f.speaker is None:
                prev = self.found[last] if last is not None else None
                if prev is not None and f.sent - prev.sent <= 2:
                    f.speaker = prev.speaker
                    f.confidence = 0.6
                else:
                    f.speaker = self.person_near(f.sent, f.content[0])
                    f.confidence = 0.4
            if f.speaker is not None and not f.nested:
                last = i

    # direct quotes -------------------------------------------------------
    def quotes_in(self, sent: Sentence) -> list[QuotePart]:
        s, e = self.toks[sent.a].start, self.toks[sent.b - 1].end
        return [q for q in self.top if s <= q.open < e]

    def direct_quotes(self, si: int, sent: Sentence) -> None:
        qs = self.quotes_in(sent)
        for qn, q in enumerate(qs):
            n_words = len(self.text[q.start : q.end].split())
            if n_words == 0 or self._title_like(q) and not self._after_als(q):
                continue
            cue, spk = self._cue_after_quote(q, sent)
            if cue is None:
                cue, spk = self._cue_before_quote(q, sent, qs[qn - 1] if qn else None)
                if cue is not None and self._after_als(q):
                    # "bezeichnete das Urteil als „Skandal“": the quoted words are the statement
                    self.add(Found((q.start, q.end), "direct", cue, spk, si, 0.7, rule="direct-als"))
                    continue
                if cue is not None and not self._clausal_quote(q, n_words):
                    continue  # a quoted fragment inside a frame: the paraphrase around it is the statement
            if cue is None and qn == 0 and sent.a == self.first_token_at(q.open):
                cue, spk = self._cue_in_previous(si)
            if cue is None and q.continues is not None:
                prev = next((f for f in self.found if f.content[0] >= self.quotes[q.continues].start - 1
                             and f.content[0] <= self.quotes[q.continues].start + 1), None)
                if prev is not None:
                    self.add(Found((q.start, q.end), "direct", prev.cue, prev.speaker, si, 0.8,
                                   follows=self.found.index(prev), rule="direct-continued"))
                    continue
            if cue is None:
                # long quotes are statements even without a cue here; short ones are titles or scare quotes
                ends_sentence = self.text[q.start : q.end].rstrip()[-1:] in ".!?"
                whole = self.first_token_at(q.open) == sent.a
                if n_words >= 6 or (whole and ends_sentence and n_words >= 3):
                    f = Found((q.start, q.end), "direct", None, None, si, 0.5, follows=-1, rule="direct-nocue")
                    if whole:
                        self.add(f)
                    else:
                        self.pending.append(f)  # inside a sentence: a paraphrase around it may own it
                continue
            if n_words < 2 and spk is None:
                continue
            self.add(Found((q.start, q.end), "direct", cue, spk, si, 0.9, rule="direct"))

    def _name_quote(self, q: QuotePart) -> bool:
        """A quoted name inside a phrase (der Sender „Channel 10“): part of the clause around it."""
        key = q.open
        if key not in self._name_quotes:
            self._name_quotes[key] = self._title_like(q)
        return self._name_quotes[key]

    def _after_als(self, q: QuotePart) -> bool:
        return self.text[: q.open].rstrip().lower().endswith((" als", " als ein", " als eine", " als einen"))

    def _title_like(self, q: QuotePart) -> bool:
        """Names and titles in quotation marks (Morning Star, „Coup des Nations“): short,
        capitalised, without any verb, adverb or pronoun."""
        inner = [t for t in self.toks if q.start <= t.start and t.end <= q.end and not t.is_punct]
        if not inner or len(inner) > 6 or not inner[0].is_cap:
            return False
        return not any(t.tag.startswith(("V", "ADV", "ADJD", "PTK", "PPER", "PRF")) for t in inner)

    def _clausal_quote(self, q: QuotePart, n_words: int) -> bool:
        """A quote that stands as its own clause (after ':' or ',', or long and sentence-like)."""
        before = self.text[: q.open].rstrip()
        if before.endswith((":", ",")):
            return True
        inner = self.text[q.start : q.end].rstrip()
        return n_words >= 6 or (n_words >= 3 and inner[-1:] in ".!?")

    def first_token_at(self, char: int) -> int:
        for t in self.toks:
            if t.end > char:
                return t.i
        return len(self.toks)

    def _cue_after_quote(self, q: QuotePart, sent: Sentence):
        """„…“, sagte X / „…“, so X / „…“, sagte X, „…“"""
        k = self.first_token_at(q.outer_end)
        while k < sent.b and self.toks[k].start < q.outer_end:
            k += 1
        if k < sent.b and self.toks[k].text in (",", "–", "—", "-"):
            k += 1
        if k >= sent.b or self.in_quote[k] is not None:
            return None, None
        t = self.toks[k]
        if t.lower == "so" and k + 1 < sent.b:
            a, b = self.clause_bounds(k + 1, sent)
            span = np_at(self.toks, k + 1, b)
            if span:
                return (t.start, t.end), span
        # the cue may follow a short adverb: „…“, sagte auch der Minister / „…“, hieß es
        for m in (k, k + 1):
            if m < sent.b and self.in_quote[m] is None and self.toks[m].tag == "VVFIN" and not self.verb_cue(m, sent) \
                    and (m == k or self.toks[k].lower == "so"):
                spk = np_after(self.toks, m + 1, self.clause_bounds(m, sent)[1])
                if spk is not None and self._nominative(spk):
                    return (self.toks[m].start, self.toks[m].end), spk
            if m < sent.b and self.verb_cue(m, sent):
                spk = self.subject_of(m, sent)
                if spk is None or self.toks[spk[0]].lower == "es":
                    spk = self._es_source(m, sent)
                return (self.toks[m].start, self.toks[m].end), spk
            if m < sent.b and self.toks[m].lower in self.w["es_cues"]:
                return (self.toks[m].start, self.toks[m].end), self._es_source(m, sent)
        # „…“, wie X sagte
        if t.lower == "wie":
            a, b = self.clause_bounds(k, sent)
            for m in range(k + 1, b):
                if self.verb_cue(m, sent):
                    return (self.toks[m].start, self.toks[m].end), np_after(self.toks, k + 1, m)
        return None, None

    def _cue_before_quote(self, q: QuotePart, sent: Sentence, prev_q: QuotePart | None):
        """X sagte: „…“ / „…“, sagte er, „…“ / X sagte „…“"""
        k = self.first_token_at(q.open)
        lo = sent.a
        if prev_q is not None:
            lo = max(lo, self.first_token_at(prev_q.outer_end))
        for m in range(k - 1, lo - 1, -1):
            if self.in_quote[m] is not None:
                break
            if self.verb_cue(m, sent):
                return (self.toks[m].start, self.toks[m].end), self.subject_of(m, sent)
            if self.toks[m].lower in self.w["es_cues"]:
                return (self.toks[m].start, self.toks[m].end), self._es_source(m, sent)
        # "X schloss sich mit den Worten an: „…“": any finite verb before a colon frames the quote
        if k - 1 > lo and self.toks[k - 1].text == ":":
            fin = next((m for m in range(lo, k - 1) if self.toks[m].tag == "VVFIN" and self.in_quote[m] is None), None)
            if fin is not None:
                spk = self.subject_of(fin, sent)
                if spk is not None and self.toks[spk[0]].lower != "es" and self._personal(spk):
                    return (self.toks[fin].start, self.toks[fin].end), spk
        return None, None

    def _cue_in_previous(self, si: int):
        """A sentence ending in a colon with a cue introduces the quote that follows."""
        if si == 0:
            return None, None
        prev = self.sents[si - 1]
        if self.toks[prev.b - 1].text != ":":
            return None, None
        for m in range(prev.b - 1, prev.a - 1, -1):
            if self.verb_cue(m, prev):
                return (self.toks[m].start, self.toks[m].end), self.subject_of(m, prev)
        return None, None

    def _es_source(self, k: int, sent: Sentence):
        """The source of *heißt es*: in einer Erklärung der Regierung / aus dem Ministerium."""
        a, b = self.clause_bounds(k, sent)
        for m in range(a, b):
            prep = self.toks[m].lower
            # "hieß es beim BUND"; other verbs take bei-phrases that are no source (bei den Ausreisepflichten)
            if prep in self.w["es_source_preps"] and m != k and (prep not in ("bei", "beim") or self.toks[k].lower in self.w["es_cues"]):
                span = np_at(self.toks, m + 1, b)
                if span:
                    return span
        return None

    # prepositional cues -------------------------------------------------
    def prep_cues(self, si: int, sent: Sentence) -> None:
        toks = self.toks
        w = self.w
        end = self.content_end(sent)
        for k in range(sent.a, sent.b):
            if self.in_quote[k] is not None:
                continue
            t = toks[k]
            span = None
            if t.lower in ("laut", "gemäß", "lt.") and k + 1 < sent.b and (toks[k + 1].is_cap or toks[k + 1].tag in ("ART", "PPOSAT", "ADJA")):
                if t.lower == "laut" and toks[k + 1].tag.startswith("V"):
                    continue
                span = np_at(toks, k + 1, sent.b)
            elif t.lower == "nach" and k + 1 < sent.b:
                m = k + 1
                while m < sent.b and m < k + 4 and not toks[m].is_cap:
                    m += 1
                if m < sent.b and is_source_noun(toks[m]):
                    span = np_at(toks, k + 1, sent.b)
            elif t.lower == "zufolge":
                back = np_ending_at(toks, k, sent.a)
                if back:
                    self._prep_statement(si, sent, back, (t.start, t.end), back[0], k + 1, end)
                continue
            elif t.lower in ("demnach", "wonach"):
                if k == sent.a or toks[k - 1].text == ",":
                    source = (k, k + 1)
                    if t.lower == "wonach":
                        # "Berichte der Zeitung, wonach ...": the report before is the source
                        heads = [m for m in range(sent.a, k) if self.in_quote[m] is None and
                                 is_source_noun(toks[m])]
                        if heads:
                            m0 = heads[-1]
                            while m0 > sent.a and (is_det(toks[m0 - 1]) or toks[m0 - 1].tag == "ADJA"):
                                m0 -= 1
                            source = np_at(toks, m0, k) or source
                    self._emit_content(si, sent, k + 1, end, (t.start, t.end), source, "indirect", "demnach")
                else:
                    self._prep_statement(si, sent, (k, k + 1), (t.start, t.end), k, k + 1, end)
                continue
            elif t.lower == "so" and k > sent.a and toks[k - 1].text in (",", "–", "—", "-") and self.in_quote[k - 1] is None:
                a, b = self.clause_bounds(k, sent)
                sp = np_at(toks, k + 1, b)
                if sp and sp[1] >= b - 1 and self.toks[sp[0]].tag != "ADV":
                    # content before ", so X" (and after it when the sentence goes on)
                    self._emit_content(si, sent, sent.a, k - 1, (t.start, t.end), sp, "indirect", "so")
                    if b < end and toks[b].text in (",", "–", "—", "-"):
                        self._emit_content(si, sent, b + 1, end, (t.start, t.end), sp, "indirect", "so-after")
                continue
            if span is None:
                continue
            self._prep_statement(si, sent, span, (t.start, t.end), k, span[1], end)

    def _prep_statement(self, si, sent, speaker, cue, frame_start, frame_end, end) -> None:
        """Content around a *laut X* / *X zufolge* frame: the rest of the clause(s)."""
        toks = self.toks
        name_span = None
        if toks[speaker[0]].lower in ("eigenen", "eigener", "eigenem"):
            # "nach eigenen Angaben": the source is the subject of the clause
            # "Mit den ersten Funden war die Gruppe nach eigener Aussage ...": no subject inside a PP
            subject = np_at(toks, sent.a, frame_start) if not toks[sent.a].tag.startswith("APPR") else None
            if subject is None or not self._nominative(subject):
                fin = next((m for m in range(sent.a, end) if is_finite_verb(toks[m])), None)
                subject = np_after(toks, fin + 1, end) if fin is not None else None
            if subject is not None and (subject[1] <= frame_start or subject[0] >= frame_end):
                name_span = subject
        a = frame_end
        if a < end and toks[a].text == ",":
            a += 1
        # content before the frame starts at its clause (a mid-sentence cue in a subordinate clause)
        clause_start, _ = self.clause_bounds(frame_start, sent)
        if clause_start > sent.a and self.toks[clause_start].tag in ("PRELS", "PRELAT"):
            clause_start = sent.a
        emitted = []
        if frame_start - clause_start >= 2:
            b0 = frame_start
            if toks[b0 - 1].text == ",":
                b0 -= 1
            emitted.append(self._emit_content(si, sent, clause_start, b0, cue, speaker, "indirect", "prep-before"))
        if end - a >= 2:
            emitted.append(self._emit_content(si, sent, a, end, cue, speaker, "indirect", "prep"))
        if name_span is not None:
            for idx in emitted:
                if idx is not None:
                    self.found[idx].meta["name_span"] = name_span

    def _emit_content(self, si, sent, a, b, cue, speaker, kind, rule) -> int | None:
        if b - a < 1:
            return None
        if rule == "verb-after" and not any(self.toks[m].tag.startswith("V") for m in range(a, b)):
            return None
        span = self.chars(a, b)
        kind = self._kind_of(span, kind)
        idx = self.add(Found(span, kind, cue, speaker, si, 0.7, rule=rule))
        if idx is not None:
            self._nested_quotes(span, idx, si)
        return idx

    def _kind_of(self, span, kind):
        return kind

    def _nested_quotes(self, span, idx, si) -> None:
        """Quoted fragments inside a paraphrase: verbatim parts of the same statement."""
        f = self.found[idx]
        for q in self.top:
            if span[0] <= q.open and q.outer_end <= span[1] + 1:
                if len(self.text[q.start : q.end].split()) >= 2 and not self._title_like(q):
                    f.kind = "mixed" if f.kind == "indirect" else f.kind
                    self.add(Found((q.start, q.end), "direct", f.cue, f.speaker, si, 0.6, follows=idx,
                                   nested=True, rule="nested"))

    # verb cues ----------------------------------------------------------
    def verb_cues(self, si: int, sent: Sentence) -> None:
        toks = self.toks
        end = self.content_end(sent)
        for k in range(sent.a, sent.b):
            cue = self.verb_cue(k, sent)
            if cue is None:
                if toks[k].lower in self.w["es_cues"] and self.in_quote[k] is None and (
                        k + 1 < sent.b and toks[k + 1].lower == "es" or k > sent.a and toks[k - 1].lower == "es"):
                    self._verb_statement(si, sent, k, None, end)
                continue
            self._verb_statement(si, sent, k, cue, end)

    def _verb_statement(self, si, sent, k, cue: VerbCue | None, end) -> None:
        toks = self.toks
        a, b = self.clause_bounds(k, sent)
        cue_span = (toks[k].start, toks[k].end)
        if cue is not None and cue.particle:
            for m in range(k + 1, b + 1):
                if m < len(toks) and toks[m].lower == cue.particle:
                    cue_span = (toks[k].start, toks[k].end)
                    break
        speaker = self.subject_of(k, sent) if cue is not None else self._es_source(k, sent)
        if speaker is not None and toks[speaker[0]].lower == "es" and speaker[1] - speaker[0] == 1:
            speaker = self._es_source(k, sent)
        passive = cue is not None and (not cue.finite or toks[k].tag == "VVPP") and any(
            toks[m].lower in ("wurde", "wurden", "wird", "werden", "worden") for m in range(a, b))
        if passive:
            # passive: the grammatical subject was spoken about; the speaker is a "von"-agent, if any
            speaker = next((np_at(toks, m + 1, b) for m in range(a, b) if toks[m].lower in ("von", "vom")
                            and np_at(toks, m + 1, b)), None)
        elif speaker is None and cue is not None:
            speaker = self._es_source(k, sent)  # "Wie aus Unternehmenskreisen verlautete"
        cls = cue.cls if cue else "speech"
        # 1) cue before content: "X sagte, (dass) ..." / "X sagte: ..."
        if b < end and toks[b].text in (",", ":") and self.in_quote[b + 1 if b + 1 < len(toks) else b] is None:
            c0 = b + 1
            # skip an apposition or relative clause hanging on the subject: ", der Sprecher des Kremls,"
            c0 = self._skip_apposition(c0, end)
            if c0 < end:
                first = toks[c0]
                content_end = self._clause_run_end(c0, end)
                if cls == "speech" or first.lower in self.w["content_subordinators"] or self._has_konj(c0, content_end):
                    relative = first.tag in ("PRELS", "PRELAT") or first.tag == "APPR" and c0 + 1 < end \
                        and toks[c0 + 1].tag in ("PRELS", "PRELAT", "PWS", "PWAV")
                    if not relative:
                        self._emit_content(si, sent, c0, content_end, cue_span, speaker, "indirect", "verb-before")
                        return
        # 2) content before cue: "..., sagte X." / "..., wie X sagte."
        lead = a
        while lead < k and (toks[lead].lower in SKIPPABLE or toks[lead].tag == "ADV" or passive and toks[lead].tag == "VAFIN"):
            lead += 1
        wie = self.wie_start(a, sent)
        if wie is not None and wie < a:
            a = wie
        # "..., hieß es." names nobody: the content before it is still a statement
        # and so does "..., wird vermutet." (a passive with no agent)
        speaker_follows = speaker is not None and speaker[0] > k or toks[a].lower == "wie" or cue is None and a == k \
            or passive and speaker is None
        if a > sent.a and toks[a - 1].text in (",", "–", "—") and (lead == k or toks[a].lower == "wie") and speaker_follows:
            c1 = a - 1
            c0 = sent.a
            # the content starts after an earlier frame in the sentence, if any
            for m in range(c1 - 1, sent.a - 1, -1):
                if self.in_quote[m] is not None:
                    c0 = m + 1
                    break
            if self.in_quote[c1 - 1] is None and c1 - c0 >= 2:
                self._emit_content(si, sent, c0, c1, cue_span, speaker, "indirect", "verb-after")
                return
        # 3) "Wie X sagte, ..." at the sentence start
        if toks[a].lower == "wie" and a == sent.a and b < end and toks[b].text == ",":
            self._emit_content(si, sent, b + 1, end, cue_span, speaker, "indirect", "wie")
            return
        # 4) "Das teilte Kreml-Sprecher Peskow mit.": the statement is the sentence before
        if cue is not None and toks[sent.a].lower in ("dies", "das") and sent.a + 1 == k and si > 0 \
                and not self.sents[si].para_start and speaker is not None and cls == "speech":
            prev = self.sents[si - 1]
            self._emit_content(si - 1, prev, prev.a, self.content_end(prev), cue_span, speaker, "indirect", "dies")
            return
        # 5) no clause: a speech act with a topic (äußerte sich zu X, sprach von X)
        evaluates = cue is not None and bool(cue.reported_with) and any(
            toks[m].lower in cue.reported_with for m in range(a, b) if m != k and self.in_quote[m] is None)
        if cue is not None and (cue.reported or evaluates) and speaker is not None:
            ruled_out = any(toks[m].lower in cue.reported_not_with for m in range(a, b))
            # a passive has a speaker here only through its von-agent ("Ihr wird von den Behörden Spionage
            # vorgeworfen"), so a passive without one reports no speech act
            if not ruled_out and "Wikinews" not in self.text[toks[sent.a].start : toks[sent.b - 1].end]:
                r_end = end
                for m in range(k + 1, end):
                    if toks[m].lower == "und" and m + 1 < end and toks[m + 1].tag in ("VVFIN", "VAFIN", "VMFIN"):
                        r_end = m
                        break
                self._emit_content(si, sent, sent.a, r_end, None, speaker, "reported", "reported")
                # the cue lies inside a reported span: keep it for the record
                if self.found and self.found[-1].rule == "reported":
                    self.found[-1].cue = cue_span

    def _skip_apposition(self, c0: int, end: int) -> int:
        toks = self.toks
        m = c0
        # ", der Sprecher des Kremls, ..." : NP (or relative clause) closed by a comma
        span = np_at(toks, c0, end)
        if span and span[1] < end and toks[span[1]].text == "," and not any(is_finite_verb(toks[x]) for x in range(*span)):
            if toks[c0].is_cap or toks[c0].lower in ("der", "die", "das", "ein", "eine"):
                return span[1] + 1
        return m

    def _clause_run_end(self, c0: int, end: int) -> int:
        """Content runs to the sentence end, but stops before a closing ', so X' frame."""
        toks = self.toks
        for m in range(c0 + 2, end):
            if self.in_quote[m] is not None:
                continue
            t, prev = toks[m], toks[m - 1]
            if t.lower == "so" and prev.text == "," and m + 2 >= end - 3:
                return m - 1
            # a new clause that is no longer the statement: "; ...", ", denn ...", ", was er ... zurückführt",
            # "... und gab an, ..." (a second predicate of the speaker)
            if t.text == ";":
                return m
            if prev.text == "," and t.lower in self.w["clause_breakers"]:
                return m - 1
            if t.lower == "und" and m + 1 < end and toks[m + 1].tag in ("VVFIN", "VAFIN", "VMFIN") \
                    and self.verb_cue(m + 1, self._sentence_of(m)) is not None:
                return m
        return end

    def _sentence_of(self, k: int) -> Sentence:
        for sent in self.sents:
            if sent.a <= k < sent.b:
                return sent
        return self.sents[-1]

    def _has_konj(self, a: int, b: int) -> bool:
        return any(self.toks[m].konj for m in range(a, b) if self.in_quote[m] is None)

    # free indirect speech -------------------------------------------------
    def reportive(self, t: Tok, sent: Sentence) -> int:
        """How strongly a main-clause verb marks reported speech: 2 for Konjunktiv I and
        reportive *soll ... getan haben*, 1 for Konjunktiv II and plain *sollen*, else 0."""
        if not is_finite_verb(t) and not t.konj:
            return 0
        a, b = self.clause_bounds(t.i, sent)
        first = self.toks[a]
        if a > sent.a and (first.tag in ("PRELS", "PRELAT", "KOUS", "PWAV", "PWS") or first.lower in self.w["subordinators"]):
            return 0
        if t.konj == "I":
            return 2
        if t.konj == "II":
            return 1
        if t.lower in ("soll", "sollen") and not t.is_cap:
            perfect = b - 1 > t.i and self.toks[b - 1].lower in ("sein", "haben")
            return 2 if perfect else 1
        # Konjunktiv I the tagger left unmarked: finite, 3rd person, ends in -e but not past -te
        if not t.indicative and t.lower.endswith("e") and not t.lower.endswith("te") and len(t.lower) > 3:
            return 2
        return 0

    def _cue_subject(self, sent: Sentence) -> tuple[int, int] | None:
        """The subject of the first verb of saying in a sentence (outside quotes), if it has one."""
        for k in range(sent.a, sent.b):
            if self.verb_cue(k, sent) is not None:
                subject = self.subject_of(k, sent)
                if subject is not None and self._personal(subject) and self._nominative(subject):
                    return subject
        return None

    def _named_subject(self, sent: Sentence) -> tuple[int, int] | None:
        """The named person who is the subject of a sentence's first main-clause verb ("Gabriela
        Schimmer-Göresz verteidigte sein Vorgehen. So seien ..."): a Konjunktiv-I sentence right
        after it reports what that person said, not what someone quoted earlier said."""
        for k in range(sent.a, sent.b):
            if self.in_quote[k] is None and is_finite_verb(self.toks[k]):
                a = self.clause_bounds(k, sent)[0]
                if self.toks[a].tag in ("PRELS", "PRELAT", "KOUS", "PWAV", "PWS") or self.toks[a].lower in self.w["subordinators"]:
                    return None
                subject = self.subject_of(k, sent)
                if subject is None and self.toks[sent.a].ent == "PER":
                    # "Gabriela Schimmer-Göresz, Vorsitzende des Kreisverbandes, verteidigte ...": the
                    # name opening the sentence, before its apposition
                    j = sent.a
                    while j < k and self.toks[j].ent == "PER":
                        j += 1
                    subject = (sent.a, j)
                if subject is not None and self._nominative(subject) and any(
                        self.toks[m].ent == "PER" for m in range(*subject)):
                    return subject
                return None
        return None

    def free_indirect(self) -> None:
        """Konjunktiv-I sentences right after a statement continue it (same speaker)."""
        by_sent: dict[int, list[int]] = {}
        for idx, f in enumerate(self.found):
            by_sent.setdefault(f.sent, []).append(idx)
        last: int | None = None
        last_sent = -10
        for si, sent in enumerate(self.sents):
            if si in by_sent:
                cands = [i for i in by_sent[si] if not self.found[i].nested]
                if cands:
                    last = cands[-1]
                    last_sent = si
                continue
            end = self.content_end(sent)
            strength = max((self.reportive(self.toks[m], sent) for m in range(sent.a, end) if self.in_quote[m] is None),
                           default=0)
            # Konjunktiv I in a main clause reports speech even far from its frame; weaker
            # signals (Konjunktiv II, plain sollen) only right after a statement
            if strength == 0 or strength == 1 and (last is None or si - last_sent > 1):
                continue
            near = last is not None and si - last_sent <= 2
            prev = self.found[last] if last is not None else None
            # "Er trat dem Vorwurf, das Gericht sei nicht legitim, entgegen": when the first
            # reported clause follows a comma after a verbful clause, the statement starts there
            first = next(m for m in range(sent.a, end) if self.in_quote[m] is None
                         and self.reportive(self.toks[m], sent) == strength)
            c0, c1 = self.clause_bounds(first, sent)
            start = sent.a
            if c0 > sent.a and self.toks[c0 - 1].text == "," and any(
                    is_finite_verb(self.toks[m]) for m in range(sent.a, c0 - 1)):
                start = c0
            speaker = prev.speaker if prev and near else None
            if speaker is None and si > 0 and not sent.para_start:
                # "Uiguren weisen die Anschuldigungen zurück. China übertreibe die Gefahr.": the speaker of
                # a speech verb in the sentence before, even where that sentence reported no statement
                speaker = self._cue_subject(self.sents[si - 1]) or self._named_subject(self.sents[si - 1])
                near = speaker is not None
            idx = self.add(Found(self.chars(start, end), "indirect", None, speaker, si,
                                 0.6 if near else 0.4, follows=last, rule="free-indirect" if near else "konjunktiv"))
            if idx is not None:
                self._nested_quotes(self.found[idx].content, idx, si)
                last_sent = si
