"""Scoring on test suites: factRuEval-2016 Russian NER (../shared/peer), and number suites
in the peer suites' case-per-line shape (corpora/numbers_kk, `score_number_cases`).

factRuEval types are compared with ours as the issue defines: PER ← OFFICIAL + PERSON,
LOC ← PLACE (LocOrg scored as LOC, the task-1 scorer's `-l` option), ORG ← ORG.
A mention is a hit when type, start and end are equal (each gold mention once).
`score_natasha` runs bare natasha NER on the same texts, so both are measured in one run.
"""

from __future__ import annotations

import json
import math
import pathlib
from collections import Counter
from dataclasses import dataclass

FACTRU_TYPES = {"PER": "PER", "LOC": "LOC", "LOCORG": "LOC", "ORG": "ORG"}
OUR_TO_FACTRU = {"OFFICIAL": "PER", "PERSON": "PER", "PLACE": "LOC", "ORG": "ORG"}
NATASHA_TO_FACTRU = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


@dataclass
class SpanScore:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_factrueval(path: pathlib.Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def gold_spans(document: dict) -> Counter:
    return Counter((e["start"], e["end"], FACTRU_TYPES[e["type"]])
                   for e in document["entities"] if e["type"] in FACTRU_TYPES)


def score_spans(gold: list[Counter], predicted: list[Counter]) -> dict[str, SpanScore]:
    scores = {t: SpanScore() for t in ("PER", "LOC", "ORG", "all")}
    for g, p in zip(gold, predicted):
        for (start, end, type_), n in p.items():
            scores[type_].pred += n
            scores["all"].pred += n
        for (start, end, type_), n in g.items():
            scores[type_].gold += n
            scores["all"].gold += n
            hits = min(n, p.get((start, end, type_), 0))
            scores[type_].tp += hits
            scores["all"].tp += hits
    return scores


def predict_edunews(documents: list[dict]) -> list[Counter]:
    import edunews_nlp

    texts = [{"text": d["text"], "lang": "ru"} for d in documents]
    return [Counter((e.start, e.end, OUR_TO_FACTRU[e.type]) for e in doc.entities if e.type in OUR_TO_FACTRU)
            for doc in edunews_nlp.extract_many(texts)]


def predict_natasha(documents: list[dict]) -> list[Counter]:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    out = []
    for document in documents:
        doc = Doc(document["text"])
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        out.append(Counter((s.start, s.stop, NATASHA_TO_FACTRU[s.type]) for s in doc.spans))
    return out


def compare_on_factrueval(path: pathlib.Path) -> dict[str, dict[str, SpanScore]]:
    documents = read_factrueval(path)
    gold = [gold_spans(d) for d in documents]
    return {"edunews_nlp": score_spans(gold, predict_edunews(documents)),
            "natasha": score_spans(gold, predict_natasha(documents))}


def format_comparison(results: dict[str, dict[str, SpanScore]]) -> str:
    lines = [f"{'system':<12} {'type':<4} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'tp':>6}"]
    for system, scores in results.items():
        for type_, s in scores.items():
            lines.append(f"{system:<12} {type_:<4} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                         f"{s.gold:6d} {s.pred:6d} {s.tp:6d}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    default = pathlib.Path(__file__).resolve().parents[3] / "shared" / "peer" / "factrueval2016_test.jsonl"
    print(format_comparison(compare_on_factrueval(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else default)))


# --- number suites (corpora/numbers_kk/*.jsonl) ---------------------------------------------


@dataclass
class NumberSuiteScore:
    total: Counter  # cases per key: "all", "kind:<kind>", "script:<script>"
    passed: Counter
    surface_exact: int  # passed cases whose quantities' surface texts are all exact too
    failures: list  # (case, quantities found) of every failed case

    def rate(self, key: str = "all") -> float:
        return self.passed[key] / self.total[key] if self.total[key] else 0.0


def score_number_cases(path: pathlib.Path, lang: str) -> NumberSuiteScore:
    """A case passes when `find_quantities(text, lang)` gives exactly its expected quantities,
    in order: as many, each with the expected value (a number, or [low, high] for a range),
    unit and qualifier; a case that expects nothing passes only when nothing is found."""
    from .quantities import find_quantities

    total, passed, surface_exact, failures = Counter(), Counter(), 0, []
    with open(path, encoding="utf-8") as handle:
        cases = [json.loads(line) for line in handle if line.strip()]
    for case in cases:
        found = find_quantities(case["text"], lang)
        expected = case["expected"]
        ok = len(found) == len(expected) and all(map(_same_quantity, found, expected))
        for key in ("all", f"kind:{case['kind']}", f"script:{case['script']}"):
            total[key] += 1
            passed[key] += ok
        if ok:
            surface_exact += all(f.text == e["text"] for f, e in zip(found, expected))
        else:
            failures.append((case, found))
    return NumberSuiteScore(total, passed, surface_exact, failures)


def _same_quantity(found, expected: dict) -> bool:
    value = expected["value"]
    if isinstance(value, list):
        same = found.low is not None and math.isclose(found.low, value[0]) and math.isclose(found.high, value[1])
    else:
        same = found.value is not None and found.low is None and math.isclose(found.value, value)
    return same and found.unit == expected["unit"] and found.qualifier == expected.get("qualifier")
