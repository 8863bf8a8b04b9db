"""The cue tables of one language: what is around a number (qualifiers, range and change
words, year and date cues, subject cues), from data/quantity_rules.yaml (one section per
language code; a code without a section reads "en"), compiled once."""

from __future__ import annotations

import functools

import regex

from .. import datafiles
from .registry import DEFAULT
from .vocabulary import normalise_word


def alternation(patterns) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True)) or "(?!)"


def _regex(template: str, patterns) -> regex.Pattern:
    """`template` with the alternation of `patterns` (longest first) in it, case-insensitive."""
    return regex.compile(template % alternation(patterns or []), regex.I)


def _named_groups(table) -> str:
    """ "(?P<kind>...)|...": one named group per kind of a {kind: patterns} table."""
    return "|".join("(?P<%s>%s)" % (kind, alternation(patterns)) for kind, patterns in (table or {}).items())


def _words(data: dict, key: str) -> frozenset[str]:
    return frozenset(normalise_word(str(w)) for w in data.get(key) or [])


class Rules:
    """The compiled language knowledge of data/quantity_rules.yaml for one language."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self._qualifiers_and_ranges(data)
        self._years_and_dates(data)
        self._not_counts(data)
        self._subjects(data)
        self._ages_and_purposes(data)

    def _qualifiers_and_ranges(self, data: dict) -> None:
        # a qualifier ends right before the number (only spaces between)
        self.qualifier_before = regex.compile(r"(?<![\w-])(?:%s)[ \u00a0]*$" % _named_groups(data.get("qualifiers")), regex.I)
        self.qualifier_after = regex.compile(r"[ \u00a0]*(?:%s)(?![\w])" % _named_groups(data.get("post_qualifiers")), regex.I)
        self.lte_blocked = _words(data, "lte_blocked_after")
        self.lte_kept_changes = _regex(r"[ \u00a0]*(?:%s)(?![\w])", data.get("lte_kept_changes"))
        self.lte_noun_after = _regex(r"[ \u00a0]+(?:%s)", data.get("lte_noun_after"))
        self.range_qualifiers = frozenset(data.get("range_qualifiers") or [])
        self.range_open = regex.compile(r"(?<![\w-])(?:%s)[ \u00a0]+$" % _named_groups(data.get("range_open")), regex.I)
        self.range_join = {
            kind: _regex(r"[ \u00a0]*(?:%s)[ \u00a0]*", patterns)
            for kind, patterns in (data.get("range_join") or {}).items()
        }
        self.change_openers = frozenset(data.get("change_openers") or [])
        # openers after which the verb of change may also come after the pair
        self.change_after_openers = frozenset(data.get("change_after_openers") or ["since"])
        # Kazakh: "10-нан 15-ке дейін", "45 мыңнан 52 мың теңгеге дейін өсті": the first number
        # ends in a "from" case, the range word comes after the second
        self.range_from_end = _regex(r"(?:%s)$", data.get("range_from_endings"))
        self.range_to_end = _regex(r"(?:%s)$", data.get("range_to_endings"))
        self.range_close = _regex(r"[ \u00a0]+(?:%s)(?!\w)", data.get("range_close"))
        # a word between the "from" number and the "to" number ("3 жастан бастап 6 жасқа дейін")
        self.range_from_gap = _regex(r"[ \u00a0]+(?:%s)[ \u00a0]+", data.get("range_from_gap_words"))
        # "екі-үш жыл": number words joined by a hyphen are a range, not a kind ("three-shift")
        self.number_word_ranges = bool(data.get("number_word_ranges"))
        # case endings glued with a hyphen to a number or a unit ("100-ден", "30%-ға", "АЕК-ке")
        self.case_suffix = _regex(r"[-‐](?:%s)(?![\w-])", data.get("case_suffixes"))
        self.change_words = _regex(r"(?<!\w)(?:%s)(?!\w)", data.get("change_words"))
        self.list_join = _regex(r"[ \u00a0]*(?:%s)[ \u00a0]*", data.get("list_join"))
        self.share_forward_join = _regex(r"[ \u00a0]*(?:%s)[ \u00a0]*", data.get("share_forward_join"))
        self.unit_carry = _regex(r"(?<!\w)(?:%s)[ \u00a0]*[-–—:]?[ \u00a0]*$", data.get("unit_carry_words"))
        self.score_words = _regex(r"(?<!\w)(?:%s)(?!\w)", data.get("score_words"))

    def _years_and_dates(self, data: dict) -> None:
        self.year_after = _regex(r"[ \u00a0]*-?[ \u00a0]*(?:%s)(?!\w)", data.get("year_after"))
        self.year_near_after = _regex(r"[ \u00a0]+(?:%s)(?!\w)", data.get("year_near_after"))
        self.year_determiners = _words(data, "year_determiners")
        self.year_prepositions = _regex(r"(?<!\w)(?:%s)[ \u00a0]+$", data.get("year_prepositions"))
        self.date_range_join = _regex(r"[ \u00a0]*(?:%s)[ \u00a0]*", data.get("date_range_join"))
        self.time_after = _regex(r"[ \u00a0]*(?:%s)(?!\w)", data.get("time_after"))
        months = data.get("months")
        self.month_after = _regex(r"[ \u00a0]*(?:%s)(?!\w)", months)
        self.month_before = _regex(r"(?<!\w)(?:%s)[ \u00a0]*$", months)
        # "December 30, 2024": a year after a month and a day
        self.month_day_before = _regex(r"(?<!\w)(?:%s)[ \u00a0]*[0-9]{1,2},?[ \u00a0]*$", months)

    def _not_counts(self, data: dict) -> None:
        """Indexes, ordinals, grades, and when "one" is no count."""
        self.identifier_before = _regex(r"(?<![\w])(?:%s)[ \u00a0]*:?[ \u00a0]*$", data.get("identifier_before"))
        self.identifier_join = _regex(r"[ \u00a0]*(?:%s)[ \u00a0]*", data.get("identifier_join"))
        self.identifier_after = _regex(r"[ \u00a0]*(?:%s)(?!\w)", data.get("identifier_after"))
        self.ranking_after = _regex(r"[ \u00a0]*(?:%s)(?!\w)", data.get("ranking_after"))
        self.grade_after = _regex(r"[ \u00a0]*-?(?:%s)(?!\w)", data.get("grade_after"))
        self.singular_unit_words = _words(data, "singular_unit_words")
        self.one_count_after = _words(data, "one_count_after")
        self.one_per_before = _regex(r"(?<!\w)(?:%s)$", data.get("one_per_before"))
        self.one_not_before = _words(data, "one_not_before")
        self.one_not_after = _words(data, "one_not_after")

    def _subjects(self, data: dict) -> None:
        self.count_of_before = _regex(r"(?<!\w)(?:%s)(?=\p{L})", data.get("count_of_before"))
        self.of_after_unit = _regex(r"[ \u00a0]+(?:%s)", data.get("of_after_unit"))
        self.of_after_count = _regex(r"[ \u00a0]+(?:%s)", data.get("of_after_count"))
        self.subject_link = _regex(r"(?<![\w-])(?:%s)[ \u00a0]*$", data.get("subject_links"))
        self.subject_link_nearest = _regex(r"(?:%s)[ \u00a0]*$", data.get("subject_links_nearest"))
        self.irregular_plurals = {normalise_word(k): v for k, v in (data.get("irregular_plurals") or {}).items()}
        self.no_plural_endings = tuple(data.get("no_plural_endings") or [])
        self.singular_in_s = frozenset(data.get("singular_in_s") or [])
        for key in ("function_words", "subject_skip", "empty_heads", "emphatic_pronouns", "determiners",
                    "relational_heads", "subject_lead_skip"):
            setattr(self, key, _words(data, key))
        self.genitive_after_units = frozenset(data.get("genitive_after_units") or [])
        self.unit_subjects = data.get("unit_subjects") or {}
        self.compound_noun_after = bool(data.get("compound_noun_after"))
        self.relative_pronouns = frozenset(data.get("relative_pronouns") or [])
        self.capacity_before = _regex(r"(?<![\w-])(?:%s)[ \u00a0]+$", data.get("capacity_before"))
        self.partitive_after = _regex(r"[ \u00a0]+(?:%s)(?![\w-])", data.get("partitive_after"))
        # the same before the count (Kazakh "Оның 12 мыңы", "олардың 72 пайызы")
        self.partitive_before = _regex(r"(?<![\w-])(?:%s)[ \u00a0]+$", data.get("partitive_before"))
        self.period_subject = data.get("period_subject")
        self.period_before = _regex(r"(?<![\w-])(?:%s)[ \u00a0]+(?:\w+[ \u00a0]+)?$", data.get("period_words"))

    def _ages_and_purposes(self, data: dict) -> None:
        self.age_before = _regex(r"(?<!\w)(?:%s)[ \u00a0]+$", data.get("age_before"))
        # "children from 2 to 6 years": the child word, then at most a range opener
        openers = alternation([w for group in (data.get("range_open") or {}).values() for w in group] or ["(?!)"])
        self.age_before_number = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+(?:(?:%s)[ \u00a0]+)?$"
            % (alternation(data.get("age_words_before") or ["(?!)"]), openers), regex.I
        )
        self.age_after_number = _regex(r"[ \u00a0]+(?:%s)(?![\w-])", data.get("age_words_after"))
        self.age_subject = data.get("age_subject")
        # units whose own word says it is an age (Kazakh "14 жастан")
        self.age_unit_words = _regex(r"(?<!\w)(?:%s)", data.get("age_unit_words"))
        self.purpose_verb = _regex(r"(?<![\w-])(?:%s)(?![\w-])", data.get("purpose_verbs"))
        self.purpose_preposition = _regex(r"(?<![\w-])(?:%s)[ \u00a0]+", data.get("purpose_prepositions"))
        self.purpose_anaphora = _words(data, "purpose_anaphora")
        self.purpose_generic = data.get("purpose_generic")
        # money spent with no purpose phrase is purpose_generic (Kazakh: "оған 450 млн теңге бөлінді")
        self.purpose_by_default = bool(data.get("purpose_by_default"))
        self.purpose_empty_heads = _words(data, "purpose_empty_heads")
        self.purpose_not_heads = _words(data, "purpose_not_heads")


@functools.lru_cache(maxsize=None)
def rules_data() -> dict:
    """quantity_rules.yaml, read once (every reader below only reads it)."""
    return datafiles.load("quantity_rules.yaml")


@functools.lru_cache(maxsize=None)
def rules_for(lang: str) -> Rules:
    data = rules_data()
    key = lang if lang in data else DEFAULT
    return Rules(key, data[key])


@functools.lru_cache(maxsize=None)
def suffixes() -> tuple[regex.Pattern, regex.Pattern]:
    """Ordinal and cardinal suffixes glued to digits, of every language in the data ("10th"
    may turn up in a Russian text too)."""
    data = rules_data()
    ordinal = [p for lang in data.values() for p in lang.get("ordinal_suffix") or []]
    cardinal = [p for lang in data.values() for p in lang.get("cardinal_suffix") or []]
    return (
        regex.compile(r"(?:%s)(?!\w)" % alternation(ordinal), regex.I),
        regex.compile(r"(?:%s)(?!\w)" % alternation(cardinal), regex.I),
    )
