"""Schools, kindergartens and other institutions by their grammar: a number ("school No.
4", «школе-лицее № 73») or a name they honour ("named after", «имени»), found by rule; the
project's domain model (models/domain_ner) read only in the sentences holding a number."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from .. import datafiles
from ..document import Document, Entity
from .candidates import Candidate
from .text import covered_offsets, sentence_windows, word_alternation

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

NUMBERED = regex.compile(r"(?:\bNo\.?|№)\s*\d+")
# Sentences either side of a numbered institution that the domain NER reads with it: with 0
# (its own sentence only, a tenth of the text) the spans equal a whole-article parse on every
# corpus and dev article.
DOMAIN_CONTEXT_SENTENCES = 0
# "named after Sh. Yesenov", «имени Абая Кунанбаева», «им. Ы. Алтынсарина»: initials and up to
# two capitalised name words.
_NAMED_AFTER = regex.compile(
    r"\s+(?:named\s+after|имени|им\.)\s+(?:\p{Lu}\p{Ll}?\.\s?){0,2}\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?")


@lru_cache(maxsize=1)
def _numbered_pattern() -> regex.Pattern:
    data = datafiles.load("entity_words.yaml")
    heads = word_alternation(data["numbered_institution_heads"])
    mods = word_alternation(data["numbered_institution_modifiers"])
    return regex.compile(
        rf"\b(?:(?:{mods})[\p{{L}}-]*[^\S\n]+){{0,3}}(?:{heads})[\p{{L}}-]*(?:[^\S\n]+(?:{heads})[\p{{L}}-]*)?"
        rf"(?:[^\S\n]*(?:№|No\.?)[^\S\n]*\d+(?:[-/]\d+)?\b|(?=[^\S\n]+(?:имени|им\.|named[^\S\n]+after)[^\S\n]))",
        regex.IGNORECASE)


def numbered_by_grammar(doc: Document) -> list[Candidate]:
    """Numbered or named schools and kindergartens by their grammar ("specialized boarding
    school No. 4", «школе-лицее № 73», «школа-гимназия имени …», whose honoured name
    `named_after` adds): exact spans, so they go before the models' guesses."""
    out = []
    for m in _numbered_pattern().finditer(doc.text):
        if doc.is_masked(m.start(), m.end()):
            continue
        out.append(Candidate(Entity("ORG", m.group(), m.start(), m.end(), source="rule"), "rule"))
    return out


def numbered_windows(doc: Document) -> list[tuple[int, int]]:
    """Only the sentences holding a "No."/«№» number are parsed (see DOMAIN_CONTEXT_SENTENCES)."""
    numbers = [m.span() for m in NUMBERED.finditer(doc.analysis_text)]
    return sentence_windows(doc, numbers, DOMAIN_CONTEXT_SENTENCES) if numbers else []


def numbered_institutions(rec: EntityRecognizer, doc: Document, entities: list[Entity]) -> list[Entity]:
    """Numbered schools and kindergartens ("gymnasium No. 34 named after A.Taimanov",
    «школе № 44») from the project's trained model (models/domain_ner, docs/domain_model.md):
    the only spans of it that add to the rules and the generic models without losing
    precision, so only those are taken, and only where nothing else was found."""
    windows = numbered_windows(doc)
    if not windows or not rec.domain_model.available(doc.lang):
        return []
    covered = covered_offsets(entities)
    found = []
    for span in rec.domain_model.spans_in(doc, windows):
        text = doc.text[span.start:span.end]
        if span.label == "ORG" and NUMBERED.search(text) and \
                not any(i in covered for i in range(span.start, span.end)):
            found.append(Entity("ORG", text, span.start, span.end, source="domain"))
    return found


def named_after(doc: Document, entities: list[Entity]) -> list[Entity]:
    """An organisation's name goes on through "named after" / «имени» and the person it
    honours ("Caspian University of Technology and Engineering named after Sh. Yesenov",
    «школа-гимназия имени Ы. Алтынсарина»); that person is no entity of its own."""
    extended: list[tuple[int, int]] = []
    for ent in entities:
        if ent.type != "ORG":
            continue
        tail = _NAMED_AFTER.match(doc.text, ent.end)
        if tail is None and ent.text.endswith(" им"):
            tail = _NAMED_AFTER.match(doc.text, ent.end - 3)  # the tagger stopped at «им.»: «Театра им»
        if tail is None:
            continue
        ent.end = tail.end()
        ent.text = doc.text[ent.start:ent.end]
        extended.append((ent.start, ent.end))
    if not extended:
        return entities
    return [e for e in entities if e.type == "ORG" or not any(s <= e.start and e.end <= end for s, end in extended)]
