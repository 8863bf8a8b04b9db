"""Span repairs after the candidates are merged: where a name really ends and begins.

- A name never crosses a blank line, and crosses a single line break only where it
  visibly continues (the line ends in a joining word, or the next line goes on in lower
  case): a headline ending in a surname does not take the next paragraph's first word.
- An abbreviation in brackets after a full name is a mention of its own
  («Национальный центр повышения квалификации (НЦПК)» → two ORGs).
- Two organisation fragments joined by "and"/«и», the first without a head noun, are one
  name ("Republican Scientific" + "and" + "Practical Center for …"); an abbreviation
  («ФАС и Министерство торговли») is a whole name already.
"""

from __future__ import annotations

from functools import cached_property

import regex

from .document import Document, Entity
from .knowledge import word_key

_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_LAST_WORD = regex.compile(r"([\p{L}.]+)[^\S\n]*$")
_FIRST_CHAR = regex.compile(r"^[^\S\n]*(\p{L})")
# "Full Name (ABBR)": the bracketed part is an abbreviation (mostly capitals) or a name in
# another script; a bracketed gloss in lower case ("(Mayor)") is not split off.
_BRACKETED = regex.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]{1,60})\)$")
_ABBREVIATION = regex.compile(r"^[\p{Lu}\d][\p{Lu}\d\-.&]{1,12}$")


def continues_over_break(before: str, after: str, joining_words: set[str]) -> bool:
    """A name goes on over one line break: its line ends in a joining word ("of", «и»),
    or the next line goes on in lower case."""
    last = _LAST_WORD.search(before)
    if last is not None and word_key(last.group(1)) in joining_words:
        return True
    first = _FIRST_CHAR.match(after)
    return first is not None and first.group(1).islower()


def cut_at_line_breaks(doc: Document, entities: list[Entity], joining_words: set[str]) -> list[Entity]:
    """Each entity ends at the first blank line, or at the first line break its name does not
    continue over; what is left before the break is kept (or dropped when empty)."""
    out = []
    for ent in entities:
        text = ent.text
        if "\n" not in text:
            out.append(ent)
            continue
        cut = len(text)
        blank = _BLANK_LINE.search(text)
        if blank is not None:
            cut = blank.start()
        at = text.find("\n")
        while 0 <= at < cut:
            if not continues_over_break(text[:at], text[at + 1:], joining_words):
                cut = at
                break
            at = text.find("\n", at + 1)
        if cut == len(text):
            out.append(ent)
            continue
        kept = text[:cut].rstrip(" \t,;:-–—")
        if not any(ch.isalpha() for ch in kept):
            continue
        out.append(Entity(ent.type, kept, ent.start, ent.start + len(kept), source=ent.source))
    return out


def split_bracketed_abbreviations(entities: list[Entity]) -> list[Entity]:
    """"Committee to Protect Journalists (CPJ)" → the full name and the abbreviation, each
    its own mention of the same type."""
    out = []
    for ent in entities:
        m = _BRACKETED.match(ent.text) if ent.type in ("ORG", "PROGRAMME", "PLACE") else None
        if m is None or not _is_abbreviation_or_alias(m.group("name"), m.group("inner")):
            out.append(ent)
            continue
        name_end = ent.start + m.end("name")
        inner_start, inner_end = ent.start + m.start("inner"), ent.start + m.end("inner")
        out.append(Entity(ent.type, m.group("name"), ent.start, name_end, source=ent.source))
        out.append(Entity(ent.type, m.group("inner"), inner_start, inner_end, source=ent.source))
    return out


def _is_abbreviation_or_alias(name: str, inner: str) -> bool:
    if _ABBREVIATION.match(inner):
        return True
    # "Промышленный и коммерческий банк Китая (Industrial and Commercial Bank of China)"
    return inner[:1].isupper() and _script(inner) != _script(name) and len(inner.split()) <= 8


def _script(text: str) -> str:
    return "cyrillic" if regex.search(r"\p{Cyrillic}", text) else "latin"


class OrgJoiner:
    """Joins "A and B" ORG fragments when A has no organisation head noun of its own and B
    has one: the model cut one name at its conjunction."""

    def __init__(self, head_nouns: set[str], conjunctions: set[str]):
        self.head_nouns = head_nouns
        self.conjunctions = conjunctions

    @cached_property
    def _glue(self) -> regex.Pattern:
        words = "|".join(sorted(map(regex.escape, self.conjunctions)))
        return regex.compile(rf"^[^\S\n]+(?:{words})[^\S\n]+$", regex.IGNORECASE)

    def has_head(self, text: str) -> bool:
        # "школы-интерната № 4": a hyphenated head counts by its parts too
        words = regex.findall(r"[\p{L}-]+", text)
        return any(word_key(w) in self.head_nouns for word in words for w in {word, *word.split("-")} if w)

    def __call__(self, doc: Document, entities: list[Entity]) -> list[Entity]:
        out: list[Entity] = []
        for ent in sorted(entities, key=lambda e: e.start):
            prev = out[-1] if out else None
            if prev is not None and prev.type == ent.type == "ORG" and self._glue.match(doc.text[prev.end:ent.start]) \
                    and not self.has_head(prev.text) and not prev.text.isupper() and self.has_head(ent.text):
                out[-1] = Entity("ORG", doc.text[prev.start:ent.end], prev.start, ent.end, source=prev.source)
                continue
            out.append(ent)
        return out
