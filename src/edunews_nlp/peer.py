"""Scoring on other projects' test suites (../shared/peer): factRuEval-2016 Russian NER.

factRuEval types are compared with ours as the issue defines: PER ← OFFICIAL + PERSON,
LOC ← PLACE (LocOrg scored as LOC, the task-1 scorer's `-l` option), ORG ← ORG.
A mention is a hit when type, start and end are equal (each gold mention once).
`score_natasha` runs bare natasha NER on the same texts, so both are measured in one run.
"""

from __future__ import annotations

import json
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
