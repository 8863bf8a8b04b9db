"""The claims stage: one claim per quantity, each key bound by the guide's rules, with evidence.

The article structure is built once (`doc.structure`); each binder prepares its article
scopes on it, then binds its key figure by figure, returning the value with the rule and
the span of text that tied it (`Claim.evidence`).
"""

from __future__ import annotations

from functools import cached_property

from ..document import Claim, Document, Sentence
from ..knowledge import KnowledgeBase, default_kb
from .clauses import parse_where_binding_is_ambiguous, punctuation_clause, syntax_clause
from .context import Article, Figure
from .cues import Words, claim_cues
from .index import SentenceIndex
from .modality import ModalityBinder, modality_of
from .officials import OfficialBinder
from .places import PlaceBinder
from .programmes import ProgrammeBinder
from .structure import build_structure
from .time import TimeBinder


class ClaimBuilder:
    """Callable stage: one claim per quantity in `doc.quantities`."""

    def __init__(self, kb: KnowledgeBase | None = None, parse_syntax=None):
        """`parse_syntax(doc, sentence indices)`: a dependency parser run on demand (natasha's
        for Russian) where the analyser did not parse every sentence (spaCy does)."""
        self._kb = kb
        self.parse_syntax = parse_syntax

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or default_kb()

    @property
    def cues(self) -> dict:
        return claim_cues()

    @cached_property
    def binders(self) -> list:
        """One per claim key, in the order of ANNOTATION.md but the official before the place:
        a lead's place frames the narrator's figures, not those an official states."""
        return [ProgrammeBinder(self.kb), OfficialBinder(), PlaceBinder(self.kb), TimeBinder(), ModalityBinder()]

    def __call__(self, doc: Document) -> None:
        doc.claims = []
        if not doc.quantities:
            return
        lang = doc.lang or "en"
        index = SentenceIndex(doc, self.cues["relative_clause"].get(lang))
        parse_where_binding_is_ambiguous(doc, index, self.parse_syntax)
        article = Article(doc, index, lang, self.cues, build_structure(doc, index, self.cues, lang))
        doc.structure = article.structure
        for binder in self.binders:
            binder.prepare(article)
        for number, quantity in enumerate(doc.quantities):
            figure = self._figure(article, number, quantity)
            bound = figure.bound
            for binder in self.binders:
                bound[binder.key] = binder(article, figure)
            doc.claims.append(Claim(
                text=figure.sentence.text, start=figure.sentence.start, end=figure.sentence.end, quantity=number,
                subject=quantity.subject,
                programme=_value(bound["programme"]), place=_value(bound["place"]),
                official=_value(bound["official"]), time=_value(bound["time"]),
                modality=modality_of(bound["modality"]),
                evidence={("year" if key == "time" else key): b.evidence() for key, b in bound.items() if b},
            ))

    def _figure(self, article: Article, number: int, quantity) -> Figure:
        doc, index = article.doc, article.index
        at = index.sentence_of(quantity.start)
        if at is None:
            return Figure(number, quantity, None, _line_around(doc, quantity.start), Words([]), [], [], set())
        punctuated = punctuation_clause(index, at, self.cues["clause_breaks"].get(article.lang), quantity.start)
        clause = syntax_clause(index, at, quantity.start, punctuated, self.cues["clause_deps"])
        return Figure(number, quantity, at, doc.sentences[at], index.keys(at), index.main_entities(at, quantity.start),
                      punctuated,
                      {t.start for t in clause})


def _value(bound):
    return bound.value if bound is not None else None


def _line_around(doc: Document, offset: int) -> Sentence:
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    end = len(doc.text) if end == -1 else end
    return Sentence(start, end, doc.text[start:end])
