"""Text regions that hold no quantities: web and e-mail addresses, phone numbers, times of
day, street addresses, dates (whose years are kept for MCI conversion)."""

from __future__ import annotations

import functools

import regex

from .rules import alternation, rules_data


# Regions that hold no quantities. Separate patterns (each one fast on its own; one big
# alternation is several times slower), each with a cheap test for whether it can occur.
BLOCKED_PATTERNS = [
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
def address_pattern() -> regex.Pattern:
    """ "ул. Абая, 52": a street word, a capitalised name, a house number (data:
    `address_words`, `house_words` of every language)."""
    data = rules_data()
    streets = [p for lang in data.values() for p in lang.get("address_words") or []]
    houses = [p for lang in data.values() for p in lang.get("house_words") or []]
    return regex.compile(
        r"(?<!\w)(?:%s)[ \u00a0]*\p{Lu}[\p{L}\-.]*(?:[ \u00a0]\p{Lu}[\p{L}\-.]*)?,?[ \u00a0]*(?:(?:%s)[ \u00a0]*)?"
        r"[0-9]+\p{L}?(?:/[0-9]+)?" % (alternation(streets), alternation(houses))
    )


# web addresses without a scheme ("Zakon.kz", "egov.kz/services/123"): found from the
# top-level domain, then widened to the whole address (a left-to-right pattern for the
# same thing is quadratic on long runs like "1.1.1.1...")
_TOP_LEVEL_DOMAIN = regex.compile(r"\.(?:kz|ru|com|org|net|gov|edu|info|io|uz|kg|рф)(?![\w])", regex.I)
_ADDRESS_CHAR = regex.compile(r"[\w.-]")


def web_addresses(text: str) -> list[tuple[int, int]]:
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
DATES = regex.compile(
    r"(?<![\d.,])[0-9]{1,2}[./-][0-9]{1,2}[./-](?P<year>[0-9]{4}|[0-9]{2})(?![\d])"
    r"|(?<![\d.,])(?P<isoyear>[0-9]{4})-[0-9]{2}-[0-9]{2}(?![\d])"
)
