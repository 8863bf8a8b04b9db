"""One fact, many reports: the same figure across articles and languages, and conflicts.

A figure's *key* is what it is about: unit, canonical subject (школа = school), programme
id, place id and year. Two claims state the same fact when their key and their figure
agree; a *conflict* is articles that give one key (and modality) no figure in common. A key
part that is empty (no subject, place, programme or year) matches nothing but itself in
the same article: "schools" with no place and no programme in one article about repairs
and in another about canteens are not one fact.

Records are deduplicated before grouping: an article read twice (the same source URL, or
the same text under another path: a scraper's dump beside the clean file) counts once.
docs/aggregate.md has the rules and the figures on dev and the corpora.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator
from urllib.parse import urlsplit

from . import datafiles
from .tables import as_record, claim_year


@dataclass
class FactGroup:
    """The reports of one key (unit, subject, programme, place, year) from several articles."""

    subject: str | None
    unit: str | None
    programme: str | None
    place: str | None
    year: int | None
    reports: list[dict] = field(default_factory=list)

    @property
    def values(self) -> list:
        return sorted({r["figure"] for r in self.reports}, key=str)

    @property
    def articles(self) -> int:
        return len({r["article"] for r in self.reports})

    def figures_by_article(self, modality: str) -> dict[int, frozenset]:
        """Article -> the figures it states for this key with `modality`."""
        by_article: dict[int, set] = {}
        for report in self.reports:
            if report["modality"] == modality:
                by_article.setdefault(report["article"], set()).add(report["figure"])
        return {article: frozenset(figures) for article, figures in by_article.items()}

    def _conflicting_modalities(self) -> list[str]:
        """Modalities for which two articles state no figure in common. One article giving
        two figures (a total and a part) disagrees with nobody, nor with an article that
        gives one of them; a plan and an achieved figure do not contradict each other."""
        found = []
        for modality in sorted({r["modality"] for r in self.reports}, key=str):
            sets = list(set(self.figures_by_article(modality).values()))
            if any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1:]):
                found.append(modality)
        return found

    @property
    def conflict(self) -> bool:
        return bool(self._conflicting_modalities())

    def disagreement(self) -> list[dict]:
        """For a conflict: per modality in dispute, each set of figures with the articles
        (source, else path#index) that state it."""
        names = {r["article"]: r["name"] for r in self.reports}
        sides_found = []
        for modality in self._conflicting_modalities():
            sides: dict[frozenset, list] = {}
            for article, figures in self.figures_by_article(modality).items():
                sides.setdefault(figures, []).append(names[article])
            sides_found += [{"modality": modality, "values": sorted(figures, key=str), "articles": sorted(articles)}
                            for figures, articles in sorted(sides.items(), key=lambda kv: str(sorted(kv[0], key=str)))]
        return sides_found

    def to_dict(self) -> dict:
        return {"subject": self.subject, "unit": self.unit, "programme": self.programme, "place": self.place,
                "year": self.year, "values": [_plain(v) for v in self.values], "conflict": self.conflict,
                "disagreement": [{**side, "values": [_plain(v) for v in side["values"]]}
                                 for side in self.disagreement()],
                "sources": self.articles,
                "reports": [{k: v for k, v in r.items() if k != "figure"} for r in self.reports]}


class FactGroups(list):
    """aggregate()'s groups, with how many records were skipped as duplicates."""

    duplicates: int = 0

    @property
    def conflicts(self) -> list[FactGroup]:
        return [group for group in self if group.conflict]


def aggregate(docs: Iterable) -> FactGroups:
    """Group the claims of many documents (Documents, `to_dict()` results or CLI records)
    by key; return the keys reported by more than one article, most reported first."""
    groups: dict[tuple, FactGroup] = {}
    unique = UniqueArticles()
    for article, record in enumerate(unique.filter(as_record(doc) for doc in docs)):
        for claim in record.get("claims", []):
            quantity = record["quantities"][claim["quantity"]]
            unit, figure = key_figure(quantity)
            if figure is None:
                continue
            key = (canonical_subject(claim.get("subject")), unit, claim.get("programme"), claim.get("place"),
                   claim_year(claim))
            group = groups.setdefault(matching_key(key, article), FactGroup(*key))
            group.reports.append({
                "article": article, "name": _article_name(record), "path": record.get("path"),
                "index": record.get("index"), "source": record.get("source"), "lang": record.get("lang"),
                "text": quantity["text"], "value": quantity.get("value"), "low": quantity.get("low"),
                "high": quantity.get("high"), "kzt": quantity.get("kzt"), "year": key[4],
                "sentence": claim["text"], "modality": claim.get("modality"), "figure": figure,
            })
    shared = FactGroups(sorted((g for g in groups.values() if g.articles > 1), key=lambda g: -g.articles))
    shared.duplicates = unique.duplicates
    return shared


class UniqueArticles:
    """Drops records already seen under the same source URL or with the same text."""

    def __init__(self):
        self.seen: set[tuple[str, str]] = set()
        self.duplicates = 0

    def filter(self, records: Iterable[dict]) -> Iterator[dict]:
        for record in records:
            if "error" in record:
                continue
            identities = self.identities(record)
            if identities & self.seen:
                self.duplicates += 1
                self.seen |= identities
                continue
            self.seen |= identities
            yield record

    @staticmethod
    def identities(record: dict) -> set[tuple[str, str]]:
        found = set()
        url = article_url(record.get("source"))
        if url:
            found.add(("url", url))
        text = " ".join((record.get("text") or "").split())
        if text:
            # whitespace aside: a dump and the clean file differ in line breaks only
            found.add(("text", hashlib.sha1(text.encode("utf-8")).hexdigest()))
        return found


def article_url(source: str | None) -> str | None:
    """The source as an article's identity, or None for what names a site, not an article
    ("https://www.inform.kz/ru/" is a byline, shared by all the site's articles)."""
    parts = urlsplit((source or "").strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    segments = [s for s in parts.path.split("/") if s]
    if not parts.query and (not segments or (len(segments) == 1 and len(segments[0]) <= 3)):
        return None
    return f"{parts.netloc.lower().removeprefix('www.')}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _article_name(record: dict) -> str:
    if record.get("source"):
        return record["source"]
    return f"{record.get('path')}#{record.get('index')}"


def key_figure(quantity: dict) -> tuple[str | None, Any]:
    """(unit, figure) as facts are compared: money in tenge ("1,000 AEK" and "3,692,000
    tenge" are one figure), else the unit and the value, or (low, high) of a range."""
    if quantity.get("kzt") is not None:
        return "KZT", quantity["kzt"]
    if quantity.get("value") is not None:
        return quantity.get("unit"), quantity["value"]
    if quantity.get("low") is None and quantity.get("high") is None:
        return quantity.get("unit"), None
    return quantity.get("unit"), (quantity.get("low"), quantity.get("high"))


def matching_key(key: tuple, article: Any) -> tuple:
    """The key as groups match it: an empty subject, programme, place or year matches only
    the same article's (no unit is a count, not an empty part)."""
    return tuple(("empty in article", article) if part is None and position != 1 else part
                 for position, part in enumerate(key))


def mark_facts(claims):
    """The claims table (`to_frame(..., "claims")`) with a `fact` column: claims stating
    the same fact (matching key and figure) share it, so `drop_duplicates("fact")` before a
    sum counts a figure reported twice (two articles, or "1,000 AEK (3,692,000 tenge)")
    once. Rows of one article are those of one `article` number (deduplicate the records
    first: `unique_articles`)."""
    claims = claims.copy()
    facts = []
    for row in claims.itertuples(index=False):
        quantity = {name: _cell(getattr(row, name)) for name in ("value", "low", "high", "unit", "kzt")}
        unit, figure = key_figure(quantity)
        key = (canonical_subject(_cell(row.subject)), unit, _cell(row.programme_id), _cell(row.place_id),
               _cell(row.year))
        facts.append(repr((matching_key(key, _cell(row.article)), figure)))
    claims["fact"] = facts
    return claims


def _cell(value: Any) -> Any:
    """pandas' missing values (NA, NaN) as None, numbers as plain Python numbers."""
    try:
        if value is None or value != value:
            return None
    except TypeError:  # pandas.NA refuses comparison
        return None
    if hasattr(value, "item"):
        value = value.item()
    return int(value) if isinstance(value, float) and value.is_integer() else value


def unique_articles(records: Iterable) -> Iterator[dict]:
    """Records (or Documents) with repeats of an article dropped (see UniqueArticles)."""
    return UniqueArticles().filter(as_record(r) for r in records)


def _plain(figure: Any) -> Any:
    return list(figure) if isinstance(figure, tuple) else figure


@lru_cache(maxsize=1)
def _subject_index() -> dict[str, str]:
    index = {}
    for english, russian in datafiles.load("subjects.yaml").items():
        index[english] = english
        for word in russian:
            index[word.replace("ё", "е")] = english
    return index


def canonical_subject(subject: str | None) -> str | None:
    """One subject name across languages (школа → school), else the subject's head word."""
    if not subject:
        return None
    subject = subject.lower().replace("ё", "е").strip()
    index = _subject_index()
    if subject in index:
        return index[subject]
    head = subject.split()[-1]  # "primary school student" → student; «новая школа» → школа
    return index.get(head, head)
