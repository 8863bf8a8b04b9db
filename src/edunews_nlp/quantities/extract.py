"""Quantities in English and Russian news: amounts with unit, qualifier, subject and tenge value.

A quantity is a number that states an amount of something (shared/ANNOTATION.md,
section Quantities). The extractor works in passes over `doc.analysis_text`:

1. `numbers.tokenize` + `numbers.scan_numbers`: every number with its exact value.
2. Candidates: each number gets its unit (after it, before it, or as a hyphen compound:
   "two-week"), an equal number in brackets ("1000 (one thousand)"), minor currency units,
   and is rejected when it is not an amount: years, dates, times, phone numbers, URLs,
   ordinals and grades, indexes ("No. 4", "статьи 52-1"), numbers inside names
   ("«1000 лидеров…»", "100 Mediation Schools"), kinds ("three-shift schools"), "one of".
3. Ranges and changes: "7-9%", "from 2 to 6 years", "от 50 до 75 баллов" become one
   quantity with low/high; "increased from 58 thousand to 67 thousand tenge" stays two.
   Scale words and units are shared ("from 58 to 67 thousand tenge": both KZT 1000s),
   also along lists ("5 and 10%").
4. Qualifiers ("more than", "около", ...), subjects (the counted noun as a lemma) and the
   tenge value of money (`kzt`; MCI converted with the MCI of the year, data/mci.yaml).

`kzt_year`: for MCI the year whose MCI value was used; for KZT the year the amount is
about (a year in the same sentence, else the publication year, else None).
Ranges get no `kzt` (there is one `kzt` field, not two).

Language knowledge lives in data/numbers.yaml, data/units.yaml, data/quantity_rules.yaml
and data/mci.yaml. Every pass looks only at a bounded window around a number, so the
running time is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import regex

from .. import datafiles
from ..document import Document, Quantity, Token
from ..knowledge import morph_analyzer, morph_parse
from .numbers import NumberMatch, parse_number, plain_number, scan_numbers
from .tokens import LOOKAHEAD, Tok, tokenize
from .vocabulary import NumberWords, normalise_word, number_words

WINDOW = 48  # characters looked at before a number for qualifiers, openers, indexes

# -- data: units --------------------------------------------------------------------------


@dataclass
class UnitMatch:
    unit: str
    start: int
    end: int
    scale: Decimal = Decimal(1)


class UnitTable:
    """Unit aliases of data/units.yaml compiled to one regex per position."""

    def __init__(self, data: dict):
        after, before, hyphen = [], [], []
        self.money = set()
        self.subunit: dict[str, regex.Pattern] = {}
        for code, spec in data["units"].items():
            if spec.get("money"):
                self.money.add(code)
            after += [(p, code, None) for p in spec.get("after") or []]
            before += [(p, code, None) for p in spec.get("before") or []]
            hyphen += [(p, code, None) for p in spec.get("hyphen") or []]
            if spec.get("subunit"):
                self.subunit[code] = regex.compile(
                    r"[ \u00a0]*(?:и\s+|and\s+)?([0-9]{1,2})[ \u00a0]*(?:%s)(?!\w)\.?" % spec["subunit"], regex.I
                )
        for item in data.get("scaled_aliases") or []:
            after.append((item["pattern"], item["unit"], Decimal(str(item["scale"]))))
        self._after_alts = self._sorted(after)
        self._after = self._compile(r"[ \u00a0\u202f\t]{0,2}(?:%s)(?!\w)", self._after_alts)
        self._before_alts = self._sorted(before)
        self._before = self._compile(r"(?<![\w$€₸₽])(?:%s)[ \u00a0\u202f]?$", self._before_alts)
        self._hyphen_alts = self._sorted(hyphen)
        self._hyphen = self._compile(r"[-‐](?:%s)(?![\w-])", self._hyphen_alts)

    @staticmethod
    def _sorted(alts):
        # longest pattern first, so "monthly calculation indexes" beats "months"
        return sorted(alts, key=lambda item: len(item[0]), reverse=True)

    @staticmethod
    def _compile(template, alts):
        body = "|".join("(?P<u%d>%s)" % (n, pattern) for n, (pattern, _, _) in enumerate(alts))
        return regex.compile(template % (body or "(?!)"), regex.I)

    def _result(self, match, alts, start=None) -> UnitMatch | None:
        if not match:
            return None
        _, code, scale = alts[int(match.lastgroup[1:])]
        return UnitMatch(code, match.start() if start is None else start, match.end(), scale or Decimal(1))

    def after(self, text: str, pos: int) -> UnitMatch | None:
        return self._result(self._after.match(text, pos, pos + LOOKAHEAD), self._after_alts)

    def hyphen(self, text: str, pos: int) -> UnitMatch | None:
        return self._result(self._hyphen.match(text, pos, pos + LOOKAHEAD), self._hyphen_alts)

    def before(self, text: str, pos: int) -> UnitMatch | None:
        window_start = max(0, pos - 12)
        match = self._before.search(text, window_start, pos)
        if not match:
            return None
        return UnitMatch(self._before_alts[int(match.lastgroup[1:])][1], match.start(), pos)


# -- data: language rules -----------------------------------------------------------------


def _alternation(patterns) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True)) or "(?!)"


class Rules:
    """The compiled language knowledge of data/quantity_rules.yaml for one language."""

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        qualifier_groups = []
        for kind, patterns in (data.get("qualifiers") or {}).items():
            qualifier_groups.append("(?P<%s>%s)" % (kind, _alternation(patterns)))
        # a qualifier ends right before the number (only spaces between)
        self.qualifier_before = regex.compile(r"(?<![\w-])(?:%s)[ \u00a0]*$" % "|".join(qualifier_groups), regex.I)
        post_groups = []
        for kind, patterns in (data.get("post_qualifiers") or {}).items():
            post_groups.append("(?P<%s>%s)" % (kind, _alternation(patterns)))
        self.qualifier_after = regex.compile(r"[ \u00a0]*(?:%s)(?![\w])" % "|".join(post_groups), regex.I)
        self.lte_blocked = frozenset(normalise_word(w) for w in data.get("lte_blocked_after") or [])
        openers = []
        for kind, patterns in (data.get("range_open") or {}).items():
            openers.append("(?P<%s>%s)" % (kind, _alternation(patterns)))
        self.range_open = regex.compile(r"(?<![\w-])(?:%s)[ \u00a0]+$" % "|".join(openers), regex.I)
        self.range_join = {
            kind: regex.compile(r"[ \u00a0]*(?:%s)[ \u00a0]*" % _alternation(patterns), regex.I)
            for kind, patterns in (data.get("range_join") or {}).items()
        }
        self.change_openers = frozenset(data.get("change_openers") or [])
        self.change_words = regex.compile(r"(?<!\w)(?:%s)(?!\w)" % _alternation(data.get("change_words") or []), regex.I)
        self.list_join = regex.compile(r"[ \u00a0]*(?:%s)[ \u00a0]*" % _alternation(data.get("list_join") or []), regex.I)
        self.identifier_before = regex.compile(
            r"(?<![\w])(?:%s)[ \u00a0]*:?[ \u00a0]*$" % _alternation(data.get("identifier_before") or []), regex.I
        )
        self.identifier_join = regex.compile(
            r"[ \u00a0]*(?:%s)[ \u00a0]*" % _alternation(data.get("identifier_join") or []), regex.I
        )
        self.year_after = regex.compile(
            r"[ \u00a0]*-?[ \u00a0]*(?:%s)(?!\w)" % _alternation(data.get("year_after") or []), regex.I
        )
        self.year_near_after = regex.compile(
            r"[ \u00a0]+(?:%s)(?!\w)" % _alternation(data.get("year_near_after") or []), regex.I
        )
        self.year_determiners = frozenset(normalise_word(w) for w in data.get("year_determiners") or [])
        self.year_prepositions = regex.compile(
            r"(?<!\w)(?:%s)[ \u00a0]+$" % _alternation(data.get("year_prepositions") or []), regex.I
        )
        self.count_of_before = regex.compile(
            r"(?<!\w)(?:%s)(?=\p{L})" % _alternation(data.get("count_of_before") or []), regex.I
        )
        self.score_words = regex.compile(r"(?<!\w)(?:%s)(?!\w)" % _alternation(data.get("score_words") or []), regex.I)
        self.ordinal_suffix = data.get("ordinal_suffix") or []
        self.cardinal_suffix = data.get("cardinal_suffix") or []
        self.date_range_join = regex.compile(
            r"[ \u00a0]*(?:%s)[ \u00a0]*" % _alternation(data.get("date_range_join") or []), regex.I
        )
        self.of_after_unit = regex.compile(r"[ \u00a0]+(?:%s)" % _alternation(data.get("of_after_unit") or []), regex.I)
        self.of_after_count = regex.compile(r"[ \u00a0]+(?:%s)" % _alternation(data.get("of_after_count") or []), regex.I)
        self.subject_link_nearest = regex.compile(
            r"(?:%s)[ \u00a0]*$" % _alternation(data.get("subject_links_nearest") or []), regex.I
        )
        self.singular_unit_words = frozenset(normalise_word(w) for w in data.get("singular_unit_words") or [])
        self.irregular_plurals = {normalise_word(k): v for k, v in (data.get("irregular_plurals") or {}).items()}
        self.no_plural_endings = tuple(data.get("no_plural_endings") or [])
        self.singular_in_s = frozenset(data.get("singular_in_s") or [])
        self.time_after = regex.compile(r"[ \u00a0]*(?:%s)(?!\w)" % _alternation(data.get("time_after") or []), regex.I)
        self.ranking_after = regex.compile(r"[ \u00a0]*(?:%s)(?!\w)" % _alternation(data.get("ranking_after") or []), regex.I)
        self.grade_after = regex.compile(r"[ \u00a0]*-?(?:%s)(?!\w)" % _alternation(data.get("grade_after") or []), regex.I)
        self.age_before = regex.compile(r"(?<!\w)(?:%s)[ \u00a0]+$" % _alternation(data.get("age_before") or []), regex.I)
        months = _alternation(data.get("months") or [])
        self.month_after = regex.compile(r"[ \u00a0]*(?:%s)(?!\w)" % months, regex.I)
        self.month_before = regex.compile(r"(?<!\w)(?:%s)[ \u00a0]*$" % months, regex.I)
        # "December 30, 2024": a year after a month and a day
        self.month_day_before = regex.compile(r"(?<!\w)(?:%s)[ \u00a0]*[0-9]{1,2},?[ \u00a0]*$" % months, regex.I)
        self.one_count_after = frozenset(normalise_word(w) for w in data.get("one_count_after") or [])
        self.one_per_before = regex.compile(r"(?<!\w)(?:%s)$" % _alternation(data.get("one_per_before") or []), regex.I)
        self.identifier_after = regex.compile(
            r"[ \u00a0]*(?:%s)(?!\w)" % _alternation(data.get("identifier_after") or []), regex.I
        )
        self.share_forward_join = regex.compile(
            r"[ \u00a0]*(?:%s)[ \u00a0]*" % _alternation(data.get("share_forward_join") or []), regex.I
        )
        self.unit_carry = regex.compile(
            r"(?<!\w)(?:%s)[ \u00a0]*[-–—:]?[ \u00a0]*$" % _alternation(data.get("unit_carry_words") or []), regex.I
        )
        self.one_not_before = frozenset(normalise_word(w) for w in data.get("one_not_before") or [])
        self.one_not_after = frozenset(normalise_word(w) for w in data.get("one_not_after") or [])
        self.function_words = frozenset(normalise_word(str(w)) for w in data.get("function_words") or [])
        self.subject_skip = frozenset(normalise_word(str(w)) for w in data.get("subject_skip") or [])
        self.subject_link = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]*$" % _alternation(data.get("subject_links") or []), regex.I
        )
        self.empty_heads = frozenset(normalise_word(str(w)) for w in data.get("empty_heads") or [])
        self.emphatic_pronouns = frozenset(normalise_word(str(w)) for w in data.get("emphatic_pronouns") or [])
        self.determiners = frozenset(normalise_word(str(w)) for w in data.get("determiners") or [])
        self.relational_heads = frozenset(normalise_word(str(w)) for w in data.get("relational_heads") or [])
        self.subject_lead_skip = frozenset(normalise_word(str(w)) for w in data.get("subject_lead_skip") or [])
        self.genitive_after_units = frozenset(data.get("genitive_after_units") or [])
        # "children from 2 to 6 years": the child word, then at most a range opener
        openers = _alternation([w for group in (data.get("range_open") or {}).values() for w in group] or ["(?!)"])
        self.age_before_number = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+(?:(?:%s)[ \u00a0]+)?$"
            % (_alternation(data.get("age_words_before") or ["(?!)"]), openers), regex.I
        )
        self.age_after_number = regex.compile(
            r"[ \u00a0]+(?:%s)(?![\w-])" % _alternation(data.get("age_words_after") or ["(?!)"]), regex.I
        )
        self.age_subject = data.get("age_subject")
        self.unit_subjects = data.get("unit_subjects") or {}
        self.compound_noun_after = bool(data.get("compound_noun_after"))
        self.relative_pronouns = frozenset(data.get("relative_pronouns") or [])
        self.capacity_before = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+$" % _alternation(data.get("capacity_before") or []), regex.I)
        self.partitive_after = regex.compile(
            r"[ \u00a0]+(?:%s)(?![\w-])" % _alternation(data.get("partitive_after") or []), regex.I)
        self.period_subject = data.get("period_subject")
        self.period_before = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+(?:\w+[ \u00a0]+)?$" % _alternation(data.get("period_words") or []), regex.I)
        self.purpose_verb = regex.compile(
            r"(?<![\w-])(?:%s)(?![\w-])" % _alternation(data.get("purpose_verbs") or ["(?!)"]), regex.I
        )
        self.purpose_preposition = regex.compile(
            r"(?<![\w-])(?:%s)[ \u00a0]+" % _alternation(data.get("purpose_prepositions") or ["(?!)"]), regex.I
        )
        self.purpose_anaphora = frozenset(normalise_word(str(w)) for w in data.get("purpose_anaphora") or [])
        self.purpose_generic = data.get("purpose_generic")
        self.purpose_empty_heads = frozenset(normalise_word(str(w)) for w in data.get("purpose_empty_heads") or [])
        self.purpose_not_heads = frozenset(normalise_word(str(w)) for w in data.get("purpose_not_heads") or [])


@functools.lru_cache(maxsize=None)
def _rules_data() -> dict:
    """quantity_rules.yaml, read once (every reader below only reads it)."""
    return datafiles.load("quantity_rules.yaml")


@functools.lru_cache(maxsize=None)
def _rules(lang: str) -> Rules:
    data = _rules_data()
    key = lang if lang in data else "en"
    return Rules(key, data[key])


@functools.lru_cache(maxsize=None)
def _suffixes() -> tuple[regex.Pattern, regex.Pattern]:
    """Ordinal and cardinal suffixes glued to digits, of every language in the data ("10th"
    may turn up in a Russian text too)."""
    data = _rules_data()
    ordinal = [p for lang in data.values() for p in lang.get("ordinal_suffix") or []]
    cardinal = [p for lang in data.values() for p in lang.get("cardinal_suffix") or []]
    return (
        regex.compile(r"(?:%s)(?!\w)" % _alternation(ordinal), regex.I),
        regex.compile(r"(?:%s)(?!\w)" % _alternation(cardinal), regex.I),
    )


@functools.lru_cache(maxsize=None)
def _units() -> UnitTable:
    return UnitTable(datafiles.load("units.yaml"))


# -- data: MCI ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MciValue:
    start: dt.date
    tenge: int
    source: str


class MciTable:
    """MCI values in force from a date on (data/mci.yaml)."""

    def __init__(self, data: dict):
        values = []
        for item in data["values"]:
            start = item["from"]
            if not isinstance(start, dt.date):
                start = dt.date.fromisoformat(str(start))
            values.append(MciValue(start, int(item["tenge"]), str(item.get("source", "")).strip()))
        self.values = sorted(values, key=lambda v: v.start)
        self.years = sorted({v.start.year for v in self.values})
        low, high = data.get("year_range") or [self.years[0], self.years[-1]]
        self.year_range = (int(low), int(high))

    def value(self, year: int | None, published: dt.date | None = None) -> tuple[int, int]:
        """(tenge per MCI, the table year used) for amounts about `year`.

        No year: the latest year of the table. A year outside the table: the nearest year
        in it. A year with a mid-year change: the value in force on the publication date
        when the text was published in that year, else the year's last value.
        """
        if year is None:
            year = self.years[-1]
        year = min(max(year, self.years[0]), self.years[-1])
        of_year = [v for v in self.values if v.start.year == year]
        if not of_year:  # a gap in the table: the last value before the year
            earlier = [v for v in self.values if v.start.year < year]
            chosen = earlier[-1] if earlier else self.values[0]
            return chosen.tenge, year
        chosen = of_year[-1]
        if published is not None and published.year == year:
            in_force = [v for v in of_year if v.start <= published]
            chosen = in_force[-1] if in_force else of_year[0]
        return chosen.tenge, year


@functools.lru_cache(maxsize=None)
def mci_table() -> MciTable:
    return MciTable(datafiles.load("mci.yaml"))


# -- text regions that hold no quantities -----------------------------------------------------

# Regions that hold no quantities. Separate patterns (each one fast on its own; one big
# alternation is several times slower), each with a cheap test for whether it can occur.
_BLOCKED_PATTERNS = [
    ("://", regex.compile(r"(?:https?://)\S+")),
    ("www.", regex.compile(r"www\.\S+")),
    # Starts only where a run of address characters starts: inside a long run of them with no
    # "@" the engine would otherwise try every position again (quadratic).
    ("@", regex.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # phone numbers: +7 701 123 45 67, 8 (7172) 74-25-26, 55-12-34
    (None, regex.compile(
        r"(?:\+\s?7|(?<![\d.,])8)[\s\-]?\(?[0-9]{3,5}\)?[\s\-]?[0-9]{1,3}[\s\-]?[0-9]{2}[\s\-]?[0-9]{2}(?![0-9])"
    )),
    ("+", regex.compile(r"\+[0-9]{1,3}[\s\-]?\(?[0-9]{1,4}\)?(?:[\s\-]?[0-9]{2,4}){2,4}(?![0-9])")),
    ("(", regex.compile(r"(?<![\d.,])[78][\s\-]?\([0-9]{3,5}\)[\s\-]?[0-9]{1,3}(?:[\s\-]?[0-9]{2}){2}(?![0-9])")),
    ("-", regex.compile(r"(?<![\d.,:-])[0-9]{2,3}-[0-9]{2}-[0-9]{2}(?![\d-])")),
    # times of day: 18:45, 10:23:18
    (":", regex.compile(r"(?<![\d.,:])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![\d])")),
]


@functools.lru_cache(maxsize=None)
def _address_pattern() -> regex.Pattern:
    """ "ул. Абая, 52": a street word, a capitalised name, a house number (data:
    `address_words`, `house_words` of every language)."""
    data = _rules_data()
    streets = [p for lang in data.values() for p in lang.get("address_words") or []]
    houses = [p for lang in data.values() for p in lang.get("house_words") or []]
    return regex.compile(
        r"(?<!\w)(?:%s)[ \u00a0]*\p{Lu}[\p{L}\-.]*(?:[ \u00a0]\p{Lu}[\p{L}\-.]*)?,?[ \u00a0]*(?:(?:%s)[ \u00a0]*)?"
        r"[0-9]+\p{L}?(?:/[0-9]+)?" % (_alternation(streets), _alternation(houses))
    )


# web addresses without a scheme ("Zakon.kz", "egov.kz/services/123"): found from the
# top-level domain, then widened to the whole address (a left-to-right pattern for the
# same thing is quadratic on long runs like "1.1.1.1...")
_TOP_LEVEL_DOMAIN = regex.compile(r"\.(?:kz|ru|com|org|net|gov|edu|info|io|uz|kg|рф)(?![\w])", regex.I)
_ADDRESS_CHAR = regex.compile(r"[\w.-]")


def _web_addresses(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _TOP_LEVEL_DOMAIN.finditer(text):
        start = match.start()
        while start > 0 and match.start() - start < 100 and _ADDRESS_CHAR.match(text[start - 1]):
            start -= 1
        if start == match.start():
            continue
        end = match.end()
        if end < len(text) and text[end] == "/":
            while end < len(text) and end - match.end() < 300 and not text[end].isspace():
                end += 1
        spans.append((start, end))
    return spans


# dates: 24.12.2024, 24/12/24, 2024-12-24 (the year is kept for MCI conversion)
_DATES = regex.compile(
    r"(?<![\d.,])[0-9]{1,2}[./-][0-9]{1,2}[./-](?P<year>[0-9]{4}|[0-9]{2})(?![\d])"
    r"|(?<![\d.,])(?P<isoyear>[0-9]{4})-[0-9]{2}-[0-9]{2}(?![\d])"
)

# Quoted stretches short enough to be a name: «1000 лидеров изменений», "English 101"
_QUOTED = regex.compile(r'«([^«»\n]{1,80})»|“([^“”\n]{1,80})”|„([^„“”\n]{1,80})[“”]|"([^"\n]{1,80})"')
_SENTENCE_END = regex.compile(r"[.!?…]+(?=[\s\"'«»“”]|[A-ZА-ЯЁ]|$)|\n")
_DATE_LIKE = regex.compile(r"(?:0[1-9]|[12][0-9]|3[01])\.(?:0[1-9]|1[0-2])")

# small patterns used per number, compiled once
_SENTENCE_PUNCT_INSIDE = regex.compile(r"[.!?;:]\s|[,]")
_YEAR_PAIR_AFTER = regex.compile(r"[ \u00a0]*[-–—/][ \u00a0]*(?:1[89]|20)?[0-9]{2}(?![0-9])")
_YEAR_PAIR_BEFORE = regex.compile(r"(?:1[89]|20)[0-9]{2}[ \u00a0]*[-–—/][ \u00a0]*$")
_DASH_GAP = regex.compile(r"[ \u00a0]*[-–—‒][ \u00a0]*")
_CLAUSE_BREAK = regex.compile(r"[,;:()«»\"“”\n]|\s[-–—]\s")
_NUMBER_WITH_UNIT = regex.compile(r"[0-9][0-9 \u00a0.,]*(?:[-–—][0-9]+)?(?:\s*(?:%|\p{L}+\.?))?")
_WORD = regex.compile(r"[\p{L}][\p{L}-]*")
_CYRILLIC_WORD = regex.compile(r"[\p{Cyrillic}-]+")


def _is_year_value(match: NumberMatch) -> bool:
    return match.plain_digits is not None and len(match.plain_digits) == 4 and 1900 <= int(match.plain_digits) <= 2100


# -- candidates -----------------------------------------------------------------------------


@dataclass
class Candidate:
    number: NumberMatch
    start: int  # span, with a currency sign before and units after
    end: int
    value: Decimal
    unit: str | None = None
    scaled: bool = False
    head: Decimal | None = None
    scale: Decimal = Decimal(1)
    reject: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None
    linked: bool = False  # part of a range, a change or a shared-unit list
    number_end: int = 0  # end of the number itself (before units)
    from_prefix: bool = False  # the unit is written before the number ("$5")
    subject: str | None = None


@dataclass
class _Context:
    """Everything one extraction needs, computed once per text."""

    text: str
    lang: str
    words: NumberWords
    rules: Rules
    units: UnitTable
    tokens: list[Tok]
    token_starts: list[int]
    blocked: list[tuple[int, int]]
    blocked_starts: list[int]
    sentence_ends: list[int]
    quoted: list[tuple[int, int]]
    quoted_starts: list[int]
    year_mentions: list[tuple[int, int]] = field(default_factory=list)  # (position, year)
    year_positions: list[int] = field(default_factory=list)
    doc_tokens: list[Token] = field(default_factory=list)
    doc_token_starts: list[int] = field(default_factory=list)

    # sentences ---------------------------------------------------------------------------
    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.sentence_ends, pos)
        start = self.sentence_ends[k - 1] if k > 0 else 0
        end = self.sentence_ends[k] if k < len(self.sentence_ends) else len(self.text)
        return start, end

    def at_sentence_start(self, pos: int) -> bool:
        i = pos - 1
        while i >= 0 and self.text[i] in " \t\u00a0":
            i -= 1
        return i < 0 or self.text[i] in ".!?\n:;\"«“(•-–—"

    # regions -----------------------------------------------------------------------------
    def is_blocked(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.blocked_starts, start)
        for j in (k - 1, k):
            if 0 <= j < len(self.blocked):
                s, e = self.blocked[j]
                if s < end and start < e:
                    return True
        return False

    def quote_around(self, start: int, end: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.quoted_starts, start) - 1
        if k >= 0:
            s, e = self.quoted[k]
            if s <= start and end <= e:
                return s, e
        return None

    # tokens ------------------------------------------------------------------------------
    def token_at(self, pos: int) -> int:
        """Index of the first token starting at or after pos."""
        return bisect.bisect_left(self.token_starts, pos)

    def word_after(self, pos: int, max_gap: int = 3) -> Tok | None:
        k = self.token_at(pos)
        if k < len(self.tokens):
            tok = self.tokens[k]
            gap = self.text[pos : tok.start]
            if tok.kind == "word" and len(gap) <= max_gap and (gap == "" or gap.isspace()) and "\n" not in gap:
                return tok
        return None

    def word_before(self, pos: int) -> Tok | None:
        k = self.token_at(pos) - 1
        if k >= 0:
            tok = self.tokens[k]
            gap = self.text[tok.end : pos]
            if tok.kind == "word" and (gap == "" or gap.isspace()) and "\n" not in gap and len(gap) <= 3:
                return tok
        return None

    def window_before(self, pos: int, size: int = WINDOW) -> str:
        return self.text[max(0, pos - size) : pos]


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans (so that a lookup needs to check one neighbour)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _build_context(text: str, lang: str, doc_tokens: list[Token] | None) -> _Context:
    words = number_words(lang)
    rules = _rules(lang)
    tokens = tokenize(text, lang)
    blocked, year_mentions = [], []
    for trigger, pattern in _BLOCKED_PATTERNS:
        if trigger is None or trigger in text:
            blocked.extend((m.start(), m.end()) for m in pattern.finditer(text))
    if "." in text:
        blocked.extend(_web_addresses(text))
    blocked.extend((m.start(), m.end()) for m in _address_pattern().finditer(text))
    for match in _DATES.finditer(text):
        blocked.append((match.start(), match.end()))
        year = match.group("year") or match.group("isoyear")
        year = int(year) if len(year) == 4 else 2000 + int(year)
        year_mentions.append((match.start(), year))
    blocked = _merge_spans(blocked)
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    quoted = []
    for match in _QUOTED.finditer(text):
        group = next(g for g in range(1, 5) if match.group(g) is not None)
        content = match.group(group)
        if content[0].isspace() or content[-1].isspace() or _SENTENCE_PUNCT_INSIDE.search(content):
            continue  # not a name: a stretch between two different quotations, or speech
        if len(content.split()) <= 8:
            quoted.append((match.start(group), match.end(group)))
    doc_tokens = sorted(doc_tokens or [], key=lambda t: t.start)
    return _Context(
        text=text,
        lang=words.lang,
        words=words,
        rules=rules,
        units=_units(),
        tokens=tokens,
        token_starts=[t.start for t in tokens],
        blocked=blocked,
        blocked_starts=[s for s, _ in blocked],
        sentence_ends=sentence_ends,
        quoted=quoted,
        quoted_starts=[s for s, _ in quoted],
        year_mentions=year_mentions,
        doc_tokens=doc_tokens,
        doc_token_starts=[t.start for t in doc_tokens],
    )


def _make_candidates(ctx: _Context, numbers: list[NumberMatch]) -> list[Candidate]:
    candidates: list[Candidate] = []
    skip_until = -1  # numbers inside a bracket already read ("45 (forty five)")
    for number in numbers:
        if number.start < skip_until:
            continue
        if ctx.is_blocked(number.start, number.end):
            continue
        cand = Candidate(
            number=number,
            start=number.start,
            end=number.end,
            value=number.value,
            scaled=number.scaled,
            head=number.head,
            scale=number.scale,
            number_end=number.end,
        )
        skip_until = max(skip_until, _attach_units(ctx, cand))
        if candidates and cand.start < candidates[-1].end <= number.start:
            # "one $ one": the sign already belongs to the amount before
            cand.start, cand.unit = number.start, None if cand.from_prefix else cand.unit
        if cand.reject is None:
            cand.reject = _why_not_a_quantity(ctx, cand)
        candidates.append(cand)
        if number.plain_digits and (cand.reject in ("year", "date")):
            ctx.year_mentions.append((number.start, int(number.plain_digits)))
    return candidates


def _attach_units(ctx: _Context, cand: Candidate) -> int:
    """Read what follows and precedes the number: units, brackets, fractions, suffixes.
    Returns the position up to which later numbers are already consumed."""
    text, units = ctx.text, ctx.units
    number = cand.number
    end = cand.end
    consumed = -1
    nxt = text[end : end + 1]

    if text[end : end + 2].lstrip(" \u00a0")[:1] == "°":
        cand.reject = "degree"  # "+7°С": a temperature or an angle, no unit of ours
        return consumed
    if not number.words and number.value <= 24 and ctx.rules.time_after.match(text, end, end + LOOKAHEAD):
        cand.reject = "time"  # "10 a.m.", "в 10 часов утра"
        return consumed
    # a year followed by its word ("2024 году", "2024 year") is decided before units,
    # because "year"/"года" are also duration units
    if _is_year_value(number) and (ctx.rules.year_after.match(text, end, end + LOOKAHEAD) or ctx.rules.year_near_after.match(text, end, end + LOOKAHEAD)):
        cand.reject = "year"
        return consumed

    if nxt == "-" or nxt == "‐":
        ordinal_suffix, cardinal_suffix = _suffixes()
        suffix = cardinal_suffix.match(text, end, end + LOOKAHEAD)
        if units.after(text, end) is not None:
            pass  # a unit written with a hyphen: "10-кратного размера МРП"
        elif suffix and _cardinal_suffix_fits(suffix.group(), number):
            end = cand.end = suffix.end()  # "5-ти", "2-х": case endings of cardinals
        else:
            hyphen_unit = units.hyphen(text, end)
            if hyphen_unit:
                cand.unit, cand.end = hyphen_unit.unit, hyphen_unit.end
                return consumed
            after_hyphen = text[end + 1 : end + 2]
            if after_hyphen.isalpha() and not ctx.rules.qualifier_after.match(text, end, end + LOOKAHEAD):
                cand.reject = "ordinal" if ordinal_suffix.match(text, end, end + LOOKAHEAD) and not number.words else "kind"
                return consumed
    elif nxt == "/" and number.plain_digits:
        k = ctx.token_at(end + 1)
        if k < len(ctx.tokens) and ctx.tokens[k].kind == "num" and ctx.tokens[k].start == end + 1:
            denominator = ctx.tokens[k]
            consumed = denominator.end
            if _is_year_value(number):
                cand.reject = "year"  # "2023/2024"
                return consumed
            if denominator.plain and 0 < number.value < denominator.value <= 1000:
                cand.value = cand.head = number.value / denominator.value
                end = cand.end = cand.number_end = denominator.end
            else:
                cand.reject = "identifier"  # "52/1"
                return consumed

    if end < len(text) and text[end].isalpha():
        unit = units.after(text, end)
        if unit is None:
            if number.words:
                return consumed
            if _suffixes()[0].match(text, end, end + LOOKAHEAD):
                cand.reject = "ordinal"
            else:
                cand.reject = "glued"  # "5G", "3D", "i7"-like codes
            return consumed

    unit = units.after(text, end)
    if unit is None:
        bracket_end = _equal_number_in_brackets(ctx, cand, end)
        if bracket_end:
            consumed = end = cand.end = bracket_end
            unit = units.after(text, end)
    if unit is not None and _singular_unit_as_modifier(ctx, cand, unit):
        unit = None  # "312 school day camps": the unit word describes the next noun
    if unit is not None:
        cand.unit, cand.end = unit.unit, unit.end
        if unit.scale != 1:
            cand.value *= unit.scale
            cand.head, cand.scale, cand.scaled = cand.head, cand.scale * unit.scale, True
        sub_pattern = units.subunit.get(unit.unit)
        if sub_pattern is not None:
            sub = sub_pattern.match(text, cand.end, cand.end + LOOKAHEAD)
            if sub:
                cand.value += Decimal(sub.group(1)) / 100
                cand.end = sub.end()
                consumed = max(consumed, sub.end())
    else:
        prefix = units.before(text, cand.start)
        if prefix is not None:
            cand.unit, cand.start, cand.from_prefix = prefix.unit, prefix.start, True
            sub_pattern = units.subunit.get(prefix.unit)
            sub = sub_pattern.match(text, cand.end, cand.end + LOOKAHEAD) if sub_pattern is not None else None
            if sub:  # "$20 and 43c"
                cand.value += Decimal(sub.group(1)) / 100
                cand.end = sub.end()
                consumed = max(consumed, sub.end())
    return consumed


def _singular_unit_as_modifier(ctx: _Context, cand: Candidate, unit: UnitMatch) -> bool:
    written = ctx.text[unit.start : unit.end].split()
    last_word = written[-1].lower() if written else ""
    if last_word not in ctx.rules.singular_unit_words or cand.value == 1:
        return False
    following = ctx.word_after(unit.end)
    return following is not None and following.text[:1].islower() and following.norm not in ctx.rules.function_words


def _cardinal_suffix_fits(suffix: str, number: NumberMatch) -> bool:
    """ "-х" follows 2, 3, 4 ("2-х" = двух); after other numbers it is ordinal ("5-х")."""
    if suffix.lower() != "-х":
        return True
    digits = number.plain_digits or ""
    return bool(digits) and digits[-1] in "234" and not digits.endswith(("12", "13", "14"))


def _equal_number_in_brackets(ctx: _Context, cand: Candidate, pos: int) -> int | None:
    """ "45 (forty five)", "881 913 (Восемьсот ... тринадцать)": end of the bracket."""
    text = ctx.text
    i = pos
    while i < len(text) and i - pos < 3 and text[i] in " \u00a0":
        i += 1
    if i >= len(text) or text[i] != "(":
        return None
    k = ctx.token_at(i + 1)
    if k >= len(ctx.tokens):
        return None
    inner = parse_number(text, ctx.tokens, k, ctx.words)
    if inner is None or inner.value != cand.value or inner.last_tok + 1 >= len(ctx.tokens):
        return None
    closing = ctx.tokens[inner.last_tok + 1]
    if closing.kind == "punct" and closing.text == ")":
        return closing.end
    return None


def _why_not_a_quantity(ctx: _Context, cand: Candidate) -> str | None:
    text, rules, words = ctx.text, ctx.rules, ctx.words
    number = cand.number
    before = ctx.window_before(cand.start)

    # glued to a word before: "i7", "COVID-19", "Kazakhstan-2050" (a currency code was
    # already taken as the unit)
    if cand.start > 0 and cand.start == number.start and not number.negative:
        prev = text[cand.start - 1]
        if prev.isalpha() or prev == "_":
            return "glued"
        if prev in "-‐" and cand.start > 1 and text[cand.start - 2].isalpha():
            return "glued"
        if prev in "./" and cand.start > 1 and text[cand.start - 2].isdigit():
            return "identifier"

    if cand.unit is None and (rules.identifier_before.search(before) or rules.identifier_after.match(text, cand.end, cand.end + LOOKAHEAD)):
        return "identifier"

    if cand.unit is None:
        if number.plain_digits and _DATE_LIKE.fullmatch(text[number.start : number.end]):
            return "date"  # "01.10" day.month
        if number.value == number.value.to_integral_value() and 1 <= number.value <= 31 and not number.words:
            if rules.month_after.match(text, cand.end, cand.end + LOOKAHEAD) or rules.month_before.search(before):
                return "date"
        if _is_year_value(number):
            reason = _year_or_count(ctx, cand, before)
            if reason:
                return reason
        if not number.words and 0 < number.value <= 10 and rules.ranking_after.match(text, cand.end, cand.end + LOOKAHEAD):
            return "ordinal"  # "заняли 1 место"
        if not number.words and number.value == number.value.to_integral_value() and 0 < number.value <= 12:
            # digits before "класс" name a grade ("в 9 классе"); number words count
            # classes ("в восьми классах")
            if rules.grade_after.match(text, cand.end, cand.end + LOOKAHEAD):
                return "grade"

    quote = ctx.quote_around(number.start, number.end)
    if quote is not None and text[quote[0] : quote[1]].strip() != text[number.start : cand.end].strip():
        inside_before = text[quote[0] : number.start].strip()
        following = ctx.word_after(cand.end)
        if not inside_before or cand.end >= quote[1] or (following is not None and following.text[:1].isupper()):
            return "name"

    if cand.unit is None and not ctx.at_sentence_start(cand.start):
        first = ctx.word_after(cand.end)
        if first is not None and _capitalised(first.text):
            second = ctx.word_after(first.end)
            if second is not None and _capitalised(second.text):
                return "name"  # "100 Mediation Schools"

    if number.words and number.first_tok == number.last_tok:
        norm = ctx.tokens[number.first_tok].norm
        if norm in words.one and cand.unit is None and _one_is_not_a_count(ctx, cand):
            return "one"
        if number.bare_scale and number.bare_scale in words.bare_scales_after_qualifier:
            match = rules.qualifier_before.search(before)
            if not match:
                return "vague"  # "тысячи школ" = thousands of schools
    return None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word[1:])


def _year_or_count(ctx: _Context, cand: Candidate, before: str) -> str | None:
    """A bare 4-digit number 1900-2100: a year unless it counts something ("2000 teachers")."""
    text, rules = ctx.text, ctx.rules
    after = text[cand.end : cand.end + 6]
    if _YEAR_PAIR_AFTER.match(after):
        return "year"  # "2024-2025", "2023/24"
    if _YEAR_PAIR_BEFORE.search(before):
        return "year"
    if rules.month_before.search(before) or rules.month_day_before.search(before):
        return "date"
    qualifier = rules.qualifier_before.search(before)
    if qualifier and qualifier.lastgroup in ("approx", "gt", "gte", "lt"):
        return None
    following = ctx.word_after(cand.end)
    if following is not None and following.text[:1].islower() and following.norm not in rules.function_words:
        preceding = ctx.word_before(cand.start)
        if preceding is not None and preceding.norm in rules.year_determiners:
            return "year"  # "the 2024 budget"
        if rules.year_prepositions.search(before) and not _is_counted_noun(ctx, following):
            return "year"  # "since 2021 alone", "в 2024 стартовал"
        return None
    return "year"


def _is_counted_noun(ctx: _Context, word: Tok) -> bool:
    """Could `word` be what a number counts? English: a plural; Russian: a noun."""
    if ctx.lang != "ru":
        return _looks_plural(word.text)
    try:
        return _morph().parse(word.text)[0].tag.POS == "NOUN"
    except Exception:
        return True


def _one_is_not_a_count(ctx: _Context, cand: Candidate) -> bool:
    """ "one" counts only before a counted noun: not "one of them", "no one", "one-time"."""
    rules = ctx.rules
    preceding = ctx.word_before(cand.start)
    if preceding is not None and preceding.norm in rules.one_count_after:
        return False  # "еще один", "по одной"
    if preceding is not None and preceding.norm in rules.one_not_after:
        return True
    if rules.one_per_before.search(ctx.window_before(cand.start, 40)):
        return True  # "the cost of one voucher", "на одного ребенка": per one, no count
    following = ctx.word_after(cand.end)
    if following is None:
        # "we have one." / a bare "one": a count when the sentence ends here, unless an
        # adjective makes it a pronoun ("higher than the republican one")
        rest = ctx.text[cand.end : cand.end + 2].strip()
        if rest not in ("", ".", "!", "?", ";"):
            return True
        return preceding is not None and preceding.norm not in rules.function_words
    if not following.text[:1].islower():
        return True
    if following.norm in rules.one_not_before or following.norm in rules.function_words:
        return True
    pos = _doc_token_pos(ctx, following.start)
    return pos is not None and pos not in ("NOUN", "ADJ", "PROPN")


def _doc_token_pos(ctx: _Context, start: int) -> str | None:
    k = bisect.bisect_left(ctx.doc_token_starts, start)
    if k < len(ctx.doc_tokens) and ctx.doc_tokens[k].start == start:
        return ctx.doc_tokens[k].pos
    return None


# -- ranges, changes, lists ---------------------------------------------------------------


def _share_scale_and_unit(first: Candidate, second: Candidate) -> bool:
    """ "from 58 to 67 thousand tenge": the first number takes the second's scale and unit.
    False when the units disagree."""
    if first.unit and second.unit and first.unit != second.unit:
        return False
    if not first.scaled and second.scaled and second.scale != 1 and first.number.value < second.head:
        first.value = first.number.value * second.scale
        first.scaled, first.scale, first.head = True, second.scale, first.number.value
    if first.unit is None:
        first.unit = second.unit
    elif second.unit is None:
        second.unit = first.unit
    return True


def _link_ranges(ctx: _Context, candidates: list[Candidate]) -> list[Candidate]:
    text, rules = ctx.text, ctx.rules
    result: list[Candidate] = []
    i = 0
    while i < len(candidates):
        first = candidates[i]
        second = candidates[i + 1] if i + 1 < len(candidates) else None
        if second is None:
            result.append(first)
            break
        gap = text[first.end : second.start]
        dash_glued = gap in ("-", "–", "—")
        # a rejected number drags its glued dash partner along ("1-4 классов", "2024-2025")
        if dash_glued and (first.reject or second.reject):
            reason = first.reject or second.reject
            first.reject = first.reject or reason
            second.reject = second.reject or reason
            result.append(first)
            i += 1
            continue
        # "from December 3 to 12", "с 1 по 30 августа": a date range is dates
        if (first.reject in ("date", "year")) != (second.reject in ("date", "year")) and len(gap) <= 6:
            other = second if first.reject else first
            if (
                other.reject is None
                and other.unit is None
                and other.number.value == other.number.value.to_integral_value()
                and 1 <= other.number.value <= 31
                and rules.date_range_join.fullmatch(gap)
            ):
                other.reject = "date"
        # "статьи 52-1 и 52-2": indexes continue along a list
        if first.reject == "identifier" and second.reject is None and second.unit is None:
            if rules.identifier_join.fullmatch(gap):
                second.reject = "identifier"
        if first.reject or second.reject or first.linked or "\n" in gap or len(gap) > 12:
            result.append(first)
            i += 1
            continue
        opener_match = rules.range_open.search(ctx.window_before(first.start, 16))
        opener = opener_match.lastgroup if opener_match else "none"
        join = rules.range_join.get(opener)
        joined = join is not None and join.fullmatch(gap)
        if not joined and opener != "none" and rules.range_join.get("none") is not None:
            joined = rules.range_join["none"].fullmatch(gap)
        if not joined:
            result.append(first)
            i += 1
            continue
        is_dash = bool(_DASH_GAP.fullmatch(gap))
        saved = (first.value, first.unit, first.scaled, first.scale, first.head, second.unit)
        if not _share_scale_and_unit(first, second):
            result.append(first)
            i += 1
            continue
        if opener in rules.change_openers and _change_nearby(ctx, first, second, candidates[max(0, i - 6) : i + 8], opener):
            first.linked = second.linked = True  # a change: two quantities
            result.append(first)
            i += 1
            continue
        if first.value < second.value:
            merged = Candidate(
                number=first.number,
                start=first.start,
                end=second.end,
                value=second.value,
                unit=second.unit,
                low=first.value,
                high=second.value,
                linked=True,
                number_end=second.number_end,
            )
            result.append(merged)
            i += 2
            continue
        # no order: "52-1" is an index; "from 10 to 5" without a change word stays two
        first.value, first.unit, first.scaled, first.scale, first.head, second.unit = saved
        if is_dash and gap == gap.strip() and first.unit is None and second.unit is None:
            first.reject = second.reject = "identifier"
        result.append(first)
        i += 1
    return result


def _change_nearby(ctx: _Context, first: Candidate, second: Candidate, others: list[Candidate], opener: str) -> bool:
    """A verb of change in the clause of "from A to B", with no other number between; after
    the pair only for Russian "с A до B" ("с 58 до 67 тысяч тенге увеличена стипендия")."""
    sent_start, sent_end = ctx.sentence_bounds(first.start)
    start = max(sent_start, first.start - 140)
    last_word = None
    for last_word in ctx.rules.change_words.finditer(ctx.text, start, first.start):
        pass
    if last_word is not None:
        between = [c for c in others if last_word.end() <= c.start < first.start and c.reject is None]
        if not between:
            return True
    if opener != "since":
        return False
    end = min(sent_end, second.end + 60)
    following = ctx.rules.change_words.search(ctx.text, second.end, end)
    return following is not None and not any(second.end <= c.start < following.start() for c in others)


def _share_units_in_lists(ctx: _Context, candidates: list[Candidate]) -> None:
    """ "5, 10 and 15%": the unit (and scale) of the last number goes to the bare ones;
    "138 баллов из 140": the unit of the first goes to the bare one after it."""
    for first, second in zip(candidates, candidates[1:]):
        if first.reject or second.reject or first.unit is None or second.unit is not None or second.low is not None:
            continue
        gap = ctx.text[first.end : second.start]
        if len(gap) <= 10 and ctx.rules.share_forward_join.fullmatch(gap):
            second.unit = first.unit
    for i in range(len(candidates) - 2, -1, -1):
        first, second = candidates[i], candidates[i + 1]
        if first.reject or second.reject or first.unit is not None or second.unit is None or first.low is not None:
            continue
        if first.scaled or first.linked:
            continue
        gap = ctx.text[first.end : second.start]
        if len(gap) <= 8 and ctx.rules.list_join.fullmatch(gap):
            _share_scale_and_unit(first, second)


# -- qualifiers -----------------------------------------------------------------------------


def _qualifier(ctx: _Context, cand: Candidate) -> str | None:
    rules = ctx.rules
    before = ctx.window_before(cand.start)
    match = rules.qualifier_before.search(before)
    if match:
        word = normalise_word(match.group(match.lastgroup))
        if word in rules.lte_blocked:
            sent_start, _ = ctx.sentence_bounds(cand.start)
            lookback = ctx.text[max(sent_start, cand.start - 80) : cand.start - len(match.group())]
            if rules.change_words.search(lookback):
                return None  # "выросла до 1800": "to", not "up to"
        return match.lastgroup
    after = rules.qualifier_after.match(ctx.text, cand.end, cand.end + LOOKAHEAD)
    if after:
        return after.lastgroup
    return None


# -- subjects -------------------------------------------------------------------------------


def _looks_plural(word: str) -> bool:
    rules = _rules("en")
    w = word.lower()
    if w in rules.irregular_plurals:
        return True
    return (
        len(w) > 3
        and w.endswith("s")
        and not w.endswith(rules.no_plural_endings)
        and w not in rules.singular_in_s
    )


def singular(word: str) -> str:
    """A small English singulariser: students -> student, facilities -> facility."""
    w = word.lower()
    irregular = _rules("en").irregular_plurals
    if w in irregular:
        return irregular[w]
    if "-" in w:
        head, _, tail = w.rpartition("-")
        return head + "-" + singular(tail)
    if not _looks_plural(w):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return w[:-2]
    if w.endswith("oes") and len(w) > 4:
        return w[:-2]
    return w[:-1]


_MORPH = None


class _CachedMorph:
    """pymorphy3 with a cache: news repeat their nouns, and parsing dominates otherwise. The
    analyser and the cache are the ones the other stages use (knowledge.morph_parse)."""

    def __init__(self):
        self.parse = morph_parse
        self.word_is_known = morph_analyzer().word_is_known


def _morph():
    global _MORPH
    if _MORPH is None:
        _MORPH = _CachedMorph()
    return _MORPH


def _subject_after(ctx: _Context, cand: Candidate) -> str | None:
    if cand.unit in ctx.units.money:
        return None
    if cand.unit is not None:
        # "40 years of experience" -> experience; "92.5% of the children" -> child
        of = ctx.rules.of_after_unit.match(ctx.text[cand.end : cand.end + 30])
        if not of:
            # «в 72,4% школ», «45% учителей»: a noun in the genitive right after a share
            return _genitive_after_share(ctx, cand) if cand.unit in ctx.rules.genitive_after_units else None
        return _noun_phrase(ctx, cand.end + of.end())
    phrase = _subject_after_number(ctx, cand)
    if phrase is None and cand.low is None:
        # "the number of teachers has reached 406 thousand"
        sent_start, _ = ctx.sentence_bounds(cand.start)
        last = None
        for last in ctx.rules.count_of_before.finditer(ctx.text, max(sent_start, cand.start - 120), cand.start):
            pass
        if last is not None:
            phrase = _noun_phrase(ctx, last.end())
    return phrase


def _genitive_after_share(ctx: _Context, cand: Candidate) -> str | None:
    """The counted noun right after a percentage, when it stands in the genitive plural."""
    words = _following_words(ctx, cand.end, ctx.sentence_bounds(cand.end)[1], 3)
    try:
        morph = _morph()
    except Exception:
        return None
    found = _russian_genitive_phrase(morph, words, ctx.rules, plural_noun_first=True)
    if found is None and words and words[0].text[:1].islower():
        # «100% охват детей»: the share qualifies the noun after it
        parse = morph.parse(words[0].text)[0]
        if parse.tag.POS == "NOUN" and ({"nomn", "accs"} & set(parse.tag.grammemes)):
            found = parse.normal_form.replace("ё", "е")
    return found


def _subject_after_number(ctx: _Context, cand: Candidate) -> str | None:
    start = cand.end
    of = ctx.rules.of_after_count.match(ctx.text[start : start + 30])
    if of:
        start += of.end()  # "two of our teachers"
    return _noun_phrase(ctx, start)


def _subject_before(ctx: _Context, cand: Candidate) -> str | None:
    """The noun the clause before the number says it measures: "<noun> of|is|составляет N"."""
    rules = ctx.rules
    sent_start, _ = ctx.sentence_bounds(cand.start)
    start = max(sent_start, cand.start - 120)
    before = ctx.text[start : cand.start]
    qualifier = rules.qualifier_before.search(before)
    if qualifier:
        before = before[: qualifier.start()]
    link = rules.subject_link.search(before)
    if not link:
        return None
    pieces = _CLAUSE_BREAK.split(before[: link.start()])
    clause = pieces[-1]
    first = _WORD.findall(clause)[:1]
    if first and first[0].lower() in rules.relative_pronouns and len(pieces) > 1:
        clause = pieces[-2]  # «дефицит мест, который составляет N»: the noun the clause is about
    # other numbers and their units inside the clause ("охват детей от 3 до 6 лет составил")
    clause = _NUMBER_WITH_UNIT.sub(" ", clause)
    words = _WORD.findall(clause)[-10:]
    if not words:
        return None
    if ctx.lang == "ru":
        words = [w for w in words if normalise_word(w) not in ctx.words.cardinals]  # "одной путевки"
        nearest = bool(rules.subject_link_nearest.search(link.group()))
        return _russian_subject_before(words, rules, nearest) if words else None
    lowered = [w.lower() for w in words]
    if "that" in lowered[:-1]:  # "X noted that the waiting list has fallen by N": the subordinate clause
        cut = len(lowered) - 1 - lowered[::-1].index("that")
        words, lowered = words[cut + 1:], lowered[cut + 1:]
    if not link.group().lower().startswith("of"):
        # "the average salary of a teacher increased from N": the head of the clause's
        # first noun phrase after a determiner
        for n, word in enumerate(lowered):
            if word in rules.determiners:
                run = []
                for following in lowered[n + 1 :]:
                    if following in rules.function_words and following not in rules.subject_skip:
                        break  # ("the total cost of …": "total" modifies, it ends no phrase)
                    run.append(following)
                while run and run[-1] in rules.emphatic_pronouns:
                    run.pop()
                if run and run[-1] not in rules.empty_heads:
                    return singular(run[-1])
                if len(run) > 1 and run[-2] not in rules.empty_heads:
                    return singular(run[-2])  # "the coverage rate for children … reached" -> coverage
                break
        # a sentence opening with its subject, no determiner: "Winter holidays in schools will
        # last N" -> the head before the first preposition
        if before[: link.start()].strip() == clause.strip() and start == sent_start:
            run = list(itertools.takewhile(lambda w: w not in rules.function_words, lowered))
            if 0 < len(run) < len(lowered) and run[-1] not in rules.empty_heads and run[-1].isalpha():
                return singular(run[-1])
    head = lowered[-1]
    if head in rules.function_words or head in rules.empty_heads or not words[-1][:1].islower():
        return None
    return singular(head)


def _russian_subject_before(words: list[str], rules: Rules, nearest: bool = False) -> str | None:
    """The noun a Russian clause says the number measures, with its adjectives: the first
    noun in the nominative before a verb ("средняя заработная плата составила N"), or the
    noun right before "в размере" in any case ("получают надбавку в размере 25%").
    A head like "стоимость" keeps its genitive ("стоимость обеда")."""
    try:
        morph = _morph()
    except Exception:
        return None
    parsed = []
    for n, word in enumerate(words):
        if word[:1].isupper() and n > 0:
            parsed.append(None)  # a name
            continue
        parsed.append(morph.parse(word))
    order = range(len(parsed) - 1, -1, -1) if nearest else range(len(parsed))
    for n in order:
        parses = parsed[n]
        if parses is None or words[n].lower() in rules.function_words:
            continue
        best = parses[0]
        if best.tag.POS != "NOUN" or {"Geox", "Name", "Surn", "Orgn", "Abbr"} & set(best.tag.grammemes):
            if nearest and best.tag.POS not in ("ADJF", "PRTF"):
                return None
            continue
        if nearest:
            noun = best
        else:
            noun = best if "nomn" in best.tag else None
        if noun is None:
            continue
        adjectives = []
        k = n - 1
        while k >= 0 and parsed[k] is not None:
            adjective = next((p for p in parsed[k] if p.tag.POS in ("ADJF", "PRTF") and "nomn" in p.tag), None)
            if adjective is None:
                break
            adjectives.insert(0, adjective)
            k -= 1
        lemma = noun.normal_form.replace("ё", "е")
        genitive = None
        for k in range(n + 1, min(n + 3, len(parsed))):  # "продолжительность базового курса"
            if parsed[k] is None or words[k].lower() in rules.function_words:
                break
            genitive = next((p for p in parsed[k] if p.tag.POS == "NOUN" and "gent" in p.tag), None)
            if genitive is not None or parsed[k][0].tag.POS not in ("ADJF", "PRTF"):
                break
        if lemma in rules.empty_heads:
            # "размер стипендии" -> "стипендия"
            return genitive.normal_form.replace("ё", "е") if genitive is not None else None
        if lemma in rules.relational_heads and genitive is not None:
            # "стоимость путевки", "продолжительность курса": the head says little alone
            form = genitive if "Pltm" in genitive.tag else (genitive.inflect({"gent", "sing"}) or genitive)
            return f"{lemma} {form.word}".replace("ё", "е")
        return _agree(morph, adjectives, noun, rules)
    return None


MAX_AGE_YEARS = 25


def _age(ctx: _Context, cand: Candidate) -> str | None:
    """A number of years that is someone's age: "children from 2 to 6 years", «детей от 3 до
    6 лет», "2 to 6 years old" -> the age subject."""
    if cand.unit != "year" or not ctx.rules.age_subject:
        return None
    if max(v for v in (cand.value, cand.low, cand.high) if v is not None) > MAX_AGE_YEARS:
        return None
    if ctx.rules.age_before_number.search(ctx.window_before(cand.start, 40)) or \
            ctx.rules.age_after_number.match(ctx.text, cand.end):
        return ctx.rules.age_subject
    return None


def _clause_around(ctx: _Context, start: int, end: int) -> tuple[int, int]:
    """The stretch of the sentence around [start, end) between clause punctuation."""
    sent_start, sent_end = ctx.sentence_bounds(start)
    left = sent_start
    for left_break in _CLAUSE_BREAK.finditer(ctx.text, sent_start, start):
        left = left_break.end()
    right_break = _CLAUSE_BREAK.search(ctx.text, end, sent_end)
    return left, right_break.start() if right_break else sent_end


def _noun_after_compound(ctx: _Context, cand: Candidate) -> str | None:
    """The noun a hyphenated figure modifies ("36-hour training" -> training): the last of the
    lower-case words after it, up to a function word."""
    _, sent_end = ctx.sentence_bounds(cand.start)
    run = []
    for tok in _following_words(ctx, cand.end, sent_end, 3):
        if tok.norm in ctx.rules.function_words or not tok.text[:1].islower():
            break
        run.append(tok.norm)
    return singular(run[-1]) if run else None


def _whole_of_partitive(ctx: _Context, counted: list) -> "Candidate | None":
    """The count a partitive ("two of them") takes a part of: the last count with a subject
    that is not a capacity of another ("11 schools for 27,600 places": the schools)."""
    for cand in reversed(counted):
        if cand.unit is None and cand.subject and not ctx.rules.capacity_before.search(ctx.window_before(cand.start, 12)):
            return cand
    return None


def _same_measure(ctx: _Context, first: str | None, second: str | None) -> bool:
    """Two units that measure the same kind of thing: equal, or both money (MCI and tenge)."""
    return first == second or (first in ctx.units.money and second in ctx.units.money)


def _money_purpose(ctx: _Context, cand: Candidate) -> str | None:
    """What spent or allocated money is for, named after a preposition in the amount's
    clause: "for the construction of schools" / «на оснащение кабинетов» -> the purpose's
    noun; "for these purposes" / «на эти цели» -> the generic subject (funds)."""
    rules = ctx.rules
    start, end = _clause_around(ctx, cand.start, cand.end)
    if not rules.purpose_verb.search(ctx.text, start, end):
        return None
    for opener in rules.purpose_preposition.finditer(ctx.text, start, end):
        if cand.start <= opener.start() < cand.end:
            continue
        words = _following_words(ctx, opener.end(), end, 6)
        if not words or not words[0].text[:1].isalpha() or words[0].text[:1].isupper():
            continue
        if words[0].norm in rules.purpose_anaphora:
            return rules.purpose_generic
        phrase = (_russian_purpose if ctx.lang == "ru" else _english_purpose)(ctx, words)
        if phrase:
            return phrase
    return None


def _english_purpose(ctx: _Context, words: list[Tok]) -> str | None:
    rules = ctx.rules
    while words and words[0].norm in rules.determiners:
        words = words[1:]
    run = []
    for tok in words:
        if tok.norm in rules.function_words or not tok.text[:1].islower():
            break
        run.append(tok.norm)
    if not run or run[-1] in rules.purpose_not_heads:
        return None
    if run[-1] in rules.purpose_empty_heads or run[0] in rules.purpose_empty_heads:
        return None
    kept = [w for w in run[:-1] if w not in rules.subject_skip][-2:]
    return " ".join(kept + [singular(run[-1])])


def _russian_purpose(ctx: _Context, words: list[Tok]) -> str | None:
    """«на оснащение кабинетов» -> "оснащение"; «на капитальный ремонт школ» -> "капитальный
    ремонт"; «на организацию летнего отдыха» -> "летний отдых" (an empty head gives way to
    its genitive)."""
    rules = ctx.rules
    try:
        morph = _morph()
    except Exception:
        return None
    found = _russian_noun_in_case(morph, words, rules, {"accs"})
    if found is None:
        return None
    adjectives, noun, at = found
    lemma = noun.normal_form.replace("ё", "е")
    if lemma in rules.purpose_not_heads or {"Name", "Surn", "Geox", "Orgn", "Abbr"} & set(noun.tag.grammemes):
        return None
    if lemma in rules.purpose_empty_heads:
        return _russian_genitive_phrase(morph, words[at + 1:], rules)
    return _agree(morph, adjectives, noun, rules)


def _russian_genitive_phrase(morph, words: list[Tok], rules: Rules, plural_noun_first: bool = False) -> str | None:
    """Adjectives + the noun of a genitive complement: «летнего отдыха» -> "летний отдых".
    `plural_noun_first`: the noun must be plural and its likeliest reading a noun («школ»)."""
    found = _russian_noun_in_case(morph, words, rules, {"gent", "plur"} if plural_noun_first else {"gent"},
                                  noun_first=plural_noun_first)
    return _agree(morph, found[0], found[1], rules) if found else None


def _russian_noun_in_case(morph, words: list[Tok], rules: Rules, grammemes: set[str], noun_first: bool = False):
    """(adjectives, noun, its index): the first noun of `words` with the grammemes (a case,
    maybe a number) and the adjectives in that case before it; None when a word on the way
    is neither, a function word or capitalised. `noun_first`: a word counts as the noun only
    when its likeliest reading is one."""
    case = next(iter(grammemes & {"nomn", "gent", "datv", "accs", "ablt", "loct"}))
    adjectives = []
    for at, tok in enumerate(words):
        if not _CYRILLIC_WORD.fullmatch(tok.text) or tok.norm in rules.function_words or tok.text[:1].isupper():
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


def _noun_phrase(ctx: _Context, pos: int) -> str | None:
    _, sent_end = ctx.sentence_bounds(pos)
    if ctx.doc_tokens:
        phrase = _noun_phrase_from_doc_tokens(ctx, pos, sent_end)
        if phrase is not None:
            return phrase
    if ctx.lang == "ru":
        return _russian_noun_phrase(ctx, pos, sent_end)
    return _english_noun_phrase(ctx, pos, sent_end)


def _following_words(ctx: _Context, pos: int, sent_end: int, limit: int = 5) -> list[Tok]:
    """Up to `limit` words after pos, joined by spaces or hyphens ("prize-winners")."""
    out: list[Tok] = []
    k = ctx.token_at(pos)
    prev_end = pos
    while k < len(ctx.tokens) and len(out) < limit:
        tok = ctx.tokens[k]
        if tok.start >= sent_end:
            break
        gap = ctx.text[prev_end : tok.start]
        if tok.kind == "word" and (gap == "" or gap.isspace()) and "\n" not in gap:
            out.append(tok)
            prev_end = tok.end
            k += 1
            continue
        if tok.kind == "punct" and tok.text == "-" and gap == "" and out and k + 1 < len(ctx.tokens):
            nxt = ctx.tokens[k + 1]
            if nxt.kind == "word" and nxt.start == tok.end:
                joined = out[-1].text + "-" + nxt.text
                out[-1] = Tok("word", out[-1].start, nxt.end, joined, normalise_word(joined))
                prev_end = nxt.end
                k += 2
                continue
        break
    return out


def _english_noun_phrase(ctx: _Context, pos: int, sent_end: int) -> str | None:
    """Modifiers + the first plural-looking noun: "primary school students" ->
    "primary school student"; a singular noun after "one"."""
    rules = ctx.rules
    words = []
    following = _following_words(ctx, pos, sent_end, 5)
    while following and following[0].norm in rules.subject_lead_skip:
        following = following[1:]  # "two more schools"
    for tok in following[:4]:
        if tok.norm in rules.function_words or not tok.text[:1].islower() and tok.text[:1].isalpha() and words:
            break
        if not tok.text[:1].isalpha():
            break
        if tok.text.endswith(("'s", "’s")):
            words = []  # "90% of the country's schools": the owner is not what is counted
            continue
        words.append(tok.norm)
    if not words:
        return None
    head_index = next((n for n, w in enumerate(words) if _looks_plural(w)), None)
    if head_index is None:
        head_index = 0 if len(words) == 1 else None
        if head_index is None:
            # a singular noun phrase ("one new school was"): stop at an -ed/-ing word
            head_index = 0
            for n, w in enumerate(words[1:], 1):
                if w.endswith(("ed", "ing", "ly")):
                    break
                head_index = n
    modifiers = [w for w in words[:head_index] if w not in rules.subject_skip and not w.endswith("ly")]
    modifiers = modifiers[-2:]
    head = singular(words[head_index])
    if head in rules.function_words or len(head) < 2:
        return None
    return " ".join(modifiers + [head])


def _russian_noun_phrase(ctx: _Context, pos: int, sent_end: int) -> str | None:
    """Adjectives + the first noun, in the normal form with agreement:
    "105 модификационных кабинетов" -> "модификационный кабинет"."""
    rules = ctx.rules
    try:
        morph = _morph()
    except Exception:  # pymorphy3 missing or broken: no Russian subjects
        return None
    modifiers = []
    nouns_among_modifiers = []
    following = _following_words(ctx, pos, sent_end, 5)
    while following and following[0].norm in rules.subject_lead_skip:
        following = following[1:]  # "еще 33 школы" is before; "33 еще школы" rare
    for tok in following[:4]:
        if tok.norm in rules.function_words or not _CYRILLIC_WORD.fullmatch(tok.text):
            break
        if tok.text[:1].isupper():
            break  # a name begins: "23 столовых Актюбинской области"
        parses = morph.parse(tok.text)
        compound = _russian_compound(morph, tok.text, parses)
        if compound:
            return compound
        noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
        best = parses[0]
        if best.tag.POS == "NOUN" or (noun is not None and (adjective is None or best.tag.POS not in ("ADJF", "PRTF"))):
            return _agree(morph, modifiers, noun or best, rules)
        if adjective is not None:
            modifiers.append(adjective)
            nouns_among_modifiers.append(noun)
            continue
        break
    if modifiers:
        head = modifiers[-1]
        if head.tag.POS == "PRTF":  # a substantivised participle: "учащихся" -> "учащийся"
            form = head.inflect({"nomn", "sing", "masc"}) or head
            return form.word.replace("ё", "е")
        if nouns_among_modifiers[-1] is not None:  # "23 столовых" -> "столовая"
            return _agree(morph, modifiers[:-1], nouns_among_modifiers[-1], rules)
    return None


def _russian_compound(morph, text: str, parses) -> str | None:
    """"детей-сирот" -> "ребенок-сирота": a hyphenated compound of known nouns that pymorphy3
    guesses as a name is read part by part."""
    if "-" not in text.strip("-") or not {"Name", "Surn", "Patr"} & set(parses[0].tag.grammemes):
        return None
    parts = [morph.parse(part)[0] for part in text.split("-") if part]
    if len(parts) > 1 and all(p.tag.POS == "NOUN" and morph.word_is_known(p.word) for p in parts):
        return "-".join(p.normal_form for p in parts).replace("ё", "е")
    return None


def _agree(morph, modifiers, noun, rules) -> str:
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


def _noun_phrase_from_doc_tokens(ctx: _Context, pos: int, sent_end: int) -> str | None:
    """Use the tagger's lemmas and parts of speech when the pipeline has them."""
    k = bisect.bisect_left(ctx.doc_token_starts, pos)
    rules = ctx.rules
    run: list[Token] = []
    while k < len(ctx.doc_tokens) and len(run) < 5:
        tok = ctx.doc_tokens[k]
        if tok.start >= sent_end or ctx.text[pos if not run else run[-1].end : tok.start].strip() not in ("", "-"):
            break
        if tok.pos in ("ADJ", "NOUN", "PROPN") or (tok.pos == "VERB" and ctx.lang == "ru" and not run):
            if tok.pos == "PROPN" and not run:
                break
            if run and ctx.lang == "ru" and tok.text[:1].isupper():
                break  # a name begins: "23 столовых Актюбинской области"
            run.append(tok)
            k += 1
            if tok.pos == "NOUN" and ctx.lang == "ru":
                break
            continue
        if tok.text == "-" and run:
            k += 1
            continue
        if tok.text in ("'s", "’s") and run:
            run = []  # "90% of the country's schools": the owner is not what is counted
            pos = tok.end
            k += 1
            continue
        break
    nouns = [n for n, t in enumerate(run) if t.pos == "NOUN"]
    if not nouns:
        return None
    if ctx.lang == "ru":
        try:
            morph = _morph()
        except Exception:
            return normalise_word(run[nouns[0]].lemma)
        head_tok = run[nouns[0]]
        parses = morph.parse(head_tok.text)
        compound = _russian_compound(morph, head_tok.text, parses)
        if compound and nouns[0] == 0:
            return compound
        noun = next((p for p in parses if p.tag.POS == "NOUN"), parses[0])
        adjectives = []
        for tok in run[: nouns[0]]:
            parse = next((p for p in morph.parse(tok.text) if p.tag.POS in ("ADJF", "PRTF")), None)
            if parse is not None:
                adjectives.append(parse)
        return _agree(morph, adjectives, noun, rules)
    # English: the run up to its last noun; nouns join as a compound ("student place"),
    # but a plural noun ends the phrase ("536 colleges dual training has been ...")
    plural = next((n for n in nouns if run[n].text.lower() != run[n].lemma.lower()
                   and run[n].text.lower().endswith("s")), None)
    last_noun = plural if plural is not None else nouns[-1]
    while plural is None and last_noun + 1 < len(run) and run[last_noun + 1].pos == "NOUN":
        last_noun += 1
    parts = run[: last_noun + 1]
    head = singular(parts[-1].lemma.lower()) if _looks_plural(parts[-1].lemma) else parts[-1].lemma.lower()
    kept = [t for t in parts[:-1] if t.lemma.lower() not in rules.subject_skip and t.pos != "PROPN"][-2:]
    phrase, words = "", kept + [parts[-1]]
    for tok, following in zip(words, words[1:] + [None]):
        word = head if following is None else tok.lemma.lower()
        # "prize-winners" stays "prize-winner": keep a hyphen the text has between words
        glue = "-" if following is not None and ctx.text[tok.end:following.start] == "-" else " "
        phrase += word + ("" if following is None else glue)
    return phrase


def _carried_unit(ctx: _Context, cand: Candidate, previous: Candidate | None) -> str | None:
    """The unit of the previous quantity of the sentence, for a bare number that refers to
    it: a scaled amount ("8,7 млрд тенге, из них 5,9 млрд") or one after a word of
    comparison ("надбавка 50% вместо 25")."""
    if previous is None or previous.unit is None or previous.end > cand.start:
        return None
    if cand.start - previous.end > 100:
        return None
    if ctx.rules.unit_carry.search(ctx.window_before(cand.start, 30)):
        return previous.unit  # may cross a full stop: "1,6 млрд тенге. Из них 1,1 млрд"
    sent_start, _ = ctx.sentence_bounds(cand.start)
    if cand.scaled and previous.unit in ctx.units.money and previous.scaled and previous.start >= sent_start:
        return previous.unit
    return None


def _score_before(ctx: _Context, cand: Candidate) -> bool:
    sent_start, _ = ctx.sentence_bounds(cand.start)
    return bool(ctx.rules.score_words.search(ctx.text, max(sent_start, cand.start - 90), cand.start))


# -- tenge ----------------------------------------------------------------------------------


def _reference_year(ctx: _Context, pos: int) -> int | None:
    """The year the sentence at pos speaks of: the nearest year mentioned in it."""
    low, high = mci_table().year_range
    sent_start, sent_end = ctx.sentence_bounds(pos)
    sent_start, sent_end = max(sent_start, pos - 400), min(sent_end, pos + 400)
    first = bisect.bisect_left(ctx.year_positions, sent_start)
    last = bisect.bisect_left(ctx.year_positions, sent_end)
    best = None
    for where, year in ctx.year_mentions[first:last]:
        if low <= year <= high and (best is None or abs(where - pos) < abs(best[0] - pos)):
            best = (where, year)
    return best[1] if best else None


# -- public API -----------------------------------------------------------------------------


def _parse_published(published) -> tuple[int | None, dt.date | None]:
    if published is None:
        return None, None
    if isinstance(published, int):
        return published, None
    text = str(published)
    try:
        day = dt.date.fromisoformat(text[:10])
        return day.year, day
    except ValueError:
        return (int(text[:4]), None) if text[:4].isdigit() else (None, None)


def extract_quantities(
    text: str,
    lang: str | None = "en",
    published=None,
    tokens: list[Token] | None = None,
    original: str | None = None,
) -> list[Quantity]:
    """The quantities of `text` (already masked), sorted by start.

    `published` is an ISO date string, a date or a year; `original` the unmasked text
    that supplies the `text` field of each quantity (same length as `text`).
    """
    if not isinstance(text, str) or not text:
        return []
    original = original if original is not None and len(original) == len(text) else text
    lang = lang if lang in ("en", "ru") else ("ru" if lang == "kk" else "en")
    published_year, published_day = _parse_published(published)
    ctx = _build_context(text, lang, tokens)
    numbers = scan_numbers(text, ctx.tokens, ctx.words)
    candidates = _make_candidates(ctx, numbers)
    linked = _link_ranges(ctx, candidates)
    _share_units_in_lists(ctx, linked)
    ctx.year_mentions.sort()
    ctx.year_positions = [where for where, _ in ctx.year_mentions]
    mci = mci_table()
    quantities = []
    previous: Candidate | None = None
    counted: list[Candidate] = []
    for cand in linked:
        if cand.reject:
            continue
        if cand.unit is None and cand.low is None and ctx.rules.age_before.search(ctx.window_before(cand.start, 20)):
            cand.unit = "year"  # "under the age of 15"
        qualifier = None if cand.low is not None or cand.linked else _qualifier(ctx, cand)
        subject = _age(ctx, cand) or _subject_after(ctx, cand)
        if cand.unit is None and subject is None:
            carried = _carried_unit(ctx, cand, previous)
            if carried is not None:
                cand.unit = carried  # "8,7 млрд тенге, из них 5,9 млрд"; "50% вместо 25"
            elif _score_before(ctx, cand):
                cand.unit = "point"  # "the average score ... was 115"
        if subject is None:
            # "state awards of 3.6 million tenge", "Стоимость обеда составляет 1 050 тенге"
            subject = _subject_before(ctx, cand)
        if subject is None and cand.unit in ctx.units.money:
            subject = _money_purpose(ctx, cand)  # «на оснащение кабинетов выделено 4,2 млрд тенге»
        if subject is None and cand.linked and previous is not None and previous.linked and previous.end <= cand.start:
            subject = previous.subject  # the second of a change: "increased from N to M"
        if subject is None and cand.unit in (None, "percent") and ctx.rules.partitive_after.match(ctx.text, cand.end):
            whole = _whole_of_partitive(ctx, counted)
            subject = whole.subject if whole is not None else None  # «Семь из них …», "Two of them …"
        if subject is None and cand.low is None and previous is not None and previous.subject \
                and _same_measure(ctx, previous.unit, cand.unit) \
                and ctx.sentence_bounds(previous.start) == ctx.sentence_bounds(cand.start):
            # An elliptical figure measures what the previous one of its sentence measured:
            # "99,264 students took part, of which 53,593 passed", «36 — золотые, 65 — серебряные»,
            # "1,000 AEK (3,692,000 tenge)", «100 МРП, призерам – 75 и 50 МРП соответственно».
            subject = previous.subject
        if subject is None and ctx.rules.compound_noun_after and original[cand.end - 1 : cand.end].isalpha() \
                and "-" in original[cand.start : cand.end]:
            subject = _noun_after_compound(ctx, cand)  # "36-hour training", "a three-day olympiad"
        if subject is None and cand.unit in ctx.rules.unit_subjects:
            # "75 points" -> score; a bare term -> «срок», «за пять лет» -> «период»
            over = ctx.rules.period_subject and ctx.rules.period_before.search(ctx.window_before(cand.start, 30))
            subject = ctx.rules.period_subject if over and cand.unit != "point" else ctx.rules.unit_subjects[cand.unit]
        cand.subject = subject
        previous = cand
        counted.append(cand)
        kzt = kzt_year = None
        if cand.unit in ("MCI", "KZT"):
            year = _reference_year(ctx, cand.start) or published_year
            if cand.unit == "MCI":
                tenge, kzt_year = mci.value(year, published_day)
                kzt = None if cand.low is not None else plain_number(cand.value * tenge)
            else:
                kzt_year = year
                kzt = None if cand.low is not None else plain_number(cand.value)
        is_range = cand.low is not None
        quantities.append(
            Quantity(
                text=original[cand.start : cand.end],
                start=cand.start,
                end=cand.end,
                value=None if is_range else plain_number(cand.value),
                unit=cand.unit,
                low=plain_number(cand.low) if is_range else None,
                high=plain_number(cand.high) if is_range else None,
                qualifier=qualifier,
                subject=subject,
                kzt=kzt,
                kzt_year=kzt_year,
            )
        )
    quantities.sort(key=lambda q: (q.start, q.end))
    # never two quantities over the same characters (a safety net; the passes above
    # already avoid it)
    kept: list[Quantity] = []
    for q in quantities:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    _share_list_nouns(ctx, kept)
    return kept


# pymorphy3's summed score of the noun readings at which a list item's word counts as a noun
LIST_ITEM_NOUN_SCORE = 0.25
_LIST_ITEM_GAP = regex.compile(r"[ \u00a0]+(?P<word>[\p{L}][\p{L}-]*)[ \u00a0]*(?:,|;)?[ \u00a0]*(?:(?P<joiner>[\p{L}]+)[ \u00a0]+)?$")
_NOUN_BEFORE_LIST = regex.compile(r"(?P<word>[\p{L}][\p{L}-]*)[ \u00a0]*[,:][ \u00a0]*$")


def _share_list_nouns(ctx: _Context, quantities: list[Quantity]) -> None:
    """Counts listed with one noun for all: «7 золотых, 15 серебряных и 24 бронзовые
    медали» -> золотая медаль, серебряная медаль; "holders of gold medals, 65 silver and 96
    bronze" -> silver medal, bronze medal. Only counts followed by a single adjective. A bare
    number joined to the next one takes its noun: «1 200 или 2 000 учащихся», "from 18,200
    to 9,700 children"."""
    for q, following in zip(reversed(quantities[:-1]), reversed(quantities[1:])):
        if q.subject is None and following.subject is not None and q.unit == following.unit \
                and _joined_numbers(ctx, q, following):
            q.subject = following.subject
    chain: list[tuple[Quantity, str]] = []  # earlier items: quantity, its one word
    for q, following in zip(quantities, quantities[1:] + [None]):
        word = None
        if following is not None and q.unit is None and following.unit is None \
                and ctx.sentence_bounds(q.start) == ctx.sentence_bounds(following.start):
            gap = _LIST_ITEM_GAP.match(ctx.text, q.end, following.start)
            joiner_ok = gap and (gap.group("joiner") is None
                                 or ctx.rules.list_join.fullmatch(" " + gap.group("joiner") + " "))
            if gap and joiner_ok and (gap.group("joiner") or "," in ctx.text[gap.start("word"):following.start]):
                word = gap.group("word")
        if word is not None:
            chain.append((q, word))
            continue
        if chain and q.unit is None:
            _name_list_items(ctx, chain, q)
        chain = []


def _joined_numbers(ctx: _Context, q: Quantity, following: Quantity) -> bool:
    """Nothing but a list word («или», "and") or the second half of a change («до», "to")
    between two numbers of one sentence."""
    gap = ctx.text[q.end:following.start]
    # "expanded to 496, 96 support rooms": a comma ends the first figure's phrase
    if not gap.strip() or "\n" in gap or "," in gap:
        return False
    rules = ctx.rules
    change = [j for kind in rules.change_openers for j in (rules.range_join.get(kind),) if j is not None]
    return bool(rules.list_join.fullmatch(gap) or any(j.fullmatch(gap) for j in change))


def _name_list_items(ctx: _Context, chain: list[tuple[Quantity, str]], last: Quantity) -> None:
    rules = ctx.rules
    last_word = _following_words(ctx, last.end, ctx.sentence_bounds(last.end)[1], 1)
    shared = None
    if last.subject and len(last.subject.split()) > 1:
        # the list's own noun phrase, without the last item's adjective: "бронзовая медаль" ->
        # медаль, "частный детский сад" -> детский сад
        words = last.subject.split()
        own = last_word and _same_word(ctx, last_word[0].text, words[0])
        shared = words[1:] if own else words
    if shared is None:
        # the noun before the list, when the last item is elliptical too
        before = _NOUN_BEFORE_LIST.search(ctx.text, ctx.sentence_bounds(chain[0][0].start)[0], chain[0][0].start)
        head = _list_head_noun(ctx, before.group("word")) if before else None
        if head is None:
            return
        shared = [head]
        earlier = {q.subject for q, _ in chain}  # an elliptical last item may have copied one
        if last_word and (last.subject is None or last.subject in earlier
                          or _same_word(ctx, last_word[0].text, last.subject)):
            chain = chain + [(last, last_word[0].text)]
    copied: set[str] = set()  # subjects an elliptical item copied from the item before it
    for q, word in chain:
        original = q.subject
        if word.lower() in rules.function_words or word[:1].isupper():
            continue
        if original is not None and original not in copied and not _same_word(ctx, word, original):
            continue  # the item names its own noun
        phrase = _list_item_phrase(ctx, q, word, shared)
        if phrase:
            q.subject = phrase
            if original is not None:
                copied.add(original)


def _same_word(ctx: _Context, word: str, lemma: str) -> bool:
    """`word` of the text is `lemma` ("silver"/"silver", «бронзовые»/"бронзовая")."""
    if ctx.lang != "ru":
        return word.lower() in (lemma, singular(lemma))
    normal = {p.normal_form for p in _morph().parse(word)}
    return bool(normal & {p.normal_form for p in _morph().parse(lemma)})


def _list_head_noun(ctx: _Context, word: str) -> str | None:
    if ctx.lang != "ru":
        return singular(word.lower()) if _looks_plural(word.lower()) else None
    parses = _morph().parse(word)
    noun = next((p for p in parses if p.tag.POS == "NOUN"), None)
    return noun.normal_form.replace("ё", "е") if noun is not None else None


def _list_item_phrase(ctx: _Context, q: Quantity, word: str, shared: list[str]) -> str | None:
    """The item's adjective with the list's noun phrase, agreeing in Russian. The word must
    be no noun of its own: in Russian its likeliest reading is an adjective; in English a
    count other than one before a word that is not plural ("65 silver", not "1 school")."""
    lowered = word.lower()
    if ctx.lang != "ru":
        if q.value == 1 or _looks_plural(lowered):
            return None
        return " ".join(shared if lowered in ctx.rules.subject_skip else [lowered] + shared)
    morph = _morph()
    parses = morph.parse(word)
    if parses[0].tag.POS not in ("ADJF", "PRTF") or \
            sum(p.score for p in parses if p.tag.POS == "NOUN") >= LIST_ITEM_NOUN_SCORE:
        return None  # «5 столовых и 3 спортивных зала»: «столовых» is a noun as likely as not
    noun = next((p for p in morph.parse(shared[-1]) if p.tag.POS == "NOUN" and "nomn" in p.tag), None)
    if noun is None:
        return None
    agreed = _agree(morph, [parses[0]], noun, ctx.rules).split()[:-1]  # the adjective, agreeing
    return " ".join(agreed + shared)


def find_quantities(text: str, lang: str = "en", published_year: int | None = None) -> list[Quantity]:
    """Convenience entry point (tests, notebooks): quantities of a plain text."""
    return extract_quantities(text, lang, published_year)


class QuantityExtractor:
    """Pipeline stage: sets `doc.quantities` from `doc.analysis_text`."""

    def __init__(self):
        # The data files are read once per process (cached loaders); touching them here
        # surfaces a broken data file at construction, not in the middle of a batch.
        number_words("en")
        number_words("ru")
        _units()
        mci_table()
        _suffixes()
        _address_pattern()
        for lang in ("en", "ru"):
            _rules(lang)

    def __call__(self, doc: Document) -> None:
        try:
            doc.quantities = extract_quantities(
                doc.analysis_text,
                doc.lang,
                doc.published,
                doc.tokens,
                original=doc.text,
            )
        except Exception as error:  # never let one odd text stop a batch
            doc.quantities = []
            doc.warnings.append(f"quantities: {type(error).__name__}: {error}")
