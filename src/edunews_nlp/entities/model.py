"""The model NER's spans as entity candidates: mapped to our types, trimmed, and corrected
where the tagger's type or edges are known to go wrong (an amount, a post, a quoted short
name inside an organisation's long one, a person's name tagged as a place or a body)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from ..document import ENTITY_TYPES, Document, Entity
from ..knowledge import phrase_key, word_key
from .candidates import Candidate
from .languages import reader
from .officials import find_role
from .text import CYRILLIC, NAME_WORD, SURNAME, WORD_SPANS, first_token_from, is_plural, trim

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

# From a span's start to the end of the last quoted name it opens: group "name" is that name.
_QUOTED_NAME_AFTER = regex.compile(r"[^«»\n]{0,80}(?:«[^«»\n]{0,80})*«(?P<name>[^«»\n]{1,80})»")
_GLOSSED_NAME = regex.compile(r"(?P<name>[^()]+?)[^\S\n]*\((?P<gloss>[^()\n]{2,60})\)")
_WORD_BEFORE = regex.compile(r"([\p{L}][\p{L}-]*)\s+$")


def model_entities(rec: EntityRecognizer, doc: Document) -> list[Candidate]:
    mapping = rec.labels[doc.lang]
    language = reader(doc.lang)
    out = []
    spans = getattr(doc, "model_spans", [])
    for span in split_glossed_names(doc.text, language.model_spans(doc.text, spans), mapping):
        # Optional backends (backends.py) give our types already.
        type_ = mapping.get(span.label) or (span.label if span.label in ENTITY_TYPES else None)
        if type_ is None or doc.is_masked(span.start, span.end):
            continue
        found = _model_candidate(rec, doc, type_, *trim(doc.text, span.start, span.end))
        if found is not None:
            out.append(found)
    return out


def _model_candidate(rec: EntityRecognizer, doc: Document, type_: str, start: int, end: int) -> Candidate | None:
    """The candidate of a model span of `type_` trimmed to [start, end), if it is one."""
    text = doc.text[start:end]
    key = phrase_key(text)
    if end - start < 2 or not text[:1].isupper() or key in rec.words["not_entities"]:
        return None
    if key and (key[0],) in rec.words["not_entities"] and any(ch.isdigit() for ch in text):
        return None  # an amount the tagger took for a name: "KZT 4,680"
    if type_ == "ORG" and key and key[-1] in rec.words["event_heads"]:
        return None
    if key and key[0] in rec.words["org_legal_forms"] and type_ in ("PLACE", "PERSON"):
        type_ = "ORG"  # «НАО имени И. Алтынсарина»: a legal form starts an organisation's name
    if type_ == "ORG" and text.count("«") > text.count("»"):
        # «партии «Яблоко», «АО «Национальный центр … «Өрлеу»»: cut inside its quotes; the
        # quoted short name is the mention (ANNOTATION.md)
        quoted = _QUOTED_NAME_AFTER.match(doc.text, start)
        if quoted is None:
            return None
        start, end = quoted.span("name")
        text = doc.text[start:end]
    if type_ == "ORG" and _shaped_like_a_person(rec, text):
        type_ = "PERSON"  # "the bronze went to Temirlan Abilov": the tagger's ORG is a name
    language = reader(doc.lang)
    if type_ == "PLACE" and language.place_reads_as_person(rec, text):
        type_ = "PERSON"
    # "Абайского и Казалинского районов": a shared plural generic word stays outside.
    last_word = text.split()[-1]
    if type_ == "PLACE" and " " in text and word_key(last_word) in rec.words["generic_place"] \
            and is_plural(last_word):
        end = start + text.rfind(" ")
        text = doc.text[start:end]
    if " " not in text and not language.lone_word_is_name(doc, start):
        return None
    # "Аким области", "Minister of Education": a post is not a place or a body.
    if type_ in ("PLACE", "ORG") and find_role([word_key(w) for w in text.split()[:2]],
                                               rec.roles.get(doc.lang, {}).get("head", set())) == 0:
        return None
    if type_ == "PERSON":
        # «Завуч школы Б. Ермекова», «Ученицу Айгерим», «Жанна» + «Әбдіқадыр»: the language's
        # reader finds the name inside the span and its missed words around it
        edges = language.person_span(rec, doc, start, end)
        if edges is None:
            return None
        start, end = edges
        text = doc.text[start:end]
    # "Akim of Pavlodar", "министр просвещения": a name has no lower-case words.
    if type_ == "PERSON" and not all(NAME_WORD.match(w) for w in text.split()):
        return None
    if type_ == "PERSON":
        # «Темиртау Жанна Ким», «Девятиклассник Алихан Сейткали»: the tagger ran a place
        # or a capitalised common noun into the name; "head of the department Aliya
        # Zhunusova": it left the first name out.
        start = _first_name_before(rec, doc, _name_start(rec, doc, start, end))
        text = doc.text[start:end]
    return Candidate(Entity(type_, text, start, end, source="model"), "model")


def _shaped_like_a_person(rec: EntityRecognizer, text: str) -> bool:
    """Two or three capitalised words ending in a surname suffix (-ov, -eva, -uly …), none
    of them a word of a known place or body or an organisation head ("Temirlan Abilov",
    "Abai Kunanbayuly"; not "Nazarbayev University")."""
    words = text.split()
    return 2 <= len(words) <= 3 and all(NAME_WORD.match(w) and not w.isupper() for w in words) \
        and SURNAME.search(words[-1]) is not None and \
        not any(word_key(w) in rec.kb_name_words or word_key(w) in rec.words["org_heads"] for w in words)


def _name_start(rec: EntityRecognizer, doc: Document, start: int, end: int) -> int:
    """Where a person's name begins inside a model span: leading words that are a known
    place or a common noun (pymorphy3 knows the word and reads it as no name) are left
    out, as long as two words remain."""
    words = list(WORD_SPANS.finditer(doc.text, start, end))
    previous = _WORD_BEFORE.search(doc.text, max(0, start - 40), start)
    language = reader(doc.lang)
    while len(words) > 2:
        word = words[0].group()
        # «области Абай Мадина Кенжебаева»: the word ends a place named with the word before it
        ends_place = previous is not None and any(
            e.type == "PLACE" for e in rec.kb.by_key.get((word_key(previous.group(1)), word_key(word)), ()))
        if not (ends_place or rec.is_place_word(word) or language.is_common_noun(word)):
            break
        words.pop(0)
        previous = None
    return words[0].start() if words else start


def _first_name_before(rec: EntityRecognizer, doc: Document, start: int) -> int:
    """Take in one proper noun right before the span (the tagger's part of speech), unless
    it is a role word, a known place or organisation: the first name of "Aliya Zhunusova"."""
    at = first_token_from(doc.tokens, start)
    if at == 0 or at >= len(doc.tokens) or doc.tokens[at].start != start:
        return start
    if at + 1 < len(doc.tokens) and doc.text[doc.tokens[at].end:doc.tokens[at + 1].start] == " " \
            and NAME_WORD.match(doc.tokens[at + 1].text):
        return start  # the span holds more than the surname
    before = doc.tokens[at - 1]
    if before.pos != "PROPN" or doc.text[before.end:start] != " " or not NAME_WORD.match(before.text):
        return start
    key = word_key(before.text)
    if key in rec.role_words(doc.lang)[0] or key in rec.kb_name_words:
        return start  # a title ("Deputy Akim"), or a word of a known place or body ("Education")
    return before.start


def split_glossed_names(text: str, spans, mapping: dict):
    """A person's name with its spelling in the other script in brackets, taken by the tagger
    as one span («Джошуа Вольфа (Joshua Wolf)»), is two mentions: the name and its gloss."""
    for span in spans:
        m = _GLOSSED_NAME.fullmatch(text, span.start, span.end) \
            if (mapping.get(span.label) or span.label) == "PERSON" and text[span.end - 1:span.end] == ")" else None
        if m is None or CYRILLIC.search(m.group("name")) is None or CYRILLIC.search(m.group("gloss")) \
                or not all(NAME_WORD.match(w) for w in m.group("gloss").split()):
            yield span
            continue
        yield type(span)(span.start, m.end("name"), span.label)
        yield type(span)(m.start("gloss"), m.end("gloss"), span.label)
