"""Quotations and who says them: the spans of direct speech in an article and the official
each is attributed to."""

from __future__ import annotations

import bisect

import regex

from ..document import Document


# A quotation long enough to hold a statement, and who said it: the official named right
# after it (", said X" / «…», – отметил X) or right before it ("X said: «…»").
_QUOTE_MARK = regex.compile(r"[\"“”«»\n]")
MIN_QUOTATION_CHARS = 20
_SENTENCE_END_BEFORE = regex.compile(r"[.!?]\s*$")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the outermost quotations long enough to be a statement, quote marks
    included. Nested names («… программы «Біртұтас тәрбие», …») stay inside their quotation;
    a straight quote opens after a space or a sentence end ('1,800."The number') and closes
    otherwise; one that starts a sentence drops the quotations left open before it (sites
    leave names' quotes unclosed); an unclosed quotation ends with its paragraph."""
    spans, stack = [], []
    for m in _QUOTE_MARK.finditer(text):
        mark, at = m.group(), m.start()
        if mark == "\n":
            stack.clear()
            continue
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = mark in "«“" or (mark == '"' and (before.isspace() or before in "([{—–-:" or
                                                  (before in ".!?" and after.isalnum())))
        if opens:
            if mark == '"' and _SENTENCE_END_BEFORE.search(text, max(0, at - 3), at):
                stack.clear()  # a straight quote starting a sentence is a new quotation, not a nested name
            stack.append(at)
        elif stack:
            start = stack.pop()
            if not stack and at + 1 - start >= MIN_QUOTATION_CHARS:
                spans.append((start, at + 1))
    return spans


SPEAKER_WINDOW = 120
# A reference back ('…," the minister said') counts only right after the quotation.
ANAPHORIC_SPEAKER_WINDOW = 40


def quote_speakers(doc: Document, refers_back=None) -> list[tuple[int, int, str]]:
    """(start, end, official id) of the quotations an official is named as saying. With
    `refers_back(start, end)` (the words there refer to an official named earlier: '…," the
    minister said'), a quotation followed closely by such words is the last official's."""
    officials = sorted((e for e in doc.entities if e.type == "OFFICIAL" and e.id), key=lambda e: e.start)
    if not officials:
        return []
    starts = [e.start for e in officials]
    spans = []
    for quote_start, quote_end in quotations(doc.analysis_text):
        after = bisect.bisect_left(starts, quote_end)
        before = bisect.bisect_left(starts, quote_start) - 1
        speaker = None
        if after < len(officials) and officials[after].start - quote_end <= SPEAKER_WINDOW \
                and "\n" not in doc.text[quote_end:officials[after].start]:
            speaker = officials[after]
        elif before >= 0 and quote_start - officials[before].end <= SPEAKER_WINDOW \
                and ":" in doc.text[officials[before].end:quote_start]:
            speaker = officials[before]
        elif before >= 0 and refers_back is not None:
            line_end = doc.text.find("\n", quote_end)
            line_end = len(doc.text) if line_end == -1 else line_end
            if refers_back(quote_end, min(line_end, quote_end + ANAPHORIC_SPEAKER_WINDOW)):
                speaker = officials[before]
        if speaker is not None:
            spans.append((quote_start, quote_end, speaker.id))
    return spans


# Lookups search the quotations that start at most this far before an offset: longer than any
# real quotation, and what keeps a long text's lookups from scanning every quotation.
MAX_QUOTATION_CHARS = 10_000


class Speakers(list):
    """The attributed quotations (start, end, official) of an article, in their order, with
    lookups by offset that cost a binary search, not a pass over all of them."""

    def __init__(self, spans=()):
        super().__init__(spans)
        self._starts = sorted((span[0], i) for i, span in enumerate(self))
        self._ends = sorted((span[1], i) for i, span in enumerate(self))

    def at(self, offset: int) -> tuple[int, int, str] | None:
        """The first quotation (in article order) that `offset` stands in, or None."""
        low = bisect.bisect_left(self._starts, (offset - MAX_QUOTATION_CHARS, -1))
        high = bisect.bisect_right(self._starts, (offset, len(self)))
        inside = [i for _, i in self._starts[low:high] if offset < self[i][1]]
        return self[min(inside)] if inside else None

    def ending_in(self, since: int, until: int) -> list[tuple[int, int, str]]:
        """The quotations that end in (since, until]."""
        low = bisect.bisect_right(self._ends, (since, len(self)))
        high = bisect.bisect_right(self._ends, (until, len(self)))
        return [self[i] for _, i in self._ends[low:high]]


def quotation_of(speakers: Speakers, offset: int) -> tuple[int, int, str] | None:
    """The attributed quotation (start, end, official) that `offset` stands in, or None."""
    return speakers.at(offset)
