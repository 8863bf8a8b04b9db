"""programme (ANNOTATION.md, Claims): 1. the clause names it or refers back to it;
2. topic — the one programme of the lead, for the figures about that programme's own things."""

from __future__ import annotations

from functools import cached_property

from ..document import Entity
from ..knowledge import KnowledgeBase, phrase_key, phrase_key_for
from .context import Article, Figure
from .structure import Bound

# The lead sentences that name the topic programme: the headline and the first sentence. A
# long first paragraph (or one whose line breaks were lost) goes on to list other things.
TOPIC_LEAD_SENTENCES = 2
# How far back ("The project includes 50 schools") a reference looks in its paragraph first.
PROGRAMME_LOOKBACK_SENTENCES = 3


class ProgrammeBinder:
    key = "programme"

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @cached_property
    def names(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Programme names of two words or more by their first word key: found in any case
        and inflection ("41 comfortable schools", «комфортных школ»)."""
        return self._names_keyed_by(phrase_key)

    def names_for(self, lang: str | None) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """`names` in the word keys of `lang` (knowledge.phrase_key_for: Kazakh lemmas)."""
        key_of = phrase_key_for(lang)
        if key_of is phrase_key:
            return self.names
        by_lang = self.__dict__.setdefault("_names_by_lang", {})
        if lang not in by_lang:
            by_lang[lang] = self._names_keyed_by(key_of)
        return by_lang[lang]

    def _names_keyed_by(self, key_of) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entry in self.kb.entries.values():
            if entry.type == "PROGRAMME":
                for key in {key_of(name) for name in entry.names}:
                    if len(key) >= 2:
                        names.setdefault(key[0], []).append((key, entry.id))
        return names

    def prepare(self, article: Article) -> None:
        """Topic: the lead names exactly one programme (by entity or by its name in lower case)."""
        structure, index = article.structure, article.index
        found: dict[str, tuple[int, int]] = {}
        for at in structure.lead[:TOPIC_LEAD_SENTENCES]:
            for e in index.of_type(at, "PROGRAMME"):
                found.setdefault(e.id, (e.start, e.end))
            named = self._named_in_words(index, at)
            if named is not None:
                found.setdefault(named[0], named[1:])
        if len(found) == 1:
            (programme, (start, end)), = found.items()
            structure.topic_programme = Bound(programme, "topic", start, end)
            article.per_sentence["off_topic"] = self._off_topic(article)

    @staticmethod
    def _off_topic(article: Article) -> set[int]:
        """Sentences about something other than the topic programme's own things: from a
        sentence that turns to a particular person (a named teacher, a director: PERSON, not
        an official) or a particular institution ("school No. 12", «школа-лицей № 2»:
        `particular_institution`) to the end of its paragraph — their story, not the
        programme's. The lead is the programme's."""
        structure, index = article.structure, article.index
        pattern = article.cues["particular_institution"].get(article.lang)
        text = article.doc.analysis_text
        off: set[int] = set()
        for at, sentence in enumerate(article.doc.sentences):
            if at in structure.lead:
                continue
            if off and at - 1 in off and index.same_paragraph(at - 1, at):
                off.add(at)
                continue
            if index.of_type(at, "PERSON") or (
                    pattern is not None and pattern.search(text, sentence.start, sentence.end)):
                off.add(at)
        return off

    def __call__(self, article: Article, figure: Figure) -> Bound | None:
        named = _nearest(figure.clause("PROGRAMME"), figure.offset)
        if named is not None:
            return Bound(named.id, "clause", named.start, named.end)
        if figure.at is None:
            return None
        in_words = self._named_in_words(article.index, figure.at)
        if in_words is not None:
            return Bound(in_words[0], "clause", in_words[1], in_words[2])
        if article.cue("programme_anaphora", figure.words) is not None:
            prior = self._referred(article, figure.at)
            if prior is not None:
                return Bound(prior.id, "back-reference", prior.start, prior.end)
        return self._topic(article, figure)

    def _named_in_words(self, index, at: int) -> tuple[str, int, int] | None:
        keys = [k for k, _ in index.keys(at)]
        names = self.names_for(index.doc.lang)
        for i, first in enumerate(keys):
            for key, programme in names.get(first, ()):
                if tuple(keys[i:i + len(key)]) == key:
                    return (programme, *index.word_span(at, i, i + len(key)))
        return None

    @staticmethod
    def _referred(article: Article, at: int) -> Entity | None:
        """The programme a reference back ("the project", «в рамках проекта») means: the one
        of the sentences just before in the paragraph, else the last one named before."""
        index = article.index
        prior = at - 1
        while prior >= 0 and at - prior <= PROGRAMME_LOOKBACK_SENTENCES and index.same_paragraph(prior, prior + 1):
            programmes = index.of_type(prior, "PROGRAMME")
            if programmes:
                return programmes[-1] if len({e.id for e in programmes}) == 1 else None
            prior -= 1
        for prior in range(at - 1, -1, -1):
            programmes = index.of_type(prior, "PROGRAMME")
            if programmes:
                return programmes[-1]
        return None

    @staticmethod
    def _topic(article: Article, figure: Figure) -> Bound | None:
        """The lead's one programme, for a figure of the programme's own story: not background,
        not a country-wide statistic, not the context the programme answers (a deficit,
        overcrowding: `topic_context` cues)."""
        topic, structure = article.structure.topic_programme, article.structure
        if topic is None or structure.in_background(figure.at) or \
                figure.at in article.per_sentence.get("off_topic", ()):
            return None
        if article.cue("country_wide", figure.words) is not None or article.cue("topic_context", figure.words):
            return None
        return topic


def _nearest(entities: list[Entity], offset: int) -> Entity | None:
    found = [e for e in entities if e.type == "PROGRAMME" and e.id]
    return min(found, key=lambda e: abs(e.start - offset)) if found else None
