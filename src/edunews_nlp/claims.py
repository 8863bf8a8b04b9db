"""Claims: each quantity with its sentence and what the sentence ties to it.

First level (the claims issue deepens it with syntax): the programme, place and official
are the entities of the quantity's sentence nearest to the number (the most specific place
kind wins over a country); an official mentioned only as "the Minister" or in a quote falls
back to the official of the previous sentences; the year comes from a year in the sentence
or a relative phrase ("this year") resolved against the publication date; modality from
cue words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable

import regex

from .document import Claim, Document, Entity, Sentence, TimeSpan
from .entities import load_data
from .knowledge import KnowledgeBase, default_kb, phrase_key, word_key

_YEAR = regex.compile(r"(?<![\d.,:/-])(20[1-3]\d|19[5-9]\d)(?![\d.,:/-]\d)")
_ACADEMIC_YEAR = regex.compile(r"(?<!\d)(20[1-3]\d)\s*[-–—/]\s*(20[1-3]\d)(?!\d)")
# How specific a place kind is; the most specific place of the sentence is bound.
PLACE_SPECIFICITY = {"village": 5, "residential_area": 5, "district": 4, "city": 3, "region": 2,
                     "foreign_city": 3, "country": 0, "foreign_country": 0}
OFFICIAL_LOOKBACK_SENTENCES = 3


class ClaimBuilder:
    """Callable stage: one claim per quantity in `doc.quantities`."""

    def __init__(self, kb: KnowledgeBase | None = None):
        self._kb = kb

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or default_kb()

    @cached_property
    def cues(self) -> dict:
        data = load_data("claim_cues.yaml")
        patterns = ("target_patterns", "plan_patterns")
        keyed = {name: {lang: [phrase_key(p) for p in phrases] for lang, phrases in langs.items()}
                 for name, langs in data["modality"].items() if name not in patterns}
        for name in patterns:
            keyed[name] = [regex.compile(p, regex.IGNORECASE) for p in data["modality"][name]]
        keyed["time"] = {name: {lang: [phrase_key(p) for p in phrases] for lang, phrases in langs.items()}
                         for name, langs in data["time"].items()}
        keyed["anaphora"] = {lang: [phrase_key(p) for p in phrases] for lang, phrases in data["official_anaphora"].items()}
        keyed["speech"] = {lang: [phrase_key(p) for p in phrases] for lang, phrases in data["speech"].items()}
        return keyed

    def __call__(self, doc: Document) -> None:
        doc.claims = []
        if not doc.quantities:
            return
        index = SentenceIndex(doc)
        speakers = quote_speakers(doc)
        lang = doc.lang or "en"
        per_sentence: dict = {}
        for number, quantity in enumerate(doc.quantities):
            at = index.sentence_of(quantity.start)
            sentence = doc.sentences[at] if at is not None else _line_around(doc, quantity.start)
            here = index.entities[at] if at is not None else []
            words = index.keys(at) if at is not None else []
            official = _nearest_id(here, "OFFICIAL", quantity.start) or _speaker_of(speakers, quantity.start)
            if official is None and at is not None:
                # Reported speech runs on after "X noted that" / "according to him" within the
                # paragraph; elsewhere only an explicit reference ("the Minister") looks back.
                speech = self.cues["speech"].get(lang, [])
                official = index.paragraph_official(at, lambda k: any(_find(index.keys(k), c) for c in speech)) or (
                    index.recent_official(at)
                    if any(_find(words, cue) for cue in self.cues["anaphora"].get(lang, [])) else None)
            place = self._place(here, quantity.start)
            if place is None and at is not None and at > 0 and index.same_paragraph(at - 1, at):
                place = self._place(index.entities[at - 1], doc.sentences[at - 1].end)
            # Claims of one sentence share its time and modality: computed once per sentence.
            if at is None or at not in per_sentence:
                modality = self._modality(lang, sentence.text, words)
                per_sentence[at] = (modality, self._time(doc, sentence, words, modality))
            modality, time = per_sentence[at]
            doc.claims.append(Claim(
                text=sentence.text, start=sentence.start, end=sentence.end, quantity=number,
                subject=quantity.subject,
                programme=_nearest_id(here, "PROGRAMME", quantity.start),
                place=place,
                official=official,
                time=time,
                modality=modality,
            ))

    def _place(self, entities: list[Entity], offset: int) -> str | None:
        """The most specific place of the sentence; when several places of that level are
        listed ("in Kaskelen and Kemertogan in the Almaty region"), the place containing them."""
        places = [e for e in entities if e.type == "PLACE" and e.id]
        if not places:
            return None
        levels = {e.id: self._specificity(e) for e in places}
        top = max(levels.values())
        most_specific = {i for i, level in levels.items() if level == top}
        if len(most_specific) > 1:
            containers = [e for e in places if 0 < levels[e.id] < top]
            if containers:
                return max(containers, key=lambda e: (levels[e.id], -abs(e.start - offset))).id
        return min((e for e in places if levels[e.id] == top), key=lambda e: abs(e.start - offset)).id

    def _specificity(self, place: Entity) -> int:
        entry = self.kb.entries.get(place.id)
        return PLACE_SPECIFICITY.get(entry.kind, 3) if entry else 3

    def _time(self, doc: Document, sentence: Sentence, words, modality: str) -> TimeSpan | None:
        text = doc.analysis_text[sentence.start:sentence.end]
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
        academic = _current_academic_year(doc.published)
        for name, first in (("new_academic_year", published), ("current_academic_year", academic),
                            ("last_academic_year", academic - 1)):
            phrase = next(filter(None, (_find(words, cue) for cue in cues[name].get(lang, []))), None)
            if phrase:
                return TimeSpan(phrase, f"{first}-09-01", f"{first + 1}-05-31")
        for name, shift in (("this_year", 0), ("last_year", -1), ("next_year", 1)):
            for cue in cues[name].get(lang, []):
                phrase = _find(words, cue)
                if phrase:
                    y = published + shift
                    return TimeSpan(phrase, f"{y}-01-01", f"{y}-12-31")
        # News states facts of its own time: a fact with no time words is of the
        # publication year, unless it recurs ("annually"). `text` None marks the inference.
        if modality == "fact" and not any(_find(words, cue) for cue in cues["habitual"].get(lang, [])):
            return TimeSpan(None, f"{published}-01-01", f"{published}-12-31")
        return None

    def _modality(self, lang: str | None, text: str, words) -> str:
        lang = lang or "en"
        if any(p.search(text) for p in self.cues["target_patterns"]) or \
                any(_find(words, cue) for cue in self.cues["target"].get(lang, [])):
            return "target"
        if any(_find(words, cue) for cue in self.cues["plan"].get(lang, [])) or \
                any(p.search(text) for p in self.cues["plan_patterns"]):
            return "plan"
        return "fact"


class SentenceIndex:
    """Tokens and entities grouped by sentence, found by bisection: linear in the text."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]
        self.tokens: list[list] = [[] for _ in doc.sentences]
        self.entities: list[list[Entity]] = [[] for _ in doc.sentences]
        for tok in doc.tokens:
            at = self.sentence_of(tok.start)
            if at is not None:
                self.tokens[at].append(tok)
        for ent in doc.entities:
            at = self.sentence_of(ent.start)
            if at is not None and ent.end <= doc.sentences[at].end:
                self.entities[at].append(ent)
        self._keys: dict[int, list[tuple[str, str]]] = {}

    def sentence_of(self, offset: int) -> int | None:
        at = bisect.bisect_right(self.starts, offset) - 1
        if at >= 0 and offset < self.doc.sentences[at].end:
            return at
        return None

    def keys(self, at: int) -> list[tuple[str, str]]:
        """(word key, surface) of the sentence's tokens."""
        if at not in self._keys:
            self._keys[at] = [(word_key(t.text), t.text) for t in self.tokens[at]]
        return self._keys[at]

    def same_paragraph(self, first: int, second: int) -> bool:
        return "\n" not in self.doc.text[self.doc.sentences[first].end:self.doc.sentences[second].start]

    def paragraph_official(self, at: int, speaks) -> str | None:
        """The official who speaks (`speaks(sentence index)`) earlier in the same paragraph."""
        prior = at - 1
        while prior >= 0 and self.same_paragraph(prior, prior + 1):
            officials = [e for e in self.entities[prior] if e.type == "OFFICIAL"]
            if officials:
                return officials[-1].id if speaks(prior) else None
            prior -= 1
        return None

    def recent_official(self, at: int | None) -> str | None:
        """The last official named in the few sentences before sentence `at`."""
        if at is None:
            return None
        for prior in range(at - 1, max(-1, at - 1 - OFFICIAL_LOOKBACK_SENTENCES), -1):
            officials = [e for e in self.entities[prior] if e.type == "OFFICIAL"]
            if officials:
                return officials[-1].id
        return None


def _find(words: list[tuple[str, str]], cue: tuple[str, ...]) -> str | None:
    n = len(cue)
    for i in range(len(words) - n + 1):
        if tuple(k for k, _ in words[i:i + n]) == cue:
            return " ".join(s for _, s in words[i:i + n])
    return None


# A quotation long enough to hold a statement, and who said it: the official named right
# after it (", said X" / «…», – отметил X) or right before it ("X said: «…»").
_QUOTE = regex.compile(r"[\"“«]([^\"“”«»]{20,3000})[\"”»]")
SPEAKER_WINDOW = 120


def quote_speakers(doc: Document) -> list[tuple[int, int, str]]:
    officials = sorted((e for e in doc.entities if e.type == "OFFICIAL" and e.id), key=lambda e: e.start)
    if not officials:
        return []
    starts = [e.start for e in officials]
    spans = []
    for m in _QUOTE.finditer(doc.analysis_text):
        after = bisect.bisect_left(starts, m.end())
        speaker = None
        if after < len(officials) and officials[after].start - m.end() <= SPEAKER_WINDOW \
                and "\n" not in doc.text[m.end():officials[after].start]:
            speaker = officials[after]
        else:
            before = bisect.bisect_left(starts, m.start()) - 1
            if before >= 0 and m.start() - officials[before].end <= SPEAKER_WINDOW \
                    and ":" in doc.text[officials[before].end:m.start()]:
                speaker = officials[before]
        if speaker is not None:
            spans.append((m.start(), m.end(), speaker.id))
    return spans


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
