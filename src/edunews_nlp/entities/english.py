"""English: spaCy's parts of speech tell a name from a common word, and a person's name
right after a role phrase ("Akim of Kyzylorda region Murat Yesimov") that the tagger missed
is found by them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document import Document, Entity, Token
from ..knowledge import KBEntry, word_key
from .candidates import Candidate
from .languages import Reader, register
from .officials import GLOSS_TOKENS, ROLE_PHRASE_WORDS
from .text import NAME_WORD, pos_at

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer


class EnglishReader(Reader):
    def lone_word_is_name(self, doc: Document, start: int) -> bool:
        # A lone common word at a sentence start ("Centers", "Theater") is no name: the
        # tagger did not call it a proper noun.
        return pos_at(doc, start) in ("PROPN", None)

    def names_after_roles(self, recognizer: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
        return names_after_roles(recognizer, doc, tokens)

    def official_role(self, entry: KBEntry) -> str | None:
        return entry.role_en


def names_after_roles(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    """Two or three proper nouns right after a role phrase that the tagger missed: "Akim
    of Kyzylorda region Murat Yesimov presented ..." (spaCy's parts of speech)."""
    # a post, or a person word ("primary school teacher Aliya Nurtazina"): the name after it
    heads = rec.roles.get(doc.lang, {}).get("head", set()) | rec.roles.get(doc.lang, {}).get("not_official_near", set())
    first_words, all_words = rec.role_words(doc.lang)
    first_words = first_words | {head[0] for head in heads}
    keys = [word_key(t.text) for t in tokens]
    out = []
    for k in range(len(tokens)):
        if keys[k] not in first_words or \
                not any(tuple(keys[k:k + len(head)]) == head for head in heads if head[0] == keys[k]):
            continue
        j = _end_of_role_phrase(rec, tokens, keys, k, all_words)
        run = []
        while j < len(tokens) and len(run) < 3 and tokens[j].pos == "PROPN" and NAME_WORD.match(tokens[j].text) \
                and keys[j] not in rec.kb_name_words and (not run or tokens[j].start == run[-1].end + 1):
            run.append(tokens[j])
            j += 1
        if len(run) >= 2 and (j >= len(tokens) or tokens[j].pos != "PROPN"):
            start, end = run[0].start, run[-1].end
            out.append(Candidate(Entity("PERSON", doc.text[start:end], start, end, source="rule"), "rule"))
    return out


def _end_of_role_phrase(rec: EntityRecognizer, tokens: list[Token], keys: list[str], k: int, all_words) -> int:
    """Index of the first token after the role phrase whose head word is `tokens[k]`: "of
    East Kazakhstan region", "of Education", a bracketed gloss ("Akim (Mayor) of
    Shymkent"), a comma before the name."""
    j = k + 1
    while j < len(tokens) and j - k <= ROLE_PHRASE_WORDS:
        if tokens[j].text == "(":
            close = next((c for c in range(j + 2, min(len(tokens), j + GLOSS_TOKENS + 2))
                          if tokens[c].text == ")"), None)
            if close is None:
                break
            j = close + 1
        elif keys[j] in ("of", "the", "and", "for") or keys[j] in rec.kb_name_words or keys[j] in all_words:
            j += 1
        else:
            break
    if j < len(tokens) and tokens[j].text == "," and j > k + 1:
        j += 1
    return j


register("en", EnglishReader())
