"""The knowledge-base gazetteer: the longest KB name at each word of the text (word keys:
lemmas for Russian, so an inflected mention meets its entry)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Document, Entity, Token
from ..knowledge import word_key
from .candidates import Candidate
from .text import OPENING_QUOTES, TITLE_WORD, is_plural, is_sentence_start, is_word

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer


def gazetteer(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    """Longest KB alias matches over runs of word tokens (punctuation breaks a run);
    `tokens` with hyphenated words merged."""
    out = []
    keys = [word_key(t.text) if is_word(t.text) else None for t in tokens]
    i = 0
    while i < len(tokens):
        match = _longest_match(rec, doc, tokens, keys, i)
        if match is None:
            i += 1
            continue
        n, entry = match
        first, last = tokens[i], tokens[i + n - 1]
        end = last.end
        # "Turkestan, Atyrau and Mangystau regions": the plural generic word is shared.
        if n > 1 and keys[i + n - 1] in rec.words["generic_place"] and is_plural(last.text):
            end = tokens[i + n - 2].end
        out.append(Candidate(Entity(entry.type, doc.text[first.start:end], first.start, end,
                                    id=entry.id, canonical=entry.canonical, source="gazetteer"),
                             "gazetteer"))
        i += n
    return out


def _longest_match(rec: EntityRecognizer, doc: Document, tokens: list[Token], keys: list, i: int):
    """(number of words, KB entry) of the longest KB name starting at `tokens[i]`, if any."""
    longest = rec.kb.longest_from.get(keys[i], 0) if keys[i] is not None else 0
    # A name starts with a capital, or with its generic word: «области Абай».
    generic_first = keys[i] in rec.words["generic_place"]
    if not longest or not (generic_first or TITLE_WORD.match(tokens[i].text)):
        return None
    for n in range(min(longest, len(tokens) - i), 0, -1):
        window = keys[i:i + n]
        if None in window:
            continue
        if generic_first and not TITLE_WORD.match(tokens[i].text) and \
                not any(TITLE_WORD.match(t.text) for t in tokens[i + 1:i + n]):
            continue
        entry = rec.kb_match(tuple(window))
        if entry is not None and not _ordinary_phrase_opening(doc, tokens[i:i + n], entry):
            return n, entry
    return None


def _ordinary_phrase_opening(doc: Document, tokens: list[Token], entry) -> bool:
    """A programme whose name is also an everyday phrase (`ordinary_words` in the KB),
    unquoted, opening a sentence with its other words in lower case, is the phrase
    («Первое рабочее место он получил …»), not «Комфортная школа: …»; a shorter
    name may still match ("Bolashak scholarship recipients" → "Bolashak")."""
    return entry.ordinary_words and len(tokens) > 1 and is_sentence_start(doc, tokens[0]) and \
        doc.text[max(0, tokens[0].start - 1):tokens[0].start] not in OPENING_QUOTES and \
        all(t.text.islower() for t in tokens[1:])
