"""Kazakh: the noun-phrase and subject reader (suffix-rule lemmas of edunews_nlp.kazakh).

Kazakh is head-final: the counted noun ends its phrase ("12 жаңа мектеп" -> мектеп, "9 мыңнан
аса оқушы орны" -> орын), and the noun a figure measures stands right before it ("оқушылар
саны 5 мыңнан асты" -> оқушы, "жобаның құны 14,6 млрд теңге" -> құн). Latin-script Kazakh
(the 2018 alphabet) is read in its Cyrillic form (`reading_text`); the extractor maps every
span back to the text as given, so "5 myń teńgeden" gives the same value as "5 мың теңгеден".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..kazakh import kazakh_lemma, suffix_rules
from ..kazakh_latin import to_cyrillic
from .context import Context
from .phrases import following_words
from .registry import Reader, register
from .tokens import Tok

if TYPE_CHECKING:
    from .candidates import Candidate

_LATIN = regex.compile(r"\p{Latin}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_KAZAKH_WORD = regex.compile(r"[а-яәғқңөұүһіё]+(?:-[а-яәғқңөұүһіё]+)?")
# Verb forms that end a noun phrase: finite forms (-ды/-ді after a vowel stem: салынады, бөлінді
# is caught by the passive -ын-/-ін-/-ыл-/-іл-), converbs, participles, infinitives.
_VERB = regex.compile(
    r"(?:[аеыіуюя]ды|[аеыіуюя]ді|[аеыіую]ты|[аеыіую]ті|(?:ын|ін|ыл|іл|л|н)(?:ды|ді|ады|еді|ған|ген|ып|іп)"
    r"|(?:ып|іп|йды|йді|ған|ген|қан|кен|атын|етін|йтын|йтін|уда|уде|мақ|мек|са|се|сын|сін|ыңыз|іңіз"
    r"|ады|еді|йды|йді|ты|ті|ды|ді)"
    r"|(?:болды|болады|болған|болып|бар|жоқ|еді|екен|тұр|жатыр))$"
)
_NOUN_ENDINGS = ("лар", "лер", "дар", "дер", "тар", "тер", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге",
                 "қа", "ке", "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "сы", "сі")


def _lemma(word: str) -> str:
    """The dictionary form, with the vowel that a possessive drops put back where that gives
    a known stem (орны -> орын, аузы -> ауыз)."""
    lemma = kazakh_lemma(word)
    stems = suffix_rules().stems
    if lemma not in stems and len(lemma) >= 3 and lemma != word.lower():
        for vowel in "ыі":
            restored = lemma[:-1] + vowel + lemma[-1]
            if restored in stems:
                return restored
    return lemma


def _known_noun(word: str) -> bool:
    return word in suffix_rules().stems


def _looks_like_verb(word: str) -> bool:
    lower = word.lower()
    if _known_noun(lower) or _known_noun(_lemma(lower)):
        return False
    return bool(_VERB.search(lower)) and not lower.endswith(_NOUN_ENDINGS[:6])


def _noun_phrase(ctx: Context, pos: int, sent_end: int) -> str | None:
    """The counted noun after a number: adjectives and nouns up to the head, which is the
    last noun of the phrase (the first inflected one, or the one before a verb)."""
    rules = ctx.rules
    words = following_words(ctx, pos, sent_end, 6)
    while words and words[0].norm in rules.subject_lead_skip:
        words = words[1:]
    head = None
    for n, tok in enumerate(words[:4]):
        word = tok.norm
        if tok.text[:1].isupper() or not _KAZAKH_WORD.fullmatch(word) or word in rules.function_words:
            break
        if word in ctx.words.scales or word in ctx.words.cardinals:
            break
        if _looks_like_verb(word):
            break
        lemma = _lemma(word)
        if lemma in rules.subject_skip and head is None:
            continue  # "12 жаңа мектеп"
        if lemma != word and lemma in rules.subject_skip:
            break
        head = lemma
        if lemma != word:
            break  # inflected: the phrase's head ("мектептің", "оқушы орны")
        nxt = words[n + 1] if n + 1 < len(words) else None
        if nxt is None or nxt.text[:1].isupper() or nxt.norm in rules.function_words \
                or _looks_like_verb(nxt.norm):
            break
        if not _known_noun(word) and _lemma(nxt.norm) == nxt.norm and not _known_noun(nxt.norm):
            break
        # an uninflected noun before another noun modifies it ("оқушы орны", "пән кабинеті")
    return head


def _subject_before(ctx: Context, words: list[str], link, opens_sentence: bool) -> str | None:
    """The noun before a link word ("оқушылар саны N" -> оқушы) or the link word itself when it
    names the measure ("құны N" -> құн)."""
    rules = ctx.rules
    link_word = link.group().strip().lower()
    link_lemma = _lemma(link_word) if _KAZAKH_WORD.fullmatch(link_word) else None
    if link_lemma and link_lemma not in rules.empty_heads:
        return link_lemma
    for word in reversed(words):
        lower = word.lower()
        if word[:1].isupper() or lower in rules.function_words or not _KAZAKH_WORD.fullmatch(lower):
            return None
        if _looks_like_verb(lower):
            return None
        return _lemma(lower)
    return None


def _share_subject(ctx: Context, cand: Candidate) -> str | None:
    return None


class KazakhReader(Reader):
    """Head-final noun phrases with suffix-rule lemmas; Latin script read in Cyrillic."""

    uses_doc_tokens = False  # the kk analyser tags no parts of speech

    def reading_text(self, text: str) -> tuple[str, list[int]] | None:
        latin = len(_LATIN.findall(text))
        if latin == 0 or latin <= len(_CYRILLIC.findall(text)):
            return None
        return to_cyrillic(text)

    def noun_phrase(self, ctx, pos, sent_end):
        return _noun_phrase(ctx, pos, sent_end)

    def subject_before(self, ctx, words, link, opens_sentence):
        return _subject_before(ctx, words, link, opens_sentence)

    def share_subject(self, ctx, cand):
        return _share_subject(ctx, cand)

    def is_counted_noun(self, ctx, word: Tok) -> bool:
        return not _looks_like_verb(word.norm)

    def same_word(self, ctx, word, lemma):
        return _lemma(word) == lemma

    def list_head_noun(self, ctx, word):
        return None


KAZAKH = KazakhReader()
register("kk", KAZAKH)
