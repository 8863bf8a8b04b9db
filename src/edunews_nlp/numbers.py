"""Numbers in English and Russian text: digits with their separators, number words, scales.

The quantity extractor (`edunews_nlp.quantities`) calls `tokenize` once per text and
then `scan_numbers`, which returns every number with its character span and exact value
(a `Decimal`). Deciding whether a number is a quantity (not a year, a date, an index...)
is not done here.

Language knowledge (number words with their Russian case forms, scale words, "and a
half") is in `data/numbers.yaml`; this module holds only the grammar:

    number   := [sign] head {scale} [point-decimal] [fraction]
    head     := digits | ".77" | words | "a" multiplier/scale | "half a" scale
    digits   := 3,692,000 | 3 692 000 | 3.6 | 1,5 | 100K
    words    := word-number parts in decreasing order, joined by spaces, hyphens
                ("twenty-five") or "and" ("one hundred and five")

Separators: "," groups thousands in English and is a decimal comma in Russian, except
that a comma or dot followed by exactly three digits groups thousands in Russian too
("20,000 руб", "20.000 руб.") unless a scale word follows ("1,500 тыс." = 1500).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources

import regex

from .datafiles import safe_load

DATA_PACKAGE = "edunews_nlp.data"

# Characters that group digits in Russian style ("3 692 000"): space, no-break spaces,
# thin space, figure space.
GROUP_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")
_INFINITY = Decimal("Infinity")
# Anchored matches get an end position: the `regex` module otherwise checks the whole rest
# of the text for a pattern's required literal on every call, which is quadratic.
LOOKAHEAD = 120

# "2.48×10−5", "3 x 10^6", "1.6×10⁻¹⁹"
_POWER_OF_TEN = regex.compile(
    r"[ \u00a0]?([×xX·])[ \u00a0]?10((?<=10)(?:(?:\^|\*\*)[-−]?[0-9]{1,2}|[-−⁻][0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))(?![0-9])"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

_RAW_TOKEN = regex.compile(r"(?P<num>[0-9]+)|(?P<word>\p{L}[\p{L}\p{M}]*)|(?P<nl>\n)|(?P<punct>\S)")


@dataclass(slots=True)
class Tok:
    """A token: kind is "num" (a digit chain, merged), "word", "punct", "nl" or "idnum"
    ("1.2.3", "24.12.2024": digits joined by more than one dot or comma)."""

    kind: str
    start: int
    end: int
    text: str
    norm: str = ""  # lower case, ё -> е (words)
    value: Decimal | None = None  # nums
    plain: bool = False  # a bare digit run without separators ("2024")


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


# -- data ------------------------------------------------------------------------------------


def load_yaml(name: str):
    with resources.files(DATA_PACKAGE).joinpath(name).open(encoding="utf-8") as handle:
        return safe_load(handle)


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
    articles: frozenset[str]
    joiners: frozenset[str]
    half: frozenset[str]
    and_a_half: tuple[tuple[str, ...], ...]
    fractions: dict[str, Decimal]
    point: frozenset[str]
    negative: frozenset[str]
    one: frozenset[str]
    scale_follows: regex.Pattern  # a scale word at a position, after optional spaces

    @classmethod
    def from_data(cls, lang: str, data: dict) -> "NumberWords":
        cardinals = {}
        for table in ("cardinals", "collectives"):
            for value, forms in (data.get(table) or {}).items():
                for form in forms:
                    cardinals[normalise_word(str(form))] = Decimal(str(value))

        def numbers(key):
            return {normalise_word(str(k)): Decimal(str(v)) for k, v in (data.get(key) or {}).items()}

        def words(key):
            return frozenset(normalise_word(str(w)) for w in (data.get(key) or []))

        scales = numbers("scales")
        scale_words = sorted(scales, key=len, reverse=True)
        scale_follows = regex.compile(
            r"[ \u00a0\u202f\u2009]*(?:%s)(?!\p{L})" % "|".join(regex.escape(w) for w in scale_words)
            if scale_words
            else r"(?!)",
            regex.IGNORECASE,
        )
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
            articles=words("articles"),
            joiners=words("joiners"),
            half=words("half"),
            and_a_half=tuple(tuple(normalise_word(p).split()) for p in data.get("and_a_half") or []),
            fractions=numbers("fractions"),
            point=words("point"),
            negative=words("negative"),
            one=words("one"),
            scale_follows=scale_follows,
        )

    def is_number_word(self, norm: str) -> bool:
        return norm in self.cardinals or norm in self.bare_scales or norm in self.bare_scales_after_qualifier


@functools.lru_cache(maxsize=None)
def number_words(lang: str) -> NumberWords:
    data = load_yaml("numbers.yaml")
    key = lang if lang in data else "en"
    return NumberWords.from_data(key, data[key])


# -- tokens ----------------------------------------------------------------------------------


def tokenize(text: str, lang: str) -> list[Tok]:
    """Words, punctuation, newlines and digit chains ("3 692 000" is one token), in order."""
    words = number_words(lang)
    raw: list[Tok] = []
    for match in _RAW_TOKEN.finditer(text):
        kind = match.lastgroup
        piece = match.group()
        if kind == "word":
            raw.append(Tok("word", match.start(), match.end(), piece, normalise_word(piece)))
        else:
            raw.append(Tok(kind, match.start(), match.end(), piece))
    tokens: list[Tok] = []
    i = 0
    while i < len(raw):
        if raw[i].kind == "num":
            tok, i = _read_digit_chain(text, raw, i, words)
            tokens.append(tok)
        else:
            tokens.append(raw[i])
            i += 1
    return tokens


def _glued(a: Tok, b: Tok) -> bool:
    return a.end == b.start


def _next_group_follows(raw: list[Tok], k: int, sep: str) -> bool:
    """raw[k] is a 3-digit run; does another `sep` + 3 digits follow, glued?"""
    return (
        k + 2 < len(raw)
        and raw[k + 1].kind == "punct"
        and raw[k + 1].text == sep
        and _glued(raw[k], raw[k + 1])
        and raw[k + 2].kind == "num"
        and _glued(raw[k + 1], raw[k + 2])
        and len(raw[k + 2].text) == 3
    )


def _read_digit_chain(text: str, raw: list[Tok], i: int, words: NumberWords) -> tuple[Tok, int]:
    """Merge raw[i] (digits) with following separator + digit runs into one number token."""
    first = raw[i]
    int_part, frac = first.text, ""
    end, j = first.end, i
    group_sep: str | None = None
    dotted = False
    n = len(raw)
    # "i7 860": digits glued to a letter are a code; do not group them with the next run
    glued_to_letter = first.start > 0 and text[first.start - 1].isalpha()
    while j + 1 < n:
        nxt = raw[j + 1]
        if nxt.kind == "num":
            gap = text[end : nxt.start]
            # Russian-style grouping with spaces: "3 692 000" (not after a decimal part,
            # and the leading group has at most three digits: "2024 100" stays two numbers)
            if (
                not frac
                and not dotted
                and not glued_to_letter
                and len(gap) == 1
                and gap in GROUP_SPACES
                and len(nxt.text) == 3
                and len(first.text) <= 3
                and group_sep in (None, gap)
            ):
                int_part += nxt.text
                end, j, group_sep = nxt.end, j + 1, gap
                continue
            break
        if not (nxt.kind == "punct" and nxt.text in ",." and nxt.start == end and j + 2 < n):
            break
        digits = raw[j + 2]
        if digits.kind != "num" or digits.start != nxt.end:
            break
        sep = nxt.text
        if frac or dotted:
            # a third part ("1.2.3", "24.12.2024"): an index or a date, not an amount
            dotted = True
            end, j = digits.end, j + 2
            continue
        if _is_grouping(text, raw, j + 2, sep, first.text, group_sep, words):
            int_part += digits.text
            end, j, group_sep = digits.end, j + 2, sep
            continue
        if group_sep is not None:
            if group_sep == sep or group_sep in GROUP_SPACES and sep == ".":
                break  # "1,000,5" / "3 692.5"? keep what is sure
        if sep == "," and words.lang == "en" and not _scale_or_percent_follows(text, digits.end, words):
            break  # "grades 5,6": an English comma before 1-2 digits is a list
        frac = digits.text
        end, j = digits.end, j + 2
    piece = text[first.start : end]
    if dotted:
        return Tok("idnum", first.start, end, piece), j + 1
    try:
        value = Decimal(int_part + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - digits only
        value = Decimal(0)
    plain = group_sep is None and not frac
    return Tok("num", first.start, end, piece, value=value, plain=plain), j + 1


def _scale_or_percent_follows(text: str, pos: int, words: NumberWords) -> bool:
    if words.scale_follows.match(text, pos, pos + LOOKAHEAD):
        return True
    rest = text[pos : pos + 3].lstrip()
    return rest.startswith("%")


def _is_grouping(text, raw, k, sep, first_digits, group_sep, words: NumberWords) -> bool:
    """Is `sep` before the digit run raw[k] a thousands separator?"""
    digits = raw[k].text
    if len(digits) != 3 or len(first_digits) > 3 or group_sep not in (None, sep):
        return False
    if group_sep == sep or _next_group_follows(raw, k, sep):
        return True
    if words.lang == "en":
        return sep == ","
    # Decimal-comma languages: "20,000 руб" and "20.000 руб." group, "0,125" and
    # "1,500 тыс." are decimals.
    if first_digits.strip("0") == "":
        return False
    return not words.scale_follows.match(text, raw[k].end, raw[k].end + LOOKAHEAD)


# -- numbers ---------------------------------------------------------------------------------


def _word_order(value: Decimal) -> Decimal:
    """What may still be added after a number word of this value ("twenty" -> units)."""
    if value >= 100:
        return Decimal(100)
    if value >= 20:
        return Decimal(10)
    return Decimal(1)


def _gap_ok(text: str, a: Tok, b: Tok) -> bool:
    """Tokens of one number are separated by spaces only (no line break)."""
    gap = text[a.end : b.start]
    return gap == "" or (gap.isspace() and "\n" not in gap and len(gap) <= 3)


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
            and _glued(tok, nxt)
            and _sign_ok(text, tok)
        ):
            return None
        negative, j = True, j + 1
    elif tok.kind == "word" and tok.norm in words.negative:
        if not (j + 1 < n and _gap_ok(text, tok, tokens[j + 1]) and _is_number_start(tokens[j + 1], words)):
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
    n = len(tokens)
    tok = tokens[i]
    total = Decimal(0)
    current: Decimal | None = None
    limit = _INFINITY  # additive number words must stay below this
    last_scale: Decimal | None = None
    used_words = False
    plain_digits = None
    bare_scale = None
    scale_steps, applied_scale = 0, Decimal(1)  # how many scale words, the last one
    j = i  # next token to read

    # -- head
    if tok.kind == "punct" and tok.text in VULGAR_FRACTIONS:
        value = VULGAR_FRACTIONS[tok.text]
        return _finish(tokens, i, i, value, value, Decimal(1), False, scaled=False)
    if tok.kind == "num":
        current, limit, j = tok.value, Decimal(0), i + 1
        plain_digits = tok.text if tok.plain else None
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
        if j < n and tokens[j].kind == "word" and _glued(tok, tokens[j]) and tokens[j].text in words.suffix_scales:
            letter = tokens[j].text
            single_digit = tok.plain and len(tok.text) == 1
            if not (single_digit and letter in words.suffix_not_after_single_digit):
                scale = words.suffix_scales[letter]
                return _finish(tokens, i, j, current * scale, current, scale, False)
    elif tok.kind == "punct" and tok.text == "." and i + 1 < n:
        nxt = tokens[i + 1]
        before = text[tok.start - 1] if tok.start > 0 else " "
        if nxt.kind == "num" and nxt.plain and _glued(tok, nxt) and not before.isalnum() and before not in ".,":
            current, limit, j = Decimal("0." + nxt.text), Decimal(0), i + 2
            if j < n and tokens[j].kind == "word" and _glued(nxt, tokens[j]) and tokens[j].text in words.suffix_scales:
                scale = words.suffix_scales[tokens[j].text]
                return _finish(tokens, i, j, current * scale, current, scale, False)
        else:
            return None
    elif tok.kind == "word":
        w = tok.norm
        nxt = tokens[i + 1] if i + 1 < n else None
        if w in words.cardinals:
            current = words.cardinals[w]
            limit, j, used_words = _word_order(current), i + 1, True
        elif w in words.articles and nxt is not None and _gap_ok(text, tok, nxt) and (
            nxt.norm in words.multipliers or nxt.norm in words.scales
        ):
            current, limit, j, used_words = Decimal(1), Decimal(1), i + 1, True
        elif w in words.half and i + 2 < n and tokens[i + 1].norm in words.articles and tokens[i + 2].norm in words.scales:
            scale = words.scales[tokens[i + 2].norm]
            return _finish(tokens, i, i + 2, Decimal("0.5") * scale, Decimal("0.5"), scale, True)
        elif w in words.point and nxt is not None and nxt.kind == "num" and nxt.plain and _gap_ok(text, tok, nxt):
            value = Decimal("0." + nxt.text)
            return _finish(tokens, i, i + 1, value, value, Decimal(1), True, scaled=False)
        elif w in words.bare_scales or w in words.bare_scales_after_qualifier:
            scale = words.scales.get(w, Decimal(1000))
            total, last_scale, limit, j, used_words, bare_scale = scale, scale, scale, i + 1, True, w
            scale_steps, applied_scale = 1, scale
        else:
            return None
    else:
        return None

    last = j - 1  # last token of the number so far

    # -- body: further words, multipliers and scales
    while j < n:
        tok = tokens[j]
        prev = tokens[last]
        if tok.kind == "punct" and tok.text == "-" and j + 1 < n:
            # "twenty-five", "twenty-one thousand": a hyphen inside a written number
            nxt = tokens[j + 1]
            if (
                used_words
                and _glued(prev, tok)
                and _glued(tok, nxt)
                and nxt.kind == "word"
                and nxt.norm in words.cardinals
                and current is not None
                and words.cardinals[nxt.norm] < limit
                and words.cardinals[nxt.norm] > 0
            ):
                value = words.cardinals[nxt.norm]
                current += value
                limit = _word_order(value)
                last, j = j + 1, j + 2
                continue
            break
        if tok.kind == "punct" and j + 1 < n and _gap_ok(text, prev, tok):
            nxt = tokens[j + 1]
            continues = (
                (tok.text in words.joiners and current is not None and limit >= 100)  # "two hundred & forty"
                or (tok.text == "," and _glued(prev, tok) and current is None and last_scale is not None
                    and words.joiners)  # "three million, two hundred"
            )
            if continues and nxt.kind == "word" and nxt.norm in words.cardinals and _gap_ok(text, tok, nxt):
                value = words.cardinals[nxt.norm]
                if used_words and 0 < value < limit:
                    current = (current or Decimal(0)) + value
                    limit = _word_order(value)
                    last, j = j + 1, j + 2
                    continue
            break
        if (
            tok.kind == "num"
            and tok.plain
            and current is None
            and last_scale is not None
            and not used_words
            and tok.value < last_scale
            and len(tok.text) <= 3
            # after an abbreviation's dot only a full group: "1 тыс. 982", not "5 млн. 20 школ"
            and (tokens[last].kind == "word" or len(tok.text) == 3)
            and _gap_ok(text, prev, tok)
            and tokens[last].kind in ("word", "punct")
        ):
            # "7 тысяч 440 школ", "1 тыс. 982 тенге": the rest below the scale in digits
            current, limit = tok.value, Decimal(0)
            last, j = j, j + 1
            continue
        if tok.kind != "word" or not _gap_ok(text, prev, tok):
            break
        w = tok.norm
        phrase = _match_phrase(tokens, j, words.and_a_half, text)
        if phrase and current is not None:
            current += Decimal("0.5")
            limit = Decimal(0)
            last = j = phrase
            j += 1
            continue
        if w in words.cardinals and current is None and last_scale is not None:
            value = words.cardinals[w]
            if 0 < value < limit:
                current, limit, used_words = value, _word_order(value), True
                last, j = j, j + 1
                continue
            break
        if w in words.cardinals and current is not None and used_words:
            value = words.cardinals[w]
            if 0 < value < limit and value == value.to_integral_value():
                current += value
                limit = _word_order(value)
                last, j = j, j + 1
                continue
            break
        if w in words.multipliers and current is not None:
            factor = words.multipliers[w]
            if factor == 100 and current >= 100:
                break
            current *= factor
            limit = factor if factor == 100 else Decimal(0)
            used_words = True
            last, j = j, j + 1
            continue
        if w in words.scales:
            scale = words.scales[w]
            if current is None:
                if last_scale is not None and scale > last_scale:  # "three thousand millions"
                    total *= scale
                    applied_scale *= scale
                else:
                    break
            elif last_scale is not None and scale >= last_scale:  # "thousand million"
                total = (total + current) * scale
                applied_scale, current = scale, None
            else:
                total += current * scale
                applied_scale, current = scale, None
            last_scale = scale
            scale_steps += 1
            limit = scale
            last, j = j, j + 1
            if w in words.dotted and j < n and tokens[j].kind == "punct" and tokens[j].text == "." and _glued(tokens[last], tokens[j]):
                last, j = j, j + 1
            continue
        if w in words.joiners and current is None and last_scale is not None or (
            w in words.joiners and current is not None and limit >= 100 and used_words
        ):
            # "one hundred and five", "seven hundred twenty-one thousand and twelve"
            nxt = tokens[j + 1] if j + 1 < n else None
            if nxt is not None and nxt.kind == "word" and nxt.norm in words.cardinals and _gap_ok(text, tok, nxt):
                value = words.cardinals[nxt.norm]
                if 0 < value < limit:
                    current = (current or Decimal(0)) + value
                    limit = _word_order(value)
                    last, j = j + 1, j + 2
                    continue
            break
        if w in words.point and current is not None and last_scale is None and j + 1 < n:
            # "1 point 1", "two point two million"
            nxt = tokens[j + 1]
            if nxt.kind == "num" and nxt.plain and _gap_ok(text, tok, nxt) and current == current.to_integral_value():
                current += Decimal("0." + nxt.text)
                limit = Decimal(0)
                last, j = j + 1, j + 2
                continue
            digits, k = "", j + 1
            while k < n and tokens[k].kind == "word" and tokens[k].norm in words.cardinals and words.cardinals[tokens[k].norm] < 10:
                digits += str(int(words.cardinals[tokens[k].norm]))
                k += 1
            if digits:
                current += Decimal("0." + digits)
                limit = Decimal(0)
                last, j = k - 1, k
                continue
            break
        if w in words.fractions and used_words and current is not None and total == 0 and last_scale is None:
            # "two thirds", "one sixth"
            current = current / words.fractions[w]
            last, j = j, j + 1
            break
        break

    value = total + (current or Decimal(0))
    if scale_steps == 1 and current is None:
        head, scale = value / applied_scale, applied_scale
    else:  # no scale, or a compound ("two million three hundred thousand"): no head
        head, scale = value, Decimal(1)
    return _finish(
        tokens, i, last, value, head, scale, used_words,
        scaled=scale_steps > 0,
        plain_digits=plain_digits if last == i else None,
        bare_scale=bare_scale if last == i else None,
    )


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


VULGAR_FRACTIONS = {
    "½": Decimal("0.5"),
    "¼": Decimal("0.25"),
    "¾": Decimal("0.75"),
    "⅓": Decimal(1) / 3,
    "⅔": Decimal(2) / 3,
    "⅕": Decimal("0.2"),
    "⅛": Decimal("0.125"),
}


def _fraction_after(text: str, tokens: list[Tok], i: int) -> tuple[Decimal, int] | None:
    """A fraction after whole digits: "2 1/2" (one space) or "2½" (glued)."""
    n = len(tokens)
    whole = tokens[i]
    if i + 1 < n and tokens[i + 1].kind == "punct" and tokens[i + 1].text in VULGAR_FRACTIONS and _glued(whole, tokens[i + 1]):
        return VULGAR_FRACTIONS[tokens[i + 1].text], i + 1
    if i + 3 < n and text[whole.end : tokens[i + 1].start] == " ":
        numerator, slash, denominator = tokens[i + 1], tokens[i + 2], tokens[i + 3]
        if (
            numerator.kind == "num" and numerator.plain
            and slash.text == "/" and _glued(numerator, slash) and _glued(slash, denominator)
            and denominator.kind == "num" and denominator.plain
            and 0 < numerator.value < denominator.value <= 16
            and not (i + 4 < n and _glued(denominator, tokens[i + 4]) and tokens[i + 4].text in "/.,")
        ):
            return numerator.value / denominator.value, i + 3
    return None


def _match_phrase(tokens: list[Tok], j: int, phrases, text: str) -> int | None:
    """Index of the last token when one of `phrases` (tuples of words) starts at j."""
    for phrase in phrases:
        k = j
        for word in phrase:
            if k >= len(tokens) or tokens[k].kind != "word" or tokens[k].norm != word:
                break
            if k > j and not _gap_ok(text, tokens[k - 1], tokens[k]):
                break
            k += 1
        else:
            return k - 1
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
