"""A figure's clause: clause punctuation, narrowed by the dependency parse where there is one.

A figure is bound to the programme and place of its own clause ("two schools … in the Almaty
region, and 1 school … in the Turkestan region"). English has spaCy's parse of every
sentence; Russian sentences are parsed on demand (natasha) only where the clause decides:
a sentence holding a figure and more than one place or programme.
"""

from __future__ import annotations

from ..document import Document
from .index import SentenceIndex

# A conjunct starts its own clause when it or its head is a predicate ("opened …, and 1 school").
_PREDICATE_POS = frozenset({"VERB", "AUX"})


def parse_where_binding_is_ambiguous(doc: Document, index: SentenceIndex, parse_syntax) -> None:
    if parse_syntax is None or not doc.tokens or doc.tokens[0].head is not None:
        return
    holding = {index.sentence_of(q.start) for q in doc.quantities} - {None}
    ambiguous = [at for at in sorted(holding)
                 if any(len({e.id for e in index.entities[at] if e.type == type_}) > 1
                        for type_ in ("PLACE", "PROGRAMME"))]
    if ambiguous:
        try:
            parse_syntax(doc, ambiguous)
        except Exception as exc:  # the clause punctuation still binds; say what failed
            doc.warnings.append(f"claims: syntax parse failed ({type(exc).__name__}: {exc})")


def punctuation_clause(index: SentenceIndex, at: int | None, breaks, offset: int) -> list:
    """The tokens of sentence `at` between the clause punctuation around `offset`
    (`clause_breaks`: "; ", ", and", «, а»)."""
    if at is None:
        return []
    sentence = index.doc.sentences[at]
    start, end = sentence.start, sentence.end
    if breaks is not None:
        for m in breaks.finditer(index.doc.analysis_text, sentence.start, sentence.end):
            if m.end() <= offset:
                start = m.end()
            elif m.start() >= offset:
                end = m.start()
                break
    return [t for t in index.tokens[at] if start <= t.start and t.end <= end]


def syntax_clause(index: SentenceIndex, at: int | None, offset: int, punctuated: list, clause_deps: set) -> list:
    """`punctuated` narrowed, when the sentence has a dependency parse, to the tokens
    governed by the same clause head as `offset` (a predicate, or a conjunct of one)."""
    if at is None:
        return punctuated
    heads = index.clause_heads(at, lambda tokens, i: _clause_head(tokens, i, clause_deps))
    tokens = index.doc.tokens
    at_token = next((i for i in index.token_ids[at] if tokens[i].start <= offset < tokens[i].end), None)
    if heads is None or at_token is None:
        return punctuated
    kept = {tokens[i].start for i, head in heads.items() if head == heads[at_token]}
    return [t for t in punctuated if t.start in kept] or punctuated


# A parser can leave a cycle of heads (no root): the walk stops after this many steps, not
# after one step per token of the document (which made long texts cost quadratic time).
MAX_HEAD_STEPS = 64


def _clause_head(tokens: list, i: int, clause_deps: set) -> int:
    for _ in range(MAX_HEAD_STEPS):
        tok = tokens[i]
        if tok.head is None or tok.head == i:
            return i
        if tok.dep in clause_deps and (tok.dep != "conj" or tok.pos in _PREDICATE_POS
                                       or tokens[tok.head].pos in _PREDICATE_POS):
            return i
        i = tok.head
    return i
