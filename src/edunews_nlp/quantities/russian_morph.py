"""Russian morphology for subjects (pymorphy3): noun phrases in a case, agreement of
adjectives with their noun, hyphenated compounds."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from ..knowledge import morph_analyzer, morph_parse
from .tokens import Tok

if TYPE_CHECKING:
    from .rules import Rules

CYRILLIC_WORD = regex.compile(r"[\p{Cyrillic}-]+")


_MORPH = None


class _CachedMorph:
    """pymorphy3 with a cache: news repeat their nouns, and parsing dominates otherwise. The
    analyser and the cache are the ones the other stages use (knowledge.morph_parse)."""

    def __init__(self):
        self.parse = morph_parse
        self.word_is_known = morph_analyzer().word_is_known


def cached_morph():
    global _MORPH
    if _MORPH is None:
        _MORPH = _CachedMorph()
    return _MORPH


def genitive_phrase(morph, words: list[Tok], rules: Rules, plural_noun_first: bool = False) -> str | None:
    """Adjectives + the noun of a genitive complement: «летнего отдыха» -> "летний отдых".
    `plural_noun_first`: the noun must be plural and its likeliest reading a noun («школ»)."""
    found = noun_in_case(morph, words, rules, {"gent", "plur"} if plural_noun_first else {"gent"},
                                  noun_first=plural_noun_first)
    return agree(morph, found[0], found[1], rules) if found else None


def noun_in_case(morph, words: list[Tok], rules: Rules, grammemes: set[str], noun_first: bool = False):
    """(adjectives, noun, its index): the first noun of `words` with the grammemes (a case,
    maybe a number) and the adjectives in that case before it; None when a word on the way
    is neither, a function word or capitalised. `noun_first`: a word counts as the noun only
    when its likeliest reading is one."""
    case = next(iter(grammemes & {"nomn", "gent", "datv", "accs", "ablt", "loct"}))
    adjectives = []
    for at, tok in enumerate(words):
        if not CYRILLIC_WORD.fullmatch(tok.text) or tok.norm in rules.function_words or tok.text[:1].isupper():
            return None
        parses = morph.parse(tok.text)
        noun = next((p for p in parses if p.tag.POS == "NOUN" and grammemes <= set(p.tag.grammemes)), None)
        if noun is not None and (not noun_first or parses[0].tag.POS == "NOUN"):
            return adjectives, noun, at
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF") and case in p.tag), None)
        if adjective is None:
            return None
        adjectives.append(adjective)
    return None


def compound_noun(morph, text: str, parses) -> str | None:
    """"детей-сирот" -> "ребенок-сирота": a hyphenated compound of known nouns that pymorphy3
    guesses as a name is read part by part."""
    if "-" not in text.strip("-") or not {"Name", "Surn", "Patr"} & set(parses[0].tag.grammemes):
        return None
    parts = [morph.parse(part)[0] for part in text.split("-") if part]
    if len(parts) > 1 and all(p.tag.POS == "NOUN" and morph.word_is_known(p.word) for p in parts):
        return "-".join(p.normal_form for p in parts).replace("ё", "е")
    return None


def agree(morph, modifiers, noun, rules) -> str:
    lemma = noun.normal_form.replace("ё", "е")
    tags = _nominative_tags(noun)
    words = []
    for adjective in modifiers[-2:]:
        if adjective.normal_form.replace("ё", "е") in rules.subject_skip:
            continue
        words.append(_inflected(adjective, tags))
    return " ".join(words + [lemma])


# pymorphy3's normalized parse and inflection build new parses each call; subjects repeat.
@functools.lru_cache(maxsize=50_000)
def _nominative_tags(noun) -> frozenset:
    """The grammemes of the noun's dictionary form that an adjective agrees with."""
    normal = noun.normalized
    if "Pltm" in noun.tag or "plur" in normal.tag and "sing" not in normal.tag:
        return frozenset({"nomn", "plur"})
    gender = normal.tag.gender
    return frozenset({"nomn", "sing", gender} if gender else {"nomn", "sing"})


@functools.lru_cache(maxsize=50_000)
def _inflected(adjective, tags: frozenset) -> str:
    form = adjective.inflect(set(tags))
    return (form.word if form else adjective.normal_form).replace("ё", "е")
