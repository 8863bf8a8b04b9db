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

from .. import datafiles
from ..kazakh import kazakh_lemma, suffix_rules
from ..kazakh_latin import to_cyrillic
from .context import Context
from .phrases import following_words
from .registry import Reader, register
from .rules import rules_data
from .tokens import Tok

if TYPE_CHECKING:
    from .candidates import Candidate

_LATIN = regex.compile(r"\p{Latin}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_KAZAKH_WORD = regex.compile(r"[а-яәғқңөұүһіё]+(?:-[а-яәғқңөұүһіё]+)?")
# Verb forms that end a noun phrase: finite forms (-ды/-ді after a vowel stem: салынады, бөлінді
# is caught by the passive -ын-/-ін-/-ыл-/-іл-), converbs, participles, infinitives.
_VERB = regex.compile(
    r"(?:[аеыіуюя]ды|[аеыіуюя]ді|(?:ын|ін|ыл|іл|л|н)(?:ды|ді|ады|еді|ған|ген|ып|іп)"
    r"|(?:ып|іп|йды|йді|ған|ген|қан|кен|атын|етін|йтын|йтін|уда|уде|мақ|мек|са|се|сын|сін|ыңыз|іңіз"
    r"|ады|еді|йды|йді)"
    r"|(?:болды|болады|болған|болып|бар|жоқ|еді|екен|тұр|жатыр))$"
)
_NOUN_ENDINGS = ("лар", "лер", "дар", "дер", "тар", "тер", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге",
                 "қа", "ке", "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен", "сы", "сі")


_PLURALS = ("лар", "лер", "дар", "дер", "тар", "тер")
_KK_SUFFIXES = datafiles.load("kk_suffixes.yaml")
_LOANS = {loan[:-1]: loan for loan in _KK_SUFFIXES.get("double_consonant_loans") or ()}
_VERB_STEMS = tuple(sorted(_KK_SUFFIXES.get("verb_stems") or (), key=len, reverse=True))
_VERB_ENDING = regex.compile(_KK_SUFFIXES.get("verb_endings") or "(?!)")
# Adverbs (-ша/-ше: «уақытша») and adjectives (-лы/-лі «сапалы», -сыз/-сіз) that follow a
# counted noun end its phrase; before it they only modify it.
_MODIFIER = regex.compile(r"(?:ша|ше|лы|лі|сыз|сіз|лық|лік|дық|дік|тық|тік)$")
# A possessive with the accusative («педагог біліктілігін арттырады»): the object of a verb,
# whose owner before it is what is counted.
_POSSESSIVE_ACCUSATIVE = regex.compile(r"(?:ы|і|сы|сі)н$")


def _lemma(word: str) -> str:
    """The dictionary form, with the vowel that a possessive drops put back where that gives
    a known stem (орны -> орын, аузы -> ауыз) and a loan word's double consonant (балы -> балл)."""
    lemma = kazakh_lemma(word)
    if lemma in _LOANS:
        return _LOANS[lemma]
    if lemma.endswith(("ы", "і")) and lemma[:-1] in _LOANS:
        return _LOANS[lemma[:-1]]
    stems = suffix_rules().stems
    if lemma not in stems and lemma.endswith(_PLURALS) and lemma[:-3] in stems:
        return lemma[:-3]  # «педагогтер»: a loan's plural against the sound rules
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
    if any(lower.startswith(stem) and _VERB_ENDING.fullmatch(lower, len(stem)) for stem in _VERB_STEMS):
        return True  # «қатысты», «салу», «жеткізу»
    return bool(_VERB.search(lower)) and not lower.endswith(_NOUN_ENDINGS[:6])


_POSSESSIVE = regex.compile(r"(?:ы|і|сы|сі)(?:н|на|не|нда|нде|нан|нен|ның|нің|мен)?$")
_ADJECTIVAL = regex.compile(r"(?:дағы|дегі|тағы|тегі|ндағы|ндегі|ғы|гі|лық|лік|дық|дік|тық|тік)$")


def _strip_possessive(word: str, lemma: str) -> str:
    """ "кабинеті" -> "кабинет" where the suffix rules keep the possessive (-ті after т)."""
    if lemma != word:
        return lemma
    match = _POSSESSIVE.search(word)
    if match and len(word) - len(match.group()) >= 3:
        return _lemma(word[: match.start()] + ("" if match.group()[0] in "ыі" else ""))
    return lemma


def _noun_phrase(ctx: Context, pos: int, sent_end: int) -> str | None:
    """The counted noun after a number. The head ends the phrase: a noun with a possessive
    ("оқушы орны" -> орын, "білім беру гранты" -> грант), else the last bare noun before a
    case-marked word or a verb ("217 мектеп пайдалануға" -> мектеп); adjectives and phrases in
    -ғы/-дағы ("тәрбие жөніндегі кеңесші") only modify it."""
    rules = ctx.rules
    words = following_words(ctx, pos, sent_end, 7)
    while words and words[0].norm in rules.subject_lead_skip:
        words = words[1:]
    head = first = None
    for tok in words[:5]:
        word = tok.norm
        if tok.text[:1].isupper() or not _KAZAKH_WORD.fullmatch(word) or word in rules.function_words:
            break
        if word in ctx.words.scales or word in ctx.words.cardinals:
            break
        if _looks_like_verb(word):
            # «3,9 миллион оқушы білім алады»: a bare noun right before the verb is its object
            return first if first is not None and head is not None and head != first else head
        capacity = _CAPACITY.get(word)
        if capacity and head is None:
            return capacity  # "1 200 орындық мектеп" counts places
        lemma = _lemma(word)
        if lemma in rules.subject_skip and lemma == word:
            if head is not None:
                return head  # «2 850 жасөспірім уақытша …»: the next phrase's modifier
            continue  # "12 жаңа мектеп"
        if lemma == word and _MODIFIER.search(word):
            if head is not None:
                return head  # «156 мектеп ауылдық елді мекендерде», «жасөспірім уақытша»
            if not _known_noun(word):
                continue  # "сапалы": a modifier of the noun to come
        if lemma == word and not _known_noun(word) and _ADJECTIVAL.search(word):
            head = first = None
            continue  # "жөніндегі": a modifier
        if head is not None and _POSSESSIVE_ACCUSATIVE.search(word) and lemma != word:
            return head  # «педагог біліктілігін арттырады»
        if _POSSESSIVE.search(word) and (head is not None or lemma != word):
            return _strip_possessive(word, lemma)
        if lemma != word:
            return head or lemma  # a case ending: the phrase ended at the bare noun before it
        head = lemma
        first = first or lemma
    return head


def _subject_before(ctx: Context, words: list[str], link, opens_sentence: bool) -> str | None:
    """The noun before a link word ("оқушылар саны N" -> оқушы) or the link word itself when it
    names the measure ("құны N" -> құн)."""
    rules = ctx.rules
    link_word = link.group().strip().lower()
    if link_word in rules.function_words or link_word in rules.subject_skip:
        return None  # «тағы 10 пайызға», «ең жоғары 140 балл»: no noun
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


# A partitive: a count or a share with a possessive («12 мыңы», «5 500-і», «72 пайызы»,
# «төртеуі»), the word before it naming the whole in the genitive («педагогтердің 48 пайызы»)
# or referring back to it («Оның 12 мыңы»).
_PARTITIVE = regex.compile(
    r"(\p{L}+)[  ]+(?:\d[\d  ,.]*(?:[  ]*\p{L}+)?-?(?:ы|і|сы|сі)|\p{L}+(?:еуі|ауы))$")
_GENITIVE = regex.compile(r"(?:ның|нің|дың|дің|тың|тің)$")


def _partitive(ctx: Context, end: int) -> tuple[bool, str | None]:
    """(whether the figure ending at `end` is a partitive, the lemma of its whole when the
    word before names it in the genitive)."""
    match = _PARTITIVE.search(ctx.text, max(0, end - 80), end)
    if match is None:
        return False, None
    before = match.group(1).lower()
    if before in ctx.rules.function_words or not _GENITIVE.search(before):
        return True, None  # «Оның 12 мыңы»: the whole is the count before (subjects.py)
    return True, _lemma(before)


def _share_subject(ctx: Context, cand: Candidate) -> str | None:
    """ "педагогтердің 72 пайызы": the whole of a partitive share."""
    return _partitive(ctx, cand.end)[1]


def _money_subject(ctx: Context, cand: Candidate) -> str | None:
    """ "450 млн теңге қаражат бөлінді", «100 АЕК көлемінде көтерме жәрдемақы»: a money noun
    right after the amount, modifiers between."""
    for tok in following_words(ctx, cand.end, ctx.sentence_bounds(cand.end)[1], 5):
        if tok.norm in ctx.rules.subject_lead_skip:
            continue
        lemma = _lemma(tok.norm)
        if lemma in _MONEY_NOUNS:
            return lemma
        if lemma != tok.norm or not _KAZAKH_WORD.fullmatch(tok.norm) or tok.text[:1].isupper():
            return None
    return None


_KK = rules_data().get("kk") or {}
_CAPACITY = {str(k): str(v) for k, v in (_KK.get("capacity_adjectives") or {}).items()}
_MONEY_NOUNS = frozenset(_KK.get("money_nouns_after") or [])


class KazakhReader(Reader):
    """Head-final noun phrases with suffix-rule lemmas; Latin script read in Cyrillic."""

    uses_doc_tokens = False  # the kk analyser tags no parts of speech

    def reading_text(self, text: str) -> tuple[str, list[int]] | None:
        latin = len(_LATIN.findall(text))
        if latin == 0 or latin <= len(_CYRILLIC.findall(text)):
            return None
        return to_cyrillic(text)

    def noun_phrase(self, ctx, pos, sent_end):
        partitive, whole = _partitive(ctx, pos)
        if partitive:
            return whole  # «нысандардың төртеуі» -> нысан; «Оның 12 мыңы» -> the count before
        return _noun_phrase(ctx, pos, sent_end)

    def subject_before(self, ctx, words, link, opens_sentence):
        return _subject_before(ctx, words, link, opens_sentence)

    def share_subject(self, ctx, cand):
        return _share_subject(ctx, cand)

    def money_subject(self, ctx, cand):
        return _money_subject(ctx, cand)

    def is_counted_noun(self, ctx, word: Tok) -> bool:
        return not _looks_like_verb(word.norm)

    def same_word(self, ctx, word, lemma):
        return _lemma(word) == lemma

    def list_head_noun(self, ctx, word):
        return None


KAZAKH = KazakhReader()
register("kk", KAZAKH)
