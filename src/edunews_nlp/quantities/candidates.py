"""Candidates: each number with its unit (after it, before it, or as a hyphen compound),
an equal number in brackets ("1000 (one thousand)"), minor currency units, and the reason
it is no quantity, if any (see `filters`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from .context import Context
from .filters import is_year_value, why_not_a_quantity
from .numbers import NumberMatch, parse_number
from .rules import suffixes
from .tokens import LOOKAHEAD
from .units import UnitMatch
from .vocabulary import normalise_word

_WORD = regex.compile(r"\p{L}+")


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


def make_candidates(ctx: Context, numbers: list[NumberMatch]) -> list[Candidate]:
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
            cand.reject = why_not_a_quantity(ctx, cand)
        candidates.append(cand)
        if number.plain_digits and (cand.reject in ("year", "date")):
            ctx.year_mentions.append((number.start, int(number.plain_digits)))
    return candidates


def _attach_units(ctx: Context, cand: Candidate) -> int:
    """Read what follows and precedes the number: units, brackets, fractions, suffixes.
    Returns the position up to which later numbers are already consumed."""
    reason = _rejected_before_units(ctx, cand)
    if reason:
        cand.reject = reason
        return -1
    consumed = -1
    nxt = ctx.text[cand.end : cand.end + 1]
    if nxt == "-" or nxt == "‐":
        if _after_hyphen(ctx, cand):
            return consumed
    elif nxt == "/" and cand.number.plain_digits:
        consumed, done = _after_slash(ctx, cand)
        if done:
            return consumed
    if _glued_to_letters(ctx, cand):
        return consumed
    return _unit_around(ctx, cand, consumed)


def _rejected_before_units(ctx: Context, cand: Candidate) -> str | None:
    text, end, number = ctx.text, cand.end, cand.number
    if text[end : end + 2].lstrip(" \u00a0")[:1] == "°":
        return "degree"  # "+7°С": a temperature or an angle, no unit of ours
    if not number.words and number.value <= 24 and ctx.rules.time_after.match(text, end, end + LOOKAHEAD):
        return "time"  # "10 a.m.", "в 10 часов утра"
    # a year followed by its word ("2024 году", "2024 year") is decided before units,
    # because "year"/"года" are also duration units
    if is_year_value(number) and (ctx.rules.year_after.match(text, end, end + LOOKAHEAD) or ctx.rules.year_near_after.match(text, end, end + LOOKAHEAD)):
        return "year"
    return None


def _after_hyphen(ctx: Context, cand: Candidate) -> bool:
    """A hyphen after the number: a case ending ("5-ти"), a hyphen unit ("two-week"), an
    ordinal or a kind ("three-shift"). True when the candidate is decided."""
    text, units, end, number = ctx.text, ctx.units, cand.end, cand.number
    ordinal_suffix, cardinal_suffix = suffixes()
    suffix = cardinal_suffix.match(text, end, end + LOOKAHEAD)
    if units.after(text, end) is not None:
        return False  # a unit written with a hyphen: "10-кратного размера МРП"
    case = ctx.rules.case_suffix.match(text, end, end + LOOKAHEAD)
    if case:
        cand.end = case.end()  # Kazakh "100-ден", "3 800-ге": a case ending of the number
        return False
    if suffix and _cardinal_suffix_fits(suffix.group(), number):
        cand.end = suffix.end()  # "5-ти", "2-х": case endings of cardinals
        return False
    hyphen_unit = units.hyphen(text, end)
    if hyphen_unit:
        cand.unit, cand.end = hyphen_unit.unit, hyphen_unit.end
        return True
    if number.words and ctx.rules.number_word_ranges:
        word = _WORD.match(text, end + 1)
        if word and normalise_word(word.group()) in ctx.words.cardinals:
            return False  # "екі-үш жыл": a range of number words
    after_hyphen = text[end + 1 : end + 2]
    if after_hyphen.isalpha() and not ctx.rules.qualifier_after.match(text, end, end + LOOKAHEAD):
        cand.reject = "ordinal" if ordinal_suffix.match(text, end, end + LOOKAHEAD) and not number.words else "kind"
        return True
    return False


def _after_slash(ctx: Context, cand: Candidate) -> tuple[int, bool]:
    """ "2023/2024" (years), "1/3" (a fraction), "52/1" (an index): (consumed, decided)."""
    end, number = cand.end, cand.number
    k = ctx.token_at(end + 1)
    if not (k < len(ctx.tokens) and ctx.tokens[k].kind == "num" and ctx.tokens[k].start == end + 1):
        return -1, False
    denominator = ctx.tokens[k]
    if is_year_value(number):
        cand.reject = "year"  # "2023/2024"
        return denominator.end, True
    if denominator.plain and 0 < number.value < denominator.value <= 1000:
        cand.value = cand.head = number.value / denominator.value
        cand.end = cand.number_end = denominator.end
        return denominator.end, False
    cand.reject = "identifier"  # "52/1"
    return denominator.end, True


def _glued_to_letters(ctx: Context, cand: Candidate) -> bool:
    """Letters glued to the number that are no unit: an ordinal ("10th") or a code ("5G")."""
    text, end = ctx.text, cand.end
    if not (end < len(text) and text[end].isalpha()) or ctx.units.after(text, end) is not None:
        return False
    if not cand.number.words:
        cand.reject = "ordinal" if suffixes()[0].match(text, end, end + LOOKAHEAD) else "glued"
    return True


def _unit_around(ctx: Context, cand: Candidate, consumed: int) -> int:
    """The unit after the number (maybe after an equal number in brackets, maybe with a
    minor unit: "5 тенге 50 тиын"), else one written before it ("$20 and 43c")."""
    text, units, end = ctx.text, ctx.units, cand.end
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
        case = ctx.rules.case_suffix.match(text, cand.end, cand.end + LOOKAHEAD)
        if case:
            cand.end = case.end()  # Kazakh "30%-ға", "1 500 АЕК-ке"
        if unit.scale != 1:
            cand.value *= unit.scale
            cand.head, cand.scale, cand.scaled = cand.head, cand.scale * unit.scale, True
        sub_pattern = units.subunit.get(unit.unit)
    else:
        prefix = units.before(text, cand.start)
        if prefix is None:
            return consumed
        cand.unit, cand.start, cand.from_prefix = prefix.unit, prefix.start, True
        sub_pattern = units.subunit.get(prefix.unit)
    sub = sub_pattern.match(text, cand.end, cand.end + LOOKAHEAD) if sub_pattern is not None else None
    if sub:  # "$20 and 43c"
        cand.value += Decimal(sub.group(1)) / 100
        cand.end = sub.end()
        consumed = max(consumed, sub.end())
    return consumed


def _singular_unit_as_modifier(ctx: Context, cand: Candidate, unit: UnitMatch) -> bool:
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


def _equal_number_in_brackets(ctx: Context, cand: Candidate, pos: int) -> int | None:
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
