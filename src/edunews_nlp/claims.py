"""Claims: each quantity with its sentence and what the text ties to it.

Per figure: the programme and place of its clause (clause punctuation, and the dependency
parse: spaCy's for English, natasha's for Russian sentences where the choice is open), else
of its sentence, else carried from the sentences before in its paragraph or, for places,
the headline; the official who states it (quotations, reported speech in the paragraph,
references back such as "the Minister"); the time its clause or sentence names, resolved
against the publication date; modality from cue words and verb morphology. docs/claims.md
describes each rule; every cue is in data/claim_cues.yaml.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable

import regex

from .document import Claim, Document, Entity, Sentence, TimeSpan
from .entities import load_data
from .knowledge import KnowledgeBase, default_kb, morph_parse, phrase_key, word_key

_YEAR = regex.compile(r"(?<![\d.,:/-])(20[1-3]\d|19[5-9]\d)(?![\d.,:/-]\d)")
_ACADEMIC_YEAR = regex.compile(r"(?<!\d)(20[1-3]\d)\s*[-–—/]\s*(20[1-3]\d)(?!\d)")
# How specific a place kind is; the most specific place of the sentence is bound.
PLACE_SPECIFICITY = {"village": 5, "residential_area": 5, "district": 4, "city": 3, "region": 2,
                     "foreign_city": 3, "country": 0, "foreign_country": 0}
OFFICIAL_LOOKBACK_SENTENCES = 3
# A conjunct starts its own clause when it or its head is a predicate ("opened …, and 1 school").
_PREDICATE_POS = frozenset({"VERB", "AUX"})
# How many sentences back a sentence naming no place looks for one in its paragraph.
PLACE_LOOKBACK_SENTENCES = 3
PROGRAMME_LOOKBACK_SENTENCES = 3
# What stands between a place and the place it lies in: "X in the Y region", "X, Y region",
# «села X Y-ской области».
_PLACE_IN_PLACE = regex.compile(r"\s*(?:,|\b(?:in|of)\b)?\s*(?:\bthe\b)?\s*")


class ClaimBuilder:
    """Callable stage: one claim per quantity in `doc.quantities`."""

    def __init__(self, kb: KnowledgeBase | None = None, parse_syntax=None):
        """`parse_syntax(doc, sentence indices)`: a dependency parser run on demand (natasha's
        for Russian) where the analyser did not parse every sentence (spaCy does)."""
        self._kb = kb
        self.parse_syntax = parse_syntax

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or default_kb()

    @cached_property
    def cues(self) -> dict:
        """data/claim_cues.yaml made ready to match: phrases as word-key tuples per language,
        patterns compiled."""
        data = load_data("claim_cues.yaml")
        modality = data["modality"]
        keyed = {name: _phrase_keys(modality[name]) for name in ("plan", "target", "purpose_phrases")}
        for name in ("target_patterns", "plan_patterns"):
            keyed[name] = [regex.compile(p, regex.IGNORECASE) for p in modality[name]]
        keyed["time"] = {name: _phrase_keys(langs) for name, langs in data["time"].items()}
        for name, source in (("anaphora", "official_anaphora"), ("speech", "speech"), ("scope", "scope"),
                             ("programme_anaphora", "programme_anaphora")):
            keyed[name] = _phrase_keys(data[source])
        keyed["completed"] = {lang: [regex.compile(p, regex.IGNORECASE) for p in patterns]
                              for lang, patterns in data["completed"].items()}
        keyed["clause_breaks"] = {lang: regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)
                                  for lang, patterns in data["clause_breaks"].items()}
        keyed["place_anaphora"] = [
            (tuple(group["kinds"]), {lang: regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)
                                     for lang, patterns in group.items() if lang != "kinds"})
            for group in data.get("place_anaphora") or []]
        keyed["clause_deps"] = set(data["clause_deps"])
        keyed["future_grammemes"] = {lang: [frozenset(g) for g in sets] for lang, sets in data["future_grammemes"].items()}
        keyed["future_discourse_verbs"] = {lang: set(verbs) for lang, verbs in data["future_discourse_verbs"].items()}
        return keyed

    def __call__(self, doc: Document) -> None:
        doc.claims = []
        if not doc.quantities:
            return
        index = SentenceIndex(doc)
        self._parse_where_binding_is_ambiguous(doc, index)
        lang = doc.lang or "en"
        context = _Context(doc, index, lang, headline_place=self._headline_place(index),
                           headline_programme=self._headline_programme(index),
                           quotes=quotations(doc.analysis_text))
        context.speakers = quote_speakers(doc, lambda start, end: self._refers_back(lang, index.keys_between(start, end)))
        for number, quantity in enumerate(doc.quantities):
            at = index.sentence_of(quantity.start)
            sentence = doc.sentences[at] if at is not None else _line_around(doc, quantity.start)
            here = index.entities[at] if at is not None else []
            words = index.keys(at) if at is not None else []
            punctuated = self._punctuation_clause(index, at, lang, sentence, quantity.start)
            clause_starts = {t.start for t in self._syntax_clause(index, at, quantity.start, punctuated)}

            def clause(type_: str) -> list[Entity]:
                """Entities of that type in the figure's clause, else in its sentence."""
                of_type = [e for e in here if e.type == type_]
                return [e for e in of_type if e.start in clause_starts] or of_type

            official = self._official(context, at, here, quantity.start)
            modality, time = self._modality_and_time(context, at, sentence, words)
            doc.claims.append(Claim(
                text=sentence.text, start=sentence.start, end=sentence.end, quantity=number,
                subject=quantity.subject,
                programme=self._programme(index, at, clause("PROGRAMME"), words, quantity.start)
                or context.headline_programme,
                place=self._bound_place(context, at, clause("PLACE"), words, quantity.start, official),
                official=official,
                time=self._clause_time(context, at, punctuated) or time,
                modality=modality,
            ))

    def _speaks(self, lang: str, words) -> bool:
        return _first_cue(words, self.cues["speech"].get(lang)) is not None

    def _refers_back(self, lang: str, words) -> bool:
        return _first_cue(words, self.cues["anaphora"].get(lang)) is not None

    def _official(self, context: "_Context", at: int | None, here: list[Entity], offset: int) -> str | None:
        """An official of the sentence, else the speaker of the quotation the figure stands
        in; else reported speech running on in the paragraph ("X noted that …", "according
        to him"); else, only on an explicit reference ("the Minister"), the last official."""
        official = _nearest_id(here, "OFFICIAL", offset) or _speaker_of(context.speakers, offset)
        if official is not None or at is None:
            return official
        index, lang = context.index, context.lang
        return index.paragraph_official(at, lambda k: self._speaks(lang, index.keys(k)),
                                        lambda k: self._refers_back(lang, index.keys(k)), context.speakers) or (
            index.recent_official(at) if self._refers_back(lang, index.keys(at)) else None)

    def _bound_place(self, context: "_Context", at: int | None, entities: list[Entity], words, offset: int,
                     official: str | None) -> str | None:
        place = self._place(entities, offset, context.doc.text)
        if place is not None or at is None:
            return place
        place = self._place_by_anaphora(context, at)
        if place is not None or self._names_scope(context.lang, words):
            return place
        # The headline's place is the narrator's frame; an official speaking (quoted or
        # reported) may talk of the whole country.
        narrator = official is None and not _inside_any(context.quotes, offset)
        return self._inherited_place(context.index, at) or (context.headline_place if narrator else None)

    def _place_by_anaphora(self, context: "_Context", at: int) -> str | None:
        """"In the region" / «в регионе» in a sentence naming no place: the last place of that
        kind named before in the article, however far."""
        text = context.doc.sentences[at].text
        for kinds, patterns in self.cues["place_anaphora"]:
            pattern = patterns.get(context.lang)
            if pattern is None or not pattern.search(text):
                continue
            for kind in kinds:
                for prior in range(at - 1, -1, -1):
                    found = [e for e in context.index.entities[prior] if e.type == "PLACE" and self._kind(e) == kind]
                    if found:
                        return found[-1].id
            # «ШЫМКЕНТ – В городе открыли …»: the dateline's city, failing any other
            sentence_end = context.doc.sentences[at].end
            datelines = [e for e in context.index.datelines if e.end <= sentence_end and self._kind(e) in kinds]
            return datelines[-1].id if datelines else None
        return None

    def _kind(self, entity: Entity) -> str | None:
        """The KB kind of a linked entity ("region", "city"), None when unlinked."""
        return getattr(self.kb.entries.get(entity.id), "kind", None) if entity.id else None

    def _modality_and_time(self, context: "_Context", at: int | None, sentence: Sentence, words):
        """The sentence's modality and time, computed once for all its figures: its own time
        words, else those of the sentence before in the paragraph, else the default."""
        key = (sentence.start, sentence.end)
        if key not in context.per_sentence:
            doc, index = context.doc, context.index
            modality = self._modality(doc, sentence.text, words, index.tokens[at] if at is not None else [])
            time = self._explicit_time(doc, sentence.start, sentence.end, words)
            if time is None and at is not None:
                time = self._inherited_time(index, at)
            context.per_sentence[key] = (modality, time or self._default_time(doc, words, modality))
        return context.per_sentence[key]

    def _clause_time(self, context: "_Context", at: int | None, tokens: list) -> TimeSpan | None:
        """Time words of the figure's own clause ("last year 1,500 …, and this year 1,800").
        By punctuation only: a relative clause compares ("406 thousand, which is 8 thousand
        more than last academic year") rather than dates the figure."""
        if at is None:
            return None
        index = context.index
        if not tokens or len(tokens) == len(index.tokens[at]):
            return None
        keys = dict(zip((t.start for t in index.tokens[at]), index.keys(at)))
        return self._explicit_time(context.doc, tokens[0].start, tokens[-1].end, Words(keys[t.start] for t in tokens))

    def _parse_where_binding_is_ambiguous(self, doc: Document, index: "SentenceIndex") -> None:
        """Parse the sentences that hold a figure and more than one place or programme: only
        there does the clause structure choose what is bound."""
        if self.parse_syntax is None or not doc.tokens or doc.tokens[0].head is not None:
            return
        holding = {index.sentence_of(q.start) for q in doc.quantities} - {None}
        ambiguous = [at for at in sorted(holding)
                     if any(len({e.id for e in index.entities[at] if e.type == type_}) > 1
                            for type_ in ("PLACE", "PROGRAMME"))]
        if ambiguous:
            try:
                self.parse_syntax(doc, ambiguous)
            except Exception as exc:  # the clause punctuation still binds; say what failed
                doc.warnings.append(f"claims: syntax parse failed ({type(exc).__name__}: {exc})")

    @cached_property
    def programme_names(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Programme names of two words or more by their first word key: found in any case
        and inflection ("41 comfortable schools", «комфортных школ»)."""
        names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entry in self.kb.entries.values():
            if entry.type == "PROGRAMME":
                for key in {phrase_key(name) for name in entry.names}:
                    if len(key) >= 2:
                        names.setdefault(key[0], []).append((key, entry.id))
        return names

    def _programme(self, index: "SentenceIndex", at: int | None, entities: list[Entity], words, offset: int) -> str | None:
        """The programme named nearest to the figure in its clause or sentence, else one named
        in lower case in the sentence, else, when the sentence refers back to one ("The
        project includes 50 schools"), the programme of the sentences just before it in its
        paragraph."""
        named = _nearest_id(entities, "PROGRAMME", offset) or self._programme_in_words(words)
        if named is not None or at is None or not self._refers_to_programme(index.doc.lang or "en", words):
            return named
        prior = at - 1
        while prior >= 0 and at - prior <= PROGRAMME_LOOKBACK_SENTENCES and index.same_paragraph(prior, prior + 1):
            programmes = [e for e in index.entities[prior] if e.type == "PROGRAMME" and e.id]
            if programmes:
                return programmes[-1].id if len({e.id for e in programmes}) == 1 else None
            prior -= 1
        return None

    def _refers_to_programme(self, lang: str, words) -> bool:
        return _first_cue(words, self.cues["programme_anaphora"].get(lang)) is not None

    def _programme_in_words(self, words) -> str | None:
        keys = [k for k, _ in words]
        for i, first in enumerate(keys):
            for key, programme in self.programme_names.get(first, ()):
                if tuple(keys[i:i + len(key)]) == key:
                    return programme
        return None

    def _punctuation_clause(self, index: "SentenceIndex", at: int | None, lang: str, sentence: Sentence,
                            offset: int) -> list:
        """The tokens of `sentence` between the clause punctuation around `offset`
        (`clause_breaks`: "; ", ", and", «, а»)."""
        if at is None:
            return []
        start, end = sentence.start, sentence.end
        breaks = self.cues["clause_breaks"].get(lang)
        if breaks is not None:
            for m in breaks.finditer(index.doc.analysis_text, sentence.start, sentence.end):
                if m.end() <= offset:
                    start = m.end()
                elif m.start() >= offset:
                    end = m.start()
                    break
        return [t for t in index.tokens[at] if start <= t.start and t.end <= end]

    def _syntax_clause(self, index: "SentenceIndex", at: int | None, offset: int, punctuated: list) -> list:
        """`punctuated` narrowed, when the sentence has a dependency parse, to the tokens
        governed by the same clause head as `offset` (a predicate, or a conjunct of one:
        "…, and 1 school with 2,000 places in the Turkestan region")."""
        if at is None:
            return punctuated
        heads = index.clause_heads(at, self._clause_head)
        at_token = next((i for i in index.token_ids[at] if index.doc.tokens[i].start <= offset < index.doc.tokens[i].end),
                        None)
        if heads is None or at_token is None:
            return punctuated
        kept = {index.doc.tokens[i].start for i, head in heads.items() if head == heads[at_token]}
        return [t for t in punctuated if t.start in kept] or punctuated

    def _clause_head(self, tokens: list, i: int) -> int:
        clause_deps = self.cues["clause_deps"]
        for _ in range(len(tokens)):
            tok = tokens[i]
            if tok.head is None or tok.head == i:
                return i
            if tok.dep in clause_deps and (tok.dep != "conj" or tok.pos in _PREDICATE_POS
                                           or tokens[tok.head].pos in _PREDICATE_POS):
                return i
            i = tok.head
        return i

    def _place(self, entities: list[Entity], offset: int, text: str) -> str | None:
        """The most specific place among `entities`: a place inside another one listed with it
        wins ("in Uralsk, West Kazakhstan region" → Uralsk); several places listed in one
        place ("in Kaskelen and Kemertogan in the Almaty region") give that place; otherwise
        the most specific one nearest to `offset`."""
        places = [e for e in entities if e.type == "PLACE" and e.id]
        if not places:
            return None
        leaves = self._leaves(places, text)
        if len({e.id for e in leaves}) == 1:
            return leaves[0].id
        container = self._container(places, leaves, offset, text)
        if container is not None:
            return container
        top = max(self._specificity(e) for e in leaves)
        return min((e for e in leaves if self._specificity(e) == top), key=lambda e: abs(e.start - offset)).id

    def _scope(self, entities: list[Entity], text: str) -> str | None:
        """The one place a sentence is about, or None when it names none or a list of them."""
        places = [e for e in entities if e.type == "PLACE" and e.id]
        leaves = self._leaves(places, text)
        known = {e.id for e in leaves if e.id in self.kb.entries}
        if len({e.id for e in leaves}) == 1 or len(known) == 1:
            return leaves[0].id if len(leaves) == 1 else known.pop()
        return self._container(places, leaves, 0, text) if leaves else None

    def _leaves(self, places: list[Entity], text: str) -> list[Entity]:
        """The places that contain no other place of the list."""
        return [e for e in places if not any(self._inside(other, e, text) for other in places if other.id != e.id)]

    def _container(self, places: list[Entity], leaves: list[Entity], offset: int, text: str) -> str | None:
        """The most specific listed place below country level containing every leaf."""
        candidates = [e for e in places if e not in leaves and self._specificity(e) > 0
                      and all(any(self._inside(leaf, e, text) for leaf in leaves if leaf.id == leaf_id)
                              for leaf_id in {leaf.id for leaf in leaves})]
        if not candidates:
            return None
        return max(candidates, key=lambda e: (self._specificity(e), -abs(e.start - offset))).id

    def _inside(self, place: Entity, other: Entity, text: str) -> bool:
        """`place` lies in `other`: by the knowledge base, or by the text for places it does
        not know ("the village of Kemertogan in the Almaty region", «село Шаян Туркестанской
        области»)."""
        if other.id in self._ancestors(place.id):
            return True
        return place.id not in self.kb.entries and place.end <= other.start \
            and _PLACE_IN_PLACE.fullmatch(text, place.end, other.start) is not None

    def _ancestors(self, place_id: str) -> tuple[str, ...]:
        chain = []
        entry = self.kb.entries.get(place_id)
        while entry is not None and entry.parent and entry.parent not in chain and len(chain) < 8:
            chain.append(entry.parent)
            entry = self.kb.entries.get(entry.parent)
        return tuple(chain)

    def _headline_place(self, index: "SentenceIndex") -> str | None:
        """The one place below country level the headline (the first sentence) is about: a
        regional article's figures are about its place unless a sentence says otherwise."""
        if not index.has_headline():
            return None
        place = self._scope(index.entities[0], index.doc.text)
        entry = self.kb.entries.get(place) if place else None
        return place if entry is not None and PLACE_SPECIFICITY.get(entry.kind, 0) > 0 else None

    def _headline_programme(self, index: "SentenceIndex") -> str | None:
        """The one programme the headline (the first sentence) names: the article reports on
        it, and its figures without a programme of their own belong to it."""
        if not index.has_headline():
            return None
        programmes = {e.id for e in index.entities[0] if e.type == "PROGRAMME" and e.id}
        return programmes.pop() if len(programmes) == 1 else None

    def _inherited_place(self, index: "SentenceIndex", at: int) -> str | None:
        """A sentence naming no place continues the place of the sentences just before it in
        its paragraph ("A new school opened in Uralsk. It has 36 subject rooms."), unless
        that sentence lists several. A country is not carried over: a figure is country-wide
        only where the text says so."""
        prior = at - 1
        while prior >= 0 and at - prior <= PLACE_LOOKBACK_SENTENCES and index.same_paragraph(prior, prior + 1):
            if any(e.type == "PLACE" and e.id for e in index.entities[prior]):
                place = self._scope(index.entities[prior], index.doc.text)
                entry = self.kb.entries.get(place) if place else None
                return None if entry is not None and PLACE_SPECIFICITY.get(entry.kind) == 0 else place
            prior -= 1
        return None

    def _names_scope(self, lang: str, words) -> bool:
        """The sentence sets its own scope without naming a place ("in the country", «в
        столице»): nothing is inherited."""
        return _first_cue(words, self.cues["scope"].get(lang)) is not None

    def _specificity(self, place: Entity) -> int:
        entry = self.kb.entries.get(place.id)
        return PLACE_SPECIFICITY.get(entry.kind, 3) if entry else 3

    def _default_time(self, doc: Document, words, modality: str) -> TimeSpan | None:
        """News states facts of its own time: a fact with no time words is of the publication
        year, unless it recurs ("annually"). `text` None marks the inference."""
        if doc.published_year is None:
            return None
        lang = doc.lang or "en"
        if modality == "fact" and _first_cue(words, self.cues["time"]["habitual"].get(lang)) is None:
            published = doc.published_year
            return TimeSpan(None, f"{published}-01-01", f"{published}-12-31")
        return None

    def _inherited_time(self, index: "SentenceIndex", at: int) -> TimeSpan | None:
        """The time named by the sentence just before, in the same paragraph ("Regions reported
        on the 2023-2024 academic year. 34 schools were commissioned …")."""
        prior = at - 1
        if prior < 0 or not index.same_paragraph(prior, at):
            return None
        start, end = index.doc.sentences[prior].start, index.doc.sentences[prior].end
        return self._explicit_time(index.doc, start, end, index.keys(prior))

    def _explicit_time(self, doc: Document, start: int, end: int, words) -> TimeSpan | None:
        """The time the words of [start, end) name: an academic year, a year, or a phrase
        relative to the publication date ("this year", «в новом учебном году»)."""
        text = doc.analysis_text[start:end]
        academic = _ACADEMIC_YEAR.search(text)
        if academic:
            first, second = int(academic.group(1)), int(academic.group(2))
            if second == first + 1:
                return TimeSpan(academic.group(0), f"{first}-09-01", f"{second}-05-31")
        year = _YEAR.search(text)
        if year:
            y = int(year.group(1))
            return TimeSpan(year.group(0), f"{y}-01-01", f"{y}-12-31")
        published = doc.published_year
        if published is None:
            return None
        lang = doc.lang or "en"
        cues = self.cues["time"]
        academic_year = _current_academic_year(doc.published)
        for name, first in (("new_academic_year", published), ("current_academic_year", academic_year),
                            ("last_academic_year", academic_year - 1)):
            phrase = _first_cue(words, cues[name].get(lang))
            if phrase:
                return TimeSpan(phrase, f"{first}-09-01", f"{first + 1}-05-31")
        for name, shift in (("this_year", 0), ("last_year", -1), ("next_year", 1)):
            phrase = _first_cue(words, cues[name].get(lang))
            if phrase:
                y = published + shift
                return TimeSpan(phrase, f"{y}-01-01", f"{y}-12-31")
        return None

    def _future_verb(self, lang: str, tokens) -> bool:
        """A verb in the future tense by its morphology («переведут», «откроется»): Russian
        perfective verbs form the future without «будет»."""
        grammeme_sets = self.cues["future_grammemes"].get(lang)
        if not grammeme_sets:
            return False
        discourse = self.cues["future_discourse_verbs"].get(lang, set())
        return any(any(grammemes <= morph_parse(t.text)[0].tag.grammemes for grammemes in grammeme_sets)
                   for t in tokens if t.pos in ("VERB", "AUX") and t.lemma not in discourse)

    def _deadline_met(self, doc: Document, text: str) -> bool:
        """"Canteens have been modernised by the end of 2024" in a December 2024 article
        reports a result: a completed verb and no year after the publication year."""
        published = doc.published_year
        if published is None or not any(p.search(text) for p in self.cues["completed"].get(doc.lang or "en", [])):
            return False
        return all(int(y) <= published for y in _YEAR.findall(text))

    def _modality(self, doc: Document, text: str, words, tokens) -> str:
        lang = doc.lang or "en"
        deadlines = [m.group(0) for p in self.cues["target_patterns"] for m in p.finditer(text)]
        target_cues = self.cues["target"].get(lang)
        purpose = _first_cue(words, self.cues["purpose_phrases"].get(lang))
        if purpose is not None and target_cues:
            # «на эти цели выделено …»: the purpose's words are no goal
            purpose_words = {word_key(w) for w in purpose.split()}
            target_cues = Cues(cue for cue in target_cues if not set(cue) <= purpose_words)
        has_target = deadlines or _first_cue(words, target_cues) is not None
        if has_target and not self._deadline_met(doc, text):
            return "target"
        if _first_cue(words, self.cues["plan"].get(lang)) is not None or \
                any(p.search(text) for p in self.cues["plan_patterns"]) or self._future_verb(lang, tokens):
            return "plan"
        return "fact"


@dataclass
class _Context:
    """What the claims of one document share."""

    doc: Document
    index: "SentenceIndex"
    lang: str
    headline_place: str | None = None
    headline_programme: str | None = None
    quotes: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[tuple[int, int, str]] = field(default_factory=list)
    per_sentence: dict = field(default_factory=dict)


class SentenceIndex:
    """Tokens and entities grouped by sentence, found by bisection: linear in the text."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]
        self.tokens: list[list] = [[] for _ in doc.sentences]
        self.token_ids: list[list[int]] = [[] for _ in doc.sentences]
        self.entities: list[list[Entity]] = [[] for _ in doc.sentences]
        self.datelines: list[Entity] = []
        for number, tok in enumerate(doc.tokens):
            at = self.sentence_of(tok.start)
            if at is not None:
                self.tokens[at].append(tok)
                self.token_ids[at].append(number)
        for ent in doc.entities:
            at = self.sentence_of(ent.start)
            if _is_dateline(doc.text, ent):
                self.datelines.append(ent)  # bound to no figure (but «в городе» after it)
            elif at is not None and ent.end <= doc.sentences[at].end:
                self.entities[at].append(ent)
        self._keys: dict[int, list[tuple[str, str]]] = {}
        self._clause_heads: dict[int, dict[int, int] | None] = {}

    def sentence_of(self, offset: int) -> int | None:
        at = bisect.bisect_right(self.starts, offset) - 1
        if at >= 0 and offset < self.doc.sentences[at].end:
            return at
        return None

    def keys(self, at: int) -> "Words":
        """(word key, surface) of the sentence's tokens."""
        if at not in self._keys:
            self._keys[at] = Words((word_key(t.text), t.text) for t in self.tokens[at])
        return self._keys[at]

    def clause_heads(self, at: int, clause_head) -> dict[int, int] | None:
        """Token id → id of the head of its clause (`clause_head(tokens, id)`), once per
        sentence; None when the sentence has no dependency parse."""
        if at not in self._clause_heads:
            ids, tokens = self.token_ids[at], self.doc.tokens
            parsed = bool(ids) and tokens[ids[0]].head is not None
            self._clause_heads[at] = {i: clause_head(tokens, i) for i in ids} if parsed else None
        return self._clause_heads[at]

    def has_headline(self) -> bool:
        """The first sentence stands on its own line: a title, not the start of a paragraph."""
        sentences = self.doc.sentences
        return len(sentences) > 1 and not self.same_paragraph(0, 1)

    def same_paragraph(self, first: int, second: int) -> bool:
        return "\n" not in self.doc.text[self.doc.sentences[first].end:self.doc.sentences[second].start]

    def paragraph_official(self, at: int, speaks, refers_back, speakers: list[tuple[int, int, str]]) -> str | None:
        """The official who speaks earlier in the same paragraph (`speaks(k)`: sentence k has
        a speech verb). A quotation attributed to that official and closed before sentence
        `at` ends the speech: what follows ('…," said X. There are …') is the narrator's. A
        speech verb with a reference back ("He instructed", «Глава ведомства указал») speaks
        for the official named last before it, however far back."""
        prior = at - 1
        while prior >= 0 and self.same_paragraph(prior, prior + 1):
            officials = [e for e in self.entities[prior] if e.type == "OFFICIAL"]
            if officials:
                official = officials[-1].id
                if not speaks(prior) or self._quote_closed(official, prior, at, speakers):
                    return None
                return official
            if speaks(prior) and refers_back(prior):
                official = self.recent_official(prior, lookback=None)
                return None if self._quote_closed(official, prior, at, speakers) else official
            prior -= 1
        return None

    def _quote_closed(self, official: str, prior: int, at: int, speakers) -> bool:
        since, until = self.doc.sentences[prior].start, self.doc.sentences[at].start
        return any(speaker == official and since < end <= until for _, end, speaker in speakers)

    def recent_official(self, at: int | None, lookback: int | None = OFFICIAL_LOOKBACK_SENTENCES) -> str | None:
        """The last official named in the `lookback` sentences before sentence `at` (None:
        anywhere before it)."""
        if at is None:
            return None
        first = 0 if lookback is None else max(0, at - lookback)
        for prior in range(at - 1, first - 1, -1):
            officials = [e for e in self.entities[prior] if e.type == "OFFICIAL"]
            if officials:
                return officials[-1].id
        return None

    def keys_between(self, start: int, end: int) -> "Words":
        """(word key, surface) of the tokens of one sentence inside [start, end)."""
        at = self.sentence_of(start)
        if at is None:
            return Words([])
        return Words((key, t.text) for (key, _), t in zip(self.keys(at), self.tokens[at])
                     if start <= t.start and t.end <= end)


def _phrase_keys(phrases_by_lang: dict[str, list[str]]) -> dict[str, "Cues"]:
    return {lang: Cues(phrase_key(p) for p in phrases) for lang, phrases in phrases_by_lang.items()}


class Cues(list):
    """Cue phrases as word-key tuples, in the data file's order, with the set of their first
    words: a sentence none of whose words starts a cue is passed over at once."""

    def __init__(self, keys):
        super().__init__(key for key in keys if key)
        self.first_words = {key[0] for key in self}


def _first_cue(words, cues: Cues | None) -> str | None:
    """The surface of the first cue (in the cues' order) that occurs in `words`, or None."""
    if not cues:
        return None
    if not isinstance(words, Words):
        words = Words(words)
    if cues.first_words.isdisjoint(words.positions):
        return None
    for cue in cues:
        if cue[0] in words.positions:
            found = _find(words, cue)
            if found:
                return found
    return None


class Words(list):
    """(word key, surface) pairs with the positions of each key, so that a cue is looked up
    only where its first word stands: every claim asks for dozens of cues per sentence."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.positions: dict[str, list[int]] = {}
        for i, (key, _) in enumerate(self):
            self.positions.setdefault(key, []).append(i)


# An agency's dateline: the city in capitals at the start of a line, then a full stop or a
# dash ("АСТАНА. KAZINFORM –", "ASTANA –"). It says where the news was filed, not what its
# figures are about.
_DATELINE_AFTER = regex.compile(r"\s*[.,]?\s*(?:[\p{Lu}-]{2,}\s*)?[-–—.]")


def _is_dateline(text: str, ent: Entity) -> bool:
    if ent.type != "PLACE" or not ent.text.isupper() or len(ent.text) < 3:
        return False
    line_start = text.rfind("\n", 0, ent.start) + 1
    return not text[line_start:ent.start].strip() and _DATELINE_AFTER.match(text, ent.end) is not None


def _find(words: list[tuple[str, str]], cue: tuple[str, ...]) -> str | None:
    """The surface of the first occurrence of the key sequence `cue` in `words`, or None."""
    if not isinstance(words, Words):
        words = Words(words)
    n = len(cue)
    for i in words.positions.get(cue[0], ()):
        if i + n <= len(words) and all(words[i + j][0] == cue[j] for j in range(1, n)):
            return " ".join(s for _, s in words[i:i + n])
    return None


# A quotation long enough to hold a statement, and who said it: the official named right
# after it (", said X" / «…», – отметил X) or right before it ("X said: «…»").
_QUOTE_MARK = regex.compile(r"[\"“”«»\n]")
MIN_QUOTATION_CHARS = 20
_SENTENCE_END_BEFORE = regex.compile(r"[.!?]\s*$")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of the outermost quotations long enough to be a statement, quote marks
    included. Nested names («… программы «Біртұтас тәрбие», …») stay inside their quotation;
    a straight quote opens after a space or a sentence end ('1,800."The number') and closes
    otherwise; one that starts a sentence drops the quotations left open before it (sites
    leave names' quotes unclosed); an unclosed quotation ends with its paragraph."""
    spans, stack = [], []
    for m in _QUOTE_MARK.finditer(text):
        mark, at = m.group(), m.start()
        if mark == "\n":
            stack.clear()
            continue
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = mark in "«“" or (mark == '"' and (before.isspace() or before in "([{—–-:" or
                                                  (before in ".!?" and after.isalnum())))
        if opens:
            if mark == '"' and _SENTENCE_END_BEFORE.search(text, max(0, at - 3), at):
                stack.clear()  # a straight quote starting a sentence is a new quotation, not a nested name
            stack.append(at)
        elif stack:
            start = stack.pop()
            if not stack and at + 1 - start >= MIN_QUOTATION_CHARS:
                spans.append((start, at + 1))
    return spans
SPEAKER_WINDOW = 120
# A reference back ('…," the minister said') counts only right after the quotation.
ANAPHORIC_SPEAKER_WINDOW = 40


def quote_speakers(doc: Document, refers_back=None) -> list[tuple[int, int, str]]:
    """(start, end, official id) of the quotations an official is named as saying. With
    `refers_back(start, end)` (the words there refer to an official named earlier: '…," the
    minister said'), a quotation followed closely by such words is the last official's."""
    officials = sorted((e for e in doc.entities if e.type == "OFFICIAL" and e.id), key=lambda e: e.start)
    if not officials:
        return []
    starts = [e.start for e in officials]
    spans = []
    for quote_start, quote_end in quotations(doc.analysis_text):
        after = bisect.bisect_left(starts, quote_end)
        before = bisect.bisect_left(starts, quote_start) - 1
        speaker = None
        if after < len(officials) and officials[after].start - quote_end <= SPEAKER_WINDOW \
                and "\n" not in doc.text[quote_end:officials[after].start]:
            speaker = officials[after]
        elif before >= 0 and quote_start - officials[before].end <= SPEAKER_WINDOW \
                and ":" in doc.text[officials[before].end:quote_start]:
            speaker = officials[before]
        elif before >= 0 and refers_back is not None:
            line_end = doc.text.find("\n", quote_end)
            line_end = len(doc.text) if line_end == -1 else line_end
            if refers_back(quote_end, min(line_end, quote_end + ANAPHORIC_SPEAKER_WINDOW)):
                speaker = officials[before]
        if speaker is not None:
            spans.append((quote_start, quote_end, speaker.id))
    return spans


def _inside_any(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start <= offset < end for start, end in spans)


def _speaker_of(speakers: list[tuple[int, int, str]], offset: int) -> str | None:
    for start, end, speaker in speakers:
        if start <= offset < end:
            return speaker
    return None


def _current_academic_year(published: str | None) -> int:
    """Start year of the academic year running at the publication date (Sep–Aug)."""
    year, month = int(published[:4]), int(published[5:7])
    return year if month >= 9 else year - 1


def _nearest_id(entities: list[Entity], type_: str, offset: int) -> str | None:
    found = [e for e in entities if e.type == type_ and e.id]
    return min(found, key=lambda e: abs(e.start - offset)).id if found else None


def _line_around(doc: Document, offset: int) -> Sentence:
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    end = len(doc.text) if end == -1 else end
    return Sentence(start, end, doc.text[start:end])


# --- one fact, many reports --------------------------------------------------------------
@dataclass
class FactGroup:
    """Claims about the same subject, unit, programme and place, across articles. Equal
    figures are one fact reported again; different figures for the same year (or with no
    year) are a conflict; different figures for different years are a series."""

    subject: str | None
    unit: str | None
    programme: str | None
    place: str | None
    reports: list[dict] = field(default_factory=list)

    @property
    def values(self) -> list:
        return sorted({_figure(r) for r in self.reports}, key=str)

    @property
    def years(self) -> list:
        return sorted({r["year"] for r in self.reports if r["year"] is not None})

    @property
    def conflict(self) -> bool:
        """Different figures for the same period: which number is right?"""
        by_year: dict = {}
        for r in self.reports:
            by_year.setdefault(r["year"], set()).add(_figure(r))
        undated = by_year.pop(None, set())
        return any(len(v | undated) > 1 for v in by_year.values()) or (not by_year and len(undated) > 1)

    def to_dict(self) -> dict:
        return {"subject": self.subject, "unit": self.unit, "programme": self.programme, "place": self.place,
                "values": self.values, "years": self.years, "conflict": self.conflict,
                "sources": len({(r["source"], r["path"], r["index"]) for r in self.reports}),
                "reports": self.reports}


def aggregate(docs: Iterable) -> list[FactGroup]:
    """Group the claims of many documents (Documents, `to_dict()` results or CLI records)
    that state a figure about the same subject, place and programme, in any language;
    every report is kept, conflicting figures are flagged. Only groups reported by more
    than one article are returned, most reported first."""
    groups: dict[tuple, FactGroup] = {}
    for number, doc in enumerate(docs):
        record = doc.to_dict() if isinstance(doc, Document) else doc
        if "error" in record:
            continue
        for claim in record.get("claims", []):
            quantity = record["quantities"][claim["quantity"]]
            key = (canonical_subject(claim.get("subject")), quantity.get("unit"), claim.get("programme"),
                   claim.get("place"))
            if key[0] is None and key[2] is None:
                continue  # a figure about nothing named cannot be matched to another
            group = groups.setdefault(key, FactGroup(*key))
            group.reports.append({
                "article": number, "path": record.get("path"), "index": record.get("index"),
                "source": record.get("source"), "lang": record.get("lang"), "text": quantity["text"],
                "value": quantity.get("value"), "low": quantity.get("low"), "high": quantity.get("high"),
                "year": _claim_year(claim), "sentence": claim["text"], "modality": claim.get("modality"),
            })
    shared = [g for g in groups.values() if _reported_by_several(g)]
    return sorted(shared, key=lambda g: -len(g.reports))


def _reported_by_several(group: FactGroup) -> bool:
    """The same figure in two articles, or differing figures for one period."""
    articles_per_figure: dict = {}
    for r in group.reports:
        articles_per_figure.setdefault(_figure(r), set()).add(r["article"])
    return any(len(a) > 1 for a in articles_per_figure.values()) or \
        (group.conflict and len({r["article"] for r in group.reports}) > 1)


@lru_cache(maxsize=1)
def _subject_index() -> dict[str, str]:
    index = {}
    for english, russian in load_data("subjects.yaml").items():
        index[english] = english
        for word in russian:
            index[word.replace("ё", "е")] = english
    return index


def canonical_subject(subject: str | None) -> str | None:
    """One subject name across languages (школа → school), else the subject itself."""
    if not subject:
        return None
    subject = subject.lower().replace("ё", "е").strip()
    index = _subject_index()
    if subject in index:
        return index[subject]
    head = subject.split()[-1]  # "primary school student" → student; «новая школа» → школа
    return index.get(head, head)


def _claim_year(claim: dict) -> int | None:
    time = claim.get("time") or {}
    start = time.get("start")
    return int(start[:4]) if start else None


def _figure(report: dict):
    return report["value"] if report["value"] is not None else (report["low"], report["high"])


def claims_table(docs: Iterable):
    """A flat pandas DataFrame: one row per claim, entity ids resolved to canonical names."""
    import pandas

    rows = []
    for number, doc in enumerate(docs):
        record = doc.to_dict() if isinstance(doc, Document) else doc
        if "error" in record:
            continue
        names = {e["id"]: e["canonical"] or e["text"] for e in record.get("entities", [])}
        for claim in record.get("claims", []):
            q = record["quantities"][claim["quantity"]]
            rows.append({
                "article": number, "path": record.get("path"), "index": record.get("index"),
                "source": record.get("source"), "published": record.get("published"), "lang": record.get("lang"),
                "quantity": q["text"], "value": q["value"], "low": q["low"], "high": q["high"], "unit": q["unit"],
                "qualifier": q["qualifier"], "kzt": q["kzt"], "subject": claim.get("subject"),
                "programme": names.get(claim.get("programme")), "place": names.get(claim.get("place")),
                "official": names.get(claim.get("official")), "year": _claim_year(claim),
                "modality": claim.get("modality"), "sentence": claim["text"],
                "programme_id": claim.get("programme"), "place_id": claim.get("place"),
                "official_id": claim.get("official"),
            })
    return pandas.DataFrame(rows)
