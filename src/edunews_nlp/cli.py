"""Command line: `edunews-nlp extract PATH... [-o OUT] ...` and `edunews-nlp evaluate ...`.

Exit status: 0 when every input was processed, 1 when some gave error records, 2 on bad
usage (argparse's own convention).
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import time
from dataclasses import dataclass, field

from .output import FORMATS, TABLES, RecordWriter, article_record, done_keys, error_record, format_for


@dataclass
class RunSummary:
    files: int = 0
    articles: int = 0
    skipped: int = 0
    errors: int = 0
    entities: int = 0
    quantities: int = 0
    claims: int = 0
    chars: int = 0
    languages: dict = field(default_factory=dict)

    def add(self, record: dict) -> None:
        if "error" in record:
            self.errors += 1
            return
        self.articles += 1
        self.entities += len(record["entities"])
        self.quantities += len(record["quantities"])
        self.claims += len(record["claims"])
        self.chars += len(record.get("text") or "")
        self.languages[record["lang"]] = self.languages.get(record["lang"], 0) + 1

    def line(self, seconds: float) -> str:
        langs = ", ".join(f"{k}: {v}" for k, v in sorted(self.languages.items(), key=lambda kv: str(kv[0])))
        rate = self.chars / seconds if seconds > 0 else 0.0
        return (f"{self.files} files, {self.articles} articles ({langs or 'none'}), {self.errors} errors, "
                f"{self.skipped} skipped (resume); {self.entities} entities, {self.quantities} quantities, "
                f"{self.claims} claims; {seconds:.1f} s, {rate:,.0f} chars/s")


# Several small files go to one task, and their articles through one `pipeline.pipe`: spaCy
# then analyses English in batches (`nlp.pipe`), not one document at a time (+25% CPU per
# document), and natasha's NER batches too. Bounded by bytes so that big dumps stay alone.
MAX_FILES_PER_TASK = 16
MAX_BYTES_PER_TASK = 2_000_000
TASKS_PER_JOB = 4  # at least this many tasks per worker, so that the workers finish together


def process_file(task: tuple) -> list[dict]:
    """All records of one input file.
    task = (path, lang, indices to skip, pipeline config (ner_backend, ner_model, allow_pickle))."""
    path, lang, skip, config = task
    from .ingest import read_articles
    from .pipeline import default_pipeline

    try:
        articles = read_articles(pathlib.Path(path))
    except Exception as exc:  # noqa: BLE001 - unreadable input becomes an error record
        return [error_record(path, exc)]
    pipeline = default_pipeline(*config)
    todo, docs = _documents(articles, lang, skip)
    records = []
    try:
        for article, doc in zip(todo, pipeline.pipe(docs)):
            records.append(article_record(doc, path, article.index))
    except Exception as exc:  # noqa: BLE001
        return records + [error_record(path, exc)]
    return records


def process_files(tasks: list[tuple]) -> list[list[dict]]:
    """The records of several input files, one list per file in task order, the articles of
    all of them analysed in one `pipeline.pipe` (run in a worker process when --jobs > 1).
    Same records as `process_file` on each file."""
    from .ingest import read_articles
    from .pipeline import default_pipeline

    results: list[list[dict]] = [[] for _ in tasks]
    pending = []  # (position, path, articles to do, their Documents)
    for position, (path, lang, skip, _) in enumerate(tasks):
        try:
            articles = read_articles(pathlib.Path(path))
        except Exception as exc:  # noqa: BLE001 - unreadable input becomes an error record
            results[position].append(error_record(path, exc))
            continue
        pending.append((position, path, *_documents(articles, lang, skip)))
    if not pending:
        return results
    pipeline = default_pipeline(*tasks[0][3])
    try:
        done = pipeline.pipe([doc for *_, docs in pending for doc in docs])
        for position, path, todo, _ in pending:
            results[position] = [article_record(next(done), path, article.index) for article in todo]
    except Exception:  # noqa: BLE001 - an error no stage caught: file by file, to blame the right one
        return [process_file(task) for task in tasks]
    return results


def _documents(articles, lang, skip) -> tuple[list, list]:
    from .pipeline import make_document

    todo = [a for a in articles if a.index not in skip]
    docs = []
    for article in todo:
        doc = make_document(article.text, lang, article.published, article.source, article.title)
        doc.warnings.extend(article.warnings)
        docs.append(doc)
    return todo, docs


def group_tasks(tasks: list[tuple], jobs: int) -> list[list[tuple]]:
    """Consecutive tasks in groups of at most MAX_FILES_PER_TASK files and MAX_BYTES_PER_TASK
    bytes, small enough that each worker gets TASKS_PER_JOB groups or more."""
    size = max(1, min(MAX_FILES_PER_TASK, len(tasks) // (max(1, jobs) * TASKS_PER_JOB)))
    groups: list[list[tuple]] = []
    group_bytes = 0
    for task in tasks:
        nbytes = _file_size(task[0])
        if not groups or len(groups[-1]) >= size or group_bytes + nbytes > MAX_BYTES_PER_TASK:
            groups.append([])
            group_bytes = 0
        groups[-1].append(task)
        group_bytes += nbytes
    return groups


def _file_size(path: str) -> int:
    try:
        return pathlib.Path(path).stat().st_size
    except OSError:
        return 0


def run_extract(args) -> int:
    from .ingest import iter_input_files

    out = pathlib.Path(args.output) if args.output else None
    fmt = format_for(out, args.format)
    if args.resume and out is None:
        print("edunews-nlp: --resume needs -o OUT", file=sys.stderr)
        return 2
    try:
        files = [str(p) for p in iter_input_files([pathlib.Path(p) for p in args.paths])]
    except FileNotFoundError as exc:
        print(f"edunews-nlp: {exc}", file=sys.stderr)
        return 2
    done = done_keys(out, fmt) if (args.resume and out is not None) else set()
    lang = None if args.lang == "auto" else args.lang
    try:
        config = pipeline_config(args)
    except (ValueError, OSError, ImportError) as exc:
        print(f"edunews-nlp: {exc}", file=sys.stderr)
        return 2
    summary = RunSummary(files=len(files))
    tasks = []
    for path in files:
        if (path, None) in done:
            summary.skipped += 1
            continue
        skip = frozenset(i for p, i in done if p == path and i is not None)
        tasks.append((path, lang, skip, config))
        summary.skipped += len(skip)

    started = time.perf_counter()
    with RecordWriter(out, fmt, args.table) as writer, _progress(len(tasks)) as bar:
        for records_per_file in _map(process_files, group_tasks(tasks, args.jobs), args.jobs, args.scheduler):
            for records in records_per_file:
                for record in records:
                    writer.write(record)
                    summary.add(record)
                bar.update(1)
    print(summary.line(time.perf_counter() - started), file=sys.stderr)
    return 1 if summary.errors else 0


def pipeline_config(args) -> tuple:
    """(ner_backend, ner_model, allow_pickle) from --config FILE, then the flags; the backend
    is loaded once here so that a wrong path or a missing extra stops the run at once."""
    settings = {"ner_backend": "default", "ner_model": None, "allow_pickle": False}
    if args.config:
        from .datafiles import safe_load

        with open(args.config, encoding="utf-8") as f:
            loaded = safe_load(f) or {}
        if not isinstance(loaded, dict) or set(loaded) - set(settings):
            raise ValueError(f"{args.config}: a config holds only {', '.join(settings)}")
        settings.update(loaded)
    for key in settings:
        if getattr(args, key) not in (None, False):
            settings[key] = getattr(args, key)
    config = (settings["ner_backend"], settings["ner_model"], bool(settings["allow_pickle"]))
    from .pipeline import default_pipeline

    default_pipeline(*config)
    return config


def _map(func, tasks, jobs: int, scheduler: str | None = None):
    if scheduler:
        from .distributed import map_on_cluster

        yield from map_on_cluster(func, tasks, scheduler)
        return
    if jobs <= 1 or len(tasks) <= 1:
        yield from map(func, tasks)
        return
    from .pipeline import worker_pool

    with worker_pool(jobs) as pool:
        yield from pool.imap(func, tasks, chunksize=1)


def _progress(total: int):
    from tqdm import tqdm

    # disable=None: shown on a terminal, silent when stderr is a pipe or a file.
    return tqdm(total=total, unit="file", disable=None, file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="edunews-nlp", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract entities, quantities and claims from articles")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (.txt, .html, .json, .jsonl)")
    extract.add_argument("-o", "--output", metavar="OUT", help="output file (default: JSONL on stdout)")
    extract.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else jsonl)")
    extract.add_argument("--table", choices=TABLES, default="articles",
                         help="CSV/Parquet rows: one per article (default), claim, entity or quantity")
    extract.add_argument("--lang", choices=("auto", "en", "ru"), default="auto", help="language (default: detect)")
    extract.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="worker processes")
    extract.add_argument("--resume", action="store_true", help="skip inputs already in OUT")
    extract.add_argument("--ner-backend", choices=("default", "stanza", "transformers"),
                         help="statistical NER (default: spaCy en_core_web_sm / natasha)")
    extract.add_argument("--ner-model", metavar="DIR", help="local model directory of the NER backend")
    extract.add_argument("--allow-pickle", action="store_true",
                         help="let the transformers backend load pickle (.bin) weights")
    extract.add_argument("--config", metavar="FILE", help="YAML file with ner_backend, ner_model, allow_pickle")
    extract.add_argument("--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://host:port)")

    aggregate = commands.add_parser("aggregate", help="group the same figure reported by several articles")
    aggregate.add_argument("records", metavar="RECORDS.jsonl", help="output of `edunews-nlp extract`")
    aggregate.add_argument("-o", "--output", metavar="OUT", help="groups as JSONL (default: stdout)")
    aggregate.add_argument("--conflicts", action="store_true", help="only groups whose figures differ")

    render = commands.add_parser("render", help="one HTML page per article with its marks, and index.html")
    render.add_argument("paths", nargs="+", metavar="PATH", help="articles, or JSONL records of `extract`")
    render.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the pages")

    evaluate = commands.add_parser("evaluate", help="score against gold annotations (see edunews_nlp.evaluate)",
                                   add_help=False)
    evaluate.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "evaluate":
        from .evaluate import main as evaluate_main

        return evaluate_main(args.rest)
    if args.command == "aggregate":
        return run_aggregate(args)
    if args.command == "render":
        from .render import run_render

        return run_render(args.paths, pathlib.Path(args.output))
    return run_extract(args)


def run_aggregate(args) -> int:
    import json

    from .aggregate import aggregate
    from .output import read_records

    path = pathlib.Path(args.records)
    if not path.is_file():
        print(f"edunews-nlp: no such file: {path}", file=sys.stderr)
        return 2
    found = aggregate(read_records(path))
    groups = [g for g in found if g.conflict or not args.conflicts]
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        for group in groups:
            out.write(json.dumps(group.to_dict(), ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    conflicts = sum(g.conflict for g in groups)
    print(f"{len(groups)} facts reported by several articles, {conflicts} with differing figures; "
          f"{found.duplicates} records skipped as duplicates (same URL or text)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
