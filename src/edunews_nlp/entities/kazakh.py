"""Entities of Kazakh text: the Kazakh NER's spans, the KB by Kazakh word keys, places and
bodies by their generic words, quoted programme names, officials by the model's POSITION.

Registered for "kk" in languages.LANGUAGE_RECOGNIZERS: the entities stage hands a kk document
to `KazakhEntityRecognizer`. Its candidates are merged as the other languages' are
(candidates.resolve_overlaps: rules and triggers first, then the longest span):

- the model (models/kazakh_ner): PERSON, PLACE (GPE, LOCATION), ORG, PROGRAMME (PROJECT),
  mapped with ner_labels.yaml's kk list;
- the KB gazetteer on Kazakh word keys (`KnowledgeBase.for_language("kk")`): «Түркістан
  облысындағы» is the KB's «Түркістан облысы»;
- a capitalised name before a generic place word (data/kk_entities.yaml), the place's span
  taking the generic word as ANNOTATION.md asks: «Ұланбел ауылында»;
- a quoted name next to a programme word («Жайлы мектеп» ұлттық жобасы) or known to the KB as
  a programme;
- a place followed by a body's words is that body, an ORG («Түркістан облысы білім
  басқармасының»).

A PERSON with a POSITION right before it (or after it, a comma between) is an OFFICIAL whose
role is the POSITION's text (kazakh_ner.pair_officials); a name the KB knows as an official's
is one too.
"""

from __future__ import annotations

from functools import cached_property

import regex

from .. import datafiles
from ..document import Document, Entity, Token
from ..kazakh import kazakh_word_form, kazakh_word_key, suffix_rules
from ..kazakh_ner import ROLE_CLASS, pair_officials
from ..knowledge import KnowledgeBase, default_kb, phrase_key_for
from .candidates import Candidate, resolve_overlaps
from .text import NAME_WORD, QUOTED, TITLE_WORD, is_word, merge_hyphenated, trim

# How many words a generic word or a programme word may stand from the quoted name.
QUOTE_REACH_WORDS = 2
# Capitalised words a place name before its generic word may have («Солтүстік Қазақстан облысы»).
PLACE_NAME_WORDS = 2


class KazakhEntityRecognizer:
    """Callable: fills `doc.entities` of a Kazakh document."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self._kb = kb

    @cached_property
    def kb(self) -> KnowledgeBase:
        return (self._kb or default_kb()).for_language("kk")

    @cached_property
    def labels(self) -> dict:
        return datafiles.load("ner_labels.yaml")["kk"]

    @cached_property
    def words(self) -> dict:
        key = phrase_key_for("kk")
        data = datafiles.load("kk_entities.yaml")
        triggers = data["programme_triggers"] + (datafiles.load("programme_triggers.yaml").get("kk") or [])
        return {
            "place_after": {key(w) for w in data["place_words_after_name"]},
            "org_after": {key(w) for w in data["org_heads_after_place"]},
            "triggers": {key(w) for w in triggers},
            "org_around_quote": {key(w) for w in data["org_words_around_quote"]},
            "not_entities": {key(w) for w in data["not_entities"]},
            "role_heads": {key(w) for w in data["role_heads"]},
            "not_official": {k for w in data["not_official_in_role"] for k in key(w)},
            "body_heads": {kazakh_word_key(w) for w in data["body_heads"]},
            "body_reach": int(data["body_words_after_place"]),
            "abbreviations": {kazakh_word_key(w) for w in data["not_name_abbreviations"]},
            "common": {kazakh_word_key(w) for w in data["common_words"]} | suffix_rules().stems,
        }

    @cached_property
    def units(self) -> list:
        """units.yaml's unit words written after a number («АЕК», «теңге»): no names."""
        return [regex.compile(p, regex.IGNORECASE) for unit in datafiles.load("units.yaml")["units"].values()
                for p in unit.get("after") or ()]

    def _no_name(self, entity: Entity) -> bool:
        """A span that names nothing: it starts with a digit («500-і ауыл»), is an abbreviation
        of a unit, an exam or a generic body, a case ending after a hyphen or not («АЕК-ке»,
        «ҰБТ-ға», «BAQ-ta»), or is one common word the model took for a name («Әрбір»,
        «Депутаттың»)."""
        text = entity.text
        if text[:1].isdigit():
            return True
        first = text.split()[0]
        base = first.split("-")[0]
        if kazakh_word_key(base) in self.words["abbreviations"] or any(p.fullmatch(base) for p in self.units):
            return True
        return entity.source == "model" and " " not in text and kazakh_word_key(text) in self.words["common"]

    def __call__(self, doc: Document) -> None:
        tokens = [t for t in doc.tokens if not doc.is_masked(t.start, t.end)] if doc.masked else doc.tokens
        words = merge_hyphenated(doc.text, tokens)
        keys = [kazakh_word_key(t.text) if is_word(t.text) else None for t in words]
        candidates = (self._quoted_names(doc, words, keys) + self._gazetteer(doc, words, keys)
                      + self._places_by_generic_word(doc, words, keys) + self._model_entities(doc))
        candidates = [c for c in candidates if not self._no_name(c.entity)]
        entities = self._bodies_of_places(doc, resolve_overlaps(candidates), words, keys)
        entities = self._mark_officials(doc, entities, words, keys)
        doc.entities = sorted(entities, key=lambda e: (e.start, e.end))

    # -- sources ---------------------------------------------------------------------------
    def _model_entities(self, doc: Document) -> list[Candidate]:
        out = []
        for span in doc.model_spans:
            type_ = self.labels.get(span.label)
            if type_ is None or doc.is_masked(span.start, span.end):
                continue
            start, end = trim(doc.text, span.start, span.end)
            text = doc.text[start:end]
            if end - start < 2 or not text[:1].isupper() or phrase_key_for("kk")(text) in self.words["not_entities"]:
                continue
            if type_ == "PERSON" and not all(NAME_WORD.match(w) for w in text.split()):
                continue
            out.append(Candidate(Entity(type_, text, start, end, source="model"), "model"))
        return out

    def _gazetteer(self, doc: Document, words: list[Token], keys: list) -> list[Candidate]:
        """Longest KB alias matches on Kazakh word keys, starting on a capitalised word."""
        out, i = [], 0
        while i < len(words):
            longest = self.kb.longest_from.get(keys[i], 0) if keys[i] is not None else 0
            if not longest or not TITLE_WORD.match(words[i].text):
                i += 1
                continue
            for n in range(min(longest, len(words) - i), 0, -1):
                window = tuple(keys[i:i + n])
                entry = None if None in window else next(
                    (e for e in self.kb.by_key.get(window, ()) if e.type in ("PLACE", "ORG", "PROGRAMME")), None)
                if entry is not None:
                    start, end = words[i].start, words[i + n - 1].end
                    out.append(Candidate(Entity(entry.type, doc.text[start:end], start, end, id=entry.id,
                                                canonical=entry.canonical, source="gazetteer"), "gazetteer"))
                    i += n - 1
                    break
            i += 1
        return out

    def _places_by_generic_word(self, doc: Document, words: list[Token], keys: list) -> list[Candidate]:
        """One or two capitalised words before a generic place word: «Ұланбел ауылында»."""
        out = []
        for k in range(1, len(words)):
            for n in (2, 1):
                if tuple(keys[k:k + n]) not in self.words["place_after"] or not _is_name(words, k - 1):
                    continue
                first = k - 1
                while first > 0 and k - first < PLACE_NAME_WORDS and _is_name(words, first - 1) \
                        and not _sentence_start(doc, words[first - 1]):
                    first -= 1
                if first == k - 1 and _sentence_start(doc, words[first]) and keys[first] not in self.kb.longest_from:
                    break  # a capitalised common word opening a sentence
                # a plural generic word is shared by a list («Ордабасы және Сауран аудандарында»):
                # each name is bare (ANNOTATION.md)
                last = k if _plural(words[k + n - 1].text, keys[k + n - 1]) else k + n
                start, end = words[first].start, words[last - 1].end
                out.append(Candidate(Entity("PLACE", doc.text[start:end], start, end, source="rule"), "rule"))
                break
        return out

    def _quoted_names(self, doc: Document, words: list[Token], keys: list) -> list[Candidate]:
        """«…» with a programme word right after (or before) it, or a programme the KB knows:
        a PROGRAMME, the name without its quotes; with an organisation word instead, an ORG."""
        out = []
        starts = {t.start: i for i, t in enumerate(words)}
        ends = {t.end: i for i, t in enumerate(words)}
        for m in QUOTED.finditer(doc.analysis_text):
            start, end = trim(doc.text, m.start(1), m.end(1))
            if end <= start:
                continue
            after = _index_from(words, m.end(), starts)
            before = _index_to(words, m.start(), ends)
            following = [tuple(keys[after:after + n]) for n in (1, 2)] if after is not None else []
            preceding = [tuple(keys[max(0, before - n + 1):before + 1]) for n in (1, 2)] if before is not None else []
            known = next((e for e in self.kb.by_key.get(phrase_key_for("kk")(doc.text[start:end]), ())
                          if e.type == "PROGRAMME"), None)
            # the generic word after the name decides («Жайлы мектеп» жобасы), then the KB, then the word before
            if any(a in self.words["triggers"] for a in following):
                type_ = "PROGRAMME"
            elif any(a in self.words["org_around_quote"] for a in following):
                type_ = "ORG"
            elif known is not None or any(a in self.words["triggers"] for a in preceding):
                type_ = "PROGRAMME"
            elif any(a in self.words["org_around_quote"] for a in preceding):
                type_ = "ORG"
            else:
                continue
            out.append(Candidate(Entity(type_, doc.text[start:end], start, end,
                                        id=known.id if known and type_ == "PROGRAMME" else None,
                                        canonical=known.canonical if known and type_ == "PROGRAMME" else None,
                                        source="trigger"), "trigger"))
        return out

    def _bodies_of_places(self, doc: Document, entities: list[Entity], words: list[Token], keys: list) -> list[Entity]:
        """A place followed by a body's words is that body: an ORG over both."""
        ends = {t.end: i for i, t in enumerate(words)}
        out = []
        for ent in entities:
            j = ends.get(ent.end)
            if ent.type == "PLACE" and j is not None:
                n = max((n for n in (1, 2, 3, 4, 5) if tuple(keys[j + 1:j + 1 + n]) in self.words["org_after"]),
                        default=0)
                n = n or self._body_by_field(doc, ent, words, keys, j)
                if n:
                    end = words[j + n].end
                    out.append(Entity("ORG", doc.text[ent.start:end], ent.start, end, source="rule"))
                    continue
            out.append(ent)
        return resolve_overlaps([Candidate(e, e.source if e.source in ("model", "gazetteer", "rule") else "trigger")
                                 for e in out])

    def _body_by_field(self, doc: Document, place: Entity, words: list[Token], keys: list, j: int) -> int:
        """How many words after word `j` (a place's last word in the genitive or «облысы») make
        up a body of that place named by its field: lower-case words up to a body's head word
        («Қостанай облысының ауыл шаруашылығы басқармасының»); 0 when none does."""
        if not _GENITIVE_OR_POSSESSIVE.search(kazakh_word_form(words[j].text)):
            return 0
        for n in range(1, self.words["body_reach"] + 1):
            at = j + n
            if at >= len(words) or keys[at] is None or not words[at].text.isalpha() \
                    or words[at].text[:1].isupper() or not doc.text[words[at - 1].end:words[at].start].isspace():
                return 0
            if keys[at] in self.words["body_heads"]:
                return n
        return 0

    # -- officials -------------------------------------------------------------------------
    def _mark_officials(self, doc: Document, entities: list[Entity], words: list[Token], keys: list) -> list[Entity]:
        """PERSONs with a post become OFFICIALs: the model's POSITION next to the name, a post
        word right before it (role_heads), or a name the KB knows as an official's. A span
        ending in a post word right before a name is that post, no ORG or PLACE."""
        persons = [e for e in entities if e.type == "PERSON"]
        roles = [s for s in doc.model_spans if s.label == ROLE_CLASS and not doc.is_masked(s.start, s.end)]
        spans = [(e.start, e.end, "PERSON") for e in persons] + [(s.start, s.end, s.label) for s in roles]
        role_of = {person[:2]: (doc.text[role[0]:role[1]], role[0]) for person, role in pair_officials(doc.text, spans)}
        starts = {t.start: i for i, t in enumerate(words)}
        titles: list[Entity] = []
        for ent in persons:
            if (ent.start, ent.end) not in role_of and ent.start in starts:
                found = self._post_before(doc, entities, words, keys, starts[ent.start])
                if found is not None:
                    role, title = found
                    role_of[ent.start, ent.end] = role
                    titles += [title] if title is not None else []
        places = [place for place in (self._place_in_title(doc, title, role_of) for title in titles) if place]
        base_kb = self._kb or default_kb()
        for ent in persons:
            role = role_of.get((ent.start, ent.end))
            if role is not None and self._cancelled(role[0]):
                role = None
            known = base_kb.lookup_person(name_base(ent.text))
            if role is None and known is None:
                continue
            ent.type = "OFFICIAL"
            ent.role = role[0] if role else known.role_ru
        return sorted([e for e in entities if not any(e is t for t in titles)] + places, key=lambda e: e.start)

    def _place_in_title(self, doc: Document, title: Entity, role_of: dict) -> Entity | None:
        """The place a post's span starts with («Бурабай ауданының» of «Бурабай ауданының
        әкімі»): the words before the post word, when they end in a generic place word."""
        head_start = next((start for text, start in role_of.values() if start == title.start), None)
        if head_start is None:
            return None
        words = title.text.split()
        for n in range(len(words) - 1, 0, -1):
            if tuple(phrase_key_for("kk")(words[n - 1])) in self.words["place_after"] and \
                    tuple(phrase_key_for("kk")(" ".join(words[n:]))) in self.words["role_heads"]:
                end = title.start + len(" ".join(words[:n]))
                return Entity("PLACE", doc.text[title.start:end], title.start, end, source="rule")
        return None

    def _post_before(self, doc: Document, entities: list[Entity], words: list[Token], keys: list, at: int):
        """((role text, start), the entity the role swallowed or None) when a post word stands
        right before word `at`; the role runs back over an entity ending right before the post
        word («Бурабай ауданының әкімі») or, with none, over the words of its clause."""
        for n in (2, 1):
            head = at - n
            if head < 0 or tuple(keys[head:at]) not in self.words["role_heads"] \
                    or doc.text[words[at - 1].end:words[at].start] != " ":
                continue
            head_start = words[head].start
            # a model span that is the post itself, or ends with it
            title = next((e for e in entities if e.type in ("ORG", "PLACE") and e.start < head_start < e.end
                          and e.end == words[at - 1].end), None)
            if title is not None:
                return (doc.text[title.start:words[at - 1].end], title.start), title
            before = next((e for e in entities if e.type in ("ORG", "PLACE") and
                           doc.text[e.end:head_start].strip() == "" and e.end <= head_start), None)
            first = head
            if before is not None:
                first = starts_at(words, before.start, head)
            else:
                while first > 0 and head - first < ROLE_WORDS and keys[first - 1] is not None \
                        and doc.text[words[first - 1].end:words[first].start].strip() == "" \
                        and not _sentence_start(doc, words[first]):
                    first -= 1
                    if words[first].text[:1].isupper():
                        break  # «Оқу-ағарту министрі»: the role's first word is capitalised
                if not words[first].text[:1].isupper():
                    first = head
            return (doc.text[words[first].start:words[at - 1].end], words[first].start), None
        return None

    def _cancelled(self, role: str) -> bool:
        return any(key in self.words["not_official"] for key in phrase_key_for("kk")(role))


# How many words before a post word its role phrase may take in when no entity precedes it.
ROLE_WORDS = 4


def starts_at(words: list[Token], offset: int, default: int) -> int:
    return next((i for i, t in enumerate(words) if t.start == offset), default)


def name_base(text: str) -> str:
    """A Kazakh name with its case ending taken off each word (Бейсембаевтың → Бейсембаев),
    capitalised as written."""
    out = []
    for word in text.split():
        base = kazakh_word_key(word)
        out.append(base[:1].upper() + base[1:] if word[:1].isupper() and base else word)
    return " ".join(out)


def _is_name(words: list[Token], k: int) -> bool:
    """A capitalised word that is no common word of the suffix rules' stems («Биыл»)."""
    return TITLE_WORD.match(words[k].text) is not None and not words[k].text.isdigit() \
        and kazakh_word_key(words[k].text) not in suffix_rules().stems


_GENITIVE_OR_POSSESSIVE = regex.compile(r"(?:ның|нің|дың|дің|тың|тің|ы|і)$")
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")


def _plural(word: str, key: str | None) -> bool:
    """«аудандарында»: the plural suffix right after the stem."""
    form = kazakh_word_form(word)
    return bool(key) and form.startswith(key) and form[len(key):].startswith(_PLURAL)


def _sentence_start(doc: Document, token: Token) -> bool:
    sentence = doc.sentence_at(token.start)
    return sentence is not None and sentence.start == token.start


def _index_from(words: list[Token], offset: int, starts: dict) -> int | None:
    """The word starting at or just after `offset` (spaces between), if any."""
    for at in range(offset, offset + 3):
        if at in starts:
            return starts[at]
    return None


def _index_to(words: list[Token], offset: int, ends: dict) -> int | None:
    for at in range(offset, max(-1, offset - 3), -1):
        if at in ends:
            return ends[at]
    return None
