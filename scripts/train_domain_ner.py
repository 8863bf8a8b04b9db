#!/usr/bin/env python
"""Train the domain NER models (models/domain_ner/{en,ru}/) from the project's corpora.

    python scripts/train_domain_ner.py                 # both languages, from scratch
    python scripts/train_domain_ner.py --lang ru       # one language
    python scripts/train_domain_ner.py --check         # only convert + verify the gold alignment

Data: train = corpora/train minus every 5th article (42 of 52) + corpora/sample (12);
dev (only for choosing model-best) = the 10 held-out train articles. corpora/test is never
read for training (only by --evaluate, which scores the finished models). The gold files list
entities as [TYPE, surface], one item per mention in text order, without offsets:
`align_gold` turns them into character offsets (see its docstring) and every mention
must align, else the script stops.

Model: one spaCy pipeline per language, blank tokenizer + tok2vec (HashEmbedCNN, width 96,
depth 4, no pretrained vectors) + ner, trained with spaCy's config system and a fixed seed
(config written to models/domain_ner/config_{lang}.cfg). Only model-best is kept (config,
meta, tokenizer, vocab, tok2vec, ner); model-last and the training DocBins are dropped.

Measurements and the choice of settings: docs/domain_model.md.
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
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO / "corpora"
MODELS = REPO / "models" / "domain_ner"
LANGS = ("en", "ru")
LABELS = ("OFFICIAL", "PERSON", "PLACE", "PROGRAMME", "ORG")
SEED = 42

# The annotated corpora used here (folder, gold file). "test" is deliberately absent:
# corpora/test is held out.
TRAIN_SOURCES = (("train", "gold_{lang}.jsonl"),)
SAMPLE_SOURCES = (("sample", "gold.jsonl"),)

_WORD = re.compile(r"\w")


# -- reading and aligning the gold -----------------------------------------------------------


@dataclass
class Article:
    id: str
    lang: str
    text: str
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, TYPE)
    failures: list[str] = field(default_factory=list)


def _is_boundary(text: str, start: int, end: int) -> bool:
    """The match does not cut a word: no word character glued on either side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (_WORD.match(before) and _WORD.match(text[start])) and \
        not (_WORD.match(after) and _WORD.match(text[end - 1]))


def _find(text: str, surface: str, pos: int, taken: list[tuple[int, int]]) -> int:
    """First whole-word occurrence of surface at or after pos that overlaps no taken span."""
    at = text.find(surface, pos)
    while at != -1:
        end = at + len(surface)
        if _is_boundary(text, at, end) and not any(s < end and at < e for s, e in taken):
            return at
        at = text.find(surface, at + 1)
    return -1


def align_gold(text: str, entities: list) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Character offsets for gold [TYPE, surface] mentions listed in text order.

    Mentions are placed one after another: each is the first whole-word occurrence of its
    surface after the end of the previous mention (a shared cursor, so that a short surface
    is not placed inside an earlier, longer mention or before the mention it follows in the
    list). A mention that is not found after the cursor (an out-of-order item in the list)
    falls back to the first free whole-word occurrence after the previous match of the same
    surface, and is reported. A mention that cannot be placed at all is reported as a failure.
    Returns (spans sorted by start, messages).
    """
    spans: list[tuple[int, int, str]] = []
    messages: list[str] = []
    taken: list[tuple[int, int]] = []
    cursor = 0
    last_of_surface: dict[str, int] = {}
    for item in entities:
        label, surface = item[0], item[1]
        if label not in LABELS or not surface or surface != surface.strip():
            messages.append(f"FAIL bad item {item!r}")
            continue
        at = _find(text, surface, cursor, taken)
        if at == -1:
            at = _find(text, surface, last_of_surface.get(surface, 0), taken)
            if at == -1:
                messages.append(f"FAIL {label} {surface!r}: not found")
                continue
            messages.append(f"note {label} {surface!r}: out of list order, placed at {at}")
        else:
            cursor = at + len(surface)
        last_of_surface[surface] = at + len(surface)
        spans.append((at, at + len(surface), label))
        taken.append((at, at + len(surface)))
    spans.sort()
    return spans, messages


def read_articles(split: str, gold_name: str, langs=LANGS) -> list[Article]:
    directory = CORPORA / split
    articles = []
    for gold_path in sorted(directory.glob(gold_name.format(lang="*"))) if "{lang}" in gold_name \
            else [directory / gold_name]:
        with open(gold_path, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                if record["lang"] not in langs:
                    continue
                text = (directory / Path(record.get("file") or f"{record['id']}.txt").name).read_text(encoding="utf-8")
                spans, messages = align_gold(text, record.get("entities") or [])
                article = Article(record["id"], record["lang"], text, spans)
                article.failures = [f"{split}/{record['id']}: {m}" for m in messages]
                articles.append(article)
    return articles


def load_split(role: str, langs=LANGS, dev_from: str = "train") -> list[Article]:
    """Articles of `role` ("train" or "dev").

    dev_from="train" (the default, used for the committed models): train = corpora/train
    minus every 5th article + corpora/sample, dev = those held-out train articles.
    dev_from="sample" (the first experiment, docs/domain_model.md): train = corpora/train,
    dev = corpora/sample."""
    articles = []
    if dev_from == "sample":
        sources = {"train": TRAIN_SOURCES, "dev": SAMPLE_SOURCES}[role]
        for split, gold_name in sources:
            assert split != "test", "corpora/test is held out"
            articles += read_articles(split, gold_name, langs)
        return articles
    if dev_from != "train":
        raise ValueError(f"dev_from must be 'sample' or 'train', got {dev_from!r}")
    pool = [a for split, gold_name in TRAIN_SOURCES for a in read_articles(split, gold_name, langs)]
    held = [a for i, a in enumerate(pool) if i % 5 == 4]
    if role == "dev":
        return held
    return [a for a in pool if a not in held] + \
        [a for split, gold_name in SAMPLE_SOURCES for a in read_articles(split, gold_name, langs)]


# -- spaCy documents -------------------------------------------------------------------------


def paragraphs(text: str):
    """(start, end) of non-empty lines; no gold mention crosses a line break."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def to_docs(nlp, article: Article, split_paragraphs: bool = True) -> tuple[list, list[str]]:
    """spaCy Docs with gold ents for one article (one per paragraph for training).

    Returns (docs, problems): a problem is a mention whose offsets do not fall on token
    boundaries of the blank tokenizer (it is then dropped from the doc, which would teach
    the model a wrong O, so the caller treats problems as errors)."""
    pieces = list(paragraphs(article.text)) if split_paragraphs else [(0, len(article.text))]
    docs, problems = [], []
    for p_start, p_end in pieces:
        doc = nlp.make_doc(article.text[p_start:p_end])
        ents = []
        for start, end, label in article.spans:
            if start >= p_start and end <= p_end:
                span = doc.char_span(start - p_start, end - p_start, label=label)
                if span is None:
                    problems.append(f"{article.id}: {label} {article.text[start:end]!r} at {start} "
                                    f"is not on token boundaries")
                else:
                    ents.append(span)
            elif start < p_end and end > p_start:
                problems.append(f"{article.id}: {label} {article.text[start:end]!r} crosses a line break")
        doc.ents = ents
        docs.append(doc)
    return docs, problems


def convert(langs=LANGS, verbose: bool = True, dev_from: str = "train", multilingual: bool = False) -> dict:
    """Read and align the gold of the train and dev sources; build the spaCy docs.

    Returns {lang: {"train": [Doc], "dev": [Doc], "mentions": {role: n}}} plus the list of
    failures under "failures" (alignment failures and token-boundary problems) and notes
    (out-of-order items that were still placed) under "notes"."""
    import spacy

    result: dict = {"failures": [], "notes": []}
    # multilingual: one "xx" model trained on all the languages together.
    for lang in (("xx",) if multilingual else langs):
        nlp = spacy.blank(lang)
        entry: dict = {"mentions": {}, "articles": {}}
        for role in ("train", "dev"):
            articles = load_split(role, langs if multilingual else (lang,), dev_from)
            docs, n = [], 0
            for article in articles:
                for message in article.failures:
                    (result["failures"] if "FAIL" in message else result["notes"]).append(message)
                article_docs, problems = to_docs(nlp, article, split_paragraphs=(role == "train"))
                result["failures"] += problems
                docs += article_docs
                n += len(article.spans)
            entry[role] = docs
            entry["mentions"][role] = n
            entry["articles"][role] = len(articles)
        result[lang] = entry
        if verbose:
            print(f"{lang}: train {entry['articles']['train']} articles / {entry['mentions']['train']} mentions "
                  f"({len(entry['train'])} paragraph docs); dev {entry['articles']['dev']} articles / "
                  f"{entry['mentions']['dev']} mentions")
    return result


# -- config and training ---------------------------------------------------------------------

CONFIG = """\
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = {seed}

[nlp]
lang = "{lang}"
pipeline = ["tok2vec","ner"]
batch_size = 256
disabled = []
before_creation = null
after_creation = null
after_pipeline_creation = null
tokenizer = {{"@tokenizers":"spacy.Tokenizer.v1"}}

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = {embed_size}
window_size = 1
maxout_pieces = 3
subword_features = true

[components.ner]
factory = "ner"
incorrect_spans_key = null
moves = null
scorer = {{"@scorers":"spacy.ner_scorer.v1"}}
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${{components.tok2vec.model.width}}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${{system.seed}}
gpu_allocator = ${{system.gpu_allocator}}
dropout = {dropout}
accumulate_gradient = 1
patience = {patience}
max_epochs = {max_epochs}
max_steps = 0
eval_frequency = {eval_frequency}
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = true
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[pretraining]

[initialize]
vectors = ${{paths.vectors}}
init_tok2vec = ${{paths.init_tok2vec}}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""

DEFAULTS = {"embed_size": 2000, "dropout": 0.2, "max_epochs": 25, "patience": 600, "eval_frequency": 50,
            "seed": SEED}


def write_config(lang: str, path: Path, **settings) -> Path:
    values = {**DEFAULTS, **settings, "lang": lang}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CONFIG.format(**values), encoding="utf-8")
    return path


KEEP = {"config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "ner"}


def train_lang(lang: str, data: dict, out_dir: Path = MODELS, **settings) -> dict:
    from spacy.cli.train import train
    from spacy.tokens import DocBin

    config_path = write_config(lang, out_dir / f"config_{lang}.cfg", **settings)
    target = out_dir / lang
    with tempfile.TemporaryDirectory(prefix=f"domain_ner_{lang}_") as tmp:
        tmp = Path(tmp)
        for role in ("train", "dev"):
            DocBin(docs=data[lang][role], store_user_data=False).to_disk(tmp / f"{role}.spacy")
        began = time.perf_counter()
        train(config_path, tmp / "output", use_gpu=-1,
              overrides={"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")})
        seconds = time.perf_counter() - began
        best = tmp / "output" / "model-best"
        meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for item in best.iterdir():
            if item.name not in KEEP:
                continue
            (shutil.copytree if item.is_dir() else shutil.copy2)(item, target / item.name)
    # The path of the temporary DocBins is meaningless once they are gone.
    cfg = (target / "config.cfg").read_text(encoding="utf-8")
    cfg = re.sub(r'^(train|dev) = ".*"$', r"\1 = null", cfg, flags=re.M)
    (target / "config.cfg").write_text(cfg, encoding="utf-8")
    size = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
    perf = meta.get("performance", {})
    print(f"{lang}: trained in {seconds:.0f} s; dev ents_f {perf.get('ents_f')}; {size / 1e6:.2f} MB at {target}")
    return {"seconds": seconds, "bytes": size, "dev": perf}


# -- measuring what the model adds (docs/domain_model.md) ------------------------------------

EVAL_SETS = {
    "test": [(CORPORA / "test" / "gold_en.jsonl", CORPORA / "test"), (CORPORA / "test" / "gold_ru.jsonl", CORPORA / "test")],
    "shared-dev": [(REPO.parent / "shared" / "dev" / "gold.jsonl", REPO.parent / "shared" / "dev" / "articles")],
}


def _overlaps(start: int, end: int, spans) -> bool:
    return any(s < end and start < e for s, e in spans)


def _as_entities(doc, spans) -> list[dict]:
    return [{"type": s.label, "text": doc.text[s.start:s.end], "start": s.start, "end": s.end} for s in spans]


def _union(doc, entities: list[dict], spans, types=None) -> list[dict]:
    """Pipeline entities plus the model spans (of `types`) that overlap none of them."""
    taken = [(e["start"], e["end"]) for e in entities]
    extra = [e for e in _as_entities(doc, spans)
             if (types is None or e["type"] in types) and not _overlaps(e["start"], e["end"], taken)]
    return sorted(entities + extra, key=lambda e: (e["start"], e["end"]))


# A numbered institution: "school-lyceum No. 2", «школе-гимназии № 101".
NUMBERED = re.compile(r"(?:№|\bNo\.?)\s*\d+")


def _numbered_org(entity: dict) -> bool:
    return entity["type"] == "ORG" and NUMBERED.search(entity["text"]) is not None


def collect_predictions(models: Path = MODELS) -> dict:
    """{set: {"gold": records, "systems": {name: {id: prediction}}}} for the evaluation sets.

    Systems: "model" (trained model alone), "pipeline" (edunews_nlp.extract as it is),
    "union" (pipeline + model spans that overlap no pipeline entity), "union_numbered_org"
    (the same, adding only ORG spans with "No. N" / "№ N"), "rules_only" (the pipeline with
    no statistical NER spans at all: KB + rules), "as_ner" (the pipeline
    with the trained model in place of spaCy sm / natasha as its statistical NER, i.e. the
    model's spans go through the same gazetteer/rule stages), "as_ner+union"."""
    import edunews_nlp
    from edunews_nlp.domain_model import DomainNER
    from edunews_nlp.evaluate import read_gold
    from edunews_nlp.pipeline import Pipeline

    ner = DomainNER(models)
    swapped = Pipeline()
    swapped.__dict__["backend"] = ner  # the cached_property slot of optional backends
    swapped.ner_backend = "domain"
    no_ner = Pipeline()
    no_ner.__dict__["backend"] = lambda doc: []
    no_ner.ner_backend = "no"
    out = {}
    for name, sources in EVAL_SETS.items():
        gold, systems = [], {k: {} for k in ("model", "pipeline", "union", "union_numbered_org",
                                             "rules_only", "as_ner", "as_ner+union")}
        for gold_path, articles in sources:
            if not gold_path.is_file():
                continue
            for record in read_gold(gold_path):
                gold.append(record)
                text = (articles / Path(record.get("file") or f"{record['id']}.txt").name).read_text(encoding="utf-8")
                doc = edunews_nlp.extract(text)
                spans = ner(doc)
                base = doc.to_dict()
                rid = record["id"]
                systems["model"][rid] = {"lang": doc.lang, "entities": _as_entities(doc, spans)}
                systems["pipeline"][rid] = {"lang": doc.lang, "entities": base["entities"]}
                systems["union"][rid] = {"lang": doc.lang, "entities": _union(doc, base["entities"], spans)}
                numbered = [e for e in _union(doc, base["entities"], spans)
                            if e in base["entities"] or _numbered_org(e)]
                systems["union_numbered_org"][rid] = {"lang": doc.lang, "entities": numbered}
                systems["rules_only"][rid] = {"lang": doc.lang, "entities": no_ner(text).to_dict()["entities"]}
                doc2 = swapped(text)
                as_ner = doc2.to_dict()["entities"]
                systems["as_ner"][rid] = {"lang": doc2.lang, "entities": as_ner}
                systems["as_ner+union"][rid] = {"lang": doc2.lang, "entities": _union(doc2, as_ner, ner(doc2))}
        out[name] = {"gold": gold, "systems": systems}
    return out


def score_table(predictions: dict) -> str:
    """Markdown: per set, per language (en, ru, all), per system: P/R/F1 per type and micro."""
    from edunews_nlp.evaluate import score

    def fmt(x):
        return "–" if x is None else f"{x:.3f}"

    lines = []
    for set_name, part in predictions.items():
        for lang in ("en", "ru", "all"):
            gold = [r for r in part["gold"] if lang == "all" or r.get("lang") == lang]
            if not gold:
                continue
            n = sum(len(r.get("entities") or []) for r in gold)
            lines += ["", f"#### {set_name}, {lang} ({len(gold)} articles, {n} gold mentions)", "",
                      "| system | " + " | ".join(LABELS) + " | micro P | micro R | micro F1 |",
                      "|---|" + "---|" * (len(LABELS) + 3)]
            for system, preds in part["systems"].items():
                report = score(gold, preds)
                cells = [f"{fmt(report.entities[t].precision)}/{fmt(report.entities[t].recall)}/"
                         f"{fmt(report.entities[t].f1)}" for t in LABELS]
                m = report.entities_all
                lines.append(f"| {system} | " + " | ".join(cells) + f" | {fmt(m.precision)} | {fmt(m.recall)} | "
                             f"**{fmt(m.f1)}** |")
    lines += ["", "Per-type cells are P/R/F1."]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGS, action="append", help="language(s) to train (default: both)")
    parser.add_argument("--check", action="store_true", help="convert and verify the alignment only")
    parser.add_argument("--evaluate", action="store_true",
                        help="do not train: score the models in --out on corpora/test and shared/dev "
                             "(model alone, pipeline, fusions) and print markdown tables")
    parser.add_argument("--out", type=Path, default=MODELS, help="output folder (default: models/domain_ner)")
    parser.add_argument("--dev-from", choices=("sample", "train"), default="train",
                        help="train (default): train on 4/5 of corpora/train + corpora/sample, dev = the "
                             "other 1/5 of corpora/train; sample: train on corpora/train, dev = corpora/sample")
    parser.add_argument("--multilingual", action="store_true", help="experiment: one 'xx' model for both languages")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads (default 2)")
    for key, value in DEFAULTS.items():
        parser.add_argument(f"--{key.replace('_', '-')}", type=type(value), default=value)
    args = parser.parse_args(argv)
    langs = tuple(args.lang or LANGS)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, str(args.threads))
    if args.evaluate:
        began = time.perf_counter()
        print(score_table(collect_predictions(args.out)))
        print(f"\n({time.perf_counter() - began:.0f} s)")
        return 0

    data = convert(langs, dev_from=args.dev_from, multilingual=args.multilingual)
    for note in data["notes"]:
        print(note)
    if data["failures"]:
        print("\n".join(data["failures"]), file=sys.stderr)
        print(f"{len(data['failures'])} gold mention(s) could not be aligned", file=sys.stderr)
        return 1
    print("alignment: every gold mention placed on token boundaries")
    if args.check:
        return 0
    settings = {key: getattr(args, key) for key in DEFAULTS}
    summary = {lang: train_lang(lang, data, args.out, **settings) for lang in (("xx",) if args.multilingual else langs)}
    print(json.dumps({lang: {"seconds": round(s["seconds"]), "MB": round(s["bytes"] / 1e6, 2),
                             "dev_ents_f": s["dev"].get("ents_f")} for lang, s in summary.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
