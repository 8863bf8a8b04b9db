"""Candidate spans of the entity sources and how overlapping ones are merged.

Every source (model NER, gazetteer, rule grammars, programme triggers) gives candidates;
`resolve_overlaps` keeps one span per stretch of text: spans found by a trigger word or a
context rule are exact and always win; otherwise the longer span wins and, for equal
length, the more specific source (gazetteer over model).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Entity

PRIORITY = {"trigger": 3, "gazetteer": 2, "rule": 2, "model": 1}


@dataclass
class Candidate:
    entity: Entity
    origin: str

    @property
    def length(self) -> int:
        return self.entity.end - self.entity.start


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
