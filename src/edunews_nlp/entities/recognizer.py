"""The entities stage: `EntityRecognizer` gathers the candidates of every source, merges
them (`candidates.resolve_overlaps`), repairs the spans and marks the officials.

Sources, in this order: programme names by trigger words (programmes.py), unquoted names
after a trigger and names after a role phrase where the language's reader has them
(russian.py, english.py), the KB gazetteer (gazetteer.py), places by context and in
apposition (places.py), institutions by their grammar (institutions.py), the model NER
(model.py). Its word lists (data/entity_words.yaml, roles.yaml, programme_triggers.yaml)
are read once per recogniser. A language in `LANGUAGE_RECOGNIZERS` has a recogniser of its
own (Kazakh: kazakh.py).
"""

from __future__ import annotations

from functools import cached_property

from .. import datafiles
from ..document import Document, Entity, Token
from ..knowledge import KnowledgeBase, default_kb, phrase_key, word_key
from .candidates import Candidate, resolve_overlaps
from .filters import EntityFilter
from .gazetteer import gazetteer
from .institutions import named_after, numbered_by_grammar, numbered_institutions, numbered_windows
from .languages import LANGUAGE_RECOGNIZERS, reader
from .model import model_entities
from .officials import mark_officials, repeated_surnames
from .places import places_by_context, places_in_apposition, state_bodies
from .programmes import programmes_by_trigger
from .spans import (OrgJoiner, complete_adjective_endings, cut_at_line_breaks, extend_by_genitive_qualifier,
                    extend_over_coordinated_complement, merge_adjacent_persons, merge_org_of_place,
                    one_type_per_name, split_bracketed_abbreviations)
from .text import key_sequences, merge_hyphenated


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
        return {lang: {k: key_sequences(v) for k, v in parts.items()} for lang, parts in data.items()}

    @cached_property
    def triggers(self) -> set[tuple[str, ...]]:
        return set().union(*(key_sequences(v) for v in datafiles.load("programme_triggers.yaml").values()))

    @cached_property
    def words(self) -> dict:
        data = datafiles.load("entity_words.yaml")
        return {
            "generic_place": {w for ws in data["generic_place_words"].values() for w in ws},
            "generic_place_keys": {word_key(w) for ws in data["generic_place_words"].values() for w in ws},
            "not_entities": set().union(*(key_sequences(v) for v in data["not_entities"].values())),
            "org_before": set().union(*(key_sequences(v) for v in data["org_heads_before_place"].values())),
            "org_after": set().union(*(key_sequences(v) for v in data["org_heads_after_place"].values())),
            "event_heads": {word_key(w) for ws in data["event_heads"].values() for w in ws},
            "programme_generic": {word_key(w) for ws in data["programme_generic_words"].values() for w in ws},
            "org_generic": {word_key(w) for ws in data["org_generic_words"].values() for w in ws},
            "org_legal_forms": {word_key(w) for ws in data["org_legal_forms"].values() for w in ws},
            # «село Шаян» / «с. Шаян»: an abbreviation ("с.") counts only with its dot (bare «с» is "with")
            "place_before": {phrase_key(w) for ws in data["place_words_before_name"].values() for w in ws
                             if not w.endswith(".")},
            "place_before_abbreviated": {phrase_key(w) for ws in data["place_words_before_name"].values() for w in ws
                                         if w.endswith(".")},
            "place_after": set().union(*(key_sequences(v) for v in data["place_words_after_name"].values())),
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
        entities = self._repaired(doc, resolve_overlaps(self._candidates(doc, tokens, words)), tokens)
        mark_officials(self, doc, entities, tokens)
        doc.entities = sorted(entities, key=lambda e: (e.start, e.end))

    def _candidates(self, doc: Document, tokens: list[Token], words: list[Token]) -> list[Candidate]:
        """Every source's candidates, in the order that breaks ties between equal spans."""
        language = reader(doc.lang)
        return (
            programmes_by_trigger(self, doc, tokens)
            + language.names_after_trigger(self, doc, words)
            + gazetteer(self, doc, words)
            + places_by_context(self, doc, words)
            + language.names_after_roles(self, doc, tokens)
            + numbered_by_grammar(doc)
            + places_in_apposition(doc)
            + model_entities(self, doc)
        )

    def _repaired(self, doc: Document, entities: list[Entity], tokens: list[Token]) -> list[Entity]:
        """The merged candidates with bodies, names and edges repaired (spans.py, filters.py)."""
        entities = merge_org_of_place(doc, entities)
        entities = state_bodies(self, doc, entities, tokens)
        entities = merge_adjacent_persons(doc, entities)
        entities = named_after(doc, entities)
        entities = self.join_orgs(doc, entities)
        entities += numbered_institutions(self, doc, entities)
        entities = cut_at_line_breaks(doc, entities, self.words["joining"])
        entities = split_bracketed_abbreviations(self.entity_filter(doc, entities))
        entities += repeated_surnames(doc, entities, tokens)
        entities = merge_adjacent_persons(doc, entities)  # "Nurpeisova" (a repeated surname) + "Gulzhanar …"
        entities = extend_over_coordinated_complement(doc, complete_adjective_endings(entities, tokens))
        return one_type_per_name(extend_by_genitive_qualifier(entities, tokens, self.words["org_heads"]))

    # -- what the sources share ----------------------------------------------------------
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

    def kb_match(self, key):
        """The KB's place, body or programme of word key `key`, if any."""
        for entry in self.kb.by_key.get(key, ()):
            if entry.type in ("PLACE", "ORG", "PROGRAMME"):
                return entry
        return None

    def is_place_word(self, word: str) -> bool:
        return any(entry.type == "PLACE" for entry in self.kb.by_key.get((word_key(word),), ()))

    @cached_property
    def domain_model(self):
        from ..domain_model import DomainNER

        return DomainNER()

    def prefetch(self, docs: list[Document]) -> None:
        """Parse the numbered-institution windows of a batch of documents (one language) in
        one call of the domain model, before each document's own call."""
        windows = [doc.analysis_text[s:e] for doc in docs for s, e in numbered_windows(doc)]
        if docs and self.domain_model.available(docs[0].lang):
            self.domain_model.prefetch(docs[0].lang, windows)
