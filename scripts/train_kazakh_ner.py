#!/usr/bin/env python
"""Train the Kazakh NER (models/kazakh_ner/) on KazNERD, and measure it on KazNERD test.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
        PYTHONPATH=src python scripts/train_kazakh_ner.py          # train (1 thread), then --evaluate
    PYTHONPATH=src python scripts/train_kazakh_ner.py --evaluate   # only score models/kazakh_ner

Data (../shared/peer/kaznerd, CC BY 4.0, Yeshpanov, Khassanov, Varol, "KazNERD: Kazakh
Named Entity Recognition Dataset", LREC 2022, ISSAI, Nazarbayev University): IOB2 in
CoNLL layout (token, space, tag; a blank line between sentences). We train on
IOB2_valid.txt only: every 10th sentence of it (index % 10 == 9) is the dev set that picks
model-best, the rest is train. IOB2_test.txt is read only by --evaluate. KazNERD's own
tokens are kept (a Doc is built from them; the text gets spaces the way Kazakh is written,
none before `.,»` and none after `«(`).

Tokenizer: spaCy 3.8 has no "kk" language, so the pipeline is `spacy.blank("tt")` (Tatar,
a Cyrillic Turkic language): re-tokenizing the detokenized KazNERD test sentences, it gives
back KazNERD's tokens for 95.0% of sentences ("xx" and "ru" 85.6%, "ky" 87.6%; they split
hyphenated words such as `бизнес-климатын`). Only the tokenizer comes from "tt".

Labels: `--labels needed` (default) trains only the six classes we map (PERSON, GPE,
LOCATION, ORGANISATION, POSITION, PROJECT; the rest become O); `--labels all` keeps all
25 KazNERD classes, which scored 1-3 points lower on PERSON, PLACE and ORG.
Model: blank tokenizer + tok2vec (HashEmbedCNN: MultiHashEmbed over NORM, PREFIX, SUFFIX,
SHAPE, width 128, 6000 rows + MaxoutWindowEncoder, depth 4, window 1) + transition-based
ner, 15 epochs, fixed seed 42; the config written here is models/kazakh_ner/config.cfg.
Only model-best is kept (config, meta, tokenizer, vocab, tok2vec, ner); the vocab's
strings are trimmed to what the model needs (1.4 MB -> 5 kB).

The committed model (11.0 MB) was made by the first command above, with no options, in
315 s (5 min) on one thread of a shared 2-core machine (673 s when a second training ran
beside it; both runs gave bit-identical weights); --evaluate takes about 20 s.
docs/kazakh.md has its scores, speed and the settings that were compared.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
KAZNERD = REPO.parent / "shared" / "peer" / "kaznerd"
MODEL_DIR = REPO / "models" / "kazakh_ner"
SPACY_LANG = "tt"
SEED = 42
DEV_EVERY = 10  # sentence i goes to dev when i % DEV_EVERY == DEV_EVERY - 1

NEEDED_LABELS = ("PERSON", "GPE", "LOCATION", "ORGANISATION", "POSITION", "PROJECT")

NO_SPACE_BEFORE = set(".,;:!?)]»”%…")
NO_SPACE_AFTER = set("([«“")


# -- reading KazNERD ------------------------------------------------------------------------


def read_iob2(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences as (tokens, tags). An I- tag that does not continue an entity of its own
    class is read as B- (IOB2 repair), so every tag sequence gives well-formed spans."""
    sentences, tokens, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                sentences.append((tokens, tags))
                tokens, tags = [], []
            continue
        token, tag = line.rsplit(" ", 1)
        tokens.append(token)
        tags.append(tag)
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def tag_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, end token, class) of each entity in an IOB2 tag sequence."""
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "I" and spans and spans[-1][1] == i and spans[-1][2] == label:
            spans[-1] = (spans[-1][0], i + 1, label)
        else:
            spans.append((i, i + 1, label))
    return spans


def token_spaces(tokens: list[str]) -> list[bool]:
    """Whether a space follows each token, as Kazakh is written (none before `.,»`, none
    after `«(`), so that doc.text reads like the texts the model will meet."""
    return [i + 1 < len(tokens) and tokens[i + 1] not in NO_SPACE_BEFORE and tokens[i] not in NO_SPACE_AFTER
            for i in range(len(tokens))]


def to_doc(vocab, tokens: list[str], tags: list[str], labels: set[str] | None):
    from spacy.tokens import Doc, Span

    doc = Doc(vocab, words=tokens, spaces=token_spaces(tokens))
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in tag_spans(tags)
                if labels is None or label in labels]
    return doc


def split_valid(sentences):
    train = [s for i, s in enumerate(sentences) if i % DEV_EVERY != DEV_EVERY - 1]
    dev = [s for i, s in enumerate(sentences) if i % DEV_EVERY == DEV_EVERY - 1]
    return train, dev


# -- config and training --------------------------------------------------------------------

DEFAULTS = {"embed": "hash", "width": 128, "depth": 4, "embed_size": 6000, "window_size": 1, "hidden_width": 64,
            "dropout": 0.2, "max_epochs": 15, "patience": 2000, "eval_frequency": 200, "learn_rate": 0.001,
            "char_bytes": 8}  # char_bytes: CharacterEmbed's nC, only for --embed char

# Only what differs from spaCy's defaults; `filled_config` lets spaCy add the rest (the
# batcher, compounding 100 -> 1000 words, Adam's betas, the corpora readers' defaults ...)
# and models/kazakh_ner/config.cfg is that filled config.
CONFIG = """\
[paths]
train = null
dev = null

[system]
seed = {seed}

[nlp]
lang = "{lang}"
pipeline = ["tok2vec","ner"]
batch_size = 256

[components]

[components.tok2vec]
factory = "tok2vec"

{tok2vec_model}
[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden_width}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}

[training]
dropout = {dropout}
patience = {patience}
max_epochs = {max_epochs}
max_steps = 0
eval_frequency = {eval_frequency}

[training.optimizer]
@optimizers = "Adam.v1"
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
learn_rate = {learn_rate}
"""


def filled_config(**settings):
    """The training config for these settings, with spaCy's defaults filled in."""
    from spacy.util import load_config_from_str, load_model_from_config

    values = {**DEFAULTS, **settings}
    tok2vec_model = TOK2VEC_MODELS[values.pop("embed")].format(**values)
    config = load_config_from_str(CONFIG.format(**values, tok2vec_model=tok2vec_model, lang=SPACY_LANG, seed=SEED))
    return load_model_from_config(config, auto_fill=True, validate=True).config


# tok2vec embeddings: "hash" = MultiHashEmbed of NORM, PREFIX (1 char), SUFFIX (3 chars),
# SHAPE; "char" = CharacterEmbed: a hashed NORM row plus the first and last nC/2 UTF-8
# bytes of the word (a Cyrillic letter is 2 bytes), meant for Kazakh's stems and endings.
TOK2VEC_MODELS = {
    "hash": """\
[components.tok2vec.model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = {width}
depth = {depth}
embed_size = {embed_size}
window_size = {window_size}
maxout_pieces = 3
subword_features = true
""",
    "char": """\
[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.CharacterEmbed.v2"
width = {width}
rows = {embed_size}
nM = 64
nC = {char_bytes}
include_static_vectors = false
feature = "NORM"

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = {window_size}
maxout_pieces = 3
""",
}

KEEP = {"config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "ner"}


def train(out_dir: Path, labels: str, **settings) -> dict:
    import spacy
    from spacy.cli.train import train as spacy_train
    from spacy.tokens import DocBin

    kept = None if labels == "all" else set(NEEDED_LABELS)
    train_sents, dev_sents = split_valid(read_iob2(KAZNERD / "IOB2_valid.txt"))
    vocab = spacy.blank(SPACY_LANG).vocab
    out_dir.mkdir(parents=True, exist_ok=True)
    config_path = out_dir / "config.cfg"
    filled_config(**settings).to_disk(config_path)
    with tempfile.TemporaryDirectory(prefix="kazakh_ner_") as tmp:
        tmp = Path(tmp)
        for role, sents in (("train", train_sents), ("dev", dev_sents)):
            docs = [to_doc(vocab, tokens, tags, kept) for tokens, tags in sents]
            DocBin(docs=docs, store_user_data=False).to_disk(tmp / f"{role}.spacy")
        print(f"train {len(train_sents)} sentences, dev {len(dev_sents)}; labels: {labels}", flush=True)
        began = time.perf_counter()
        spacy_train(config_path, tmp / "output", use_gpu=-1,
                    overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        seconds = time.perf_counter() - began
        best = tmp / "output" / "model-best"
        for item in out_dir.iterdir():
            if item.name in KEEP:
                (shutil.rmtree if item.is_dir() else os.remove)(item)
        for item in best.iterdir():
            if item.name in KEEP:
                (shutil.copytree if item.is_dir() else shutil.copy2)(item, out_dir / item.name)
    # The temporary DocBins are gone: the saved config must not point at them.
    cfg = (out_dir / "config.cfg").read_text(encoding="utf-8")
    (out_dir / "config.cfg").write_text(re.sub(r'^(train|dev) = ".*"$', r"\1 = null", cfg, flags=re.M), encoding="utf-8")
    trim_strings(out_dir)
    meta_path = out_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["name"] = "kazakh_ner"
    meta["sources"] = [{"name": "KazNERD", "url": "https://github.com/IS2AI/KazNERD", "license": "CC BY 4.0",
                        "author": "Yeshpanov, Khassanov, Varol (ISSAI, Nazarbayev University), LREC 2022"}]
    meta["training_seconds"] = round(seconds)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    size = model_bytes(out_dir)
    print(f"trained in {seconds:.0f} s; dev ents_f {meta.get('performance', {}).get('ents_f')}; "
          f"{size / 1e6:.2f} MB at {out_dir}", flush=True)
    return {"seconds": seconds, "bytes": size}


def trim_strings(model_dir: Path) -> None:
    """Keep in vocab/strings.json only the strings the pipeline needs to load (labels and
    the tokenizer's); the hashed features do not look strings up, and the training words
    (about 30k) would be most of that file for nothing."""
    import spacy

    nlp = spacy.load(model_dir)
    strings_path = model_dir / "vocab" / "strings.json"
    before = strings_path.stat().st_size
    fresh = spacy.blank(SPACY_LANG)
    needed = set(fresh.vocab.strings) | set(nlp.get_pipe("ner").labels)
    for name in ("B", "I", "L", "U", "O", "-"):
        needed.add(name)
    for move in nlp.get_pipe("ner").move_names:
        needed.add(move)
    strings_path.write_text(json.dumps(sorted(needed), ensure_ascii=False), encoding="utf-8")
    reloaded = spacy.load(model_dir)  # must still load and label the same
    probe = "Білім министрі Асхат Аймағамбетов Астанада « Жайлы мектеп » жобасын таныстырды ."
    if [(e.start_char, e.end_char, e.label_) for e in nlp(probe).ents] != \
            [(e.start_char, e.end_char, e.label_) for e in reloaded(probe).ents]:
        raise RuntimeError("trimming vocab/strings.json changed the model's output")
    print(f"vocab/strings.json {before / 1e3:.0f} kB -> {strings_path.stat().st_size / 1e3:.0f} kB")


def model_bytes(model_dir: Path) -> int:
    return sum(f.stat().st_size for f in model_dir.rglob("*") if f.is_file())


# -- measuring ------------------------------------------------------------------------------


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def count(gold: list[set], pred: list[set]) -> dict[str, list[int]]:
    """label -> [true positives, predicted, gold] over sentences of sets of spans, tuples
    whose last item is the label."""
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold, pred):
        for span in g:
            counts.setdefault(span[-1], [0, 0, 0])[2] += 1
        for span in p:
            counts.setdefault(span[-1], [0, 0, 0])[1] += 1
            if span in g:
                counts[span[-1]][0] += 1
    return counts


def mapped(spans: set) -> set:
    """The spans of the classes we map, labelled with our types (as edunews_nlp.kazakh_ner)."""
    from edunews_nlp.kazakh_ner import TYPE_OF_CLASS

    return {(s, e, TYPE_OF_CLASS[label]) for s, e, label in spans if label in TYPE_OF_CLASS}


def officials(text: str, spans: set) -> set:
    """(name start, name end, role start, role end, "OFFICIAL") for each PERSON that
    edunews_nlp.kazakh_ner pairs with a POSITION next to it (character spans)."""
    from edunews_nlp.kazakh_ner import pair_officials

    pairs = pair_officials(text, sorted(spans))
    return {(person[0], person[1], role[0], role[1], "OFFICIAL") for person, role in pairs}


def evaluate(model_dir: Path, split: str = "test") -> dict:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model_dir)
    sentences = read_iob2(KAZNERD / f"IOB2_{split}.txt")
    if split == "valid":
        sentences = split_valid(sentences)[1]
    gold = [set(tag_spans(tags)) for _, tags in sentences]
    docs = [Doc(nlp.vocab, words=tokens, spaces=token_spaces(tokens)) for tokens, _ in sentences]
    began = time.perf_counter()
    pred = [{(e.start, e.end, e.label_) for e in doc.ents} for doc in nlp.pipe(docs, batch_size=256)]
    tagging_seconds = time.perf_counter() - began
    result = {"split": split, "sentences": len(sentences), "raw": count(gold, pred),
              "mapped": count([mapped(g) for g in gold], [mapped(p) for p in pred])}
    # The same sentences as text through the model's own tokenizer, end to end: the speed
    # a user sees, and the exact-span scores when tokens are not given.
    texts = [doc.text for doc in docs]
    began = time.perf_counter()
    parsed = list(nlp.pipe(texts, batch_size=256))
    text_seconds = time.perf_counter() - began
    gold_chars = [{(d[s].idx, d[e - 1].idx + len(d[e - 1]), label) for s, e, label in g} for d, g in zip(docs, gold)]
    pred_chars = [{(e.start_char, e.end_char, e.label_) for e in doc.ents} for doc in parsed]
    result["raw_from_text"] = count(gold_chars, pred_chars)
    result["mapped_from_text"] = count([mapped(g) for g in gold_chars], [mapped(p) for p in pred_chars])
    result["official"] = count([officials(t, g) for t, g in zip(texts, gold_chars)],
                               [officials(t, p) for t, p in zip(texts, pred_chars)])
    chars = sum(len(t) for t in texts)
    result["speed"] = {"chars": chars, "seconds_given_tokens": round(tagging_seconds, 2),
                       "seconds_from_text": round(text_seconds, 2), "chars_per_s": round(chars / text_seconds)}
    result["bytes"] = model_bytes(model_dir)
    return result


def overall(counts: dict[str, list[int]], labels=None) -> tuple[float, float, float]:
    rows = [c for label, c in counts.items() if labels is None or label in labels]
    return prf(sum(c[0] for c in rows), sum(c[1] for c in rows), sum(c[2] for c in rows))


def table(counts: dict[str, list[int]], labels, title: str) -> str:
    lines = [f"| {title} | gold | P | R | F1 |", "|---|---:|---:|---:|---:|"]
    for label in labels:
        tp, n_pred, n_gold = counts.get(label, [0, 0, 0])
        p, r, f = prf(tp, n_pred, n_gold)
        lines.append(f"| {label} | {n_gold} | {p:.3f} | {r:.3f} | {f:.3f} |")
    return "\n".join(lines)


def report(result: dict) -> str:
    raw_labels = sorted(result["raw"], key=lambda label: -result["raw"][label][2])
    p, r, f = overall(result["raw"])
    out = [f"KazNERD {result['split']} ({result['sentences']} sentences), exact spans, KazNERD tokens",
           f"all classes micro: P {p:.3f} R {r:.3f} F1 {f:.3f}",
           table(result["raw"], [label for label in NEEDED_LABELS], "KazNERD class"),
           table(result["mapped"], ["PERSON", "PLACE", "ORG", "PROGRAMME"], "our type"),
           table(result["official"], ["OFFICIAL"], "pairing"),
           "all raw classes:", table(result["raw"], raw_labels, "KazNERD class"),
           "from text (own tokenizer, character spans):",
           table(result["mapped_from_text"], ["PERSON", "PLACE", "ORG", "PROGRAMME"], "our type"),
           json.dumps(result["speed"]), f"model {result['bytes'] / 1e6:.2f} MB"]
    return "\n\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model folder (default: models/kazakh_ner)")
    parser.add_argument("--labels", choices=("needed", "all"), default="needed",
                        help="train only on the six classes we map (default) or on all 25 KazNERD classes")
    parser.add_argument("--evaluate", action="store_true", help="do not train: score --out on KazNERD dev and test")
    parser.add_argument("--json", type=Path, help="also write the scores as JSON here")
    for key, value in DEFAULTS.items():
        parser.add_argument(f"--{key.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    if not KAZNERD.is_dir():
        print(f"KazNERD not found at {KAZNERD}", file=sys.stderr)
        return 2
    if not args.evaluate:
        train(args.out, args.labels, **{key: getattr(args, key) for key in DEFAULTS})
    results = {split: evaluate(args.out, split) for split in ("valid", "test")}
    for result in results.values():
        print(report(result), end="\n\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
