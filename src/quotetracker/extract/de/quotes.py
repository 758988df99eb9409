"""Pair quotation marks in running text: „…“ “…” ”…” »…« «…» ‚…‘ "…" '…'.

Works on the raw text, before any tokenisation, and never fails: unbalanced
marks are closed at the end of their paragraph, a quote that runs over several
paragraphs (each paragraph reopens without closing) yields one part per
paragraph linked by ``continues``, and nested quotes carry their depth.
"""

from __future__ import annotations

from dataclasses import dataclass

# opener -> the closers it accepts (German, English, French/Swiss styles, OCR mixes)
_CLOSERS = {
    "„": "“”\"",
    "“": "”\"",
    "”": "”",
    "»": "«",
    "«": "»",
    "‚": "‘’'",
    "‘": "’",
    '"': '"',
    "'": "'",
    "›": "‹",
    "‹": "›",
}
_ALL_MARKS = set("„“”»«‚‘’\"'›‹")
_SINGLE = set("‚‘’'›‹")


@dataclass(slots=True)
class QuotePart:
    """Text between one opening mark and its closing mark (or paragraph end)."""

    open: int  # index of the opening mark
    close: int | None  # index of the closing mark; None when closed by the paragraph end
    start: int  # content start (after the mark)
    end: int  # content end (before the closing mark, whitespace trimmed)
    depth: int = 0  # 0 = outermost
    continues: int | None = None  # index (in the returned list) of the part this one continues

    @property
    def outer_end(self) -> int:
        """End of the quote including its closing mark."""
        return self.close + 1 if self.close is not None else self.end

    @property
    def closed(self) -> bool:
        return self.close is not None


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _left_open_context(text: str, i: int) -> bool:
    """True when the mark at i sits where a quote can open (start, space, bracket, dash, colon)."""
    return i == 0 or text[i - 1].isspace() or text[i - 1] in "([{–—-/:„»«\"'‚“"


def _right_open_context(text: str, i: int) -> bool:
    return i + 1 < len(text) and not text[i + 1].isspace()


def find_quotes(text: str) -> list[QuotePart]:
    """All quote parts in ``text``, in order of their opening marks."""
    parts: list[QuotePart] = []
    stack: list[tuple[str, int]] = []  # (opener char, index in text)
    # which of « / » opens in this text: the first one used as an opener decides
    guillemet_opener: str | None = None

    def close_paragraph(at: int) -> None:
        # Unclosed quotes end at the paragraph end; a reopening mark at the start of
        # the next paragraph continues them.
        while stack:
            ch, idx = stack.pop()
            end = at
            while end > idx + 1 and text[end - 1].isspace():
                end -= 1
            parts.append(QuotePart(open=idx, close=None, start=idx + 1, end=end, depth=len(stack)))

    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            close_paragraph(i)
            i += 1
            continue
        if ch not in _ALL_MARKS:
            i += 1
            continue
        prev_word = i > 0 and _is_word(text[i - 1])
        next_word = i + 1 < n and _is_word(text[i + 1])
        # apostrophes inside words (geht’s, Peter's) are not quotation marks
        if ch in "’'" and prev_word and next_word:
            i += 1
            continue
        # 1) try to close the innermost open quote
        if stack:
            top, idx = stack[-1]
            if ch in _CLOSERS[top] and not (ch in "’'" and prev_word and not _closing_apostrophe_ok(text, i)):
                # a symmetric mark that looks like an opener while an outer quote of the
                # same kind is open: treat as closer anyway (toggle semantics)
                stack.pop()
                end = i
                start = idx + 1
                parts.append(QuotePart(open=idx, close=i, start=start, end=end, depth=len(stack)))
                i += 1
                continue
            # closing an outer quote while an inner one is unbalanced: close both
            k = next((k for k in range(len(stack) - 2, -1, -1) if ch in _CLOSERS[stack[k][0]]), -1)
            if k >= 0 and ch not in _SINGLE and _closes_outer(text, i):
                while len(stack) > k + 1:
                    _, iidx = stack.pop()
                    parts.append(QuotePart(open=iidx, close=None, start=iidx + 1, end=i, depth=len(stack)))
                _, oidx = stack.pop()
                parts.append(QuotePart(open=oidx, close=i, start=oidx + 1, end=i, depth=len(stack)))
                i += 1
                continue
        # 2) try to open
        if ch in _CLOSERS and _right_open_context(text, i) and (_left_open_context(text, i) or ch in "„»«‚"):
            if ch in "«»":
                if guillemet_opener is None:
                    guillemet_opener = ch
                if ch != guillemet_opener:
                    i += 1
                    continue
            if ch in _SINGLE and ch in "'‘" and not _left_open_context(text, i):
                i += 1
                continue
            stack.append((ch, i))
        i += 1
    close_paragraph(n)
    parts.sort(key=lambda p: p.open)
    _link_continuations(text, parts)
    return parts


def _closing_apostrophe_ok(text: str, i: int) -> bool:
    """A ’/' after a letter closes a single quote only when followed by a non-letter."""
    return i + 1 >= len(text) or not text[i + 1].isalnum()


def _closes_outer(text: str, i: int) -> bool:
    """A double closing mark followed by punctuation/space plausibly closes an outer quote."""
    return i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in ",.;:!?)–-"


def _link_continuations(text: str, parts: list[QuotePart]) -> None:
    """Mark a paragraph-initial quote that follows an unclosed quote as its continuation."""
    by_open = sorted(range(len(parts)), key=lambda k: parts[k].open)
    last_unclosed: int | None = None
    for k in by_open:
        p = parts[k]
        if p.depth:
            continue
        if last_unclosed is not None:
            between = text[parts[last_unclosed].end : p.open]
            if "\n" in between and not between.strip():
                p.continues = last_unclosed
        last_unclosed = k if not p.closed else None


def top_level(parts: list[QuotePart]) -> list[QuotePart]:
    return [p for p in parts if p.depth == 0]


def inside_quote(parts: list[QuotePart], pos: int) -> QuotePart | None:
    """The outermost quote part whose content contains ``pos``."""
    for p in parts:
        if p.depth == 0 and p.start <= pos < p.end:
            return p
    return None
