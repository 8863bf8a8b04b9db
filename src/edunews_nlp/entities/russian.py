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
from .text import NAME_WORD, SURNAME, WORD_SPANS

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

_LATIN_NAME_WORD = regex.compile(r"^[A-Za-z][A-Za-z\d'’-]*$")
_KAZAKH_NAME_WORD = regex.compile(r"^\p{Cyrillic}[\p{Cyrillic}-]*$")
_KAZAKH_LETTER = regex.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_RU_SURNAME_FORM = regex.compile(r"(?:[оеё]в|ин|[сц]к)(?:а|у|ым|ом|е|ой|ую|ий|ая|ого|ому|им)?$")
_BULLET = regex.compile(r"•")
# One or two initials right before a name, on its line: «Ә. », «А.Б.», «А. Б. » (not the end
# of a word: «США. »)
_INITIALS_BEFORE = regex.compile(r"(?<![\p{L}\d.])(?:\p{Lu}\.[^\S\n]?){1,2}$")
_INITIAL = regex.compile(r"^(?:\p{Lu}\.)+$")
_NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr"})


class RussianReader(Reader):
    def model_spans(self, text: str, spans):
        return surnames_after_initials(text, split_at_bullets(text, spans))

    def place_reads_as_person(self, recognizer: EntityRecognizer, text: str) -> bool:
        # «Ахмат-Хаджи Кадырова», «о Свиридове»: pymorphy3 reads a name
        return place_reads_as_person(text, recognizer.kb_name_words)

    def is_common_noun(self, word: str) -> bool:
        return is_common_noun(word)

    def person_span(self, recognizer: EntityRecognizer, doc: Document, start: int, end: int) -> tuple[int, int] | None:
        return person_span(recognizer, doc.text, start, end, getattr(doc, "model_spans", ()))

    def names_after_trigger(self, recognizer: EntityRecognizer, doc: Document, words: list[Token]) -> list[Candidate]:
        return names_after_trigger(recognizer, doc, words)

    def names_after_roles(self, recognizer: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
        return names_after_roles(recognizer, doc, tokens)


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


def surnames_after_initials(text: str, spans):
    """natasha's one-word place right after initials is a surname («Г. Сейтова»): a PER span."""
    for span in spans:
        if span.label == "LOC" and " " not in text[span.start:span.end].strip() and \
                _INITIALS_BEFORE.search(text, max(0, span.start - 8), span.start) and \
                _reads_as_surname(text[span.start:span.end]):
            yield type(span)(span.start, span.end, "PER")
        else:
            yield span


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


def person_span(rec: EntityRecognizer, text: str, start: int, end: int, spans=()) -> tuple[int, int] | None:
    """The name inside natasha's PERSON span [start, end), with the words it left out.

    - A span that holds lower-case words keeps the name after the last of them: «Завуч школы
      Б. Ермекова» → «Б. Ермекова» (a surname, or two words at least); none: no name.
    - Leading common nouns go («Ученицу Айгерим» → «Айгерим»; a lone first name may remain, a
      lone surname keeps the word before it: «Бота Ахметова»).
    - A lone common noun is no name («Ученица из Караганды …», «Супруга …»).
    - Initials right before it come in («Ә. Нұрланова»); a lone surname takes the first name
      before it («учитель Қанат Сейтжан»), a lone first name the surname after it («Жанна
      Әбдіқадыр», «Ботагөз Қасым»): Kazakh names natasha cuts; a word inside another of
      natasha's `spans` stays there («Фёдора» + «Ивановича Шаляпина» are joined later).
    """
    if any(ch.isdigit() for ch in text[start:end]):
        return None  # «Формулы-1»
    words = list(WORD_SPANS.finditer(text, start, end))
    lower = [k for k, w in enumerate(words) if not w.group()[:1].isupper()]
    if lower:
        words = words[lower[-1] + 1:]
        if not words or len(words) == 1 and not _reads_as_surname(words[0].group()):
            return None
    while len(words) > 1 and _is_person_noun(words[0].group()) and \
            (len(words) > 2 or _reads_as_first_name(words[1].group()) and morph_analyzer_known(words[1].group())
             and _opens_sentence(text, words[0].start())):  # «под именем Брат Пьеро» stays
        words.pop(0)
    if len(words) == 1 and is_common_noun(words[0].group()) and _opens_sentence(text, words[0].start()):
        return None  # a nickname inside a sentence is a name («позиция Адвоката»)
    start, end = words[0].start(), words[-1].end()
    if end < len(text) and text[end] == "." and _INITIAL.match(words[-1].group()):
        end += 1
    if _INITIAL.match(words[0].group()):
        return start, end
    initials = _INITIALS_BEFORE.search(text, max(0, start - 8), start)
    if initials is not None:
        return initials.start(), end
    if len(words) == 1:
        word = words[0].group()
        def untagged(at: int) -> bool:
            return not any(s.start <= at < s.end for s in spans)

        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if before is not None and untagged(before.start(1)) and _may_be_name_word(rec, before.group(1), first=True):
            return before.start(1), end
        if _reads_as_first_name(word) or _KAZAKH_LETTER.search(word):
            after = _WORD_AFTER.match(text, end)
            if after is not None and untagged(after.start(1)) and \
                    _may_be_name_word(rec, after.group(1), first=False):
                return start, after.end(1)
    return start, end


_WORD_BEFORE = regex.compile(r"(\p{Lu}[\p{Ll}-]+) $")
# The start of a sentence or line, with an opening quote or a dash: a capital there is no name.
_STARTS_SENTENCE = regex.compile(r"(?:^|[.!?…]\s+|\n)[\s«\"“„—–-]*$")


def _opens_sentence(text: str, at: int) -> bool:
    return _STARTS_SENTENCE.search(text, max(0, at - 20), at) is not None


def _is_person_noun(word: str) -> bool:
    """A common noun naming a living being, capitalised at a name's start («Ученицу
    Айгерим», «Девятиклассник …»); not an inanimate one («Тору Камикава»)."""
    return is_common_noun(word) and all("anim" in p.tag for p in morph_parse(word) if "NOUN" in p.tag) and \
        "NOUN" in morph_parse(word)[0].tag
_WORD_AFTER = regex.compile(r" (\p{Lu}[\p{Ll}-]+)(?![\p{L}\d])")


def _grammemes(word: str) -> set[str]:
    return {g for p in morph_parse(word) for g in p.tag.grammemes}


def _reads_as_first_name(word: str) -> bool:
    """A word pymorphy3 reads as a first name, and never as a surname."""
    found = _grammemes(word)
    return "Name" in found and "Surn" not in found


def _reads_as_surname(word: str) -> bool:
    """A surname: pymorphy3 reads it so, or it has a surname ending (-ов, -ева, -улы …)."""
    return "Surn" in _grammemes(word) or SURNAME.search(word) is not None or _RU_SURNAME_FORM.search(word) is not None


def _may_be_name_word(rec: EntityRecognizer, word: str, *, first: bool) -> bool:
    """A capitalised Cyrillic word next to a name that is part of it: a Kazakh word (a letter
    Russian lacks, or no Russian word), or one pymorphy3 reads as a first name (`first`) or a
    surname; never a common noun, a place's or body's word or a role word."""
    if not NAME_WORD.match(word) or word.isupper() or not _KAZAKH_NAME_WORD.match(word):
        return False
    key = word_key(word)
    if key in rec.kb_name_words or key in rec.role_words("ru")[1]:
        return False
    if _KAZAKH_LETTER.search(word) or not morph_analyzer_known(word):
        return True  # pymorphy3's readings of a word it does not know are guesses
    found = _grammemes(word)
    if is_common_noun(word) or "Geox" in found or "Orgn" in found:
        return False
    return "Name" in found if first else ("Surn" in found or "Patr" in found)


# How many words may stand between a person word and the name: «ученица 9 «Б» класса
# школы-лицея № 2 Томирис …»
_COMPLEMENT_TOKENS = 10
# One to three name words after a role, one space apart, on one line; or initials and a surname.
_NAME_AFTER_ROLE = regex.compile(
    r"(?:\p{Lu}\.[^\S\n]?){1,2}(?P<surname>\p{Lu}[\p{Ll}-]+)(?![\p{L}\d.])"
    r"|(?P<words>\p{Lu}[\p{Ll}-]+(?: \p{Lu}[\p{Ll}-]+){1,2})(?: (?:\p{Lu}\.){1,2})?(?![\p{L}\d])")


def names_after_roles(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    """A name natasha missed right after a person word or a post and its lower-case
    complement: «Ученик 8 класса Ернур Қуаныш», «учитель Қанат Сейтжан», «Завуч школы Б.
    Ермекова». Every name word is one pymorphy3 reads as a name or a Kazakh word
    (`_may_be_name_word`); a name inside natasha's person span is left to it, and none is
    read past «имени» (a school's namesake)."""
    roles = rec.roles.get("ru", {})
    heads = roles.get("head", set()) | roles.get("not_official_near", set()) | roles.get("person_words", set())
    first_words = {head[0] for head in heads}
    keys = [word_key(t.text) if t.text[:1].isalpha() else t.text for t in tokens]
    persons = [(s.start, s.end) for s in getattr(doc, "model_spans", ()) if s.label == "PER"]
    out = []
    for k in range(len(tokens)):
        if keys[k] not in first_words:
            continue
        length = next((len(h) for h in heads if h[0] == keys[k] and tuple(keys[k:k + len(h)]) == h), 0)
        if not length:
            continue
        j = _end_of_complement(doc, tokens, keys, k + length)
        if j is None:
            continue
        found = _NAME_AFTER_ROLE.match(doc.text, tokens[j].start)
        if found is None:
            continue
        start, end = found.span()
        if found.group("surname"):
            names = [found.group("surname")]
            if not _reads_as_surname(names[0]):
                continue
        else:
            names = found.group("words").split()
            if not _may_be_name_word(rec, names[0], first=True) or \
                    not all(_may_be_name_word(rec, w, first=False) or _reads_as_first_name(w) for w in names[1:]):
                continue
        if _WORD_AFTER.match(doc.text, end) or any(s < end and start < e for s, e in persons):
            continue  # a longer run of capitals (a body's name), or natasha's own person
        if end < len(doc.text) and doc.text[end] == "." and _INITIAL.search(doc.text[start:end].split()[-1]):
            end += 1
        out.append(Candidate(Entity("PERSON", doc.text[start:end], start, end, source="rule"), "rule"))
    return out + speakers_before_colon(rec, doc) + kazakh_names(rec, doc, persons)


_KAZAKH_TO_RUSSIAN = str.maketrans("әұқғңөүһіӘҰҚҒҢӨҮҺІ", "аукгноухиАУКГНОУХИ")
_NAME_RUN = regex.compile(r"(?<![\p{L}\d«\"“„-] ?)\p{Lu}[\p{Ll}-]+(?: \p{Lu}[\p{Ll}-]+){1,2}(?![\p{L}\d]| \p{Lu})")


def kazakh_names(rec: EntityRecognizer, doc: Document, persons: list[tuple[int, int]]) -> list[Candidate]:
    """A Kazakh name natasha left untagged anywhere in a sentence («Әлихан Бекболат занял
    первое место», «получили Әли Серік, …»): two or three capitalised words, one with a
    letter Russian lacks, the first a first name pymorphy3's dictionary knows once the
    Kazakh letters are read as Russian ones (Әлихан → Алихан), the others name words
    (`_may_be_name_word`); not quoted, not inside natasha's spans."""
    spans = list(getattr(doc, "model_spans", ()))
    out = []
    for m in _NAME_RUN.finditer(doc.text):
        words = m.group().split()
        if not _KAZAKH_LETTER.search(m.group()) or doc.is_masked(m.start(), m.end()):
            continue
        if any(s.start < m.end() and m.start() < s.end for s in spans):
            continue
        first = words[0].translate(_KAZAKH_TO_RUSSIAN)
        if not morph_analyzer_known(first) or "Name" not in _grammemes(first) or \
                rec.kb_match(tuple(word_key(w) for w in words)) is not None or \
                regex.search(r"(?:имени|им\.)\s+$", doc.text[max(0, m.start() - 8):m.start()]) or \
                not all(_may_be_name_word(rec, w, first=False) or _reads_as_first_name(w) for w in words[1:]):
            continue
        out.append(Candidate(Entity("PERSON", m.group(), m.start(), m.end(), source="rule"), "rule"))
    return out


# A headline's speaker: a surname (with a first name or initials) opening a line, then a
# colon and the words quoted: «Сапарова: «Дети стали читать больше»», «А. Сапарова: …».
_SPEAKER = regex.compile(
    r"(?m)^[^\S\n]*(?P<name>(?:(?:\p{Lu}\.[^\S\n]?){1,2}|\p{Lu}[\p{Ll}-]+ )?(?P<surname>\p{Lu}[\p{Ll}-]+)):[^\S\n]+[«\"“„]")


def speakers_before_colon(rec: EntityRecognizer, doc: Document) -> list[Candidate]:
    """A person named as the speaker of a quoted headline («Сапарова: «…»»): the surname
    pymorphy3 reads as one (or has a surname ending), no common noun, place or body word;
    a first name before it must read as one."""
    persons = [(s.start, s.end) for s in getattr(doc, "model_spans", ()) if s.label == "PER"]
    out = []
    for m in _SPEAKER.finditer(doc.text):
        start, end = m.span("name")
        words = m.group("name").split()
        surname = m.group("surname")
        if any(s < end and start < e for s, e in persons) or doc.is_masked(start, end):
            continue
        if not _reads_as_surname(surname) or not _may_be_name_word(rec, surname, first=False):
            continue
        if len(words) == 2 and not _INITIAL.match(words[0].replace(" ", "")) and \
                not _may_be_name_word(rec, words[0], first=True):
            start = m.start("surname")
        out.append(Candidate(Entity("PERSON", doc.text[start:end], start, end, source="rule"), "rule"))
    return out


def _end_of_complement(doc: Document, tokens: list[Token], keys: list[str], j: int) -> int | None:
    """Index of the token after a person word's lower-case complement («математики», «9
    класса», «5 «А» класса», «школы-лицея № 2»), on the same line; None where a name cannot
    follow (a line break, punctuation, «имени»)."""
    limit = j + _COMPLEMENT_TOKENS
    while j < len(tokens) and j < limit:
        tok = tokens[j]
        if "\n" in doc.text[tokens[j - 1].end:tok.start]:
            return None
        if tok.text[:1].isupper() and tok.text[:1].isalpha():
            quoted = j > 0 and tokens[j - 1].text in ("«", "\"") and len(tok.text) == 1
            if not quoted:
                return j
        elif keys[j] in ("имя", "им") or not (tok.text[:1].isalpha() or tok.text[:1].isdigit() or
                                              tok.text in ("№", "«", "»", "\"", "-")):
            return None
        j += 1
    return None


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
