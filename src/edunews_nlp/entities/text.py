"""Text and token helpers every entity rule shares: the shapes of words and names, a span's
trimmed ends, the words around an offset, plural readings, sentence windows."""

from __future__ import annotations

import bisect
from functools import lru_cache

import regex

from ..document import Document, Entity, Token
from ..knowledge import morph_parse, phrase_key, word_key

# A quoted name starts with a letter or digit and ends with one (or . ! ?): this keeps the
# regex from pairing the closing quote of a speech with the opening quote of a name.
QUOTED = regex.compile(r"[«\"“„](?=[\p{L}\d])([^«»\"“”„\n]{1,100}?)(?<=[\p{L}\d.!?)])[»\"”“]")
PUNCT_STOPS = {".", "!", "?", ";", ":", "\"", "«", "»", "“", "”", "„", "(", ")", "•"}
CLAUSE_VERBS = {"VERB", "AUX"}
OPENING_QUOTES = {"«", "“", "„", "\""}
CLOSING_QUOTES = {"»", "”", "\""}
TITLE_WORD = regex.compile(r"^[\p{Lu}\d][\p{L}\d'’-]*$")
# Compiled once: `regex.search(pattern, ...)` looks the pattern up in regex's cache per call.
CYRILLIC = regex.compile(r"\p{Cyrillic}")
_WORD = regex.compile(r"^[\p{L}\p{N}][\p{L}\p{N}'’.-]*$")
NAME_WORD = regex.compile(r"^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)+$")
SURNAME = regex.compile(r"(?:ov|ev|yev|in|ova|eva|yeva|ina|uly|kyzy|ovich|evich|ов|ев|ёв|ин|ова|ева|ина|улы|ұлы|кызы|қызы)$",
                        regex.IGNORECASE)
WORD_SPANS = regex.compile(r"[\p{L}][\p{L}'’.-]*")
_ENDS_WITH_INITIAL = regex.compile(r"(?:^|[\s.])\p{Lu}$")
# a dash with a space on one side at least: "SDU - 4", not "G-20"
_SPAN_TAIL = regex.compile(r"(?:(?:\s+[-–—]\s*|\s*[-–—]\s+)\d+\)?|\s+(?:and|or|of|the|и|или))+$")


def word_alternation(words_by_lang: dict) -> str:
    """A regex alternation of a data file's words or stems for every language, longest first."""
    return "|".join(sorted({regex.escape(w) for words in words_by_lang.values() for w in words}, key=len, reverse=True))


def key_sequences(phrases) -> set[tuple[str, ...]]:
    return {phrase_key(p) for p in phrases or ()}


def is_word(text: str) -> bool:
    return _WORD.match(text) is not None


@lru_cache(maxsize=20_000)
def only_plural(word: str) -> bool:
    """A Russian word every pymorphy3 reading of which is plural («управлений», «акиматов»)."""
    return bool(CYRILLIC.search(word)) and all("plur" in p.tag for p in morph_parse(word.lower()))


@lru_cache(maxsize=50_000)
def is_plural(word: str) -> bool:
    if CYRILLIC.search(word):
        return "plur" in morph_parse(word)[0].tag
    return word.lower().endswith("s")


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces, quotes, trailing punctuation and a leading 'the'."""
    while start < end and (text[start].isspace() or text[start] in "«»\"“”„'"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "«»\"“”„',.;:(•" or
                           text[end - 1] == ")" and "(" not in text[start:end]):
        end -= 1  # "ПАСЕ (", «Бенин) •»: a bracket or bullet the tagger ran into
    if end < len(text) and text[end] == "." and _ENDS_WITH_INITIAL.search(text, start, end):
        end += 1  # «Ахметова К.Ж.»: an initial keeps its dot
    # "the Ministry" → "Ministry"; inside Russian text a Latin "The" belongs to the name ("The Smiths")
    if text[start:start + 4].lower() == "the " and end - start > 4 and \
            not CYRILLIC.search(text, max(0, start - 30), start):
        start += 4
    # "SDU - 4", "University - 3)", "Enbekshi Dikhan and": list debris at the end of a span.
    tail = _SPAN_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


def merge_hyphenated(text: str, tokens: list[Token]) -> list[Token]:
    """Join "Ust" "-" "Kamenogorsk" back into one word, as names are keyed whole."""
    merged: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        while (i + 2 < len(tokens) and tokens[i + 1].text in ("-", "‐", "–") and tokens[i + 1].start == tok.end
               and tokens[i + 2].start == tokens[i + 1].end):
            end = tokens[i + 2].end
            tok = Token(tok.start, end, text[tok.start:end], text[tok.start:end].lower(), tok.pos)
            i += 2
        merged.append(tok)
        i += 1
    return merged


def first_token_from(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after `offset` (tokens are in text order)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def words_before(tokens: list[Token], offset: int, n: int) -> list[str]:
    at = first_token_from(tokens, offset)
    prior = [t for t in tokens[max(0, at - n - 1):at] if t.end <= offset][-n:]
    return [word_key(t.text) for t in prior]


def words_after(tokens: list[Token], offset: int, n: int) -> list[str]:
    at = first_token_from(tokens, offset)
    return [word_key(t.text) for t in tokens[at:at + n]]


def pos_at(doc: Document, offset: int) -> str | None:
    at = first_token_from(doc.tokens, offset)
    return doc.tokens[at].pos if at < len(doc.tokens) and doc.tokens[at].start == offset else None


def is_sentence_start(doc: Document, token: Token) -> bool:
    sentence = doc.sentence_at(token.start)
    return sentence is not None and sentence.start == token.start


def covered_offsets(entities: list[Entity]) -> set[int]:
    return {i for e in entities for i in range(e.start, e.end)}


def sentence_windows(doc: Document, spans: list[tuple[int, int]], context: int) -> list[tuple[int, int]]:
    """(start, end) of the sentence holding each span with `context` sentences either side,
    overlapping windows merged; a span outside every sentence gets its line."""
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    windows = []
    for start, end in spans:
        at = bisect.bisect_right(starts, start) - 1
        if at >= 0 and sentences[at].end >= end:
            first, last = sentences[max(0, at - context)], sentences[min(len(sentences) - 1, at + context)]
            windows.append((first.start, last.end))
        else:
            windows.append(_line_around(doc.analysis_text, start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _line_around(text: str, start: int, end: int) -> tuple[int, int]:
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end
