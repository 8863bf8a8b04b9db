"""The cue tables of one language: what is around a number (qualifiers, range and change
words, year and date cues, subject cues), from data/quantity_rules.yaml (one section per
language code; a code without a section reads "en"), compiled once."""

from __future__ import annotations

import functools

import regex

from .. import datafiles
from .vocabulary import normalise_word


def alternation(patterns) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True)) or "(?!)"


class Rules:
    """The compiled language knowledge of data/quantity_rules.yaml for one language."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        qualifier_groups = []
        for kind, patterns in (data.get("qualifiers") or {}).items():
            qualifier_groups.append("(?P<%s>%s)" % (kind, alternation(patterns)))
        # a qualifier ends right before the number (only spaces between)
        self.qualifier_before = regex.compile(r"(?<![\w-])(?:%s)[ \u00a0]*$" % "|".join(qualifier_groups), regex.I)
        post_groups = []
        for kind, patterns in (data.get("post_qualifiers") or {}).items():
            post_groups.append("(?P<%s>%s)" % (kind, alternation(patterns)))
        self.qualifier_after = regex.compile(r"[ \u00a0]*(?:%s)(?![\w])" % "|".join(post_groups), regex.I)
        self.lte_blocked = frozenset(normalise_word(w) for w in data.get("lte_blocked_after") or [])
        openers = []
        for kind, patterns in (data.get("range_open") or {}).items():
            openers.append("(?P<%s>%s)" % (kind, alternation(patterns)))
        self.range_open = regex.compile(r"(?<![\w-])(?:%s)[ \u00a0]+$" % "|".join(openers), regex.I)
        self.range_join = {
            kind: regex.compile(r"[ \u00a0]*(?:%s)[ \u00a0]*" % alternation(patterns), regex.I)
            for kind, patterns in (data.get("range_join") or {}).items()
        }
        self.change_openers = frozenset(data.get("change_openers") or [])
        self.change_words = regex.compile(r"(?<!\w)(?:%s)(?!\w)" % alternation(data.get("change_words") or []), regex.I)
        self.list_join = regex.compile(r"[ \u00a0]*(?:%s)[ \u00a0]*" % alternation(data.get("list_join") or []), regex.I)
        self.identifier_before = regex.compile(
            r"(?<![\w])(?:%s)[ \u00a0]*:?[ \u00a0]*$" % alternation(data.get("identifier_before") or []), regex.I
        )
        self.identifier_join = regex.compile(
            r"[ \u00a0]*(?:%s)[ \u00a0]*" % alternation(data.get("identifier_join") or []), regex.I
        )
        self.year_after = regex.compile(
            r"[ \u00a0]*-?[ \u00a0]*(?:%s)(?!\w)" % alternation(data.get("year_after") or []), regex.I
        )
        self.year_near_after = regex.compile(
            r"[ \u00a0]+(?:%s)(?!\w)" % alternation(data.get("year_near_after") or []), regex.I
        )
        self.year_determiners = frozenset(normalise_word(w) for w in data.get("year_determiners") or [])
        self.year_prepositions = regex.compile(
            r"(?<!\w)(?:%s)[ \u00a0]+$" % alternation(data.get("year_prepositions") or []), regex.I
        )
        self.count_of_before = regex.compile(
            r"(?<!\w)(?:%s)(?=\p{L})" % alternation(data.get("count_of_before") or []), regex.I
        )
        self.score_words = regex.compile(r"(?<!\w)(?:%s)(?!\w)" % alternation(data.get("score_words") or []), regex.I)
        self.ordinal_suffix = data.get("ordinal_suffix") or []
        self.cardinal_suffix = data.get("cardinal_suffix") or []
        self.date_range_join = regex.compile(
            r"[ \u00a0]*(?:%s)[ \u00a0]*" % alternation(data.get("date_range_join") or []), regex.I
        )
        self.of_after_unit = regex.compile(r"[ \u00a0]+(?:%s)" % alternation(data.get("of_after_unit") or []), regex.I)
        self.of_after_count = regex.compile(r"[ \u00a0]+(?:%s)" % alternation(data.get("of_after_count") or []), regex.I)
        self.subject_link_nearest = regex.compile(
            r"(?:%s)[ \u00a0]*$" % alternation(data.get("subject_links_nearest") or []), regex.I
        )
        self.singular_unit_words = frozenset(normalise_word(w) for w in data.get("singular_unit_words") or [])
        self.irregular_plurals = {normalise_word(k): v for k, v in (data.get("irregular_plurals") or {}).items()}
        self.no_plural_endings = tuple(data.get("no_plural_endings") or [])
        self.singular_in_s = frozenset(data.get("singular_in_s") or [])
        self.time_after = regex.compile(r"[ \u00a0]*(?:%s)(?!\w)" % alternation(data.get("time_after") or []), regex.I)
        self.ranking_after = regex.compile(r"[ \u00a0]*(?:%s)(?!\w)" % alternation(data.get("ranking_after") or []), regex.I)
        self.grade_after = regex.compile(r"[ \u00a0]*-?(?:%s)(?!\w)" % alternation(data.get("grade_after") or []), regex.I)
        self.age_before = regex.compile(r"(?<!\w)(?:%s)[ \u00a0]+$" % alternation(data.get("age_before") or []), regex.I)
        months = alternation(data.get("months") or [])
        self.month_after = regex.compile(r"[ \u00a0]*(?:%s)(?!\w)" % months, regex.I)
        self.month_before = regex.compile(r"(?<!\w)(?:%s)[ \u00a0]*$" % months, regex.I)
        # "December 30, 2024": a year after a month and a day
        self.month_day_before = regex.compile(r"(?<!\w)(?:%s)[ \u00a0]*[0-9]{1,2},?[ \u00a0]*$" % months, regex.I)
        self.one_count_after = frozenset(normalise_word(w) for w in data.get("one_count_after") or [])
        self.one_per_before = regex.compile(r"(?<!\w)(?:%s)$" % alternation(data.get("one_per_before") or []), regex.I)
        self.identifier_after = regex.compile(
            r"[ \u00a0]*(?:%s)(?!\w)" % alternation(data.get("identifier_after") or []), regex.I
        )
        self.share_forward_join = regex.compile(
            r"[ \u00a0]*(?:%s)[ \u00a0]*" % alternation(data.get("share_forward_join") or []), regex.I
        )
        self.unit_carry = regex.compile(
            r"(?<!\w)(?:%s)[ \u00a0]*[-–—:]?[ \u00a0]*$" % alternation(data.get("unit_carry_words") or []), regex.I
        )
        self.one_not_before = frozenset(normalise_word(w) for w in data.get("one_not_before") or [])
        self.one_not_after = frozenset(normalise_word(w) for w in data.get("one_not_after") or [])
        self.function_words = frozenset(normalise_word(str(w)) for w in data.get("function_words") or [])
        self.subject_skip = frozenset(normalise_word(str(w)) for w in data.get("subject_skip") or [])
        self.subject_link = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]*$" % alternation(data.get("subject_links") or []), regex.I
        )
        self.empty_heads = frozenset(normalise_word(str(w)) for w in data.get("empty_heads") or [])
        self.emphatic_pronouns = frozenset(normalise_word(str(w)) for w in data.get("emphatic_pronouns") or [])
        self.determiners = frozenset(normalise_word(str(w)) for w in data.get("determiners") or [])
        self.relational_heads = frozenset(normalise_word(str(w)) for w in data.get("relational_heads") or [])
        self.subject_lead_skip = frozenset(normalise_word(str(w)) for w in data.get("subject_lead_skip") or [])
        self.genitive_after_units = frozenset(data.get("genitive_after_units") or [])
        # "children from 2 to 6 years": the child word, then at most a range opener
        openers = alternation([w for group in (data.get("range_open") or {}).values() for w in group] or ["(?!)"])
        self.age_before_number = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+(?:(?:%s)[ \u00a0]+)?$"
            % (alternation(data.get("age_words_before") or ["(?!)"]), openers), regex.I
        )
        self.age_after_number = regex.compile(
            r"[ \u00a0]+(?:%s)(?![\w-])" % alternation(data.get("age_words_after") or ["(?!)"]), regex.I
        )
        self.age_subject = data.get("age_subject")
        self.unit_subjects = data.get("unit_subjects") or {}
        self.compound_noun_after = bool(data.get("compound_noun_after"))
        self.relative_pronouns = frozenset(data.get("relative_pronouns") or [])
        self.capacity_before = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+$" % alternation(data.get("capacity_before") or []), regex.I)
        self.partitive_after = regex.compile(
            r"[ \u00a0]+(?:%s)(?![\w-])" % alternation(data.get("partitive_after") or []), regex.I)
        self.period_subject = data.get("period_subject")
        self.period_before = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+(?:\w+[ \u00a0]+)?$" % alternation(data.get("period_words") or []), regex.I)
        self.purpose_verb = regex.compile(
            r"(?<![\w-])(?:%s)(?![\w-])" % alternation(data.get("purpose_verbs") or ["(?!)"]), regex.I
        )
        self.purpose_preposition = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+" % alternation(data.get("purpose_prepositions") or ["(?!)"]), regex.I
        )
        self.purpose_anaphora = frozenset(normalise_word(str(w)) for w in data.get("purpose_anaphora") or [])
        self.purpose_generic = data.get("purpose_generic")
        self.purpose_empty_heads = frozenset(normalise_word(str(w)) for w in data.get("purpose_empty_heads") or [])
        self.purpose_not_heads = frozenset(normalise_word(str(w)) for w in data.get("purpose_not_heads") or [])


@functools.lru_cache(maxsize=None)
def rules_data() -> dict:
    """quantity_rules.yaml, read once (every reader below only reads it)."""
    return datafiles.load("quantity_rules.yaml")


@functools.lru_cache(maxsize=None)
def rules_for(lang: str) -> Rules:
    data = rules_data()
    key = lang if lang in data else "en"
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
