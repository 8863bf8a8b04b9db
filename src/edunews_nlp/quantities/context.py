"""Everything one extraction needs, computed once per text: tokens, sentence ends,
regions that hold no quantities, quoted names, the language's pieces."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from ..document import Token
from .registry import Language, Reader
from .regions import BLOCKED_PATTERNS, DATES, address_pattern, web_addresses
from .rules import Rules, rules_for
from .tokens import Tok, tokenize
from .units import UnitTable, unit_table
from .vocabulary import NumberWords, number_words

WINDOW = 48  # characters looked at before a number for qualifiers, openers, indexes


# Quoted stretches short enough to be a name: «1000 лидеров изменений», "English 101"
_QUOTED = regex.compile(r'«([^«»\n]{1,80})»|“([^“”\n]{1,80})”|„([^„“”\n]{1,80})[“”]|"([^"\n]{1,80})"')
_SENTENCE_END = regex.compile(r"[.!?…]+(?=[\s\"'«»“”]|[A-ZА-ЯЁ]|$)|\n")
_SENTENCE_PUNCT_INSIDE = regex.compile(r"[.!?;:]\s|[,]")


@dataclass
class Context:
    """Everything one extraction needs, computed once per text."""

    text: str
    words: NumberWords
    rules: Rules
    units: UnitTable
    reader: Reader
    tokens: list[Tok]
    token_starts: list[int]
    blocked: list[tuple[int, int]]
    blocked_starts: list[int]
    sentence_ends: list[int]
    quoted: list[tuple[int, int]]
    quoted_starts: list[int]
    year_mentions: list[tuple[int, int]] = field(default_factory=list)  # (position, year)
    year_positions: list[int] = field(default_factory=list)
    doc_tokens: list[Token] = field(default_factory=list)
    doc_token_starts: list[int] = field(default_factory=list)

    # sentences ---------------------------------------------------------------------------
    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sentence_ends, pos)
        start = self.sentence_ends[k - 1] if k > 0 else 0
        end = self.sentence_ends[k] if k < len(self.sentence_ends) else len(self.text)
        return start, end

    def at_sentence_start(self, pos: int) -> bool:
        i = pos - 1
        while i >= 0 and self.text[i] in " \t\u00a0":
            i -= 1
        return i < 0 or self.text[i] in ".!?\n:;\"«“(•-–—"

    # regions -----------------------------------------------------------------------------
    def is_blocked(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.blocked_starts, start)
        for j in (k - 1, k):
            if 0 <= j < len(self.blocked):
                s, e = self.blocked[j]
                if s < end and start < e:
                    return True
        return False

    def quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.quoted_starts, start) - 1
        if k >= 0:
            s, e = self.quoted[k]
            if s <= start and end <= e:
                return s, e
        return None

    # tokens ------------------------------------------------------------------------------
    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after pos."""
        return bisect.bisect_left(self.token_starts, pos)

    def word_after(self, pos: int, max_gap: int = 3) -> Tok | None:
        k = self.token_at(pos)
        if k < len(self.tokens):
            tok = self.tokens[k]
            gap = self.text[pos : tok.start]
            if tok.kind == "word" and len(gap) <= max_gap and (gap == "" or gap.isspace()) and "\n" not in gap:
                return tok
        return None

    def word_before(self, pos: int) -> Tok | None:
        k = self.token_at(pos) - 1
        if k >= 0:
            tok = self.tokens[k]
            gap = self.text[tok.end : pos]
            if tok.kind == "word" and (gap == "" or gap.isspace()) and "\n" not in gap and len(gap) <= 3:
                return tok
        return None

    def window_before(self, pos: int, size: int = WINDOW) -> str:
        return self.text[max(0, pos - size) : pos]


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans (so that a lookup needs to check one neighbour)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def build_context(text: str, language: Language, doc_tokens: list[Token] | None) -> Context:
    words = number_words(language.data)
    tokens = tokenize(text, language.data)
    blocked, year_mentions = _blocked_regions(text)
    quoted = _quoted_names(text)
    doc_tokens = sorted(doc_tokens or [], key=lambda t: t.start)
    return Context(
        text=text,
        words=words,
        rules=rules_for(language.data),
        units=unit_table(),
        reader=language.reader,
        tokens=tokens,
        token_starts=[t.start for t in tokens],
        blocked=blocked,
        blocked_starts=[s for s, _ in blocked],
        sentence_ends=[m.end() for m in _SENTENCE_END.finditer(text)],
        quoted=quoted,
        quoted_starts=[s for s, _ in quoted],
        year_mentions=year_mentions,
        doc_tokens=doc_tokens,
        doc_token_starts=[t.start for t in doc_tokens],
    )


def _blocked_regions(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The merged regions that hold no quantities, and the (position, year) of each date."""
    blocked, year_mentions = [], []
    for trigger, pattern in BLOCKED_PATTERNS:
        if trigger is None or trigger in text:
            blocked.extend((m.start(), m.end()) for m in pattern.finditer(text))
    if "." in text:
        blocked.extend(web_addresses(text))
    blocked.extend((m.start(), m.end()) for m in address_pattern().finditer(text))
    for match in DATES.finditer(text):
        blocked.append((match.start(), match.end()))
        year = match.group("year") or match.group("isoyear")
        year = int(year) if len(year) == 4 else 2000 + int(year)
        year_mentions.append((match.start(), year))
    return _merge_spans(blocked), year_mentions


def _quoted_names(text: str) -> list[tuple[int, int]]:
    """Quoted stretches that may be a name (not speech, not text between two quotations)."""
    quoted = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        content = match.group(group)
        if content[0].isspace() or content[-1].isspace() or _SENTENCE_PUNCT_INSIDE.search(content):
            continue  # not a name: a stretch between two different quotations, or speech
        if len(content.split()) <= 8:
            quoted.append((match.start(group), match.end(group)))
    return quoted
