"""Programme names by their trigger words (data/programme_triggers.yaml): a quoted name
right after or before a trigger ("the «Bolashak» programme", «программа «Серпін»») or
governed by one some words back, the next items of a quoted list it starts, a quoted name
the KB knows as a programme; unquoted, the Title Case words right before a trigger in
languages that name a programme before its generic word ("the Comfortable School national
project"). A quoted name after an organisation word is an organisation instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..document import Document, Entity, Token
from ..knowledge import phrase_key, word_key
from .candidates import Candidate
from .text import PUNCT_STOPS, QUOTED, TITLE_WORD, is_sentence_start, trim, words_after, words_before

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

# How far back a programme trigger may stand from a quoted name it introduces.
TRIGGER_REACH_WORDS = 10
# Between two items of a quoted list: the closing quote, an optional short "in <place>", a
# comma or a conjunction ('" in Aktobe region, "', '» и «').
_LIST_CONTINUATION = regex.compile(r"^[»\"”“]?[^\S\n]*(?:(?:in|в|во)[^\S\n]+[\p{L}-]+(?:[^\S\n]+[\p{L}-]+){0,3})?"
                                   r"[^\S\n]*(?:,|;|\band\b|\bи\b|,[^\S\n]*(?:and|и)\b)[^\S\n]*$")
# Lower-case words that may stand inside a Title Case programme name ("Smart Library for
# Rural Schools"), and how long such a name may be.
_NAME_FUNCTION_WORDS = {"for", "of", "and", "in", "on", "the", "to", "with"}
_NAME_DASHES = {"–", "—", "-"}
TITLE_CASE_NAME_WORDS = 7


def programmes_by_trigger(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    out = _quoted_names(rec, doc, tokens)
    # Unquoted: capitalised words right before a trigger ("the Comfortable School national
    # project", "Birtutas Tarbieh program"), in languages that name a programme before
    # its generic word (Russian quotes it after: программа «…»).
    if doc.lang not in rec.words["names_before_trigger"]:
        return out
    return out + _names_before_trigger(rec, doc, tokens)


def _quoted_names(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    """Quoted programme names by a trigger word, and quoted names after an organisation word."""
    text = doc.analysis_text
    out = []
    previous_programme_end = None  # where the last quoted programme name ended
    for m in QUOTED.finditer(text):
        start, end = trim(text, m.start(1), m.end(1))
        if end <= start or text[start].islower():
            continue  # «немедленная отставка мэра …»: a quoted phrase, no name
        # 'initiatives such as: "A" in Aktobe region, "B" in Almaty region and "C"': the next
        # item of a list that a programme started is a programme too
        in_list = previous_programme_end is not None and \
            _LIST_CONTINUATION.match(text[previous_programme_end:m.start()]) is not None
        if in_list or _is_programme(rec, doc, tokens, m, start, end):
            out.append(Candidate(Entity("PROGRAMME", doc.text[start:end], start, end,
                                        source="trigger"), "trigger"))
            previous_programme_end = m.end()
            continue
        previous_programme_end = None
        if set(words_before(tokens, m.start(), 6)) & rec.words["org_generic"] and \
                TITLE_WORD.match(doc.text[start:end].split()[0]) and len(doc.text[start:end].split()) <= 4:
            # exact span, but a weaker type than a programme trigger ("the Otp project")
            out.append(Candidate(Entity("ORG", doc.text[start:end], start, end, source="quoted_org"), "trigger"))
    return out


def _is_programme(rec: EntityRecognizer, doc: Document, tokens: list[Token], m, start: int, end: int) -> bool:
    """The quoted name of match `m` (trimmed to [start, end)) names a programme: a trigger
    word next to it or governing it, or the KB's programme of that name."""
    before = words_before(tokens, m.start(), 3)
    after = words_after(tokens, m.end(), 3)
    known = rec.kb_match(phrase_key(doc.text[start:end]))
    # a known programme's name, unless an organisation word stands right before it
    # (the kindergarten "Balapan" is no programme)
    known_programme = known is not None and known.type == "PROGRAMME" and \
        not set(words_before(tokens, m.start(), 2)) & rec.words["org_generic"]
    return _ends_with_trigger(rec, before) or _starts_with_trigger(rec, after) or known_programme or \
        _trigger_governs(rec, words_before(tokens, m.start(), TRIGGER_REACH_WORDS))


def _names_before_trigger(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    out = []
    keys = [word_key(t.text) for t in tokens]
    first_words = {t[0] for t in rec.triggers}
    for i, tok in enumerate(tokens):
        if keys[i] not in first_words:
            continue
        for trigger in rec.triggers:
            n = len(trigger)
            if tuple(keys[i:i + n]) != trigger:
                continue
            j = _title_case_run_start(doc.text, tokens, i, rec.triggers)
            # "the Comfortable School National project": generic adjectives are not the name.
            last = i - 1
            while last >= j and word_key(tokens[last].text) in rec.words["programme_generic"]:
                last -= 1
            while j <= last and word_key(tokens[j].text) in rec.words["programme_generic"] | {"the"}:
                j += 1
            known = rec.kb_match(tuple(keys[j:last + 1])) if j <= last else None
            if j <= last and not is_sentence_start(doc, tokens[j]) and \
                    (known is None or known.type == "PROGRAMME"):
                start, end = tokens[j].start, tokens[last].end
                out.append(Candidate(Entity("PROGRAMME", doc.text[start:end], start, end,
                                            source="trigger"), "trigger"))
    return out


def _trigger_governs(rec: EntityRecognizer, words: list[str]) -> bool:
    """A trigger word heads the phrase that ends in the quoted name, after the last
    organisation word ('a project to develop a network of support schools "Otp"'); a
    legal form ('support from JSC NPCC "Orleu"') keeps it an organisation."""
    last_trigger = max((i for i, w in enumerate(words) if (w,) in rec.triggers), default=None)
    if last_trigger is None:
        return False
    following = words[last_trigger + 1:]
    if following and all(w in rec.words["list_introducers"] for w in following):
        return True  # "initiatives such as:", «проекты, в том числе»
    return any(w in rec.words["org_generic"] for w in following) and \
        not any(w in PUNCT_STOPS or w in rec.words["org_legal_forms"] for w in following)


def _ends_with_trigger(rec: EntityRecognizer, words: list[str]) -> bool:
    return any(tuple(words[len(words) - n:]) in rec.triggers for n in range(1, len(words) + 1))


def _starts_with_trigger(rec: EntityRecognizer, words: list[str]) -> bool:
    return any(tuple(words[:n]) in rec.triggers for n in range(1, len(words) + 1))


def _title_case_run_start(text: str, tokens: list[Token], trigger_at: int, triggers) -> int:
    """Index of the first word of the Title Case name right before a trigger word ("the Smart
    Library for Rural Schools project"): capitalised words, with function words between
    them, never starting or ending on a function word, never over a line break;
    `trigger_at` when there is none."""
    start = trigger_at
    j = trigger_at
    while j > 0 and trigger_at - j < TITLE_CASE_NAME_WORDS:
        word = tokens[j - 1].text
        if word in _NAME_DASHES and j < trigger_at:
            j -= 1  # "Auyl – El Besigi project"
            continue
        if "\n" in text[tokens[j - 1].end:tokens[j].start] or \
                tokens[j - 1].pos in ("ADP", "CCONJ", "SCONJ", "PRON") and word not in _NAME_FUNCTION_WORDS:
            break
        if TITLE_WORD.match(word) and (word_key(word),) not in triggers:
            j -= 1
            start = j
        elif word.lower() in _NAME_FUNCTION_WORDS and j < trigger_at:
            j -= 1
        else:
            break
    return start
