"""The number vocabulary of one language: number words with their case forms, scale words,
"and a half", fractions, spoken decimal points (data/numbers.yaml, one section per
language code; a code without a section reads "en")."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

import regex

from .. import datafiles
from .registry import DEFAULT


def normalise_word(word: str) -> str:
    return word.lower().replace("ё", "е")


@dataclass
class NumberWords:
    """The number vocabulary of one language (see data/numbers.yaml)."""

    lang: str
    cardinals: dict[str, Decimal]
    multipliers: dict[str, Decimal]
    scales: dict[str, Decimal]
    dotted: frozenset[str]
    suffix_scales: dict[str, Decimal]
    suffix_not_after_single_digit: frozenset[str]
    bare_scales: frozenset[str]
    bare_scales_after_qualifier: frozenset[str]
    vague_before: frozenset[str]
    articles: frozenset[str]
    joiners: frozenset[str]
    half: frozenset[str]
    and_a_half: tuple[tuple[str, ...], ...]
    fractions: dict[str, Decimal]
    point: frozenset[str]
    negative: frozenset[str]
    one: frozenset[str]
    scale_follows: regex.Pattern  # a scale word at a position, after optional spaces
    comma_groups_thousands: bool = False  # "3,692,000"; else "," is a decimal comma
    denominators: dict[str, Decimal] = None  # "оннан" in "үш бүтін оннан бес" (3 5/10)
    compound_teens: bool = False  # "он екі" = 12: ten takes a unit word after it
    closing: frozenset[str] = frozenset()  # forms with a case ending: the number ends there ("мыңнан")

    def order(self, value: Decimal) -> Decimal:
        """What may still be added after a number word of this value (see `word_order`)."""
        if self.compound_teens and value == 10:
            return Decimal(10)
        return word_order(value)

    @classmethod
    def from_data(cls, lang: str, data: dict) -> "NumberWords":
        endings = [""] + [str(e) for e in data.get("case_endings") or []]
        not_numbers = {normalise_word(str(w)) for w in data.get("not_inflected_forms") or []}

        closing: set[str] = set()
        bases: set[str] = set()

        def inflected(form) -> list[str]:
            """A form and its case forms (Kazakh "мың" -> "мыңнан", "мыңға"...), when the
            language lists `case_endings`; the forms in `not_inflected_forms` left out."""
            form = normalise_word(str(form))
            forms = [form + e for e in endings if e == "" or form + e not in not_numbers]
            bases.add(form)
            closing.update(forms[1:])
            return forms

        cardinals = {}
        for table in ("cardinals", "collectives"):
            for value, forms in (data.get(table) or {}).items():
                for form in forms:
                    for word in inflected(form):
                        cardinals[word] = Decimal(str(value))

        def numbers(key):
            return {w: Decimal(str(v)) for k, v in (data.get(key) or {}).items() for w in inflected(k)}

        def words(key):
            return frozenset(w for k in (data.get(key) or []) for w in inflected(k))

        scales = numbers("scales")
        return cls(
            lang=lang,
            cardinals=cardinals,
            multipliers=numbers("multipliers"),
            scales=scales,
            dotted=words("dotted"),
            suffix_scales={str(k): Decimal(str(v)) for k, v in (data.get("suffix_scales") or {}).items()},
            suffix_not_after_single_digit=frozenset(str(w) for w in data.get("suffix_not_after_single_digit") or []),
            bare_scales=words("bare_scales"),
            bare_scales_after_qualifier=words("bare_scales_after_qualifier"),
            vague_before=words("vague_before"),
            articles=words("articles"),
            joiners=words("joiners"),
            half=words("half"),
            and_a_half=tuple(tuple(normalise_word(p).split()) for p in data.get("and_a_half") or []),
            fractions=numbers("fractions"),
            point=words("point"),
            negative=words("negative"),
            one=words("one"),
            scale_follows=_scale_follows(scales),
            comma_groups_thousands=bool(data.get("comma_groups_thousands")),
            denominators={normalise_word(str(k)): Decimal(str(v)) for k, v in (data.get("denominators") or {}).items()},
            compound_teens=bool(data.get("compound_teens")),
            closing=frozenset(closing - bases),
        )

    def is_number_word(self, norm: str) -> bool:
        return norm in self.cardinals or norm in self.bare_scales or norm in self.bare_scales_after_qualifier


def word_order(value: Decimal) -> Decimal:
    """What may still be added after a number word of this value ("twenty" -> units)."""
    if value >= 100:
        return Decimal(100)
    if value >= 20:
        return Decimal(10)
    return Decimal(1)


def _scale_follows(scales: dict[str, Decimal]) -> regex.Pattern:
    scale_words = sorted(scales, key=len, reverse=True)
    return regex.compile(
        r"[ \u00a0\u202f\u2009]*(?:%s)(?!\p{L})" % "|".join(regex.escape(w) for w in scale_words)
        if scale_words
        else r"(?!)",
        regex.IGNORECASE,
    )


@functools.lru_cache(maxsize=None)
def _numbers_data() -> dict:
    return datafiles.load("numbers.yaml")


@functools.lru_cache(maxsize=None)
def number_words(lang: str) -> NumberWords:
    data = _numbers_data()
    key = lang if lang in data else DEFAULT
    return NumberWords.from_data(key, data[key])
