"""Across documents: claims about the same fact grouped, conflicts flagged, a flat table.

Moved unchanged from the former claims.py (edunews_nlp/aggregate.py replaces it at merge)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from ..document import Document
from ..entities import load_data


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
