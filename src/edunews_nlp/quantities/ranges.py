"""Ranges, changes and shared units: "7-9%", "from 2 to 6 years", "от 50 до 75 баллов"
become one quantity with low/high; "increased from 58 thousand to 67 thousand tenge" stays
two. Scale words and units are shared ("from 58 to 67 thousand tenge": both KZT 1000s),
also along lists ("5 and 10%") and to a bare number that refers to the one before.
Qualifiers ("more than", "около", ...)."""

from __future__ import annotations

import regex

from .candidates import Candidate
from .context import Context
from .tokens import LOOKAHEAD
from .vocabulary import normalise_word


_DASH_GAP = regex.compile(r"[ \u00a0]*[-–—‒][ \u00a0]*")


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


def link_ranges(ctx: Context, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with each range merged into one; changes and lists marked linked."""
    result: list[Candidate] = []
    i = 0
    while i < len(candidates):
        first = candidates[i]
        if i + 1 == len(candidates):
            result.append(first)
            break
        second = candidates[i + 1]
        gap = ctx.text[first.end : second.start]
        merged = None
        if not _spread_rejects(ctx, first, second, gap):
            merged = _joined_pair(ctx, candidates, i, gap)
        result.append(merged or first)
        i += 2 if merged else 1
    return result


def _spread_rejects(ctx: Context, first: Candidate, second: Candidate, gap: str) -> bool:
    """Spread a rejection to the neighbour it takes along; True when the pair cannot be a
    range (either rejected, linked already, or too far apart)."""
    rules = ctx.rules
    # a rejected number drags its glued dash partner along ("1-4 классов", "2024-2025")
    if gap in ("-", "–", "—") and (first.reject or second.reject):
        reason = first.reject or second.reject
        first.reject = first.reject or reason
        second.reject = second.reject or reason
        return True
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
    return bool(first.reject or second.reject or first.linked or "\n" in gap or len(gap) > 12)


def _joined_pair(ctx: Context, candidates: list[Candidate], i: int, gap: str) -> Candidate | None:
    """The range of candidates i and i + 1 when a range word joins them in order; marks a
    change ("increased from A to B") linked, an unordered dash pair an index."""
    rules = ctx.rules
    first, second = candidates[i], candidates[i + 1]
    marked = _case_marked_pair(ctx, candidates, i, gap)
    if marked is not False:
        return marked
    opener_match = rules.range_open.search(ctx.window_before(first.start, 16))
    opener = opener_match.lastgroup if opener_match else "none"
    join = rules.range_join.get(opener)
    joined = join is not None and join.fullmatch(gap)
    if not joined and opener != "none" and rules.range_join.get("none") is not None:
        joined = rules.range_join["none"].fullmatch(gap)
    if not joined:
        return None
    is_dash = bool(_DASH_GAP.fullmatch(gap))
    saved = (first.value, first.unit, first.scaled, first.scale, first.head, second.unit)
    if not _share_scale_and_unit(first, second):
        return None
    if opener in rules.change_openers and _change_nearby(ctx, first, second, candidates[max(0, i - 6) : i + 8], opener):
        first.linked = second.linked = True  # a change: two quantities
        return None
    if first.value < second.value:
        return Candidate(
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
    # no order: "52-1" is an index; "from 10 to 5" without a change word stays two
    first.value, first.unit, first.scaled, first.scale, first.head, second.unit = saved
    if is_dash and gap == gap.strip() and first.unit is None and second.unit is None:
        first.reject = second.reject = "identifier"
    return None


def _case_marked_pair(ctx: Context, candidates: list[Candidate], i: int, gap: str) -> Candidate | None | bool:
    """Kazakh ranges and changes marked by case endings: "10-нан 15-ке дейін", "14 жастан 18
    жасқа дейінгі" (one range, with "дейін" and a unit after it in its text), "45 мыңнан 52 мың
    теңгеге дейін өсті" (a change: two quantities). False when the pair has no such marks."""
    rules, text = ctx.rules, ctx.text
    first, second = candidates[i], candidates[i + 1]
    if not gap or (gap.strip() and not rules.range_from_gap.fullmatch(gap)):
        return False
    if not rules.range_from_end.search(text, first.start, first.end):
        return False
    close = rules.range_close.match(text, second.end, second.end + LOOKAHEAD)
    if close is None and not rules.range_to_end.search(text, second.start, second.end):
        return False
    saved = (first.value, first.unit, first.scaled, first.scale, first.head, second.unit)
    if not _share_scale_and_unit(first, second):
        return None
    after = close.end() if close is not None else second.end
    _, sent_end = ctx.sentence_bounds(second.start)
    change = rules.change_words.search(text, after, min(sent_end, after + 40))
    if change is not None and not any(after <= c.start < change.start() for c in candidates[i + 2 : i + 6]):
        first.linked = second.linked = True  # a change: two quantities
        return None
    if close is None or first.value >= second.value:
        first.value, first.unit, first.scaled, first.scale, first.head, second.unit = saved
        return None
    end, unit = close.end(), second.unit
    if unit is None:  # "65-тен 140-қа дейін балл"
        found = ctx.units.after(text, end)
        if found is not None:
            unit, end = found.unit, found.end
    return Candidate(
        number=first.number, start=first.start, end=end, value=second.value, unit=unit,
        low=first.value, high=second.value, linked=True, number_end=second.number_end,
    )


def _change_nearby(ctx: Context, first: Candidate, second: Candidate, others: list[Candidate], opener: str) -> bool:
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
    if opener not in ctx.rules.change_after_openers:
        return False
    end = min(sent_end, second.end + 60)
    following = ctx.rules.change_words.search(ctx.text, second.end, end)
    return following is not None and not any(second.end <= c.start < following.start() for c in others)


def share_units_in_lists(ctx: Context, candidates: list[Candidate]) -> None:
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


def qualifier_of(ctx: Context, cand: Candidate) -> str | None:
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
        if normalise_word(after.group(after.lastgroup)) in rules.lte_blocked:
            _, sent_end = ctx.sentence_bounds(cand.end)
            if rules.change_words.search(ctx.text, after.end(), min(sent_end, after.end() + 40)):
                if not rules.lte_kept_changes.match(ctx.text, after.end()) or _FROM_NUMBER.search(
                    ctx.text, max(0, cand.start - 40), cand.start
                ):
                    return None  # Kazakh "52 мың теңгеге дейін өсті": "to", not "up to"
        return after.lastgroup
    if cand.unit is None and rules.lte_noun_after.match(ctx.text, cand.end):
        return "lte"  # Kazakh «25 оқушыға дейін»: "up to" after the counted noun
    return None


def range_qualifier_of(ctx: Context, cand: Candidate) -> str | None:
    """A qualifier before a range that applies to it (Kazakh «шамамен 10-15 мың»)."""
    if not ctx.rules.range_qualifiers:
        return None
    match = ctx.rules.qualifier_before.search(ctx.window_before(cand.start))
    return match.lastgroup if match and match.lastgroup in ctx.rules.range_qualifiers else None


# a number in a "from" case just before: the first of a change («45 мыңнан 52 мыңға дейін»)
_FROM_NUMBER = regex.compile(r"\d\S*(?:[ \u00a0]+\S+)?(?:нан|нен|дан|ден|тан|тен)[ \u00a0]+(?:\S+[ \u00a0]+){0,2}$")


def carried_unit(ctx: Context, cand: Candidate, previous: Candidate | None) -> str | None:
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


def score_before(ctx: Context, cand: Candidate) -> bool:
    sent_start, _ = ctx.sentence_bounds(cand.start)
    return bool(ctx.rules.score_words.search(ctx.text, max(sent_start, cand.start - 90), cand.start))

