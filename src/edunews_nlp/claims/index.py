"""Tokens, entities and paragraphs grouped by sentence, found by bisection: linear in the text."""

from __future__ import annotations

import bisect

import regex

from ..document import Document, Entity
from ..knowledge import word_key_for
from .cues import Words

# A sentence end with no space after it ("it.Addressing", «году.В») is where scraping lost a
# line break: a paragraph break (ANNOTATION.md, Claims: "Lead").
_LOST_BREAK = regex.compile(r"[.!?…][\"”»]?$")
# An agency's dateline: the city in capitals at the start of a line, then a full stop or a
# dash ("АСТАНА. KAZINFORM –", "ASTANA –"). It says where the news was filed, not what its
# figures are about.
_DATELINE_AFTER = regex.compile(r"\s*[.,]?\s*(?:[\p{Lu}-]{2,}\s*)?[-–—.]")


class SentenceIndex:
    def __init__(self, doc: Document, relative_clause=None):
        """`relative_clause`: a pattern of the relative clauses of the language (", which took
        place in Astana,"): the places named there describe something else than the figures."""
        self.doc = doc
        self.relative_clause = relative_clause
        self.starts = [s.start for s in doc.sentences]
        self.tokens: list[list] = [[] for _ in doc.sentences]
        self.token_ids: list[list[int]] = [[] for _ in doc.sentences]
        self.entities: list[list[Entity]] = [[] for _ in doc.sentences]
        self.datelines: list[Entity] = []
        for number, tok in enumerate(doc.tokens):
            at = self.sentence_of(tok.start)
            if at is not None:
                self.tokens[at].append(tok)
                self.token_ids[at].append(number)
        for ent in doc.entities:
            at = self.sentence_of(ent.start)
            if _is_dateline(doc.text, ent):
                self.datelines.append(ent)  # bound to no figure (but «в городе» after it)
            elif at is not None and ent.end <= doc.sentences[at].end:
                self.entities[at].append(ent)
        self.paragraph = self._paragraph_numbers()
        self._keys: dict[int, Words] = {}
        self.word_key = word_key_for(doc.lang)  # Kazakh words by their lemmas (knowledge.WORD_KEYS)
        self._clause_heads: dict[int, dict[int, int] | None] = {}
        self._relative: dict[int, list[tuple[int, int]]] = {}

    def _paragraph_numbers(self) -> list[int]:
        """Each sentence's paragraph: a new one after a line break or a lost line break."""
        numbers, current, text, sentences = [], 0, self.doc.text, self.doc.sentences
        for at, sentence in enumerate(sentences):
            if at:
                gap = text[sentences[at - 1].end:sentence.start]
                lost = gap == "" and _LOST_BREAK.search(text, max(0, sentences[at - 1].end - 3),
                                                        sentences[at - 1].end) is not None
                current += "\n" in gap or lost
            numbers.append(current)
        return numbers

    def sentence_of(self, offset: int) -> int | None:
        at = bisect.bisect_right(self.starts, offset) - 1
        if at >= 0 and offset < self.doc.sentences[at].end:
            return at
        return None

    def keys(self, at: int) -> Words:
        """(word key, surface) of the sentence's tokens."""
        if at not in self._keys:
            self._keys[at] = Words((self.word_key(t.text), t.text) for t in self.tokens[at])
        return self._keys[at]

    def keys_between(self, start: int, end: int) -> Words:
        """(word key, surface) of the tokens of one sentence inside [start, end)."""
        at = self.sentence_of(start)
        if at is None:
            return Words([])
        return Words((key, t.text) for (key, _), t in zip(self.keys(at), self.tokens[at])
                     if start <= t.start and t.end <= end)

    def word_span(self, at: int, first: int, end: int) -> tuple[int, int]:
        """Character span of the words [first, end) of sentence `at`."""
        tokens = self.tokens[at]
        return tokens[first].start, tokens[end - 1].end

    def clause_heads(self, at: int, clause_head) -> dict[int, int] | None:
        """Token id → id of the head of its clause (`clause_head(tokens, id)`), once per
        sentence; None when the sentence has no dependency parse."""
        if at not in self._clause_heads:
            ids, tokens = self.token_ids[at], self.doc.tokens
            parsed = bool(ids) and tokens[ids[0]].head is not None
            self._clause_heads[at] = {i: clause_head(tokens, i) for i in ids} if parsed else None
        return self._clause_heads[at]

    def has_headline(self) -> bool:
        """The first sentence stands on its own line: a title, not the start of a paragraph."""
        sentences = self.doc.sentences
        return len(sentences) > 1 and not self.same_paragraph(0, 1)

    def same_paragraph(self, first: int, second: int) -> bool:
        return self.paragraph[first] == self.paragraph[second]

    def relative_spans(self, at: int) -> list[tuple[int, int]]:
        if self.relative_clause is None:
            return []
        if at not in self._relative:
            sentence = self.doc.sentences[at]
            self._relative[at] = [m.span() for m in self.relative_clause.finditer(
                self.doc.analysis_text, sentence.start, sentence.end)]
        return self._relative[at]

    def main_entities(self, at: int, offset: int | None = None) -> list[Entity]:
        """The sentence's entities outside its relative clauses (but those of the relative
        clause that holds `offset`)."""
        spans = [(s, e) for s, e in self.relative_spans(at) if offset is None or not s <= offset < e]
        return [ent for ent in self.entities[at] if not any(s <= ent.start < e for s, e in spans)]

    def of_type(self, at: int, type_: str) -> list[Entity]:
        return [e for e in self.entities[at] if e.type == type_ and e.id]

    def recent_official(self, at: int | None, lookback: int | None = 3) -> Entity | None:
        """The last official named in the `lookback` sentences before sentence `at` (None:
        anywhere before it)."""
        if at is None:
            return None
        first = 0 if lookback is None else max(0, at - lookback)
        for prior in range(at - 1, first - 1, -1):
            officials = self.of_type(prior, "OFFICIAL")
            if officials:
                return officials[-1]
        return None


def _is_dateline(text: str, ent: Entity) -> bool:
    if ent.type != "PLACE" or not ent.text.isupper() or len(ent.text) < 3:
        return False
    line_start = text.rfind("\n", 0, ent.start) + 1
    return not text[line_start:ent.start].strip() and _DATELINE_AFTER.match(text, ent.end) is not None
