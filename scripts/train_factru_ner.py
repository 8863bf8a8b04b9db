#!/usr/bin/env python
"""Train and measure a Russian PER/LOC/ORG tagger on factRuEval-2016's dev split, as a
candidate for the pipeline's Russian statistical NER (issue #16), against natasha's.

    python scripts/train_factru_ner.py --out /tmp/factru_ner     # train (~3-5 min on one core)
    python scripts/train_factru_ner.py --out /tmp/factru_ner --evaluate-only

Data: ../shared/peer/factrueval2016_dev.jsonl (122 documents, MIT licence; SOURCES.md):
every 5th document is the dev set that picks model-best, the rest train. Nested mentions
(a LOC inside an ORG) are flattened to the outermost span. The test split
(factrueval2016_test.jsonl) is only read by the evaluation, which prints P/R/F1 per type of
this model alone, of bare natasha, and of natasha with this model's ORG spans added where
natasha has none (the fusion the pipeline could use).

Model: the same spaCy setup as the domain NER (scripts/train_domain_ner.py: blank
tokenizer, HashEmbedCNN tok2vec width 96, transition-based NER, seed 42). The result and the
choice are in docs/entities.md; the model is not kept under models/ unless it wins.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PEER = REPO.parent / "shared" / "peer"
sys.path.insert(0, str(REPO / "src"))


def _domain_script():
    spec = importlib.util.spec_from_file_location("train_domain_ner", REPO / "scripts" / "train_domain_ner.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def flat_spans(document: dict) -> list[tuple[int, int, str]]:
    """Outermost gold mentions, longest first where they overlap."""
    from edunews_nlp.peer import FACTRU_TYPES

    spans = sorted(((e["start"], e["end"], FACTRU_TYPES[e["type"]]) for e in document["entities"]
                    if e["type"] in FACTRU_TYPES), key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if not any(s < end and start < e for s, e, _ in kept):
            kept.append((start, end, label))
    return sorted(kept)


def to_docs(nlp, documents: list[dict]) -> list:
    """One spaCy doc per paragraph; mentions off token boundaries are dropped (counted)."""
    docs, dropped = [], 0
    for document in documents:
        text = document["text"]
        spans = flat_spans(document)
        offset = 0
        for paragraph in text.split("\n"):
            begin, end = offset, offset + len(paragraph)
            offset = end + 1
            if not paragraph.strip():
                continue
            doc = nlp.make_doc(paragraph)
            ents = []
            for s, e, label in spans:
                if begin <= s and e <= end:
                    span = doc.char_span(s - begin, e - begin, label=label)
                    if span is None:
                        dropped += 1
                    else:
                        ents.append(span)
            doc.ents = ents
            docs.append(doc)
    print(f"{len(docs)} paragraphs, {dropped} mentions off token boundaries dropped")
    return docs


def predict_model(nlp, documents: list[dict], labels=("PER", "LOC", "ORG")) -> list[Counter]:
    out = []
    for document in documents:
        text, found, offset = document["text"], Counter(), 0
        for paragraph in text.split("\n"):
            if paragraph.strip():
                for ent in nlp(paragraph).ents:
                    if ent.label_ in labels:
                        found[(offset + ent.start_char, offset + ent.end_char, ent.label_)] += 1
            offset += len(paragraph) + 1
        out.append(found)
    return out


def fuse_org(base: list[Counter], extra: list[Counter]) -> list[Counter]:
    """`base` plus the ORG spans of `extra` that overlap none of `base`'s spans."""
    fused = []
    for b, x in zip(base, extra):
        merged = Counter(b)
        for (s, e, label), n in x.items():
            if label == "ORG" and not any(bs < e and s < be for bs, be, _ in b):
                merged[(s, e, label)] += n
        fused.append(merged)
    return fused


def evaluate(model_dir: Path) -> None:
    import spacy

    from edunews_nlp.peer import format_comparison, gold_spans, predict_natasha, read_factrueval, score_spans

    test = read_factrueval(PEER / "factrueval2016_test.jsonl")
    gold = [gold_spans(d) for d in test]
    nlp = spacy.load(model_dir)
    model = predict_model(nlp, test)
    natasha = predict_natasha(test)
    print(format_comparison({"factru_model": score_spans(gold, model),
                             "natasha": score_spans(gold, natasha),
                             "natasha+org": score_spans(gold, fuse_org(natasha, model))}))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the trained model (ru/ inside)")
    parser.add_argument("--evaluate-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.evaluate_only:
        import spacy

        from edunews_nlp.peer import read_factrueval

        documents = read_factrueval(PEER / "factrueval2016_dev.jsonl")
        nlp = spacy.blank("ru")
        data = {"ru": {"train": to_docs(nlp, [d for i, d in enumerate(documents) if i % 5 != 4]),
                       "dev": to_docs(nlp, [d for i, d in enumerate(documents) if i % 5 == 4])}}
        _domain_script().train_lang("ru", data, out_dir=args.out)
    evaluate(args.out / "ru")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
