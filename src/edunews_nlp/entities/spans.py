"""Span repairs after the candidates are merged: where a name really ends and begins.

- A name never crosses a blank line or a glued sentence end ("Kazinform.Today"), and
  crosses a single line break only where it visibly continues (the line ends in a joining word, or the next line goes on in lower
  case): a headline ending in a surname does not take the next paragraph's first word.
- An abbreviation in brackets after a full name is a mention of its own
  («Национальный центр повышения квалификации (НЦПК)» → two ORGs).
- An ORG cut before its territory or its parent body is joined with it ("Ministry of
  Education of" + "the Republic of Kazakhstan", «… при Министерстве просвещения»); a model ORG
  does not end on an adjective; two person spans side by side are one name.
- A name's type is decided once per article and shared by its mentions.
- An ORG split at a hyphen ("Bilim" - "Innovation") is one name; two organisation
  fragments joined by "and"/«и», the first without a head noun, are one
  name ("Republican Scientific" + "and" + "Practical Center for …"); an abbreviation
  («ФАС и Министерство торговли») is a whole name already.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property, lru_cache

import regex

from .. import datafiles
from ..document import Document, Entity, Token
from ..knowledge import morph_parse, phrase_key, word_key

_CYRILLIC = regex.compile(r"\p{Cyrillic}")

_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
# "Kazinform.Today", "Adamova.Thus": a word of two lower-case letters or more, a dot and a
# capitalised word with no space; initials ("Y.Altynsarina") and web addresses do not match.
_GLUED_SENTENCE = regex.compile(r"(?<=\p{Ll}{2})\.(?=\p{Lu}\p{Ll})")
_LAST_WORD = regex.compile(r"([\p{L}.]+)[^\S\n]*$")
_FIRST_CHAR = regex.compile(r"^[^\S\n]*(\p{L})")
# "Full Name (ABBR)": the bracketed part is an abbreviation (mostly capitals) or a name in
# another script; a bracketed gloss in lower case ("(Mayor)") is not split off.
_BRACKETED = regex.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]{1,60})\)$")
_ABBREVIATION = regex.compile(r"^[\p{Lu}\d][\p{Lu}\d\-.&]{1,12}$")
_LETTER_RUNS = regex.compile(r"[\p{L}-]+")
_FOR_OR_OF = regex.compile(r"\b(?:for|of)\b")


def continues_over_break(before: str, after: str, joining_words: set[str]) -> bool:
    """A name goes on over one line break: its line ends in a joining word ("of", «и»),
    or the next line goes on in lower case."""
    last = _LAST_WORD.search(before)
    if last is not None and word_key(last.group(1)) in joining_words:
        return True
    first = _FIRST_CHAR.match(after)
    return first is not None and first.group(1).islower()


def cut_at_line_breaks(doc: Document, entities: list[Entity], joining_words: set[str]) -> list[Entity]:
    """Each entity ends at the first blank line, at the first line break its name does not
    continue over, or at a sentence end glued to the next sentence ("Kazinform.Today", a
    scraping artefact); what is left before the break is kept (or dropped when empty)."""
    out = []
    for ent in entities:
        text = ent.text
        glued = _GLUED_SENTENCE.search(text)
        if "\n" not in text and glued is None:
            out.append(ent)
            continue
        cut = glued.start() if glued is not None else len(text)
        blank = _BLANK_LINE.search(text)
        if blank is not None:
            cut = min(cut, blank.start())
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
    return "cyrillic" if _CYRILLIC.search(text) else "latin"


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
        words = _LETTER_RUNS.findall(text)
        return any(word_key(w) in self.head_nouns for word in words for w in {word, *word.split("-")} if w)

    def __call__(self, doc: Document, entities: list[Entity]) -> list[Entity]:
        out: list[Entity] = []
        for ent in sorted(entities, key=lambda e: e.start):
            prev = out[-1] if out else None
            glue = doc.text[prev.end:ent.start] if prev is not None else ""
            split_at_hyphen = glue in ("-", "‐", "–") and ent.type in ("ORG", "PLACE", "PERSON")  # "Bilim" "-" "Innovation"
            if prev is not None and prev.type == "ORG" and split_at_hyphen or \
                    prev is not None and prev.type == ent.type == "ORG" and self._glue.match(glue) \
                    and not self.has_head(prev.text) and not prev.text.isupper() and self.has_head(ent.text):
                out[-1] = Entity("ORG", doc.text[prev.start:ent.end], prev.start, ent.end, source=prev.source)
                continue
            out.append(ent)
        return out


# "Ministry of Education of" + "the Republic of Kazakhstan": models often cut an
# organisation's name before its territory; ANNOTATION.md keeps the place inside the ORG.
_ORG_PLACE_GLUE = regex.compile(r"^\s*(?:of\s+)?(?:the\s+)?$", regex.IGNORECASE)
_ENDS_WITH_OF = regex.compile(r"\bof$", regex.IGNORECASE)
_UNIT_PARENT_GLUE = regex.compile(r"^[^\S\n]+(?:at|under|of|при)[^\S\n]+(?:the[^\S\n]+)?$", regex.IGNORECASE)


@lru_cache(maxsize=1)
def _territorial_heads() -> frozenset[str]:
    data = datafiles.load("entity_words.yaml")["territorial_body_heads"]
    return frozenset(word_key(w) for words in data.values() for w in words)


def _governs_territory(org_text: str) -> bool:
    return any(word_key(w) in _territorial_heads() for w in org_text.split())


def merge_org_of_place(doc: Document, entities: list[Entity]) -> list[Entity]:
    merged: list[Entity] = []
    for ent in sorted(entities, key=lambda e: e.start):
        prev = merged[-1] if merged else None
        if prev is not None and prev.type == "ORG" and ent.type in ("PLACE", "ORG") and prev.source != "trigger" \
                and ent.source != "trigger":
            glue = doc.text[prev.end:ent.start]
            of_place = _ORG_PLACE_GLUE.match(glue) and (_ENDS_WITH_OF.search(prev.text) or "of" in glue.lower())
            # «Министерство сельского хозяйства Германии», «МИД РФ»: a place in the genitive
            # right after a body's name is its territory, inside the name
            genitive_place = glue == " " and ent.type == "PLACE" and _is_genitive(ent.text.split()[0]) and \
                _governs_territory(prev.text)
            # "Department … at the Ministry of Education", «Комитет … при Министерстве
            # просвещения», «Комитет … Министерства просвещения»: a unit of its parent body is
            # one name as written
            unit_of_parent = ent.type == "ORG" and (
                _UNIT_PARENT_GLUE.match(glue) is not None or
                glue == " " and _is_genitive(ent.text.split()[0]) and _governs_territory(ent.text.split()[0]) or
                # «Института этнологии и антропологии РАН», «Свердловского обкома КПСС»: a parent
                # named by its Cyrillic abbreviation right after the unit's name
                glue == " " and _is_parent_abbreviation(ent.text) and not prev.text.split()[-1].isupper())
            # «ГУ МЧС России по Санкт-Петербургу», «Департамент полиции по Алматинской области»:
            # a body's territory after «по» is inside its name
            by_territory = glue == " по " and ent.type == "PLACE" and _governs_territory(prev.text)
            if of_place or genitive_place or unit_of_parent or by_territory:
                merged[-1] = Entity("ORG", doc.text[prev.start:ent.end], prev.start, ent.end, source=prev.source)
                continue
        merged.append(ent)
    return merged


def _is_parent_abbreviation(text: str) -> bool:
    return " " not in text and len(text) >= 2 and text.isupper() and _CYRILLIC.search(text) is not None


@lru_cache(maxsize=20_000)
def _is_genitive(word: str) -> bool:
    """A Cyrillic word that pymorphy3 reads in the genitive (an indeclinable abbreviation
    such as «США», «РК» included)."""
    if not _CYRILLIC.search(word):
        return False
    return any("gent" in p.tag for p in morph_parse(word)) or word.isupper()


def complete_adjective_endings(entities: list[Entity], tokens: list[Token]) -> list[Entity]:
    """A model's ORG does not end on a lower-case adjective: the noun it qualifies belongs to
    the name ("Department of preschool" + "education")."""
    by_end = {t.end: k for k, t in enumerate(tokens)}
    starts = {e.start for e in entities}
    for ent in entities:
        k = by_end.get(ent.end)
        if ent.type != "ORG" or ent.source != "model" or k is None or k + 1 >= len(tokens):
            continue
        last, following = tokens[k], tokens[k + 1]
        if last.pos == "ADJ" and last.text.islower() and following.pos == "NOUN" and following.text.islower() \
                and following.start == last.end + 1 and following.start not in starts:
            ent.end = following.end
            ent.text = ent.text + " " + following.text
    return entities


_AND_TITLE_WORDS = regex.compile(r"[^\S\n]+and[^\S\n]+(\p{Lu}[\p{L}'’]*(?:[^\S\n]+\p{Lu}[\p{L}'’]*){0,2})(?=[^\p{L}'’]|$)")


def extend_over_coordinated_complement(doc: Document, entities: list[Entity]) -> list[Entity]:
    """A model ORG whose complement the model cut at "and" goes on ("National Center for Human"
    + "and Children's Rights"): only after "for"/"of" in the name, and only over capitalised
    words no other entity holds."""
    starts = sorted(e.start for e in entities)
    for ent in entities:
        if ent.type != "ORG" or ent.source != "model" or not _FOR_OR_OF.search(ent.text):
            continue
        m = _AND_TITLE_WORDS.match(doc.text, ent.end)
        if m is None or any(m.start() <= s < m.end() for s in starts):
            continue
        ent.end = m.end()
        ent.text = doc.text[ent.start:ent.end]
    return entities


def extend_by_genitive_qualifier(entities: list[Entity], tokens: list[Token], head_nouns: set[str]) -> list[Entity]:
    """An ORG ending in its head noun goes on through a lower-case adjective and noun in the
    genitive that qualify it («Назарбаев Интеллектуальной школы» + «физико-математического
    направления»)."""
    by_end = {t.end: k for k, t in enumerate(tokens)}
    starts = {e.start for e in entities}
    for ent in entities:
        k = by_end.get(ent.end)
        if ent.type != "ORG" or k is None or k + 2 >= len(tokens) or word_key(tokens[k].text) not in head_nouns:
            continue
        adjective, noun = tokens[k + 1], tokens[k + 2]
        if adjective.pos == "ADJ" and noun.pos == "NOUN" and adjective.text.islower() and noun.text.islower() \
                and adjective.start == tokens[k].end + 1 and noun.start == adjective.end + 1 \
                and adjective.start not in starts and _genitive_only_reading(adjective.text, "ADJF") \
                and _genitive_only_reading(noun.text, "NOUN"):
            ent.end = noun.end
            ent.text = ent.text + " " + adjective.text + " " + noun.text
    return entities


def _genitive_only_reading(word: str, pos: str) -> bool:
    """pymorphy3's first reading of `word` as `pos` is a genitive."""
    if not _CYRILLIC.search(word):
        return False
    reading = next((p for p in morph_parse(word) if pos in p.tag), None)
    return reading is not None and "gent" in reading.tag


def merge_adjacent_persons(doc: Document, entities: list[Entity]) -> list[Entity]:
    """"Nurpeisova" + "Gulzhanar Moldakerimovna": one name the model cut in two."""
    merged: list[Entity] = []
    for ent in sorted(entities, key=lambda e: e.start):
        prev = merged[-1] if merged else None
        if prev is not None and prev.type == ent.type == "PERSON" and doc.text[prev.end:ent.start] == " ":
            merged[-1] = Entity("PERSON", doc.text[prev.start:ent.end], prev.start, ent.end, source=prev.source)
            continue
        merged.append(ent)
    return merged


# Which source decides a name's type when its mentions in one article disagree: a trigger
# word or the knowledge base knows better than a model.
TYPE_AUTHORITY = {"trigger": 3, "gazetteer": 2, "rule": 1}


def one_type_per_name(entities: list[Entity]) -> list[Entity]:
    """A name's type is decided once per article and shared by its mentions: "the Otp
    project" makes every other "Otp" a PROGRAMME, not an ORG or a PLACE; with no trigger,
    gazetteer or rule behind any mention, the model's majority type wins. Persons and
    officials are left to the person linker."""
    decided: dict[tuple[str, ...], tuple[int, str]] = {}
    votes: dict[tuple[str, ...], Counter] = {}
    for ent in entities:
        authority = TYPE_AUTHORITY.get(ent.source or "", 0)
        key = phrase_key(ent.text)
        if authority and key and (key not in decided or authority > decided[key][0]):
            decided[key] = (authority, ent.type)
        if not authority and key and ent.type in ("ORG", "PLACE", "PROGRAMME"):
            votes.setdefault(key, Counter())[ent.type] += 1
    # no source knows better: the type most of the model's mentions give, when there is one
    for key, counts in votes.items():
        ranked = counts.most_common(2)
        if key not in decided and len(ranked) == 2 and ranked[0][1] > ranked[1][1]:
            decided[key] = (0.5, ranked[0][0])
    for ent in entities:
        found = decided.get(phrase_key(ent.text))
        if found is None or ent.type == found[1] or TYPE_AUTHORITY.get(ent.source or "", 0) >= found[0]:
            continue
        # a person's name that is also a place ("Abai") stays a person unless a trigger
        # word made the name a programme
        if {ent.type, found[1]} <= {"ORG", "PLACE", "PROGRAMME"} or \
                ent.type == "PERSON" and found[0] == TYPE_AUTHORITY["trigger"]:
            ent.type, ent.id, ent.canonical = found[1], None, None
    return entities
