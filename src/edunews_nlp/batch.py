"""Batch runs over files and folders: which inputs a run has, which it already did, and
the tasks that turn input files into records (used by the CLI and by the Dask path alike).

An input is identified by its resolved absolute path, so a run named with relative paths
and resumed with absolute ones (or from another folder) finds the same inputs. The output
file and its journal are never inputs, also when they lie inside an input folder. A PATH
that does not exist is an input too: it gives an error record, and the rest still runs.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass, field
from typing import Iterable

from .ingest import files_under
from .output import article_record, error_record


@dataclass
class Inputs:
    files: list[str] = field(default_factory=list)  # resolved absolute paths, in order, once each
    missing: list[str] = field(default_factory=list)  # PATHs that do not exist (resolved)
    unsupported: list[str] = field(default_factory=list)  # files in folders skipped for their type


def collect_inputs(paths: Iterable[str | os.PathLike], exclude: Iterable[pathlib.Path | None] = ()) -> Inputs:
    """The input files named by `paths` (files, or folders read recursively: supported
    types, hidden files and folders skipped). A file named explicitly is taken whatever its
    type (reading it says whether it can be read). `exclude`: the run's own output files."""
    excluded = {identity(p) for p in exclude if p is not None}
    inputs = Inputs()
    seen: set[str] = set()
    skipped: list[pathlib.Path] = []
    for raw in paths:
        path = pathlib.Path(raw)
        if not path.exists():
            inputs.missing.append(identity(path))
            continue
        for candidate in files_under(path, skipped) if path.is_dir() else [path]:
            key = identity(candidate)
            if key not in seen and key not in excluded:
                seen.add(key)
                inputs.files.append(key)
    inputs.unsupported = [key for key in map(identity, skipped) if key not in excluded]
    return inputs


def identity(path: str | os.PathLike) -> str:
    """The resolved absolute path that names an input in records and on --resume."""
    return str(pathlib.Path(path).expanduser().resolve())


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
        return _in_order(records + _article_errors(articles, path, skip)) + [error_record(path, exc)]
    return _in_order(records + _article_errors(articles, path, skip))


def process_files(tasks: list[tuple]) -> list[list[dict]]:
    """The records of several input files, one list per file in task order, the articles of
    all of them analysed in one `pipeline.pipe` (run in a worker process when --jobs > 1).
    Same records as `process_file` on each file."""
    from .ingest import read_articles
    from .pipeline import default_pipeline

    results: list[list[dict]] = [[] for _ in tasks]
    pending = []  # (position, path, unreadable articles' error records, articles to do, their Documents)
    for position, (path, lang, skip, _) in enumerate(tasks):
        try:
            articles = read_articles(pathlib.Path(path))
        except Exception as exc:  # noqa: BLE001 - unreadable input becomes an error record
            results[position].append(error_record(path, exc))
            continue
        pending.append((position, path, _article_errors(articles, path, skip), *_documents(articles, lang, skip)))
    if not pending:
        return results
    pipeline = default_pipeline(*tasks[0][3])
    try:
        done = pipeline.pipe([doc for *_, docs in pending for doc in docs])
        for position, path, errors, todo, _ in pending:
            records = [article_record(next(done), path, article.index) for article in todo]
            results[position] = _in_order(records + errors)
    except Exception:  # noqa: BLE001 - an error no stage caught: file by file, to blame the right one
        return [process_file(task) for task in tasks]
    return results


def _article_errors(articles, path: str, skip) -> list[dict]:
    """Error records for the articles that could not be read (broken JSONL lines)."""
    from .ingest import IngestError

    return [error_record(path, IngestError(a.error), a.index) for a in articles if a.error and a.index not in skip]


def _in_order(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: -1 if r["index"] is None else r["index"])


def _documents(articles, lang, skip) -> tuple[list, list]:
    from .pipeline import make_document

    todo = [a for a in articles if a.index not in skip and not a.error]
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
