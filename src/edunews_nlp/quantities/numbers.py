"""Numbers in English and Russian text: every number with its character span and exact
value (a `Decimal`). Deciding whether a number is a quantity (not a year, a date, an
index...) is not done here.

The quantity extractor calls `tokens.tokenize` once per text and then `scan_numbers`.
Language knowledge (number words with their Russian case forms, scale words, "and a
half") is in `data/numbers.yaml` (see `vocabulary`); this module and `written` hold only
the grammar:

    number   := [sign] head {scale} [point-decimal] [fraction]
    head     := digits | ".77" | words | "a" multiplier/scale | "half a" scale
    digits   := 3,692,000 | 3 692 000 | 3.6 | 1,5 | 100K
    words    := word-number parts in decreasing order, joined by spaces, hyphens
                ("twenty-five") or "and" ("one hundred and five")
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from decimal import Decimal

import regex

from .tokens import LOOKAHEAD, Tok, gap_ok, glued, tokenize
from .vocabulary import NumberWords, number_words
from .written import Reading, read_rest

# "2.48×10−5", "3 x 10^6", "1.6×10⁻¹⁹"
_POWER_OF_TEN = regex.compile(
    r"[ \u00a0]?([×xX·])[ \u00a0]?10((?<=10)(?:(?:\^|\*\*)[-−]?[0-9]{1,2}|[-−⁻][0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))(?![0-9])"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

VULGAR_FRACTIONS = {
    "½": Decimal("0.5"),
    "¼": Decimal("0.25"),
    "¾": Decimal("0.75"),
    "⅓": Decimal(1) / 3,
    "⅔": Decimal(2) / 3,
    "⅕": Decimal("0.2"),
    "⅛": Decimal("0.125"),
}


@dataclass(slots=True)
class NumberMatch:
    start: int
    end: int
    value: Decimal
    first_tok: int
    last_tok: int
    words: bool = False  # written (at least partly) in words
    scale: Decimal = Decimal(1)  # product of the scale words and suffixes applied last
    head: Decimal | None = None  # the value before the scale ("58" in "58 thousand")
    scaled: bool = False  # a scale word or suffix is part of it
    plain_digits: str | None = None  # "2024" when the number is a bare digit run
    bare_scale: str | None = None  # "тысячи" when the number is a scale word alone
    negative: bool = False


def _sign_ok(text: str, minus: Tok) -> bool:
    before = text[minus.start - 1] if minus.start > 0 else " "
    if before in "$€£₽₸":  # "$-99.99", but not "10$-20$"
        earlier = text[minus.start - 2] if minus.start > 1 else " "
        return not earlier.isalnum()
    return before.isspace() or before in "(["


def _is_number_start(tok: Tok, words: NumberWords) -> bool:
    if tok.kind == "num":
        return True
    if tok.kind == "word":
        n = tok.norm
        return words.is_number_word(n) or n in words.articles or n in words.half or n in words.point
    return tok.kind == "punct" and (tok.text in ".-−" or tok.text in VULGAR_FRACTIONS)


def scan_numbers(text: str, tokens: list[Tok], words: NumberWords) -> list[NumberMatch]:
    """Every number in the token list, left to right, not overlapping."""
    found: list[NumberMatch] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if _is_number_start(tok, words) or (tok.kind == "word" and tok.norm in words.negative):
            match = parse_number(text, tokens, i, words)
            if match is not None:
                found.append(match)
                i = match.last_tok + 1
                continue
        i += 1
    return found


def parse_number(text: str, tokens: list[Tok], i: int, words: NumberWords) -> NumberMatch | None:
    """The number starting at tokens[i], or None."""
    n = len(tokens)
    tok = tokens[i]
    negative = False
    j = i
    if tok.kind == "punct" and tok.text in "-−":
        nxt = tokens[j + 1] if j + 1 < n else None
        if not (
            nxt is not None
            and (nxt.kind == "num" or nxt.text == ".")
            and glued(tok, nxt)
            and _sign_ok(text, tok)
        ):
            return None
        negative, j = True, j + 1
    elif tok.kind == "word" and tok.norm in words.negative:
        if not (j + 1 < n and gap_ok(text, tok, tokens[j + 1]) and _is_number_start(tokens[j + 1], words)):
            return None
        if tokens[j + 1].kind == "punct" and tokens[j + 1].text != ".":
            return None
        negative, j = True, j + 1
    match = _parse_unsigned(text, tokens, j, words)
    if match is None:
        return None
    if negative:
        match.value = -match.value
        match.negative = True
        match.start, match.first_tok = tok.start, i
        match.plain_digits = None
    return match


def _parse_unsigned(text: str, tokens: list[Tok], i: int, words: NumberWords) -> NumberMatch | None:
    tok = tokens[i]
    if tok.kind == "punct" and tok.text in VULGAR_FRACTIONS:
        value = VULGAR_FRACTIONS[tok.text]
        return _finish(tokens, i, i, value, value, Decimal(1), False, scaled=False)
    if tok.kind == "num":
        head = _digits_head(text, tokens, i, words)
    elif tok.kind == "punct" and tok.text == "." and i + 1 < len(tokens):
        head = _point_head(text, tokens, i, words)
    elif tok.kind == "word":
        head = _word_head(text, tokens, i, words)
    else:
        return None
    if not isinstance(head, Reading):
        return head  # None, or a number complete after its head
    head.last = head.j - 1
    read_rest(text, tokens, head, words)
    value = head.total + (head.current or Decimal(0))
    if head.scale_steps == 1 and head.current is None:
        base, scale = value / head.applied_scale, head.applied_scale
    else:  # no scale, or a compound ("two million three hundred thousand"): no head
        base, scale = value, Decimal(1)
    last = head.last
    return _finish(
        tokens, i, last, value, base, scale, head.used_words,
        scaled=head.scale_steps > 0,
        plain_digits=head.plain_digits if last == i else None,
        bare_scale=head.bare_scale if last == i else None,
    )


def _digits_head(text: str, tokens: list[Tok], i: int, words: NumberWords) -> Reading | NumberMatch:
    """Digits, with what completes them at once: "2 1/2", "2½", "3×10⁶", "100K"."""
    tok, n = tokens[i], len(tokens)
    fraction = _fraction_after(text, tokens, i) if tok.plain else None
    if fraction is not None:  # "2 1/2", "2½"
        value, last = fraction
        return _finish(tokens, i, last, tok.value + value, tok.value + value, Decimal(1), False, scaled=False)
    power = _POWER_OF_TEN.match(text, tok.end, tok.end + LOOKAHEAD)
    if power:
        exponent = int(power.group(2).translate(_SUPERSCRIPTS).lstrip("^*").replace("−", "-").replace("⁻", "-"))
        if abs(exponent) <= 30:
            value = tok.value * Decimal(10) ** exponent
            k = bisect.bisect_left([t.start for t in tokens[i : i + 8]], power.end()) + i
            return _finish(tokens, i, k - 1, value, value, Decimal(1), False, scaled=False)
    # glued suffix scale: "100K", "1.2M", "3М"
    j = i + 1
    if j < n and tokens[j].kind == "word" and glued(tok, tokens[j]) and tokens[j].text in words.suffix_scales:
        letter = tokens[j].text
        single_digit = tok.plain and len(tok.text) == 1
        if not (single_digit and letter in words.suffix_not_after_single_digit):
            scale = words.suffix_scales[letter]
            return _finish(tokens, i, j, tok.value * scale, tok.value, scale, False)
    return Reading(j=j, current=tok.value, limit=Decimal(0), plain_digits=tok.text if tok.plain else None)


def _point_head(text: str, tokens: list[Tok], i: int, words: NumberWords) -> Reading | NumberMatch | None:
    """ ".77", ".5M"."""
    tok, nxt, n = tokens[i], tokens[i + 1], len(tokens)
    before = text[tok.start - 1] if tok.start > 0 else " "
    if not (nxt.kind == "num" and nxt.plain and glued(tok, nxt) and not before.isalnum() and before not in ".,"):
        return None
    current, j = Decimal("0." + nxt.text), i + 2
    if j < n and tokens[j].kind == "word" and glued(nxt, tokens[j]) and tokens[j].text in words.suffix_scales:
        scale = words.suffix_scales[tokens[j].text]
        return _finish(tokens, i, j, current * scale, current, scale, False)
    return Reading(j=j, current=current, limit=Decimal(0))


def _word_head(text: str, tokens: list[Tok], i: int, words: NumberWords) -> Reading | NumberMatch | None:
    """A number word, "a" before a multiplier or scale, "half a" scale, "point 5", a bare scale."""
    tok, n = tokens[i], len(tokens)
    w = tok.norm
    nxt = tokens[i + 1] if i + 1 < n else None
    if w in words.cardinals:
        current = words.cardinals[w]
        return Reading(j=i + 1, current=current, limit=words.order(current), used_words=True)
    if w in words.articles and nxt is not None and gap_ok(text, tok, nxt) and (
        nxt.norm in words.multipliers or nxt.norm in words.scales
    ):
        return Reading(j=i + 1, current=Decimal(1), limit=Decimal(1), used_words=True)
    if w in words.half and i + 2 < n and tokens[i + 1].norm in words.articles and tokens[i + 2].norm in words.scales:
        scale = words.scales[tokens[i + 2].norm]
        return _finish(tokens, i, i + 2, Decimal("0.5") * scale, Decimal("0.5"), scale, True)
    if w in words.point and nxt is not None and nxt.kind == "num" and nxt.plain and gap_ok(text, tok, nxt):
        value = Decimal("0." + nxt.text)
        return _finish(tokens, i, i + 1, value, value, Decimal(1), True, scaled=False)
    if w in words.bare_scales or w in words.bare_scales_after_qualifier:
        scale = words.scales.get(w, Decimal(1000))
        return Reading(j=i + 1, total=scale, last_scale=scale, limit=scale, used_words=True, bare_scale=w,
                       scale_steps=1, applied_scale=scale)
    return None


def _finish(tokens, first, last, value, head, scale, used_words, scaled=True, plain_digits=None, bare_scale=None):
    return NumberMatch(
        start=tokens[first].start,
        end=tokens[last].end,
        value=value,
        first_tok=first,
        last_tok=last,
        words=used_words,
        scale=scale,
        head=head,
        scaled=scaled,
        plain_digits=plain_digits,
        bare_scale=bare_scale,
    )


def _fraction_after(text: str, tokens: list[Tok], i: int) -> tuple[Decimal, int] | None:
    """A fraction after whole digits: "2 1/2" (one space) or "2½" (glued)."""
    n = len(tokens)
    whole = tokens[i]
    if i + 1 < n and tokens[i + 1].kind == "punct" and tokens[i + 1].text in VULGAR_FRACTIONS and glued(whole, tokens[i + 1]):
        return VULGAR_FRACTIONS[tokens[i + 1].text], i + 1
    if i + 3 < n and text[whole.end : tokens[i + 1].start] == " ":
        numerator, slash, denominator = tokens[i + 1], tokens[i + 2], tokens[i + 3]
        if (
            numerator.kind == "num" and numerator.plain
            and slash.text == "/" and glued(numerator, slash) and glued(slash, denominator)
            and denominator.kind == "num" and denominator.plain
            and 0 < numerator.value < denominator.value <= 16
            and not (i + 4 < n and glued(denominator, tokens[i + 4]) and tokens[i + 4].text in "/.,")
        ):
            return numerator.value / denominator.value, i + 3
    return None


def parse_value(text: str, lang: str = "en") -> Decimal | None:
    """The value of `text` when all of it is one number ("3 692 000", "двадцать пять")."""
    words = number_words(lang)
    tokens = tokenize(text, lang)
    if not tokens:
        return None
    match = parse_number(text, tokens, 0, words)
    if match is None or match.last_tok != len(tokens) - 1:
        return None
    return match.value


def plain_number(value: Decimal) -> int | float:
    """A Decimal as the int or float that goes into a Quantity."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
