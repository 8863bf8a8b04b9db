"""Why a number is not a quantity: years, dates, times, ordinals and grades, indexes
("No. 4", "статьи 52-1"), numbers inside names ("«1000 лидеров…»", "100 Mediation
Schools"), codes glued to words ("5G"), "one of", vague plurals ("тысячи школ")."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

import regex

from .context import Context
from .numbers import NumberMatch
from .tokens import LOOKAHEAD
from .vocabulary import normalise_word

if TYPE_CHECKING:
    from .candidates import Candidate


_LAST_WORD = regex.compile(r"\p{L}+$")
_DATE_LIKE = regex.compile(r"(?:0[1-9]|[12][0-9]|3[01])\.(?:0[1-9]|1[0-2])")
_YEAR_PAIR_AFTER = regex.compile(r"[ \u00a0]*[-–—/][ \u00a0]*(?:1[89]|20)?[0-9]{2}(?![0-9])")
_YEAR_PAIR_BEFORE = regex.compile(r"(?:1[89]|20)[0-9]{2}[ \u00a0]*[-–—/][ \u00a0]*$")


def is_year_value(match: NumberMatch) -> bool:
    return match.plain_digits is not None and len(match.plain_digits) == 4 and 1900 <= int(match.plain_digits) <= 2100


def why_not_a_quantity(ctx: Context, cand: Candidate) -> str | None:
    text, rules, words = ctx.text, ctx.rules, ctx.words
    number = cand.number
    before = ctx.window_before(cand.start)

    # glued to a word before: "i7", "COVID-19", "Kazakhstan-2050" (a currency code was
    # already taken as the unit)
    if cand.start > 0 and cand.start == number.start and not number.negative:
        prev = text[cand.start - 1]
        if prev.isalpha() or prev == "_":
            return "glued"
        if prev in "-‐" and cand.start > 1 and text[cand.start - 2].isalpha() and not _word_range_end(ctx, cand):
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
        if is_year_value(number):
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
        if number.bare_scale and words.vague_before:
            preceding = ctx.word_before(cand.start)
            if preceding is not None and preceding.norm in words.vague_before:
                return "vague"  # Kazakh «бірнеше мың оқушы» = several thousand pupils
        if number.bare_scale and number.bare_scale in words.bare_scales_after_qualifier:
            match = rules.qualifier_before.search(before)
            if not match:
                return "vague"  # "тысячи школ" = thousands of schools
    return None


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(ch.islower() for ch in word[1:])


def _year_or_count(ctx: Context, cand: Candidate, before: str) -> str | None:
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
        if rules.year_prepositions.search(before) and not ctx.reader.is_counted_noun(ctx, following):
            return "year"  # "since 2021 alone", "в 2024 стартовал"
        return None
    return "year"


def _one_is_not_a_count(ctx: Context, cand: Candidate) -> bool:
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


def _doc_token_pos(ctx: Context, start: int) -> str | None:
    k = bisect.bisect_left(ctx.doc_token_starts, start)
    if k < len(ctx.doc_tokens) and ctx.doc_tokens[k].start == start:
        return ctx.doc_tokens[k].pos
    return None


def _word_range_end(ctx: Context, cand: Candidate) -> bool:
    """ "екі-үш жыл": the second number word of a hyphenated range (`number_word_ranges`)."""
    if not (cand.number.words and ctx.rules.number_word_ranges):
        return False
    word = _LAST_WORD.search(ctx.text, 0, cand.start - 1)
    return word is not None and normalise_word(word.group()) in ctx.words.cardinals
