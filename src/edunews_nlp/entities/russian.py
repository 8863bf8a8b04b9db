"""Russian: pymorphy3 tells a person's name from a place and from a common noun, natasha's
spans end at a bullet, and a programme's name in another script may follow its trigger word
unquoted («проект Smart Bala», «программа Серпін»)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..document import Document, Entity, Token
from ..knowledge import morph_analyzer, morph_parse, word_key
from .candidates import Candidate
from .languages import Reader, register

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

_LATIN_NAME_WORD = regex.compile(r"^[A-Za-z][A-Za-z\d'’-]*$")
_KAZAKH_NAME_WORD = regex.compile(r"^\p{Cyrillic}[\p{Cyrillic}-]*$")
_KAZAKH_LETTER = regex.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_RU_SURNAME_FORM = regex.compile(r"(?:[оеё]в|ин|[сц]к)(?:а|у|ым|ом|е|ой|ую|ий|ая|ого|ому|им)?$")
_BULLET = regex.compile(r"•")


class RussianReader(Reader):
    def model_spans(self, text: str, spans):
        return split_at_bullets(text, spans)

    def place_reads_as_person(self, recognizer: EntityRecognizer, text: str) -> bool:
        # «Ахмат-Хаджи Кадырова», «о Свиридове»: pymorphy3 reads a name
        return place_reads_as_person(text, recognizer.kb_name_words)

    def is_common_noun(self, word: str) -> bool:
        return is_common_noun(word)

    def names_after_trigger(self, recognizer: EntityRecognizer, doc: Document, words: list[Token]) -> list[Candidate]:
        return names_after_trigger(recognizer, doc, words)


def split_at_bullets(text: str, spans):
    """A bullet ends a name: natasha's «Монако • Намибия» in a bulleted list is two spans (its
    tags are per token; spaCy's spans across a bullet are debris and stay whole, to be dropped)."""
    for span in spans:
        if "•" not in text[span.start:span.end]:
            yield span
            continue
        start = span.start
        for m in _BULLET.finditer(text, span.start, span.end):
            if m.start() > start:
                yield type(span)(start, m.start(), span.label)
            start = m.end()
        if span.end > start:
            yield type(span)(start, span.end, span.label)


def place_reads_as_person(text: str, kb_name_words: frozenset[str]) -> bool:
    """A Russian model place no KB place shares a word with (`kb_name_words`), which
    pymorphy3 reads as a person's name and never as a place: a first name followed by a
    surname («Ахмат-Хаджи Кадырова», «Лонгин Клинский»; a common noun before them may stay,
    «Поддержку Кирсану Илюмжинову»), or one word with only surname readings and a surname
    ending («Свиридове»)."""
    words = text.split()
    if not 1 <= len(words) <= 4 or any(word_key(w) in kb_name_words for w in words):
        return False
    parses = [morph_parse(w) for w in words]
    if any("Geox" in p.tag for ps in parses for p in ps):
        return False
    if len(words) == 1:
        return all("Surn" in p.tag for p in parses[0]) and _RU_SURNAME_FORM.search(words[0]) is not None
    return any("Name" in p.tag for ps in parses[:-1] for p in ps) and \
        (any("Surn" in p.tag for p in parses[-1]) or _RU_SURNAME_FORM.search(words[-1]) is not None)


def is_common_noun(word: str) -> bool:
    """A Russian word pymorphy3 knows, whose readings hold no first name, surname or
    patronymic («Девятиклассник», «Психолог»)."""
    if not morph_analyzer().word_is_known(word):
        return False
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes) for p in morph_parse(word))


def morph_analyzer_known(word: str) -> bool:
    """Whether pymorphy3's dictionary holds the word (a Russian word, not a Kazakh one)."""
    return morph_analyzer().word_is_known(word.lower())


def names_after_trigger(rec: EntityRecognizer, doc: Document, words: list[Token]) -> list[Candidate]:
    """Russian text names a programme after its generic word; without quotes only a name in
    another script is told from the sentence: Latin («проект Smart Bala», «программы
    Oqu-Ornek») or Kazakh, with a letter Russian lacks («программа Серпін», «проекта
    Біртұтас тәрбие»). Up to four words, on one line, starting with a capital."""
    keys = [word_key(t.text) for t in words]
    last_words = {t[-1] for t in rec.triggers} - {"акция"}  # «акций Facebook»: shares, not a campaign
    out = []
    for i in range(len(words) - 1):
        if keys[i] not in last_words or not any(
                len(t) <= i + 1 and tuple(keys[i + 1 - len(t):i + 1]) == t for t in rec.triggers if t[-1] == keys[i]):
            continue
        run = _name_in_other_script(doc, words, i)
        if not run or not run[0].text[:1].isupper() or len(run) == 1 and run[0].text.isupper():
            continue  # "проект USAID": an abbreviation after the word is a body
        if _KAZAKH_NAME_WORD.match(run[0].text) and not any(_KAZAKH_LETTER.search(t.text) for t in run):
            continue
        known = rec.kb_match(tuple(keys[i + 1:i + 1 + len(run)]))
        if known is not None and known.type != "PROGRAMME":
            continue
        start, end = run[0].start, run[-1].end
        out.append(Candidate(Entity("PROGRAMME", doc.text[start:end], start, end, source="trigger"), "trigger"))
    return out


def _name_in_other_script(doc: Document, words: list[Token], i: int) -> list[Token]:
    """Up to four words after the trigger word `words[i]`, one space apart, in the script of
    the first: Latin, or Cyrillic words that are Kazakh (a Kazakh letter, or no Russian word)."""
    run: list[Token] = []
    for tok in words[i + 1:i + 5]:
        glue = doc.text[(run[-1] if run else words[i]).end:tok.start]
        script = _LATIN_NAME_WORD if _LATIN_NAME_WORD.match(words[i + 1].text) else _KAZAKH_NAME_WORD
        if glue != " " or not script.match(tok.text) or \
                script is _KAZAKH_NAME_WORD and not _KAZAKH_LETTER.search(tok.text) and \
                morph_analyzer_known(tok.text):
            break
        run.append(tok)
    return run


register("ru", RussianReader())
