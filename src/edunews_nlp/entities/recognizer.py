"""Entity recognition: statistical NER mapped to our types, the knowledge-base gazetteer,
programme names after trigger words, and officials (persons with a post).

Candidates from the three sources are merged by `resolve_overlaps`: programme names found
by their trigger word always win; otherwise the longer span wins and, for equal length,
the more specific source (gazetteer over model).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from .. import datafiles
from ..document import ENTITY_TYPES, Document, Entity, Token
from .filters import EntityFilter
from .spans import (OrgJoiner, complete_adjective_endings, cut_at_line_breaks, extend_by_genitive_qualifier,
                           extend_over_coordinated_complement, merge_adjacent_persons, merge_org_of_place,
                           one_type_per_name, split_bracketed_abbreviations)
from ..knowledge import (KnowledgeBase, default_kb, morph_analyzer, morph_parse, name_skeleton, name_word_forms,
                        phrase_key, word_key)

PRIORITY = {"trigger": 3, "gazetteer": 2, "rule": 2, "model": 1}
# A quoted name starts with a letter or digit and ends with one (or . ! ?): this keeps the
# regex from pairing the closing quote of a speech with the opening quote of a name.
_QUOTED = regex.compile(r"[«\"“„](?=[\p{L}\d])([^«»\"“”„\n]{1,100}?)(?<=[\p{L}\d.!?)])[»\"”“]")
_PUNCT_STOPS = {".", "!", "?", ";", ":", "\"", "«", "»", "“", "”", "„", "(", ")", "•"}
_CLAUSE_VERBS = {"VERB", "AUX"}
# How far back a programme trigger may stand from a quoted name it introduces.
TRIGGER_REACH_WORDS = 10
_NUMBERED = regex.compile(r"(?:\bNo\.?|№)\s*\d+")
# Sentences either side of a numbered institution that the domain NER reads with it: with 0
# (its own sentence only, a tenth of the text) the spans equal a whole-article parse on every
# corpus and dev article.
DOMAIN_CONTEXT_SENTENCES = 0
_NOT_NAME_POS = {"ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "AUX", "VERB", "NUM", "PUNCT"}
_TITLE_WORD = regex.compile(r"^[\p{Lu}\d][\p{L}\d'’-]*$")
# Compiled once: `regex.search(pattern, ...)` looks the pattern up in regex's cache per call.
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_WORD = regex.compile(r"^[\p{L}\p{N}][\p{L}\p{N}'’.-]*$")
_NAME_WORD = regex.compile(r"^(?:\p{Lu}[\p{L}'’.-]*|\p{Lu}\.)+$")
_SURNAME = regex.compile(r"(?:ov|ev|yev|in|ova|eva|yeva|ina|uly|kyzy|ovich|evich|ов|ев|ёв|ин|ова|ева|ина|улы|ұлы|кызы|қызы)$",
                         regex.IGNORECASE)


# From a span's start to the end of the last quoted name it opens: group "name" is that name.
_QUOTED_NAME_AFTER = regex.compile(r"[^«»\n]{0,80}(?:«[^«»\n]{0,80})*«(?P<name>[^«»\n]{1,80})»")


def word_alternation(words_by_lang: dict) -> str:
    """A regex alternation of a data file's words or stems for every language, longest first."""
    return "|".join(sorted({regex.escape(w) for words in words_by_lang.values() for w in words}, key=len, reverse=True))


def _key_sequences(phrases) -> set[tuple[str, ...]]:
    return {phrase_key(p) for p in phrases or ()}


# Languages whose entities another recogniser finds ("module:class", built on first use with
# the KB): Kazakh has its own model, word keys and generic words (entities/kazakh.py).
LANGUAGE_RECOGNIZERS = {"kk": "edunews_nlp.entities.kazakh:KazakhEntityRecognizer"}


@dataclass
class Candidate:
    entity: Entity
    origin: str

    @property
    def length(self) -> int:
        return self.entity.end - self.entity.start


class EntityRecognizer:
    """Callable stage: fills `doc.entities` from `doc.model_spans`, `doc.tokens` and the KB."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self._kb = kb

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or default_kb()

    @cached_property
    def labels(self) -> dict:
        return datafiles.load("ner_labels.yaml")

    @cached_property
    def roles(self) -> dict:
        data = datafiles.load("roles.yaml")
        return {lang: {k: _key_sequences(v) for k, v in parts.items()} for lang, parts in data.items()}

    @cached_property
    def triggers(self) -> set[tuple[str, ...]]:
        return set().union(*(_key_sequences(v) for v in datafiles.load("programme_triggers.yaml").values()))

    @cached_property
    def words(self) -> dict:
        data = datafiles.load("entity_words.yaml")
        return {
            "generic_place": {w for ws in data["generic_place_words"].values() for w in ws},
            "generic_place_keys": {word_key(w) for ws in data["generic_place_words"].values() for w in ws},
            "not_entities": set().union(*(_key_sequences(v) for v in data["not_entities"].values())),
            "org_before": set().union(*(_key_sequences(v) for v in data["org_heads_before_place"].values())),
            "org_after": set().union(*(_key_sequences(v) for v in data["org_heads_after_place"].values())),
            "event_heads": {word_key(w) for ws in data["event_heads"].values() for w in ws},
            "programme_generic": {word_key(w) for ws in data["programme_generic_words"].values() for w in ws},
            "org_generic": {word_key(w) for ws in data["org_generic_words"].values() for w in ws},
            "org_legal_forms": {word_key(w) for ws in data["org_legal_forms"].values() for w in ws},
            # «село Шаян» / «с. Шаян»: an abbreviation ("с.") counts only with its dot (bare «с» is "with")
            "place_before": {phrase_key(w) for ws in data["place_words_before_name"].values() for w in ws
                             if not w.endswith(".")},
            "place_before_abbreviated": {phrase_key(w) for ws in data["place_words_before_name"].values() for w in ws
                                         if w.endswith(".")},
            "place_after": set().union(*(_key_sequences(v) for v in data["place_words_after_name"].values())),
            "org_heads": {word_key(w) for ws in data["org_head_nouns"].values() for w in ws},
            "joining": {word_key(w) for ws in data["name_joining_words"].values() for w in ws},
            "conjunctions": {w for ws in data["name_conjunctions"].values() for w in ws},
            "names_before_trigger": set(data["unquoted_names_before_trigger"]),
            "list_introducers": {word_key(w) for ws in data["list_introducers"].values() for w in ws},
        }

    @cached_property
    def entity_filter(self) -> EntityFilter:
        return EntityFilter(datafiles.load("entity_words.yaml"), self.words["event_heads"], self.words["org_heads"])

    @cached_property
    def join_orgs(self) -> OrgJoiner:
        return OrgJoiner(self.words["org_heads"], self.words["conjunctions"])

    def language_recognizer(self, lang: str):
        """The recogniser LANGUAGE_RECOGNIZERS names for `lang`, built once."""
        recognizers = self.__dict__.setdefault("_language_recognizers", {})
        if lang not in recognizers:
            import importlib

            module, name = LANGUAGE_RECOGNIZERS[lang].split(":")
            recognizers[lang] = getattr(importlib.import_module(module), name)(self._kb)
        return recognizers[lang]

    def __call__(self, doc: Document) -> None:
        if doc.lang in LANGUAGE_RECOGNIZERS:
            self.language_recognizer(doc.lang)(doc)
            return
        if doc.lang not in self.labels:
            doc.entities = []
            return
        tokens = [t for t in doc.tokens if not doc.is_masked(t.start, t.end)] if doc.masked else doc.tokens
        words = merge_hyphenated(doc.text, tokens)  # "Ust-Kamenogorsk" whole, for names
        candidates = (
            self._programmes_by_trigger(doc, tokens)
            + self._unquoted_names_after_trigger(doc, words)
            + self._gazetteer(doc, words)
            + self._places_by_context(doc, words)
            + self._names_after_roles(doc, tokens)
            + self._numbered_by_grammar(doc)
            + self._places_in_apposition(doc)
            + self._model_entities(doc)
        )
        entities = merge_org_of_place(doc, resolve_overlaps(candidates))
        entities = self._state_bodies(doc, entities, tokens)
        entities = merge_adjacent_persons(doc, entities)
        entities = self._named_after(doc, entities)
        entities = self.join_orgs(doc, entities)
        entities += self._numbered_institutions(doc, entities)
        entities = cut_at_line_breaks(doc, entities, self.words["joining"])
        entities = split_bracketed_abbreviations(self.entity_filter(doc, entities))
        entities += self._repeated_surnames(doc, entities, tokens)
        entities = merge_adjacent_persons(doc, entities)  # "Nurpeisova" (a repeated surname) + "Gulzhanar …"
        entities = extend_over_coordinated_complement(doc, complete_adjective_endings(entities, tokens))
        entities = one_type_per_name(extend_by_genitive_qualifier(entities, tokens, self.words["org_heads"]))
        self._mark_officials(doc, entities, tokens)
        doc.entities = sorted(entities, key=lambda e: (e.start, e.end))

    # -- sources -------------------------------------------------------------------------
    def _model_entities(self, doc: Document) -> list[Candidate]:
        mapping = self.labels[doc.lang]
        out = []
        spans = getattr(doc, "model_spans", [])
        for span in _split_glossed_names(doc.text, _split_at_bullets(doc.text, spans) if doc.lang == "ru" else spans,
                                         mapping):
            # Optional backends (backends.py) give our types already.
            type_ = mapping.get(span.label) or (span.label if span.label in ENTITY_TYPES else None)
            if type_ is None or doc.is_masked(span.start, span.end):
                continue
            start, end = _trim(doc.text, span.start, span.end)
            text = doc.text[start:end]
            key = phrase_key(text)
            if end - start < 2 or not text[:1].isupper() or key in self.words["not_entities"]:
                continue
            if key and (key[0],) in self.words["not_entities"] and any(ch.isdigit() for ch in text):
                continue  # an amount the tagger took for a name: "KZT 4,680"
            if type_ == "ORG" and key and key[-1] in self.words["event_heads"]:
                continue
            if key and key[0] in self.words["org_legal_forms"] and type_ in ("PLACE", "PERSON"):
                type_ = "ORG"  # «НАО имени И. Алтынсарина»: a legal form starts an organisation's name
            if type_ == "ORG" and text.count("«") > text.count("»"):
                # «партии «Яблоко», «АО «Национальный центр … «Өрлеу»»: cut inside its quotes; the
                # quoted short name is the mention (ANNOTATION.md)
                quoted = _QUOTED_NAME_AFTER.match(doc.text, start)
                if quoted is None:
                    continue
                start, end = quoted.span("name")
                text = doc.text[start:end]
            if type_ == "ORG" and self._shaped_like_a_person(text):
                type_ = "PERSON"  # "the bronze went to Temirlan Abilov": the tagger's ORG is a name
            if type_ == "PLACE" and doc.lang == "ru" and self._place_reads_as_person(text):
                type_ = "PERSON"  # «Ахмат-Хаджи Кадырова», «о Свиридове»: pymorphy3 reads a name
            # "Абайского и Казалинского районов": a shared plural generic word stays outside.
            last_word = text.split()[-1]
            if type_ == "PLACE" and " " in text and word_key(last_word) in self.words["generic_place"] \
                    and _is_plural(last_word):
                end = start + text.rfind(" ")
                text = doc.text[start:end]
            # A lone common word at a sentence start ("Centers", "Theater") is no name: the
            # tagger did not call it a proper noun.
            if doc.lang == "en" and " " not in text and _pos_at(doc, start) not in ("PROPN", None):
                continue
            # "Аким области", "Minister of Education": a post is not a place or a body.
            if type_ in ("PLACE", "ORG") and _find_role([word_key(w) for w in text.split()[:2]],
                                                         self.roles.get(doc.lang, {}).get("head", set())) == 0:
                continue
            # "Akim of Pavlodar", "министр просвещения": a name has no lower-case words.
            if type_ == "PERSON" and not all(_NAME_WORD.match(w) for w in text.split()):
                continue
            if type_ == "PERSON":
                # «Темиртау Жанна Ким», «Девятиклассник Алихан Сейткали»: the tagger ran a place
                # or a capitalised common noun into the name; "head of the department Aliya
                # Zhunusova": it left the first name out.
                start = self._first_name_before(doc, self._name_start(doc, start, end))
                text = doc.text[start:end]
            out.append(Candidate(Entity(type_, text, start, end, source="model"), "model"))
        return out

    def _shaped_like_a_person(self, text: str) -> bool:
        """Two or three capitalised words ending in a surname suffix (-ov, -eva, -uly …), none
        of them a word of a known place or body or an organisation head ("Temirlan Abilov",
        "Abai Kunanbayuly"; not "Nazarbayev University")."""
        words = text.split()
        return 2 <= len(words) <= 3 and all(_NAME_WORD.match(w) and not w.isupper() for w in words) \
            and _SURNAME.search(words[-1]) is not None and \
            not any(word_key(w) in self.kb_name_words or word_key(w) in self.words["org_heads"] for w in words)

    def _place_reads_as_person(self, text: str) -> bool:
        """A Russian model place no KB place shares a word with, which pymorphy3 reads as a
        person's name and never as a place: a first name followed by a surname («Ахмат-Хаджи
        Кадырова», «Лонгин Клинский»; a common noun before them may stay, «Поддержку Кирсану
        Илюмжинову»), or one word with only surname readings and a surname ending («Свиридове»)."""
        words = text.split()
        if not 1 <= len(words) <= 4 or any(word_key(w) in self.kb_name_words for w in words):
            return False
        parses = [morph_parse(w) for w in words]
        if any("Geox" in p.tag for ps in parses for p in ps):
            return False
        if len(words) == 1:
            return all("Surn" in p.tag for p in parses[0]) and _RU_SURNAME_FORM.search(words[0]) is not None
        return any("Name" in p.tag for ps in parses[:-1] for p in ps) and \
            (any("Surn" in p.tag for p in parses[-1]) or _RU_SURNAME_FORM.search(words[-1]) is not None)

    def _name_start(self, doc: Document, start: int, end: int) -> int:
        """Where a person's name begins inside a model span: leading words that are a known
        place or a common noun (pymorphy3 knows the word and reads it as no name) are left
        out, as long as two words remain."""
        words = list(_WORD_SPANS.finditer(doc.text, start, end))
        previous = _WORD_BEFORE.search(doc.text, max(0, start - 40), start)
        while len(words) > 2:
            word = words[0].group()
            # «области Абай Мадина Кенжебаева»: the word ends a place named with the word before it
            ends_place = previous is not None and any(
                e.type == "PLACE" for e in self.kb.by_key.get((word_key(previous.group(1)), word_key(word)), ()))
            if not (ends_place or self._is_place_word(word) or doc.lang == "ru" and _is_common_noun(word)):
                break
            words.pop(0)
            previous = None
        return words[0].start() if words else start

    def _named_after(self, doc: Document, entities: list[Entity]) -> list[Entity]:
        """An organisation's name goes on through "named after" / «имени» and the person it
        honours ("Caspian University of Technology and Engineering named after Sh. Yesenov",
        «школа-гимназия имени Ы. Алтынсарина»); that person is no entity of its own."""
        extended: list[tuple[int, int]] = []
        for ent in entities:
            if ent.type != "ORG":
                continue
            tail = _NAMED_AFTER.match(doc.text, ent.end)
            if tail is None and ent.text.endswith(" им"):
                tail = _NAMED_AFTER.match(doc.text, ent.end - 3)  # the tagger stopped at «им.»: «Театра им»
            if tail is None:
                continue
            ent.end = tail.end()
            ent.text = doc.text[ent.start:ent.end]
            extended.append((ent.start, ent.end))
        if not extended:
            return entities
        return [e for e in entities if e.type == "ORG" or not any(s <= e.start and e.end <= end for s, end in extended)]

    def _first_name_before(self, doc: Document, start: int) -> int:
        """Take in one proper noun right before the span (the tagger's part of speech), unless
        it is a role word, a known place or organisation: the first name of "Aliya Zhunusova"."""
        at = _first_token_from(doc.tokens, start)
        if at == 0 or at >= len(doc.tokens) or doc.tokens[at].start != start:
            return start
        if at + 1 < len(doc.tokens) and doc.text[doc.tokens[at].end:doc.tokens[at + 1].start] == " " \
                and _NAME_WORD.match(doc.tokens[at + 1].text):
            return start  # the span holds more than the surname
        before = doc.tokens[at - 1]
        if before.pos != "PROPN" or doc.text[before.end:start] != " " or not _NAME_WORD.match(before.text):
            return start
        key = word_key(before.text)
        if key in self.role_words(doc.lang)[0] or key in self.kb_name_words:
            return start  # a title ("Deputy Akim"), or a word of a known place or body ("Education")
        return before.start

    @cached_property
    def _role_words(self) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
        return {lang: (frozenset(head[0] for head in parts.get("head", ())),
                       frozenset(w for head in parts.get("head", ()) for w in head))
                for lang, parts in self.roles.items()}

    def role_words(self, lang: str) -> tuple[frozenset[str], frozenset[str]]:
        """Word keys that start a role phrase, and all words of role phrases, for `lang`."""
        return self._role_words.get(lang, (frozenset(), frozenset()))

    @cached_property
    def kb_name_words(self) -> frozenset[str]:
        """Word keys of the KB's places, bodies and programmes ("education", "region"): no
        first names."""
        return frozenset(word for key, entries in self.kb.by_key.items()
                         if any(e.type != "OFFICIAL" for e in entries) for word in key)

    def _names_after_roles(self, doc: Document, tokens: list[Token]) -> list[Candidate]:
        """Two or three proper nouns right after a role phrase that the tagger missed: "Akim
        of Kyzylorda region Murat Yesimov presented ...". English (spaCy's parts of speech)."""
        if doc.lang != "en":
            return []
        # a post, or a person word ("primary school teacher Aliya Nurtazina"): the name after it
        heads = self.roles.get(doc.lang, {}).get("head", set()) | self.roles.get(doc.lang, {}).get("not_official_near", set())
        first_words, all_words = self.role_words(doc.lang)
        first_words = first_words | {head[0] for head in heads}
        keys = [word_key(t.text) for t in tokens]
        out = []
        for k in range(len(tokens)):
            if keys[k] not in first_words or \
                    not any(tuple(keys[k:k + len(head)]) == head for head in heads if head[0] == keys[k]):
                continue
            j = k + 1
            # the rest of the role phrase: "of East Kazakhstan region", "of Education", a
            # bracketed gloss ("Akim (Mayor) of Shymkent"), a comma before the name
            while j < len(tokens) and j - k <= ROLE_PHRASE_WORDS:
                if tokens[j].text == "(":
                    close = next((c for c in range(j + 2, min(len(tokens), j + GLOSS_TOKENS + 2))
                                  if tokens[c].text == ")"), None)
                    if close is None:
                        break
                    j = close + 1
                elif keys[j] in ("of", "the", "and", "for") or keys[j] in self.kb_name_words or keys[j] in all_words:
                    j += 1
                else:
                    break
            if j < len(tokens) and tokens[j].text == "," and j > k + 1:
                j += 1
            run = []
            while j < len(tokens) and len(run) < 3 and tokens[j].pos == "PROPN" and _NAME_WORD.match(tokens[j].text) \
                    and keys[j] not in self.kb_name_words and (not run or tokens[j].start == run[-1].end + 1):
                run.append(tokens[j])
                j += 1
            if len(run) >= 2 and (j >= len(tokens) or tokens[j].pos != "PROPN"):
                start, end = run[0].start, run[-1].end
                out.append(Candidate(Entity("PERSON", doc.text[start:end], start, end, source="rule"), "rule"))
        return out

    def _is_place_word(self, word: str) -> bool:
        return any(entry.type == "PLACE" for entry in self.kb.by_key.get((word_key(word),), ()))

    def _gazetteer(self, doc: Document, tokens: list[Token]) -> list[Candidate]:
        """Longest KB alias matches over runs of word tokens (punctuation breaks a run);
        `tokens` with hyphenated words merged."""
        out = []
        keys = [word_key(t.text) if _is_word(t.text) else None for t in tokens]
        i = 0
        while i < len(tokens):
            longest = self.kb.longest_from.get(keys[i], 0) if keys[i] is not None else 0
            # A name starts with a capital, or with its generic word: «области Абай».
            generic_first = keys[i] in self.words["generic_place"]
            if not longest or not (generic_first or _TITLE_WORD.match(tokens[i].text)):
                i += 1
                continue
            match = None
            for n in range(min(longest, len(tokens) - i), 0, -1):
                window = keys[i:i + n]
                if None in window:
                    continue
                if generic_first and not _TITLE_WORD.match(tokens[i].text) and \
                        not any(_TITLE_WORD.match(t.text) for t in tokens[i + 1:i + n]):
                    continue
                entry = self._kb_match(tuple(window))
                if entry is not None and not self._ordinary_phrase_opening(doc, tokens[i:i + n], entry):
                    match = (n, entry)
                    break
            if match is None:
                i += 1
                continue
            n, entry = match
            first, last = tokens[i], tokens[i + n - 1]
            end = last.end
            # "Turkestan, Atyrau and Mangystau regions": the plural generic word is shared.
            if n > 1 and keys[i + n - 1] in self.words["generic_place"] and _is_plural(last.text):
                end = tokens[i + n - 2].end
            out.append(Candidate(Entity(entry.type, doc.text[first.start:end], first.start, end,
                                        id=entry.id, canonical=entry.canonical, source="gazetteer"),
                                 "gazetteer"))
            i += n
        return out

    @staticmethod
    def _ordinary_phrase_opening(doc: Document, tokens: list[Token], entry) -> bool:
        """A programme whose name is also an everyday phrase (`ordinary_words` in the KB),
        unquoted, opening a sentence with its other words in lower case, is the phrase
        («Первое рабочее место он получил …»), not «Комфортная школа: …»; a shorter
        name may still match ("Bolashak scholarship recipients" → "Bolashak")."""
        return entry.ordinary_words and len(tokens) > 1 and _is_sentence_start(doc, tokens[0]) and \
            doc.text[max(0, tokens[0].start - 1):tokens[0].start] not in _OPENING_QUOTES and \
            all(t.text.islower() for t in tokens[1:])

    @cached_property
    def domain_model(self):
        from ..domain_model import DomainNER

        return DomainNER()

    def prefetch(self, docs: list[Document]) -> None:
        """Parse the numbered-institution windows of a batch of documents (one language) in
        one call of the domain model, before each document's own call."""
        windows = [doc.analysis_text[s:e] for doc in docs for s, e in _numbered_windows(doc)]
        if docs and self.domain_model.available(docs[0].lang):
            self.domain_model.prefetch(docs[0].lang, windows)

    @cached_property
    def _numbered_pattern(self) -> regex.Pattern:
        data = datafiles.load("entity_words.yaml")
        heads = word_alternation(data["numbered_institution_heads"])
        mods = word_alternation(data["numbered_institution_modifiers"])
        return regex.compile(
            rf"\b(?:(?:{mods})[\p{{L}}-]*[^\S\n]+){{0,3}}(?:{heads})[\p{{L}}-]*(?:[^\S\n]+(?:{heads})[\p{{L}}-]*)?"
            rf"(?:[^\S\n]*(?:№|No\.?)[^\S\n]*\d+(?:[-/]\d+)?\b|(?=[^\S\n]+(?:имени|им\.|named[^\S\n]+after)[^\S\n]))",
            regex.IGNORECASE)

    @cached_property
    def _apposition_pattern(self) -> regex.Pattern:
        heads = word_alternation(datafiles.load("entity_words.yaml")["plural_place_words"])
        name = r"\p{Lu}[\p{L}'’-]+(?:[^\S\n]\p{Lu}[\p{L}'’-]+)?"
        return regex.compile(rf"\b(?:{heads})\p{{L}}*[^\S\n]+(?:of|in)[^\S\n]+[^,.;:\n]{{1,50}}?,[^\S\n]+"
                             rf"(?P<list>{name}(?:(?:,[^\S\n]+|[^\S\n]+and[^\S\n]+){name})+)(?=[,.;:])",
                             regex.IGNORECASE)

    def _places_in_apposition(self, doc: Document) -> list[Candidate]:
        """Names listed in apposition to a plural place word ("two villages of the Turkestan
        region, Enbekshi Dikhan and Mankent, received …"): each a PLACE."""
        out = []
        for m in self._apposition_pattern.finditer(doc.text):
            start = m.start("list")
            for item in regex.finditer(r"\p{Lu}[\p{L}'’-]+(?:[^\S\n]\p{Lu}[\p{L}'’-]+)?", m.group("list")):
                s, e = start + item.start(), start + item.end()
                if not doc.is_masked(s, e):
                    out.append(Candidate(Entity("PLACE", doc.text[s:e], s, e, source="rule"), "rule"))
        return out

    def _numbered_by_grammar(self, doc: Document) -> list[Candidate]:
        """Numbered or named schools and kindergartens by their grammar ("specialized boarding
        school No. 4", «школе-лицее № 73», «школа-гимназия имени …», whose honoured name
        `_named_after` adds): exact spans, so they go before the models' guesses."""
        out = []
        for m in self._numbered_pattern.finditer(doc.text):
            if doc.is_masked(m.start(), m.end()):
                continue
            out.append(Candidate(Entity("ORG", m.group(), m.start(), m.end(), source="rule"), "rule"))
        return out

    def _numbered_institutions(self, doc: Document, entities: list[Entity]) -> list[Entity]:
        """Numbered schools and kindergartens ("gymnasium No. 34 named after A.Taimanov",
        «школе № 44») from the project's trained model (models/domain_ner, docs/domain_model.md):
        the only spans of it that add to the rules and the generic models without losing
        precision, so only those are taken, and only where nothing else was found."""
        windows = _numbered_windows(doc)
        if not windows or not self.domain_model.available(doc.lang):
            return []
        covered = _covered_offsets(entities)
        found = []
        for span in self.domain_model.spans_in(doc, windows):
            text = doc.text[span.start:span.end]
            if span.label == "ORG" and _NUMBERED.search(text) and \
                    not any(i in covered for i in range(span.start, span.end)):
                found.append(Entity("ORG", text, span.start, span.end, source="domain"))
        return found

    def _places_by_context(self, doc: Document, tokens: list[Token]) -> list[Candidate]:
        """Villages, districts, residential areas the KB lacks, named by their generic word:
        "the village of Kemertogan" / «в селе Шаян» (name only), "Urker residential area" /
        «Кызылжарского района» (name and generic word), "Zhalagash and Sairam districts"
        (a shared plural generic word: each name bare). `tokens` with hyphenated words merged."""
        out = []
        keys = [word_key(t.text) for t in tokens]

        role_heads = self.role_words(doc.lang)[0]

        def is_name(k: int) -> bool:
            # «Аким района»: a post's first word is no place name
            return _TITLE_WORD.match(tokens[k].text) is not None and tokens[k].pos not in _NOT_NAME_POS \
                and keys[k] not in self.words["programme_generic"] and keys[k] not in role_heads

        def add(first: int, last: int) -> None:
            start, end = tokens[first].start, tokens[last].end
            out.append(Candidate(Entity("PLACE", doc.text[start:end], start, end, source="rule"), "rule"))

        for k in range(len(tokens)):
            for n in (2, 1):
                if tuple(keys[k:k + n]) in self.words["place_after"] and k > 0 and is_name(k - 1):
                    longest = 1 if _CYRILLIC.search(tokens[k - 1].text) else 2
                    first = k - 1
                    while first - 1 >= 0 and k - first < longest and is_name(first - 1):
                        first -= 1
                    plural = _is_plural(tokens[k + n - 1].text)
                    add(first, k - 1 if plural else k + n - 1)
                    break
                # «мкр. Самал-2», «с. Шаян»: the abbreviation's dot may stand between
                at = k - 1 if k > 0 and tokens[k - 1].text == "." else k
                generic_words = self.words["place_before_abbreviated" if at < k else "place_before"]
                if tuple(keys[at - n:at]) in generic_words and at - n >= 0 and k < len(tokens) \
                        and is_name(k) and (at < k or not _is_sentence_start(doc, tokens[k])):
                    last = k
                    longest = 1 if _CYRILLIC.search(tokens[k].text) else 3
                    while last + 1 < len(tokens) and last - k < longest - 1 and is_name(last + 1) and \
                            (keys[last + 1],) not in self.words["place_after"]:
                        last += 1
                    if last + 1 < len(tokens) and keys[last + 1] in self.words["generic_place_keys"]:
                        break  # «в села Акмолинской области»: the name belongs to the generic word after it
                    add(k, last)
                    break
        return out

    def _kb_match(self, key):
        for entry in self.kb.by_key.get(key, ()):
            if entry.type in ("PLACE", "ORG", "PROGRAMME"):
                return entry
        return None

    def _programmes_by_trigger(self, doc: Document, tokens: list[Token]) -> list[Candidate]:
        text = doc.analysis_text
        out = []
        previous_programme_end = None  # where the last quoted programme name ended
        for m in _QUOTED.finditer(text):
            start, end = _trim(text, m.start(1), m.end(1))
            if end <= start or text[start].islower():
                continue  # «немедленная отставка мэра …»: a quoted phrase, no name
            # 'initiatives such as: "A" in Aktobe region, "B" in Almaty region and "C"': the next
            # item of a list that a programme started is a programme too
            in_list = previous_programme_end is not None and \
                _LIST_CONTINUATION.match(text[previous_programme_end:m.start()]) is not None
            before = _words_before(tokens, m.start(), 3)
            after = _words_after(tokens, m.end(), 3)
            known = self._kb_match(phrase_key(doc.text[start:end]))
            # a known programme's name, unless an organisation word stands right before it
            # (the kindergarten "Balapan" is no programme)
            known_programme = known is not None and known.type == "PROGRAMME" and \
                not set(_words_before(tokens, m.start(), 2)) & self.words["org_generic"]
            if self._ends_with_trigger(before) or self._starts_with_trigger(after) or known_programme or in_list or \
                    self._trigger_governs(_words_before(tokens, m.start(), TRIGGER_REACH_WORDS)):
                out.append(Candidate(Entity("PROGRAMME", doc.text[start:end], start, end,
                                            source="trigger"), "trigger"))
                previous_programme_end = m.end()
                continue
            previous_programme_end = None
            if set(_words_before(tokens, m.start(), 6)) & self.words["org_generic"] and \
                    _TITLE_WORD.match(doc.text[start:end].split()[0]) and len(doc.text[start:end].split()) <= 4:
                # exact span, but a weaker type than a programme trigger ("the Otp project")
                out.append(Candidate(Entity("ORG", doc.text[start:end], start, end, source="quoted_org"), "trigger"))
        # Unquoted: capitalised words right before a trigger ("the Comfortable School national
        # project", "Birtutas Tarbieh program"), in languages that name a programme before
        # its generic word (Russian quotes it after: программа «…»).
        if doc.lang not in self.words["names_before_trigger"]:
            return out
        keys = [word_key(t.text) for t in tokens]
        first_words = {t[0] for t in self.triggers}
        for i, tok in enumerate(tokens):
            if keys[i] not in first_words:
                continue
            for trigger in self.triggers:
                n = len(trigger)
                if tuple(keys[i:i + n]) != trigger:
                    continue
                j = _title_case_run_start(doc.text, tokens, i, self.triggers)
                # "the Comfortable School National project": generic adjectives are not the name.
                last = i - 1
                while last >= j and word_key(tokens[last].text) in self.words["programme_generic"]:
                    last -= 1
                while j <= last and word_key(tokens[j].text) in self.words["programme_generic"] | {"the"}:
                    j += 1
                known = self._kb_match(tuple(keys[j:last + 1])) if j <= last else None
                if j <= last and not _is_sentence_start(doc, tokens[j]) and \
                        (known is None or known.type == "PROGRAMME"):
                    start, end = tokens[j].start, tokens[last].end
                    out.append(Candidate(Entity("PROGRAMME", doc.text[start:end], start, end,
                                                source="trigger"), "trigger"))
        return out

    def _unquoted_names_after_trigger(self, doc: Document, words: list[Token]) -> list[Candidate]:
        """Russian text names a programme after its generic word; without quotes only a name in
        another script is told from the sentence: Latin («проект Smart Bala», «программы
        Oqu-Ornek») or Kazakh, with a letter Russian lacks («программа Серпін», «проекта
        Біртұтас тәрбие»). Up to four words, on one line, starting with a capital."""
        if doc.lang != "ru":
            return []
        keys = [word_key(t.text) for t in words]
        last_words = {t[-1] for t in self.triggers} - {"акция"}  # «акций Facebook»: shares, not a campaign
        out = []
        for i in range(len(words) - 1):
            if keys[i] not in last_words or not any(
                    len(t) <= i + 1 and tuple(keys[i + 1 - len(t):i + 1]) == t for t in self.triggers if t[-1] == keys[i]):
                continue
            run = []
            for tok in words[i + 1:i + 5]:
                glue = doc.text[(run[-1] if run else words[i]).end:tok.start]
                script = _LATIN_NAME_WORD if _LATIN_NAME_WORD.match(words[i + 1].text) else _KAZAKH_NAME_WORD
                if glue != " " or not script.match(tok.text) or \
                        script is _KAZAKH_NAME_WORD and not _KAZAKH_LETTER.search(tok.text) and \
                        morph_analyzer_known(tok.text):
                    break
                run.append(tok)
            if not run or not run[0].text[:1].isupper() or len(run) == 1 and run[0].text.isupper():
                continue  # "проект USAID": an abbreviation after the word is a body
            if _KAZAKH_NAME_WORD.match(run[0].text) and not any(_KAZAKH_LETTER.search(t.text) for t in run):
                continue
            known = self._kb_match(tuple(keys[i + 1:i + 1 + len(run)]))
            if known is not None and known.type != "PROGRAMME":
                continue
            start, end = run[0].start, run[-1].end
            out.append(Candidate(Entity("PROGRAMME", doc.text[start:end], start, end, source="trigger"), "trigger"))
        return out

    def _state_bodies(self, doc: Document, entities: list[Entity], tokens: list[Token]) -> list[Entity]:
        """A place with an organisation head word around it becomes that ORG."""
        starts = {t.start: i for i, t in enumerate(tokens)}
        ends = {t.end: i for i, t in enumerate(tokens)}
        out = []
        for ent in entities:
            if ent.type == "PLACE" and ent.start in starts and ent.end in ends:
                i, j = starts[ent.start], ends[ent.end]
                before = [word_key(t.text) for t in tokens[max(0, i - 5):i]]
                after = [word_key(t.text) for t in tokens[j + 1:j + 4]]
                n_before = max((n for n in range(1, len(before) + 1) if tuple(before[-n:]) in self.words["org_before"]),
                               default=0)
                n_after = max((n for n in range(1, len(after) + 1) if tuple(after[:n]) in self.words["org_after"]),
                              default=0)
                if n_before and _only_plural(tokens[i - n_before].text):
                    n_before = 0  # «руководителей управлений образования города Шымкент»: kinds of body
                if n_before or n_after:
                    start = tokens[i - n_before].start if n_before else ent.start
                    end = tokens[j + n_after].end if n_after else ent.end
                    out.append(Entity("ORG", doc.text[start:end], start, end, source="rule"))
                    continue
            out.append(ent)
        # A head may now overlap a model ORG that covered part of it: keep the longer.
        return resolve_overlaps([Candidate(e, e.source if e.source in PRIORITY else "model") for e in out])

    def _trigger_governs(self, words: list[str]) -> bool:
        """A trigger word heads the phrase that ends in the quoted name, after the last
        organisation word ('a project to develop a network of support schools "Otp"'); a
        legal form ('support from JSC NPCC "Orleu"') keeps it an organisation."""
        last_trigger = max((i for i, w in enumerate(words) if (w,) in self.triggers), default=None)
        if last_trigger is None:
            return False
        following = words[last_trigger + 1:]
        if following and all(w in self.words["list_introducers"] for w in following):
            return True  # "initiatives such as:", «проекты, в том числе»
        return any(w in self.words["org_generic"] for w in following) and \
            not any(w in _PUNCT_STOPS or w in self.words["org_legal_forms"] for w in following)

    def _ends_with_trigger(self, words: list[str]) -> bool:
        return any(tuple(words[len(words) - n:]) in self.triggers for n in range(1, len(words) + 1))

    def _starts_with_trigger(self, words: list[str]) -> bool:
        return any(tuple(words[:n]) in self.triggers for n in range(1, len(words) + 1))

    def _repeated_surnames(self, doc: Document, entities: list[Entity], tokens: list[Token]) -> list[Entity]:
        """Surname-only mentions the model missed ("Akhmetov said", "Бейсембаева")."""
        surnames = {}
        for ent in entities:
            if ent.type == "PERSON":
                for word in ent.text.split():
                    if _SURNAME.search(word) and len(word) > 3:
                        surnames[name_skeleton(word_key(word))] = ent
                        surnames[name_skeleton(word)] = ent
        if not surnames:
            return []
        covered = _covered_offsets(entities)
        found = []
        for k, tok in enumerate(tokens):
            if not _NAME_WORD.match(tok.text) or tok.start in covered:
                continue
            person = surnames.get(name_skeleton(tok.text)) or surnames.get(name_skeleton(word_key(tok.text)))
            if person is None:
                continue
            start = tok.start
            # '," Saltanat Mukanova noted.': the first name the model left out comes along
            before = tokens[k - 1] if k else None
            if before is not None and before.start not in covered and doc.text[before.end:tok.start] == " " and \
                    name_skeleton(before.text) in {name_skeleton(w) for w in person.text.split()[:-1]}:
                start = before.start
            found.append(Entity("PERSON", doc.text[start:tok.end], start, tok.end, source="rule"))
        return found

    # -- officials -----------------------------------------------------------------------
    def _mark_officials(self, doc: Document, entities: list[Entity], tokens: list[Token]) -> None:
        roles = self.roles.get(doc.lang, {"head": set(), "not_official": set()})
        by_start = {t.start: k for k, t in enumerate(tokens)}
        orgs = sorted((e for e in entities if e.type == "ORG"), key=lambda e: e.start)
        org_starts = [o.start for o in orgs]
        officials: list[Entity] = []
        full_names = _full_names_by_word(entities)
        for ent in entities:
            if ent.type != "PERSON":
                continue
            role = _role_before(doc, tokens, by_start.get(ent.start), roles) or \
                _role_after(doc, tokens, ent.end, roles)
            known = self.kb.lookup_person(ent.text)
            if known is not None and _namesake_in_text(ent, full_names, known, self.kb):
                known = None
            if role or known:
                ent.type = "OFFICIAL"
                if role is None and known is not None:
                    role = known.role_en if doc.lang == "en" else known.role_ru
                ent.role = role
                ent.org = _org_within(orgs, org_starts, ent, doc, role)
                officials.append(ent)
        # Every other mention of an official's name (surname only, inflected) is the official.
        official_words = [{name_skeleton(word_key(w)) for w in ent.text.split()} |
                          {name_skeleton(w) for w in ent.text.split()} for ent in officials]
        # Officials by the skeletons of their name words: a mention is checked against those
        # its first word may name, not against every official (quadratic on long texts).
        officials_by_word: dict[str, list[int]] = {}
        for k, names in enumerate(official_words):
            for name in names:
                officials_by_word.setdefault(name, []).append(k)
        for ent in entities:
            # the tagger sometimes calls a named official's later mention an organisation
            # ('"…," Talgat Zhunisbekov said.')
            if ent.type != "PERSON" and not (ent.type == "ORG" and ent.source == "model"):
                continue
            words = ent.text.split()
            if ent.type == "ORG" and not 2 <= len(words) <= 3:
                continue
            candidates = sorted({k for form in name_word_forms(words[0]) for k in officials_by_word.get(form, ())})
            for k in candidates:
                if all(name_word_forms(w) & official_words[k] for w in words):
                    official = officials[k]
                    ent.type, ent.role, ent.org = "OFFICIAL", official.role, official.org
                    break


# Between two items of a quoted list: the closing quote, an optional short "in <place>", a
# comma or a conjunction ('" in Aktobe region, "', '» и «').
_LIST_CONTINUATION = regex.compile(r"^[»\"”“]?[^\S\n]*(?:(?:in|в|во)[^\S\n]+[\p{L}-]+(?:[^\S\n]+[\p{L}-]+){0,3})?"
                                   r"[^\S\n]*(?:,|;|\band\b|\bи\b|,[^\S\n]*(?:and|и)\b)[^\S\n]*$")

# Lower-case words that may stand inside a Title Case programme name ("Smart Library for
# Rural Schools"), and how long such a name may be.
_NAME_FUNCTION_WORDS = {"for", "of", "and", "in", "on", "the", "to", "with"}
_NAME_DASHES = {"–", "—", "-"}
TITLE_CASE_NAME_WORDS = 7


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
        if _TITLE_WORD.match(word) and (word_key(word),) not in triggers:
            j -= 1
            start = j
        elif word.lower() in _NAME_FUNCTION_WORDS and j < trigger_at:
            j -= 1
        else:
            break
    return start


def _full_names_by_word(entities: list[Entity]) -> dict[str, list[Entity]]:
    """Entities of more than one word, by the skeleton of each of their words."""
    found: dict[str, list[Entity]] = {}
    for ent in entities:
        if " " in ent.text.strip():
            for word in ent.text.split():
                found.setdefault(name_skeleton(word_key(word)), []).append(ent)
    return found


def _namesake_in_text(ent: Entity, full_names: dict[str, list[Entity]], known, kb: KnowledgeBase) -> bool:
    """A surname alone that the KB knows as an official's, while the article names someone
    else of that surname in full ("teacher Yerzhan Saparov … Saparov said"): the namesake,
    not the official. `full_names`: `_full_names_by_word` of the article's entities."""
    if " " in ent.text.strip():
        return False
    surname = name_skeleton(word_key(ent.text))
    return any(other is not ent and other.type == "PERSON" and kb.lookup_person(other.text) is not known
               for other in full_names.get(surname, ()))


_LATIN_NAME_WORD = regex.compile(r"^[A-Za-z][A-Za-z\d'’-]*$")
_KAZAKH_NAME_WORD = regex.compile(r"^\p{Cyrillic}[\p{Cyrillic}-]*$")
_KAZAKH_LETTER = regex.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")


def morph_analyzer_known(word: str) -> bool:
    """Whether pymorphy3's dictionary holds the word (a Russian word, not a Kazakh one)."""
    return morph_analyzer().word_is_known(word.lower())


_RU_SURNAME_FORM = regex.compile(r"(?:[оеё]в|ин|[сц]к)(?:а|у|ым|ом|е|ой|ую|ий|ая|ого|ому|им)?$")
_GLOSSED_NAME = regex.compile(r"(?P<name>[^()]+?)[^\S\n]*\((?P<gloss>[^()\n]{2,60})\)")


def _split_glossed_names(text: str, spans, mapping: dict):
    """A person's name with its spelling in the other script in brackets, taken by the tagger
    as one span («Джошуа Вольфа (Joshua Wolf)»), is two mentions: the name and its gloss."""
    for span in spans:
        m = _GLOSSED_NAME.fullmatch(text, span.start, span.end) \
            if (mapping.get(span.label) or span.label) == "PERSON" and text[span.end - 1:span.end] == ")" else None
        if m is None or _CYRILLIC.search(m.group("name")) is None or _CYRILLIC.search(m.group("gloss")) \
                or not all(_NAME_WORD.match(w) for w in m.group("gloss").split()):
            yield span
            continue
        yield type(span)(span.start, m.end("name"), span.label)
        yield type(span)(m.start("gloss"), m.end("gloss"), span.label)


_BULLET = regex.compile(r"•")


def _split_at_bullets(text: str, spans):
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


def resolve_overlaps(candidates: list[Candidate]) -> list[Entity]:
    # Trigger and context-rule spans are exact by construction; the rest: longest first.
    ordered = sorted(candidates, key=lambda c: (c.origin not in ("trigger", "rule"), -c.length,
                                                -PRIORITY[c.origin], c.entity.start))
    kept: list[Entity] = []
    taken: set[int] = set()  # offsets covered by kept spans: linear, where pairwise checks are not
    for cand in ordered:
        e = cand.entity
        if any(i in taken for i in range(e.start, e.end)):
            continue
        kept.append(e)
        taken.update(range(e.start, e.end))
    return kept


# "named after Sh. Yesenov", «имени Абая Кунанбаева», «им. Ы. Алтынсарина»: initials and up to
# two capitalised name words.
_NAMED_AFTER = regex.compile(
    r"\s+(?:named\s+after|имени|им\.)\s+(?:\p{Lu}\p{Ll}?\.\s?){0,2}\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?")
_WORD_SPANS = regex.compile(r"[\p{L}][\p{L}'’.-]*")
_WORD_BEFORE = regex.compile(r"([\p{L}][\p{L}-]*)\s+$")


def _is_common_noun(word: str) -> bool:
    """A Russian word pymorphy3 knows, whose readings hold no first name, surname or
    patronymic («Девятиклассник», «Психолог»)."""
    if not morph_analyzer().word_is_known(word):
        return False
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(p.tag.grammemes) for p in morph_parse(word))


def _pos_at(doc: Document, offset: int) -> str | None:
    at = _first_token_from(doc.tokens, offset)
    return doc.tokens[at].pos if at < len(doc.tokens) and doc.tokens[at].start == offset else None


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


def _numbered_windows(doc: Document) -> list[tuple[int, int]]:
    """Only the sentences holding a "No."/«№» number are parsed (see DOMAIN_CONTEXT_SENTENCES)."""
    numbers = [m.span() for m in _NUMBERED.finditer(doc.analysis_text)]
    return sentence_windows(doc, numbers, DOMAIN_CONTEXT_SENTENCES) if numbers else []


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


def _covered_offsets(entities: list[Entity]) -> set[int]:
    return {i for e in entities for i in range(e.start, e.end)}


def _is_word(text: str) -> bool:
    return _WORD.match(text) is not None


@lru_cache(maxsize=20_000)
def _only_plural(word: str) -> bool:
    """A Russian word every pymorphy3 reading of which is plural («управлений», «акиматов»)."""
    return bool(_CYRILLIC.search(word)) and all("plur" in p.tag for p in morph_parse(word.lower()))


@lru_cache(maxsize=50_000)
def _is_plural(word: str) -> bool:
    if _CYRILLIC.search(word):
        return "plur" in morph_parse(word)[0].tag
    return word.lower().endswith("s")


def _is_sentence_start(doc: Document, token: Token) -> bool:
    sentence = doc.sentence_at(token.start)
    return sentence is not None and sentence.start == token.start


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
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
            not _CYRILLIC.search(text, max(0, start - 30), start):
        start += 4
    # "SDU - 4", "University - 3)", "Enbekshi Dikhan and": list debris at the end of a span.
    tail = _SPAN_TAIL.search(text, start, end)
    if tail and tail.start() > start:
        end = tail.start()
    return start, end


_ENDS_WITH_INITIAL = regex.compile(r"(?:^|[\s.])\p{Lu}$")
# a dash with a space on one side at least: "SDU - 4", not "G-20"
_SPAN_TAIL = regex.compile(r"(?:(?:\s+[-–—]\s*|\s*[-–—]\s+)\d+\)?|\s+(?:and|or|of|the|и|или))+$")


def _first_token_from(tokens: list[Token], offset: int) -> int:
    """Index of the first token starting at or after `offset` (tokens are in text order)."""
    lo, hi = 0, len(tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if tokens[mid].start < offset:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _words_before(tokens: list[Token], offset: int, n: int) -> list[str]:
    at = _first_token_from(tokens, offset)
    prior = [t for t in tokens[max(0, at - n - 1):at] if t.end <= offset][-n:]
    return [word_key(t.text) for t in prior]


def _words_after(tokens: list[Token], offset: int, n: int) -> list[str]:
    at = _first_token_from(tokens, offset)
    return [word_key(t.text) for t in tokens[at:at + n]]


def _find_role(keys: list[str], heads: set) -> int | None:
    """Index of the first word of the left-most role head in `keys`, if any."""
    for i in range(len(keys)):
        for head in heads:
            if tuple(keys[i:i + len(head)]) == head:
                return i
    return None


def _role_before(doc, tokens, index, roles) -> str | None:
    """A role phrase in the same clause right before the name ("Vice Minister X")."""
    if index is None:
        return None
    window: list[Token] = []
    k = index - 1
    while k >= 0 and len(window) < 14:
        tok = tokens[k]
        if "\n" in doc.text[tok.end:(window[0] if window else tokens[index]).start]:
            break  # a role phrase does not run over a line (the headline before it)
        opening = _quoted_name_start(tokens, k) if tok.text in _CLOSING_QUOTES else None
        if opening is None and tok.text == ")":
            opening = _gloss_start(tokens, k)  # "The Akim (Mayor) of Shymkent, …": a gloss inside the role
        if opening is not None:
            # «председатель правления АО «Центр международных программ» Айгерим Сагадиева»:
            # a quoted name inside the role phrase
            window[:0] = tokens[opening:k + 1]
            k = opening - 1
            continue
        if tok.text in _PUNCT_STOPS or tok.pos in _CLAUSE_VERBS or tok.text in (",", "—", "–") and window:
            break
        window.insert(0, tok)
        k -= 1
    keys = [word_key(t.text) for t in window]
    at = _find_role(keys, roles["head"])
    if at is None or _cancelled(keys, at, roles):
        return None
    if at > 0 and (keys[at - 1],) in roles.get("not_official_before", ()):
        return None  # "Its director Gulmira Aitkulova": an institution's post, no office
    span = window[at:]
    while span and span[-1].text in (",", "—", "–"):
        span = span[:-1]
    return doc.text[span[0].start:span[-1].end] if span else None


GLOSS_TOKENS = 4


def _gloss_start(tokens, close: int) -> int | None:
    """Index of the "(" opening a short bracketed gloss of words that `tokens[close]` closes."""
    for k in range(close - 1, max(-1, close - GLOSS_TOKENS - 2), -1):
        if tokens[k].text == "(":
            return k if k < close - 1 else None
        if not tokens[k].text[:1].isalpha():
            return None
    return None


_CLOSING_QUOTES = {"»", "”", "\""}
_OPENING_QUOTES = {"«", "“", "„", "\""}
QUOTED_NAME_TOKENS = 8


def _quoted_name_start(tokens, close: int) -> int | None:
    """Index of the quote opening the short quoted name that `tokens[close]` closes."""
    for k in range(close - 1, max(-1, close - QUOTED_NAME_TOKENS - 2), -1):
        if tokens[k].text in _OPENING_QUOTES:
            return k if k < close - 1 else None
        if tokens[k].text in _PUNCT_STOPS:
            return None
    return None


def _cancelled(keys: list[str], at: int, roles) -> bool:
    """A role phrase that names no office: an institution word anywhere in it ("director of
    school No. 5"), or a person word right at its head ("head teacher"); a person word deeper
    in it belongs to a body's name ("Director of the Department of Teacher Education")."""
    def found(words, lo, hi):
        return any(tuple(keys[i:i + len(w)]) == w for w in words for i in range(lo, hi))
    near = at + ROLE_HEAD_NEAR_WORDS + 1
    return found(roles["not_official"], 0, len(keys)) or found(roles.get("not_official_near", ()), 0, min(near, len(keys)))


# How many words of a role phrase may stand between its head and the name ("Deputy Akim of
# East Kazakhstan region Saltanat Mukanova").
ROLE_PHRASE_WORDS = 12
# A person word this close after the role's first word cancels it ("head teacher").
ROLE_HEAD_NEAR_WORDS = 2


def _role_after(doc, tokens, end, roles) -> str | None:
    """An apposition right after the name ("X, Vice Minister of Education of ...")."""
    at = _first_token_from(tokens, end)
    following = tokens[at:at + 30]
    if not following or following[0].text not in (",", "—", "–", "("):
        return None
    phrase: list[Token] = []
    for tok in following[1:]:
        if tok.text in _PUNCT_STOPS or tok.text == "," and phrase and phrase[-1].pos == "NOUN" and len(phrase) > 6:
            break
        if tok.pos in _CLAUSE_VERBS:
            break
        phrase.append(tok)
    keys = [word_key(t.text) for t in phrase]
    at = _find_role(keys[:4], roles["head"])
    if at is None or _cancelled(keys, at, roles):
        return None
    span = phrase[at:]
    while span and span[-1].text in (",", "—", "–", "of", "the"):
        span = span[:-1]
    return doc.text[span[0].start:span[-1].end] if span else None


def _org_within(orgs: list[Entity], org_starts: list[int], person: Entity, doc: Document,
                role: str | None) -> str | None:
    """The organisation named inside the person's role phrase, if any (orgs sorted by start)."""
    if not role:
        return None
    where = doc.text.find(role, max(0, person.start - 300))
    if where < 0:
        return None
    first = bisect.bisect_left(org_starts, where)
    for org in orgs[first:]:
        if org.start >= where + len(role):
            break
        if org.end <= where + len(role):
            return org.text
    return None
