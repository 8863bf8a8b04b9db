"""What the binders are handed: the article (shared by its claims) and one figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ..document import Document, Entity, Quantity, Sentence
from .cues import Words, first_cue_at
from .index import SentenceIndex
from .structure import ArticleStructure


@dataclass
class Article:
    doc: Document
    index: SentenceIndex
    lang: str
    cues: dict
    structure: ArticleStructure
    per_sentence: dict = field(default_factory=dict)  # cache: what all figures of a sentence share

    def cue(self, name: str, words) -> tuple[str, int, int] | None:
        """The first cue of list `name` in `words` (surface, first word, end word), or None."""
        return first_cue_at(words, self.cues[name].get(self.lang))

    def cue_in(self, cues_by_lang: dict, words) -> bool:
        return first_cue_at(words, cues_by_lang.get(self.lang)) is not None

    @cached_property
    def roles_of(self) -> dict[str, list[str]]:
        """The roles the article gives each entity id (looked up per figure: one pass, not one
        pass per figure)."""
        roles: dict[str, list[str]] = {}
        for entity in self.doc.entities:
            if entity.id and entity.role:
                roles.setdefault(entity.id, []).append(entity.role)
        return roles

    def cue_span(self, name: str, at: int) -> tuple[int, int] | None:
        """Character span of the first cue of list `name` in sentence `at`, or None."""
        found = self.cue(name, self.index.keys(at))
        return self.index.word_span(at, found[1], found[2]) if found else None


@dataclass
class Figure:
    """One quantity in its sentence and clause."""

    number: int
    quantity: Quantity
    at: int | None  # its sentence's number; None when it stands in no sentence
    sentence: Sentence
    words: Words
    entities: list[Entity]  # of its sentence
    clause_tokens: list  # by punctuation
    clause_starts: set[int]  # token starts of its clause (punctuation and parse)
    bound: dict = field(default_factory=dict)  # key -> Bound of the keys bound so far

    @property
    def offset(self) -> int:
        return self.quantity.start

    def clause(self, type_: str) -> list[Entity]:
        """Entities of that type in the figure's clause, else in its sentence."""
        of_type = [e for e in self.entities if e.type == type_]
        return [e for e in of_type if e.start in self.clause_starts] or of_type
