"""Tokens for reading numbers: words, punctuation, line breaks and digit chains.

A digit chain is one token with its value: "3 692 000", "3,692,000", "1,5". Separators:
"," groups thousands where the language's `comma_groups_thousands` says so
(data/numbers.yaml) and is a decimal comma elsewhere, except that a comma or dot followed
by exactly three digits groups thousands there too ("20,000 руб", "20.000 руб.") unless a
scale word follows ("1,500 тыс." = 1500). "1.2.3" and "24.12.2024" are `idnum` tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

from .vocabulary import NumberWords, normalise_word, number_words

# Characters that group digits in Russian style ("3 692 000"): space, no-break spaces,
# thin space, figure space.
GROUP_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")
# Anchored matches get an end position: the `regex` module otherwise checks the whole rest
# of the text for a pattern's required literal on every call, which is quadratic.
LOOKAHEAD = 120

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


def glued(a: Tok, b: Tok) -> bool:
    return a.end == b.start


def gap_ok(text: str, a: Tok, b: Tok) -> bool:
    """Tokens of one number are separated by spaces only (no line break)."""
    gap = text[a.end : b.start]
    return gap == "" or (gap.isspace() and "\n" not in gap and len(gap) <= 3)


def _next_group_follows(raw: list[Tok], k: int, sep: str) -> bool:
    """raw[k] is a 3-digit run; does another `sep` + 3 digits follow, glued?"""
    return (
        k + 2 < len(raw)
        and raw[k + 1].kind == "punct"
        and raw[k + 1].text == sep
        and glued(raw[k], raw[k + 1])
        and raw[k + 2].kind == "num"
        and glued(raw[k + 1], raw[k + 2])
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
        if sep == "," and words.comma_groups_thousands and not _scale_or_percent_follows(text, digits.end, words):
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
    if words.comma_groups_thousands:
        return sep == ","
    # Decimal-comma languages: "20,000 руб" and "20.000 руб." group, "0,125" and
    # "1,500 тыс." are decimals.
    if first_digits.strip("0") == "":
        return False
    return not words.scale_follows.match(text, raw[k].end, raw[k].end + LOOKAHEAD)
