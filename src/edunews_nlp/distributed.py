"""Running edunews_nlp on a Dask cluster (optional: `pip install 'edunews-nlp[dask]'`).

Three entry points (docs/scale.md):

* `map_on_cluster(func, tasks, scheduler_address)`: what `edunews-nlp extract --scheduler
  tcp://HOST:PORT` uses. Runs `func(task)` for every task on the cluster's workers and
  yields the results in task order, with a bounded number of tasks in flight.
* `extract_bag(paths_or_bag, ...)`: a list of paths (files or folders) or a `dask.bag` of
  paths / texts / dicts → a `dask.bag` of records, the same shape as the CLI writes
  (`Document.to_dict()` plus `path`, `index`, `text`).
* `extract_dataframe(ddf, text_column="text", ...)`: a dask dataframe with a text column →
  a dask dataframe with one row per input row and JSON columns for entities, quantities,
  claims and warnings.

Models load once per worker *process*: the work runs through
`edunews_nlp.pipeline.default_pipeline`, a module-level cache, so the first task a worker
process runs loads spaCy / natasha / lingua and every later task reuses them. Start
workers as processes with one thread each (`dask worker ADDRESS --nworkers N --nthreads 1`,
`LocalCluster(processes=True, threads_per_worker=1)`): the pipeline is pure Python around
the models and holds the GIL, so threads in one process do not run it in parallel. Threads
are still safe - a per-process lock lets one task at a time use the pipeline - they only
bring no speed; `map_on_cluster` warns when a worker has more than one thread.

Workers read input files themselves, so the paths must be readable by every worker (a
shared filesystem, or a single machine).

Dask is imported only when one of these functions is called, so `import
edunews_nlp.distributed` works without it and the call raises an ImportError saying what to
install.
"""

from __future__ import annotations

import collections
import json
import os
import threading
import warnings
from typing import Any, Callable, Iterable, Iterator

INSTALL_HINT = "pip install 'edunews-nlp[dask]'  (installs dask and distributed)"
# Results are fetched in task order; at most this many tasks per worker thread are
# submitted ahead, so that memory stays bounded on a long run.
TASKS_IN_FLIGHT_PER_THREAD = 4
MIN_TASKS_IN_FLIGHT = 8
CONNECT_TIMEOUT_S = 30
# Columns that extract_dataframe adds (JSON strings for the lists and the error).
RESULT_COLUMNS = ("lang", "lang_confidence", "source", "published", "title", "entities", "quantities",
                  "claims", "warnings", "error")
_JSON_COLUMNS = ("entities", "quantities", "claims", "warnings", "error")
_KINDS = ("auto", "path", "text")

# One task at a time per worker process uses the shared pipeline (threads bring no speed
# under the GIL, and the lazily built components are not meant to be built twice at once).
_PIPELINE_LOCK = threading.RLock()


def _require(*modules: str) -> None:
    """Import the optional Dask modules, or raise an ImportError that says what to install."""
    import importlib

    missing = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        raise ImportError(f"edunews_nlp.distributed needs {' and '.join(missing)}, which "
                          f"{'is' if len(missing) == 1 else 'are'} not installed: {INSTALL_HINT}")


# --- map_on_cluster: the CLI's --scheduler ------------------------------------------------


def _run_locked(func: Callable, task: Any) -> Any:
    """Run one task in a worker (module-level, so it pickles by reference)."""
    with _PIPELINE_LOCK:
        return func(task)


def map_on_cluster(func: Callable, tasks: Iterable, scheduler_address, *, tasks_in_flight: int | None = None,
                   connect_timeout: float = CONNECT_TIMEOUT_S) -> Iterator[Any]:
    """Yield `func(task)` for each task, computed on the Dask cluster at `scheduler_address`
    (an address like "tcp://10.0.0.5:8786", or a `distributed.Client`), in task order.

    `func` and the tasks must pickle; `func` must be importable on the workers (e.g.
    `edunews_nlp.batch.process_files`). At most `tasks_in_flight` tasks (default 4 per worker
    thread, at least 8) are on the cluster at once, so results do not pile up. An exception
    raised by a task is raised here; the client this function opened is closed when the
    iterator ends or is closed, and tasks still pending are cancelled. Dask being missing
    raises at once; the connection is made when iteration starts.
    """
    _require("dask", "distributed")
    if tasks_in_flight is not None and (not isinstance(tasks_in_flight, int) or tasks_in_flight < 1):
        raise ValueError(f"tasks_in_flight must be a positive int, got {tasks_in_flight!r}")
    return _map_on_cluster(func, tasks, scheduler_address, tasks_in_flight, connect_timeout)


def _map_on_cluster(func, tasks, scheduler_address, tasks_in_flight, connect_timeout) -> Iterator[Any]:
    from distributed import Client

    own_client = not isinstance(scheduler_address, Client)
    if own_client:
        try:
            client = Client(scheduler_address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise OSError(f"cannot reach the Dask scheduler at {scheduler_address!r}: {exc}") from exc
    else:
        client = scheduler_address
    pending: collections.deque = collections.deque()
    try:
        threads = _check_workers(client)
        window = tasks_in_flight or max(MIN_TASKS_IN_FLIGHT, TASKS_IN_FLIGHT_PER_THREAD * threads)
        task_iter = iter(tasks)
        number = 0
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                try:
                    task = next(task_iter)
                except StopIteration:
                    exhausted = True
                    break
                # Earlier tasks first (higher priority), unique keys (pure=False): the same
                # task given twice runs twice, as with map().
                pending.append(client.submit(_run_locked, func, task, pure=False, priority=-number))
                number += 1
            if not pending:
                return
            future = pending.popleft()
            try:
                result = future.result()
            finally:
                future.release()
            yield result
    finally:
        if pending:
            client.cancel(list(pending))
        if own_client:
            client.close()


def _check_workers(client) -> int:
    """Total worker threads; warns when workers run several threads in one process."""
    workers = client.scheduler_info().get("workers", {})
    threaded = [address for address, info in workers.items() if info.get("nthreads", 1) > 1]
    if threaded:
        warnings.warn(
            f"{len(threaded)} Dask worker(s) run several threads in one process; edunews_nlp holds the GIL, "
            "so they process one task at a time. Start workers with --nthreads 1 and more --nworkers "
            "(LocalCluster(processes=True, threads_per_worker=1)) to use more cores.",
            RuntimeWarning, stacklevel=3)
    return sum(info.get("nthreads", 1) for info in workers.values()) or 1


# --- extract_bag ----------------------------------------------------------------------------


def extract_bag(paths_or_bag, *, lang: str | None = None, kind: str = "auto", npartitions: int | None = None,
                batch_size: int = 16, ner_backend: str = "default", ner_model: str | None = None,
                allow_pickle: bool = False):
    """A `dask.bag` of records from files or texts, computed lazily on the workers.

    `paths_or_bag` is either a list of paths (files, or folders read recursively as by the
    CLI; expanded here) or a `dask.bag`. Items of a bag are, by `kind`:

    * "path": a file or folder path (str or `os.PathLike`);
    * "text": a text (str) or a dict {"text", "lang"?, "published"?, "source"?, "title"?};
    * "auto" (default): `pathlib.Path` objects and strings naming an existing file or folder
      (checked where the partition runs) are paths; other strings and dicts are texts.

    Records have the CLI's shape: `Document.to_dict()` plus `path`, `index` and `text`. For a
    file, `path` is the file and `index` the article's number in it, and an unreadable file
    gives the CLI's error record {"path", "index": None, "error"}. For a text, `path` is None
    and `index` its position in the list given, or, for a bag, in its partition; a dict's
    "source" is kept in the record. Records come out in input order (files: by file, then
    article). `lang` (None/"auto", "en", "ru") is used for every input that gives none.
    """
    _require("dask")
    import dask.bag as db

    if kind not in _KINDS:
        raise ValueError(f"kind must be one of {', '.join(_KINDS)}, got {kind!r}")
    config = _config(lang, ner_backend, ner_model, allow_pickle)
    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag
        indexed = False
    elif isinstance(paths_or_bag, (str, os.PathLike)):
        raise TypeError("extract_bag takes a list of paths or a dask.bag, got a single path; wrap it in a list")
    else:
        items = list(paths_or_bag)
        if kind != "text" and all(isinstance(i, (str, os.PathLike)) for i in items) and (
                kind == "path" or all(_is_path(i) for i in items)):
            from .ingest import iter_input_files

            items = [str(p) for p in iter_input_files(items)]  # folders expanded, as by the CLI
            kind = "path"
        items = list(enumerate(items))  # texts keep their position in the list
        indexed = True
        if npartitions is None:
            npartitions = max(1, min(len(items), 100))
        bag = db.from_sequence(items, npartitions=max(1, min(npartitions, len(items) or 1)))
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    return bag.map_partitions(_bag_partition, kind, indexed, config, batch_size)


def _config(lang, ner_backend, ner_model, allow_pickle) -> tuple:
    from .pipeline import LANG_CHOICES, NER_BACKENDS

    if lang not in LANG_CHOICES:
        raise ValueError(f"lang must be one of 'en', 'ru', 'auto' or None, got {lang!r}")
    if ner_backend not in NER_BACKENDS:
        raise ValueError(f"ner_backend must be one of {', '.join(NER_BACKENDS)}, got {ner_backend!r}")
    return (None if lang == "auto" else lang, (ner_backend, ner_model, bool(allow_pickle)))


def _is_path(item) -> bool:
    if isinstance(item, os.PathLike):
        return True
    if not isinstance(item, str) or not item or len(item) > 4096 or "\n" in item or "\0" in item:
        return False
    try:
        return os.path.exists(item)
    except (OSError, ValueError):
        return False


def _bag_partition(items, kind: str, indexed: bool, config: tuple, batch_size: int) -> list[dict]:
    """Records of one bag partition, in order. Runs on a worker."""
    lang, pipeline_config = config
    entries = list(items) if indexed else list(enumerate(items))
    with _PIPELINE_LOCK:
        records: list[dict] = []
        texts: list[tuple[int, Any]] = []
        for position, item in entries:
            if kind == "path" or (kind == "auto" and _is_path(item)):
                records.extend(_flush_texts(texts, lang, pipeline_config, batch_size))
                texts = []
                records.extend(_path_records(os.fspath(item), lang, pipeline_config))
            else:
                texts.append((position, item))
        records.extend(_flush_texts(texts, lang, pipeline_config, batch_size))
    return records


def _path_records(path: str, lang, pipeline_config) -> list[dict]:
    from .batch import collect_inputs, group_tasks, process_file, process_files
    from .output import error_record

    if os.path.isdir(path):
        try:
            files = collect_inputs([path]).files
        except OSError as exc:
            return [error_record(path, exc)]
        tasks = [(f, lang, frozenset(), pipeline_config) for f in files]
        return [r for group in group_tasks(tasks, 1) for records in process_files(group) for r in records]
    return process_file((path, lang, frozenset(), pipeline_config))


def _flush_texts(texts: list[tuple[int, Any]], lang, pipeline_config, batch_size: int) -> list[dict]:
    if not texts:
        return []
    from .output import article_record, error_record
    from .pipeline import default_pipeline

    out: list[dict | None] = [None] * len(texts)
    docs, slots = [], []
    for slot, (position, item) in enumerate(texts):
        try:
            doc = _make_document(item, lang)
        except (TypeError, ValueError) as exc:
            record = error_record(None, exc)
            record["index"] = position
            out[slot] = record
            continue
        docs.append(doc)
        slots.append(slot)
    pipeline = default_pipeline(*pipeline_config)
    for slot, doc in zip(slots, pipeline.pipe(docs, batch_size=batch_size)):
        out[slot] = article_record(doc, None, texts[slot][0])
    return out  # type: ignore[return-value]


def _make_document(item, lang):
    from .pipeline import make_document

    if isinstance(item, dict):
        if "text" not in item:
            raise ValueError("a dict input needs a 'text' field")
        return make_document(item["text"], item.get("lang") or lang, item.get("published"), item.get("source"),
                             item.get("title"))
    return make_document(item, lang)


# --- extract_dataframe -----------------------------------------------------------------------


def extract_dataframe(ddf, text_column: str = "text", *, lang: str | None = None, lang_column: str | None = None,
                      published_column: str | None = None, source_column: str | None = None,
                      title_column: str | None = None, keep_columns: bool = True, batch_size: int = 16,
                      ner_backend: str = "default", ner_model: str | None = None, allow_pickle: bool = False):
    """A dask dataframe with one row per row of `ddf`, same index and partitions.

    Each row's text is `ddf[text_column]`; the optional `*_column`s give per-row language,
    publication date, source and title (else `lang` for all rows, and what the text's
    header says). The result holds `ddf`'s columns (unless `keep_columns=False`) and
    RESULT_COLUMNS: lang, lang_confidence, source, published, title, and JSON strings for
    entities, quantities, claims and warnings (the lists of `Document.to_dict()`), and error
    (JSON {"type", "message"} for a row whose text is not a string, else None). Offsets in
    the JSON point into the row's text.
    """
    _require("dask", "pandas")
    import dask.dataframe as dd

    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"extract_dataframe takes a dask.dataframe.DataFrame, got {type(ddf).__name__}")
    columns = {"text": text_column, "lang": lang_column, "published": published_column,
               "source": source_column, "title": title_column}
    for role, column in columns.items():
        if column is not None and column not in ddf.columns:
            raise ValueError(f"{role} column {column!r} is not in the dataframe (columns: {list(ddf.columns)})")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    config = _config(lang, ner_backend, ner_model, allow_pickle)
    meta = _frame_partition(ddf._meta, columns, keep_columns, config, batch_size, run=False)
    return ddf.map_partitions(_frame_partition, columns, keep_columns, config, batch_size, meta=meta,
                              align_dataframes=False)


def _frame_partition(frame, columns: dict, keep_columns: bool, config: tuple, batch_size: int, run: bool = True):
    """Results of one pandas partition (runs on a worker; run=False builds the empty meta)."""
    import pandas as pd

    from .output import error_record
    from .pipeline import default_pipeline

    lang, pipeline_config = config
    results: dict[str, list] = {c: [] for c in RESULT_COLUMNS}
    if run and len(frame):
        rows = []
        for position in range(len(frame)):
            item = {"text": frame[columns["text"]].iat[position]}
            for role in ("lang", "published", "source", "title"):
                if columns[role] is not None:
                    value = frame[columns[role]].iat[position]
                    item[role] = None if _is_missing(value) else value
            rows.append(item)
        with _PIPELINE_LOCK:
            docs, slots, errors = [], [], {}
            for slot, item in enumerate(rows):
                try:
                    docs.append(_make_document(item, lang))
                    slots.append(slot)
                except (TypeError, ValueError) as exc:
                    errors[slot] = error_record(None, exc)["error"]
            done = dict(zip(slots, default_pipeline(*pipeline_config).pipe(docs, batch_size=batch_size)))
        for slot in range(len(rows)):
            doc = done.get(slot)
            if doc is None:
                for column in RESULT_COLUMNS:
                    results[column].append(None)
                results["error"][-1] = json.dumps(errors[slot], ensure_ascii=False)
                continue
            record = doc.to_dict()
            for column in RESULT_COLUMNS:
                value = record.get(column)
                results[column].append(json.dumps(value, ensure_ascii=False) if column in _JSON_COLUMNS
                                       and column in record else value)
    out = pd.DataFrame({c: pd.Series(results[c], dtype="float64" if c == "lang_confidence" else object)
                        for c in RESULT_COLUMNS})
    out.index = frame.index  # positional: duplicate index labels stay as they are
    if not keep_columns:
        return out
    kept = frame.drop(columns=[c for c in RESULT_COLUMNS if c in frame.columns])
    return pd.concat([kept, out], axis=1)


def _is_missing(value) -> bool:
    try:
        import pandas as pd

        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
