"""place (ANNOTATION.md, Claims): 1. the most specific place of the figure's clause;
2. the place of its scope in the paragraph, else the lead's place (regional news);
3. a country-wide figure → the article's mention of Kazakhstan."""

from __future__ import annotations

import regex

from ..document import Entity
from ..knowledge import KnowledgeBase
from .context import Article, Figure
from .structure import Bound

# How specific a place kind is; the most specific place of the clause is bound.
PLACE_SPECIFICITY = {"village": 5, "residential_area": 5, "district": 4, "city": 3, "region": 2,
                     "foreign_city": 3, "country": 0, "foreign_country": 0}
# How many sentences back a sentence naming no place looks for one in its paragraph.
PLACE_LOOKBACK_SENTENCES = 3
# The country whose mention a country-wide figure takes.
HOME_COUNTRY = "place:kz"
# What stands between a place and the place it lies in: "X in the Y region", "X, Y region",
# «села X Y-ской области».
_PLACE_IN_PLACE = regex.compile(r"\s*(?:,|\b(?:in|of)\b)?\s*(?:\bthe\b)?\s*")
# Kazakh puts the container first, in the genitive or with -дағы ("of/in it"), the place
# right after it: «Сайрам ауданындағы Ақсукент ауылында», «Қарағанды облысының Теміртау
# қаласындағы» (Latin script: «aýdanyndaǵy», «oblysynyń»).
_CONTAINER_BEFORE = regex.compile(r"(?:ның|нің|дың|дің|тың|тің|[дтdt][аеae](?:ғы|гі|ǵy|gi)|nyń|niń|dyń|diń|tyń|tiń)$",
                                  regex.IGNORECASE)
# How near a figure a per-person cue stands ("3.6 million tenge each", «в размере 100 МРП»).
PER_PERSON_WINDOW = 30
# Terms and scores that national rules set, and MCI (rule amounts) are not country-wide totals.
_RULE_UNITS = frozenset({"MCI", "hour", "day", "week", "month", "year", "point"})


class PlaceBinder:
    key = "place"

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def prepare(self, article: Article) -> None:
        structure, index = article.structure, article.index
        venues = {scope.said_at for scope in structure.speaker_scopes}
        for at in structure.lead:  # the headline first, then the first paragraph
            if at in venues or self._reports_speech(article, at):
                continue  # "X spoke at the meeting in Astana": where the speech was, not the figures
            place = self.scope([e for e in index.main_entities(at) if not self._venue(article, e)], index.doc.text)
            if place is None or self.specificity(place) <= 0:
                continue
            lead = structure.lead_place
            if lead is None:
                structure.lead_place = Bound(place.id, "lead", place.start, place.end)
            elif article.lang in article.cues["lead_most_specific"] and lead.value in self._ancestors(place.id):
                # the headline's region, the first paragraph's city in it: the most specific one
                structure.lead_place = Bound(place.id, "lead", place.start, place.end)
                break
        country = next((e for e in article.doc.entities if e.type == "PLACE" and e.id == HOME_COUNTRY), None)
        if country is not None:
            structure.country = Bound(country.id, "country-wide", country.start, country.end)

    def __call__(self, article: Article, figure: Figure) -> Bound | None:
        text = article.doc.text
        in_clause = [e for e in figure.entities if e.type == "PLACE" and e.start in figure.clause_starts]
        place = self.most_specific(in_clause, figure.offset, text)
        if place is not None:
            return Bound(place.id, "clause", place.start, place.end)
        if figure.at is None:
            return None
        place = self._by_anaphora(article, figure.at, figure.clause_tokens)
        if place is not None:
            return Bound(place.id, "back-reference", place.start, place.end)
        place = self.most_specific(figure.entities, figure.offset, text)
        if place is not None:
            return Bound(place.id, "clause", place.start, place.end)
        if article.cue("country_wide", figure.words) is not None:
            return self._country(article, figure, named=True)
        if article.cue("scope", figure.words) is not None or self._counts_places(article, figure):
            return None  # "in the capital", «в регионах», "six regions": no one place to bind
        place = self._inherited(article, figure.at)
        if place is not None and place.id == HOME_COUNTRY:
            return Bound(place.id, "scope", place.start, place.end) if self._country(article, figure) else None
        if place is not None:
            return Bound(place.id, "scope", place.start, place.end)
        lead = article.structure.lead_place
        if lead is not None and not article.structure.in_background(figure.at) \
                and not self._stated_nationally(article, figure):
            return lead
        return self._country(article, figure)

    @staticmethod
    def _venue(article: Article, place: Entity) -> bool:
        """"The ceremony was held in Astana", «олимпиада прошла в Астане»: where an event took
        place, not where the article's figures hold."""
        pattern = article.cues["venue_before"].get(article.lang)
        return pattern is not None and pattern.search(article.doc.text, max(0, place.start - 40), place.start) is not None

    @staticmethod
    def _per_person(article: Article, figure: Figure) -> bool:
        """"3.6 million tenge each", «в размере 100 МРП»: a per-person cue next to the figure."""
        q, sentence = figure.quantity, figure.sentence
        near = article.index.keys_between(max(sentence.start, q.start - PER_PERSON_WINDOW),
                                          min(sentence.end, q.end + PER_PERSON_WINDOW))
        return article.cue("per_person", near) is not None

    @staticmethod
    def _counts_places(article: Article, figure: Figure) -> bool:
        """"Six pilot regions", "in 12 districts": a figure counting places holds in none."""
        subject = figure.quantity.subject
        nouns = article.cues["place_nouns"].get(article.lang)
        return bool(subject) and nouns is not None and (subject.split()[-1],) in nouns

    @staticmethod
    def _reports_speech(article: Article, at: int) -> bool:
        words = article.index.keys(at)
        return article.cue("speech_event", words) is not None and (
            article.cue("speech", words) is not None or article.cue("attribution_after", words) is not None)

    def _stated_nationally(self, article: Article, figure: Figure) -> bool:
        """The figure is stated by an official of national office (a minister, the President):
        the lead's place is where they spoke, their figures are the country's."""
        official = figure.bound.get("official")
        if official is None or official.rule not in _STATED:
            return False
        entry = self.kb.entries.get(official.value)
        roles = list(article.roles_of.get(official.value, ()))
        roles += [entry.role_en, entry.role_ru] if entry is not None else []
        patterns = article.cues["national_roles"].values()
        return any(p.search(role) for role in roles if role for p in patterns)

    def _country(self, article: Article, figure: Figure, named: bool = False) -> Bound | None:
        """Country-wide: the article's mention of Kazakhstan, for a total or a share — not for
        a per-person amount, nor (unless `named`: "across the country") an amount or a term
        that a national rule may set."""
        country = article.structure.country
        if country is None:
            return None
        if self._per_person(article, figure):
            return None
        if not named and figure.quantity.unit in _RULE_UNITS:
            return None  # an amount or a term with nothing saying it is the country's total
        return country

    def _by_anaphora(self, article: Article, at: int, clause_tokens: list) -> Entity | None:
        """"In the region" / «в регионе» in the figure's clause: the last place of that kind
        named before in the article, however far."""
        doc = article.doc
        start, end = (clause_tokens[0].start, clause_tokens[-1].end) if clause_tokens else (0, 0)
        for kinds, patterns in article.cues["place_anaphora"]:
            pattern = patterns.get(article.lang)
            if pattern is None or not pattern.search(doc.analysis_text, start, end):
                continue
            for kind in kinds:
                for prior in range(at - 1, -1, -1):
                    found = [e for e in article.index.main_entities(prior) if e.type == "PLACE" and self.kind(e) == kind]
                    if found:
                        return found[-1]
            # «ШЫМКЕНТ – В городе открыли …»: the dateline's city, failing any other
            sentence_end = article.doc.sentences[at].end
            datelines = [e for e in article.index.datelines if e.end <= sentence_end and self.kind(e) in kinds]
            return datelines[-1] if datelines else None
        return None

    def _inherited(self, article: Article, at: int) -> Entity | None:
        """A sentence naming no place continues the place of the sentences just before it in
        its paragraph ("A new school opened in Uralsk. It has 36 subject rooms."), unless that
        sentence lists several or names a foreign country."""
        index = article.index
        prior = at - 1
        while prior >= 0 and at - prior <= PLACE_LOOKBACK_SENTENCES and index.same_paragraph(prior, prior + 1):
            if index.of_type(prior, "PLACE"):
                place = self.scope(index.main_entities(prior), index.doc.text)
                if place is not None and self.specificity(place) == 0 and place.id != HOME_COUNTRY:
                    return None  # a foreign country: the figures here are not all about it
                return place
            prior -= 1
        return None

    def kind(self, entity: Entity) -> str | None:
        """The KB kind of a linked entity ("region", "city"), None when unlinked."""
        return getattr(self.kb.entries.get(entity.id), "kind", None) if entity.id else None

    def specificity(self, place: Entity) -> int:
        entry = self.kb.entries.get(place.id)
        return PLACE_SPECIFICITY.get(entry.kind, 3) if entry else 3

    def most_specific(self, entities: list[Entity], offset: int, text: str) -> Entity | None:
        """The most specific place among `entities`: a place inside another one listed with it
        wins ("in Uralsk, West Kazakhstan region" → Uralsk); several places listed in one
        place ("in Kaskelen and Kemertogan in the Almaty region") give that place; otherwise
        the most specific one nearest to `offset`."""
        places = [e for e in entities if e.type == "PLACE" and e.id]
        if not places:
            return None
        leaves = self._leaves(places, text)
        if len({e.id for e in leaves}) == 1:
            return leaves[0]
        container = self._container(places, leaves, offset, text)
        if container is not None:
            return container
        top = max(self.specificity(e) for e in leaves)
        return min((e for e in leaves if self.specificity(e) == top), key=lambda e: abs(e.start - offset))

    def scope(self, entities: list[Entity], text: str) -> Entity | None:
        """The one place a sentence is about, or None when it names none or a list of them."""
        places = [e for e in entities if e.type == "PLACE" and e.id]
        leaves = self._leaves(places, text)
        known = {e.id for e in leaves if e.id in self.kb.entries}
        if len({e.id for e in leaves}) == 1:
            return leaves[0]
        if len(known) == 1:
            return next(e for e in leaves if e.id in known)
        return self._container(places, leaves, 0, text) if leaves else None

    def _leaves(self, places: list[Entity], text: str) -> list[Entity]:
        """The places that contain no other place of the list."""
        return [e for e in places if not any(self._inside(other, e, text) for other in places if other.id != e.id)]

    def _container(self, places: list[Entity], leaves: list[Entity], offset: int, text: str) -> Entity | None:
        """The most specific listed place below country level containing every leaf."""
        candidates = [e for e in places if e not in leaves and self.specificity(e) > 0
                      and all(any(self._inside(leaf, e, text) for leaf in leaves if leaf.id == leaf_id)
                              for leaf_id in {leaf.id for leaf in leaves})]
        if not candidates:
            return None
        return max(candidates, key=lambda e: (self.specificity(e), -abs(e.start - offset)))

    def _inside(self, place: Entity, other: Entity, text: str) -> bool:
        """`place` lies in `other`: by the knowledge base, or by the text for places it does
        not know ("the village of Kemertogan in the Almaty region")."""
        if other.id in self._ancestors(place.id):
            return True
        if place.id in self.kb.entries:
            return False
        if place.end <= other.start:
            return _PLACE_IN_PLACE.fullmatch(text, place.end, other.start) is not None
        return other.end <= place.start and text[other.end:place.start].isspace() \
            and _CONTAINER_BEFORE.search(other.text) is not None

    def _ancestors(self, place_id: str) -> tuple[str, ...]:
        chain = []
        entry = self.kb.entries.get(place_id)
        while entry is not None and entry.parent and entry.parent not in chain and len(chain) < 8:
            chain.append(entry.parent)
            entry = self.kb.entries.get(entry.parent)
        return tuple(chain)


# The official rules by which an official states a figure (not "actor").
_STATED = frozenset({"quotation", "reported speech", "continuation", "speech report"})
