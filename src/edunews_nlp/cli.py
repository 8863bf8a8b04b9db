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

from .batch import collect_inputs, group_tasks, identity, process_files
from .output import FORMATS, TABLES, RecordWriter, done_keys, error_record, format_for, journal_path


@dataclass
class RunSummary:
    files: int = 0
    articles: int = 0
    skipped: int = 0
    unsupported: int = 0
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
                f"{self.skipped} skipped (resume), {self.unsupported} not read (unsupported type); "
                f"{self.entities} entities, {self.quantities} quantities, "
                f"{self.claims} claims; {seconds:.1f} s, {rate:,.0f} chars/s")


def run_extract(args) -> int:
    out = pathlib.Path(args.output) if args.output else None
    fmt = format_for(out, args.format)
    if (args.resume or args.overwrite) and out is None:
        print(f"edunews-nlp: {'--resume' if args.resume else '--overwrite'} needs -o OUT", file=sys.stderr)
        return 2
    outputs = _output_files(out, fmt)
    if any(p.exists() and p.stat().st_size > 0 for p in outputs) and not (args.resume or args.overwrite):
        print(f"edunews-nlp: {out} already exists: pass --resume to add what it lacks, "
              "or --overwrite to replace it", file=sys.stderr)
        return 2
    lang = None if args.lang == "auto" else args.lang
    try:
        config = pipeline_config(args)
    except (ValueError, OSError, ImportError) as exc:
        print(f"edunews-nlp: {exc}", file=sys.stderr)
        return 2
    if args.overwrite:
        for path in outputs:
            path.unlink(missing_ok=True)
    inputs = collect_inputs(args.paths, exclude=outputs)
    done = {(identity(path), index) for path, index in done_keys(out, fmt) if path} if args.resume else set()
    summary = RunSummary(files=len(inputs.files) + len(inputs.missing), unsupported=len(inputs.unsupported))
    for path in inputs.unsupported:
        print(f"edunews-nlp: not read (unsupported file type): {path}", file=sys.stderr)
    missing = [error_record(path, FileNotFoundError(f"input path does not exist: {path}"))
               for path in inputs.missing if (path, None) not in done]
    summary.skipped += len(inputs.missing) - len(missing)
    tasks = []
    for path in inputs.files:
        if (path, None) in done:
            summary.skipped += 1
            continue
        skip = frozenset(i for p, i in done if p == path and i is not None)
        tasks.append((path, lang, skip, config))
        summary.skipped += len(skip)

    started = time.perf_counter()
    with RecordWriter(out, fmt, args.table) as writer, _progress(len(tasks)) as bar:
        def write(record: dict) -> None:
            writer.write(record)
            summary.add(record)
            if "error" in record:  # said on stderr too, one line each, not only counted
                error = record["error"]
                where = record["path"] if record["index"] is None else f"{record['path']} [{record['index']}]"
                bar.write(f"{where}: {error['type']}: {error['message']}", file=sys.stderr)

        for record in missing:
            write(record)
        for records_per_file in _map(process_files, group_tasks(tasks, args.jobs), args.jobs, args.scheduler):
            for records in records_per_file:
                for record in records:
                    write(record)
                bar.update(1)
    print(summary.line(time.perf_counter() - started), file=sys.stderr)
    return 1 if summary.errors else 0


def _output_files(out: pathlib.Path | None, fmt: str) -> list[pathlib.Path]:
    """OUT and, where OUT is written from a journal (Parquet), the journal, which is last."""
    if out is None:
        return []
    journal = journal_path(out, fmt)
    return [out] if journal == out else [out, journal]


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
    from . import __version__

    parser = argparse.ArgumentParser(prog="edunews-nlp", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"edunews-nlp {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract entities, quantities and claims from articles")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="file or folder (.txt, .html, .json, .jsonl)")
    extract.add_argument("-o", "--output", metavar="OUT", help="output file (default: JSONL on stdout)")
    extract.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's suffix, else jsonl)")
    extract.add_argument("--table", choices=TABLES, default="articles",
                         help="CSV/Parquet rows: one per article (default), claim, entity or quantity")
    extract.add_argument("--lang", choices=("auto", "en", "ru", "kk"), default="auto",
                         help="language of every input (default: detect, part by part)")
    extract.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="worker processes")
    existing = extract.add_mutually_exclusive_group()
    existing.add_argument("--resume", action="store_true", help="OUT exists: add the inputs it lacks")
    existing.add_argument("--overwrite", action="store_true", help="OUT exists: replace it")
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

    from .evaluate import add_arguments as add_evaluate_arguments

    evaluate = commands.add_parser("evaluate", help="score against gold annotations (shared/ANNOTATION.md)")
    add_evaluate_arguments(evaluate)
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
        from .evaluate import run_command

        return run_command(args)
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
