"""Canonical ids: the same real entity gets the same id in English and Russian, in any
inflection or transliteration.

Order of resolution for each entity: an id already set by the gazetteer; the knowledge
base by exact word key; the knowledge base by fuzzy key (rapidfuzz, for spelling variants);
otherwise a stable id made from the normalised words (lemmas for Russian, a Latin name
skeleton for persons, so Бейсембаев and Beisembayev meet even when the KB lacks them).
Within a document, mentions of one person (full name, surname alone, other case forms)
share the id of the fullest mention.
"""

from __future__ import annotations

from functools import cached_property

import regex
from rapidfuzz import fuzz, process

from .document import Document, Entity
from . import datafiles
from .entities.text import is_plural
from .knowledge import (KnowledgeBase, default_kb, name_skeleton, name_word_forms, nominative_name, phrase_key,
                        phrase_key_for, slug, word_key, word_key_for)

FUZZY_MIN_SCORE = 92
# The rest of a list of names up to the generic word they share: ", Костанайской и
# Акмолинской областей", " and Atyrau regions".
_LIST_TAIL = regex.compile(r"(?:\s*(?:,|\band\b|\bи\b|\bжәне\b)\s*\p{Lu}[\p{L}-]*)*\s+(?P<generic>\p{Ll}+)")
PERSON_TYPES = ("OFFICIAL", "PERSON")


class EntityLinker:
    """Callable stage: sets `canonical` and `id` on every entity of `doc.entities`."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self._kb = kb
        self._fuzzy_memo: dict[tuple[str, str], object] = {}  # (name, type) -> best KB entry or None

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or default_kb()

    @cached_property
    def _fuzzy_choices(self) -> dict[str, tuple[list[str], list]]:
        """Per entity type: the KB's alias keys as strings and, in the same order, their entries."""
        by_type: dict[str, tuple[list[str], list]] = {}
        for key, entries in self.kb.by_key.items():
            for entry in entries:
                names, found = by_type.setdefault(entry.type, ([], []))
                names.append(" ".join(key))
                found.append(entry)
        return by_type

    def __call__(self, doc: Document) -> None:
        # Languages keyed by their own lemmas (knowledge.WORD_KEYS: Kazakh) meet the KB by
        # those keys; for the others these are `phrase_key` and the KB itself.
        key_of, kb = phrase_key_for(doc.lang), self.kb.for_language(doc.lang)
        persons = [e for e in doc.entities if e.type in PERSON_TYPES]
        self._link_persons(persons, NAME_BASES.get(doc.lang))
        for ent in doc.entities:
            shared = self._shared_generic_word(doc, ent) if ent.type == "PLACE" else None
            if ent.type not in PERSON_TYPES and (ent.id is None or shared):
                self._link_named(ent, shared, key_of, kb)
        for ent in doc.entities:
            if ent.type == "PLACE" and ent.id == _made_up_id(ent, key_of):
                self._resolve_bare_place(doc, ent, key_of, kb)

    @cached_property
    def _generic_place_words(self) -> frozenset[str]:
        data = datafiles.load("entity_words.yaml")["generic_place_words"]
        return frozenset(word_key(w) for words in data.values() for w in words)

    def _resolve_bare_place(self, doc: Document, ent: Entity, key_of=phrase_key, kb: KnowledgeBase | None = None) -> None:
        """A place name the KB knows only with a generic word ("Zhambyl" → Zhambyl region or a
        Zhambyl district): the one the same article names elsewhere, else the highest level
        (region, city, district, village) — decided by the text and a fixed order, never by
        the order of an index."""
        key = key_of(ent.text)
        kb = kb or self.kb
        named_kind = self._named_kind(doc.lang, key, kb, key_of)
        if named_kind is not None:
            ent.id, ent.canonical = named_kind.id, named_kind.canonical
            return
        candidates = []
        for generic in self._generic_words(doc.lang):
            for full in (key + (generic,), (generic,) + key):
                entry = kb.lookup(full, "PLACE")
                if entry is not None and entry not in candidates:
                    candidates.append(entry)
        if not candidates:
            return
        named = {e.id for e in doc.entities if e is not ent}
        in_text = [c for c in candidates if c.id in named]
        chosen = in_text[0] if len(in_text) == 1 else min(
            candidates, key=lambda c: (PLACE_LEVELS.index(c.kind) if c.kind in PLACE_LEVELS else len(PLACE_LEVELS), c.id))
        ent.id, ent.canonical = chosen.id, chosen.canonical

    def _named_kind(self, lang: str | None, key: tuple, kb: KnowledgeBase, key_of):
        """«Жезқазған қаласында» where the KB knows the city as «Жезқазған»: the name before a
        generic word that the language's data ties to a KB kind (kk_entities.yaml
        place_word_kinds), when the KB has a place of that kind by that name."""
        if lang not in GENERIC_PLACE_WORDS:
            return None
        kinds = self.__dict__.setdefault("_place_word_kinds", {})
        if lang not in kinds:
            name, _ = GENERIC_PLACE_WORDS[lang]
            kinds[lang] = {tuple(key_of(w)): kind for w, kind in
                           (datafiles.load(name).get("place_word_kinds") or {}).items()}
        for generic, kind in kinds[lang].items():
            n = len(generic)
            if len(key) > n and tuple(key[-n:]) == generic:
                entry = kb.lookup(tuple(key[:-n]), "PLACE")
                if entry is not None and entry.kind == kind:
                    return entry
        return None

    def _generic_words(self, lang: str | None) -> frozenset[str]:
        """The generic place words in the keys of `lang` (the shared list for en/ru)."""
        if lang not in GENERIC_PLACE_WORDS:
            return self._generic_place_words
        words = self.__dict__.setdefault("_language_generic_words", {})
        if lang not in words:
            key, (name, part) = word_key_for(lang), GENERIC_PLACE_WORDS[lang]
            words[lang] = frozenset(key(w) for w in datafiles.load(name)[part] if " " not in w)
        return words[lang]

    def _shared_generic_word(self, doc: Document, ent: Entity) -> str | None:
        """The generic word that a list of place names shares after its last name
        («Павлодарской, Костанайской и Акмолинской областей», "Turkestan and Atyrau regions"),
        as a word key; None when the place is not in such a list."""
        m = _LIST_TAIL.match(doc.text, ent.end)
        if m is None:
            return None
        generic = m.group("generic")
        key = word_key(generic)
        # shared by a list only in the plural: "Kostanay and Arkalyk, Kostanay region" is no list
        return key if key in self._generic_place_words and is_plural(generic) else None

    def _link_named(self, ent: Entity, shared_generic: str | None = None, key_of=phrase_key,
                    kb: KnowledgeBase | None = None) -> None:
        key = key_of(ent.text)
        kb = kb or self.kb
        # "Pavlodar" in "Pavlodar and Kostanay regions" is the region, not the city
        entry = kb.lookup(key + (shared_generic,), ent.type) if shared_generic else None
        if entry is None and ent.id is not None:
            return  # the gazetteer's id stands
        entry = entry or kb.lookup(key, ent.type) or (self._fuzzy(key, ent.type) if kb is self.kb else None)
        if entry is not None:
            ent.id, ent.canonical = entry.id, entry.canonical
            return
        ent.canonical = ent.canonical or ent.text
        ent.id = f"{ent.type.lower()}:{slug(' '.join(key) or ent.text)}"

    def _fuzzy(self, key: tuple[str, ...], type_: str):
        choices = self._fuzzy_choices.get(type_)
        joined = " ".join(key)
        if not choices or len(joined) < 6:
            return None
        memo = self._fuzzy_memo
        if (joined, type_) not in memo:  # a name recurs across articles; the scan is over every alias
            if len(memo) >= 50_000:
                memo.clear()
            names, entries = choices
            best = process.extractOne(joined, names, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
            memo[joined, type_] = entries[best[2]] if best else None
        return memo[joined, type_]

    def _link_persons(self, persons: list[Entity], name_base=None) -> None:
        """`name_base`: the language's own way to take the endings off a name (NAME_BASES),
        instead of the Russian rules of `nominative_name`."""
        nominative = name_base or nominative_name
        groups: list[tuple[list[set[str]], Entity]] = []
        members: dict[int, list[Entity]] = {}  # id(head) -> its mentions
        # Fullest mentions first, and of those one already in the nominative.
        for ent in sorted(persons, key=lambda e: (-len(e.text.split()), nominative(e.text) != e.text, e.start)):
            words = _name_forms(nominative(ent.text) if name_base else ent.text)
            head = next((h for forms, h in groups if _same_person(words, forms)), None)
            if head is not None:
                ent.id, ent.canonical = head.id, head.canonical
                if ent.type == "OFFICIAL" and head.type != "OFFICIAL":
                    # a shorter mention holds the role ("Vice Minister … Zhanbyrbayev"; later
                    # "Asset Zhanbyrbayev said"): the person is an official in every mention
                    if head.id.startswith("person:"):
                        ent.id = "official:" + head.id[len("person:"):]
                    for mention in members[id(head)]:
                        mention.type, mention.role, mention.org, mention.id = "OFFICIAL", ent.role, ent.org, ent.id
                elif ent.type != head.type:
                    ent.type, ent.role, ent.org = head.type, ent.role or head.role, ent.org or head.org
                members[id(head)].append(ent)
                continue
            members[id(ent)] = [ent]
            known = self.kb.lookup_person(nominative(ent.text) if name_base else ent.text)
            if known is not None:
                ent.id, ent.canonical = known.id, known.canonical
            else:
                ent.canonical = nominative(ent.text)
                skeletons = sorted(name_skeleton(w) for w in ent.canonical.replace(".", " ").split())
                ent.id = f"{ent.type.lower()}:{'_'.join(skeletons)}"
            groups.append((words, ent))


# The order in which a bare name that several places share is resolved, highest level first.
PLACE_LEVELS = ("country", "region", "city", "district", "village")


def _made_up_id(ent: Entity, key_of=phrase_key) -> str:
    """The id `_link_named` makes for a name the KB lacks."""
    return f"{ent.type.lower()}:{slug(' '.join(key_of(ent.text)) or ent.text)}"


# Per language (besides en/ru): the data file and list of its generic place words, and how
# a person's name loses its case endings.
GENERIC_PLACE_WORDS = {"kk": ("kk_entities.yaml", "place_words_after_name")}


def _kazakh_name_base(text: str) -> str:
    from .entities.kazakh import name_base

    return name_base(text)


NAME_BASES = {"kk": _kazakh_name_base}


def _name_forms(text: str) -> list[set[str]]:
    """Per name word: its skeletons as written, lemmatised and in the nominative
    (Бейсембаева → бейсембаев), see `name_word_forms`."""
    return [name_word_forms(w) for w in text.replace(".", " ").split()]


def _same_person(words: list[set[str]], fuller: list[set[str]]) -> bool:
    """Every word of the shorter mention, in some form, is a word of the fuller one."""
    known = set().union(*fuller) if fuller else set()
    return bool(words) and all(forms & known for forms in words)
