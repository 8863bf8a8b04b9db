"""The rest of a number after its head: further number words, multipliers, scale words,
"and a half", spoken decimal points and fractions ("two hundred and forty-five thousand",
"7 тысяч 440", "two point five million", "two thirds").

The reader keeps a `Reading`: the sum of the closed groups (`total`), the group being read
(`current`) and what may still be added (`limit`: "twenty" takes units, not tens). Each
step below looks at the next token and either takes it (True), ends the number (False) or
leaves it to the next step (None).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .tokens import Tok, gap_ok, glued
from .vocabulary import NumberWords, word_order  # noqa: F401  (word_order: numbers.py reads it here)

_INFINITY = Decimal("Infinity")


@dataclass(slots=True)
class Reading:
    """A number being read."""

    j: int  # next token to read
    total: Decimal = Decimal(0)
    current: Decimal | None = None
    limit: Decimal = _INFINITY  # additive number words must stay below this
    last_scale: Decimal | None = None
    used_words: bool = False
    plain_digits: str | None = None
    bare_scale: str | None = None
    scale_steps: int = 0  # how many scale words
    applied_scale: Decimal = Decimal(1)  # the last one
    last: int = 0  # last token of the number so far


def read_rest(text: str, tokens: list[Tok], r: Reading, words: NumberWords) -> None:
    """Extend the reading token by token while the tokens continue the number."""
    while r.j < len(tokens):
        if words.closing and tokens[r.last].norm in words.closing:
            return  # Kazakh "45 мыңнан 52 мың": a case ending closes the number
        for step in _STEPS:
            taken = step(text, tokens, r, words)
            if taken is not None:
                break
        else:
            taken = False
        if not taken:
            return


def _add_word(r: Reading, value: Decimal, last: int, j: int, words: NumberWords) -> bool:
    r.current = (r.current or Decimal(0)) + value
    r.limit = words.order(value)
    r.last, r.j = last, j
    return True


def _hyphenated(text, tokens, r, words) -> bool | None:
    """ "twenty-five", "twenty-one thousand": a hyphen inside a written number."""
    tok, prev, n = tokens[r.j], tokens[r.last], len(tokens)
    if not (tok.kind == "punct" and tok.text == "-" and r.j + 1 < n):
        return None
    nxt = tokens[r.j + 1]
    if (
        r.used_words
        and glued(prev, tok)
        and glued(tok, nxt)
        and nxt.kind == "word"
        and nxt.norm in words.cardinals
        and r.current is not None
        and words.cardinals[nxt.norm] < r.limit
        and words.cardinals[nxt.norm] > 0
    ):
        return _add_word(r, words.cardinals[nxt.norm], r.j + 1, r.j + 2, words)
    return False


def _punct_joiner(text, tokens, r, words) -> bool | None:
    """ "two hundred & forty", "three million, two hundred"."""
    tok, prev = tokens[r.j], tokens[r.last]
    if not (tok.kind == "punct" and r.j + 1 < len(tokens) and gap_ok(text, prev, tok)):
        return None
    nxt = tokens[r.j + 1]
    continues = (
        (tok.text in words.joiners and r.current is not None and r.limit >= 100)
        or (tok.text == "," and glued(prev, tok) and r.current is None and r.last_scale is not None
            and words.joiners)
    )
    if continues and nxt.kind == "word" and nxt.norm in words.cardinals and gap_ok(text, tok, nxt):
        value = words.cardinals[nxt.norm]
        if r.used_words and 0 < value < r.limit:
            return _add_word(r, value, r.j + 1, r.j + 2, words)
    return False


def _digits_below_scale(text, tokens, r, words) -> bool | None:
    """ "7 тысяч 440 школ", "1 тыс. 982 тенге": the rest below the scale in digits."""
    tok, prev = tokens[r.j], tokens[r.last]
    if (
        tok.kind == "num"
        and tok.plain
        and r.current is None
        and r.last_scale is not None
        and not r.used_words
        and tok.value < r.last_scale
        and len(tok.text) <= 3
        # after an abbreviation's dot only a full group: "1 тыс. 982", not "5 млн. 20 школ"
        and (tokens[r.last].kind == "word" or len(tok.text) == 3)
        and gap_ok(text, prev, tok)
        and tokens[r.last].kind in ("word", "punct")
    ):
        r.current, r.limit = tok.value, Decimal(0)
        r.last, r.j = r.j, r.j + 1
        return True
    return None


def _not_a_word(text, tokens, r, words) -> bool | None:
    tok = tokens[r.j]
    if tok.kind != "word" or not gap_ok(text, tokens[r.last], tok):
        return False
    return None


def _and_a_half(text, tokens, r, words) -> bool | None:
    phrase = match_phrase(tokens, r.j, words.and_a_half, text)
    if phrase and r.current is not None:
        r.current += Decimal("0.5")
        r.limit = Decimal(0)
        r.last = r.j = phrase
        r.j += 1
        return True
    return None


def _cardinal(text, tokens, r, words) -> bool | None:
    w = tokens[r.j].norm
    if w in words.cardinals and r.current is None and r.last_scale is not None:
        value = words.cardinals[w]
        if 0 < value < r.limit:
            r.current, r.limit, r.used_words = value, words.order(value), True
            r.last, r.j = r.j, r.j + 1
            return True
        return False
    if w in words.cardinals and r.current is not None and r.used_words:
        value = words.cardinals[w]
        if 0 < value < r.limit and value == value.to_integral_value():
            return _add_word(r, value, r.j, r.j + 1, words)
        if w in words.multipliers:
            return None  # Kazakh "жүз" is 100 alone and a multiplier after a unit: "екі жүз"
        return False
    return None


def _multiplier(text, tokens, r, words) -> bool | None:
    w = tokens[r.j].norm
    if not (w in words.multipliers and r.current is not None):
        return None
    factor = words.multipliers[w]
    if factor == 100 and r.current >= 100:
        return False
    r.current *= factor
    r.limit = factor if factor == 100 else Decimal(0)
    r.used_words = True
    r.last, r.j = r.j, r.j + 1
    return True


def _scale(text, tokens, r, words) -> bool | None:
    w = tokens[r.j].norm
    if w not in words.scales:
        return None
    scale = words.scales[w]
    if r.current is None:
        if r.last_scale is not None and scale > r.last_scale:  # "three thousand millions"
            r.total *= scale
            r.applied_scale *= scale
        else:
            return False
    elif r.last_scale is not None and scale >= r.last_scale:  # "thousand million"
        r.total = (r.total + r.current) * scale
        r.applied_scale, r.current = scale, None
    else:
        r.total += r.current * scale
        r.applied_scale, r.current = scale, None
    r.last_scale = scale
    r.scale_steps += 1
    r.limit = scale
    r.last, r.j = r.j, r.j + 1
    n = len(tokens)
    if w in words.dotted and r.j < n and tokens[r.j].kind == "punct" and tokens[r.j].text == "." \
            and glued(tokens[r.last], tokens[r.j]):
        r.last, r.j = r.j, r.j + 1
    return True


def _word_joiner(text, tokens, r, words) -> bool | None:
    """ "one hundred and five", "seven hundred twenty-one thousand and twelve"."""
    tok = tokens[r.j]
    w = tok.norm
    if not (w in words.joiners and r.current is None and r.last_scale is not None or (
        w in words.joiners and r.current is not None and r.limit >= 100 and r.used_words
    )):
        return None
    nxt = tokens[r.j + 1] if r.j + 1 < len(tokens) else None
    if nxt is not None and nxt.kind == "word" and nxt.norm in words.cardinals and gap_ok(text, tok, nxt):
        value = words.cardinals[nxt.norm]
        if 0 < value < r.limit:
            return _add_word(r, value, r.j + 1, r.j + 2, words)
    return False


def _point(text, tokens, r, words) -> bool | None:
    """ "1 point 1", "two point two million"."""
    tok, n = tokens[r.j], len(tokens)
    if not (tok.norm in words.point and r.current is not None and r.last_scale is None and r.j + 1 < n):
        return None
    nxt = tokens[r.j + 1]
    if nxt.kind == "num" and nxt.plain and gap_ok(text, tok, nxt) and r.current == r.current.to_integral_value():
        r.current += Decimal("0." + nxt.text)
        r.limit = Decimal(0)
        r.last, r.j = r.j + 1, r.j + 2
        return True
    if nxt.kind == "word" and words.denominators and nxt.norm in words.denominators:
        return _over_denominator(text, tokens, r, words)
    digits, k = "", r.j + 1
    while k < n and tokens[k].kind == "word" and tokens[k].norm in words.cardinals and words.cardinals[tokens[k].norm] < 10:
        digits += str(int(words.cardinals[tokens[k].norm]))
        k += 1
    if digits:
        r.current += Decimal("0." + digits)
        r.limit = Decimal(0)
        r.last, r.j = k - 1, k
        return True
    return False


def _over_denominator(text, tokens, r, words) -> bool:
    """Kazakh "үш бүтін оннан бес" = 3 + 5/10, "екі бүтін жүзден жиырма бес" = 2.25: the
    point word, a denominator ("оннан", of ten), then the numerator in words or digits."""
    denominator = words.denominators[tokens[r.j + 1].norm]
    k, numerator, limit = r.j + 2, Decimal(0), _INFINITY
    while k < len(tokens) and gap_ok(text, tokens[k - 1], tokens[k]):
        tok = tokens[k]
        if tok.kind == "num" and tok.plain and numerator == 0:
            numerator, k = tok.value, k + 1
            break
        value = words.cardinals.get(tok.norm) if tok.kind == "word" else None
        if value is None or not 0 < value < limit or value >= denominator:
            break
        numerator, limit, k = numerator + value, words.order(value), k + 1
    if numerator == 0 or numerator >= denominator:
        return False
    r.current += numerator / denominator
    r.limit = Decimal(0)
    r.last, r.j = k - 1, k
    return True


def _fraction(text, tokens, r, words) -> bool | None:
    """ "two thirds", "one sixth": taken, and the number ends."""
    w = tokens[r.j].norm
    if w in words.fractions and r.used_words and r.current is not None and r.total == 0 and r.last_scale is None:
        r.current = r.current / words.fractions[w]
        r.last, r.j = r.j, r.j + 1
    return False


_STEPS = (
    _hyphenated, _punct_joiner, _digits_below_scale, _not_a_word, _and_a_half, _cardinal,
    _multiplier, _scale, _word_joiner, _point, _fraction,
)


def match_phrase(tokens: list[Tok], j: int, phrases, text: str) -> int | None:
    """Index of the last token when one of `phrases` (tuples of words) starts at j."""
    for phrase in phrases:
        k = j
        for word in phrase:
            if k >= len(tokens) or tokens[k].kind != "word" or tokens[k].norm != word:
                break
            if k > j and not gap_ok(text, tokens[k - 1], tokens[k]):
                break
            k += 1
        else:
            return k - 1
    return None
