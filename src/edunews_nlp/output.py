"""Output: one record per article, appended whole and flushed, in JSONL, CSV or Parquet.

A run killed at any moment leaves only whole records behind (a torn last line, from a kill
in the middle of a write, is cut off when the file is opened again), and `done_keys`
tells a resumed run which inputs are already there. Parquet cannot be appended to, so
records go to a JSONL journal beside it (`OUT.parquet.jsonl`) and the Parquet file is
written from the journal when the run ends.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import sys
from typing import Any

from .document import Document

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = ("path", "index", "schema", "lang", "lang_confidence", "source", "published", "title",
               "entities", "quantities", "claims", "warnings", "text", "error")


def article_record(doc: Document, path: str, index: int) -> dict[str, Any]:
    record = doc.to_dict()
    record["path"] = path
    record["index"] = index
    record["text"] = doc.text  # offsets point into this text
    return record


def error_record(path: str, exc: BaseException, index: int | None = None) -> dict[str, Any]:
    """An input (index None) or one article of it (a broken JSONL line) that gave nothing."""
    return {"path": path, "index": index, "error": {"type": type(exc).__name__, "message": str(exc)}}


def format_for(path: pathlib.Path | None, requested: str | None) -> str:
    if requested:
        return requested
    if path is not None and path.suffix.lstrip(".") in FORMATS:
        return path.suffix.lstrip(".")
    return "jsonl"


class RecordWriter:
    """Appends records to OUT (or stdout when OUT is None)."""

    def __init__(self, out: pathlib.Path | None, fmt: str):
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        self.out, self.fmt = out, fmt
        self.journal = out.with_name(out.name + ".jsonl") if out is not None and fmt == "parquet" else out
        self._file = None
        self._csv = None

    def __enter__(self) -> "RecordWriter":
        if self.journal is None:
            self._file = sys.stdout
        else:
            self.journal.parent.mkdir(parents=True, exist_ok=True)
            if self.fmt == "csv":
                repair_csv(self.journal)
            else:
                repair_jsonl(self.journal)
            new = not self.journal.exists() or self.journal.stat().st_size == 0
            self._file = open(self.journal, "a", encoding="utf-8", newline="")
            if self.fmt == "csv" and new:
                self._write_line(_csv_line(dict(zip(CSV_COLUMNS, CSV_COLUMNS))))
        return self

    def write(self, record: dict[str, Any]) -> None:
        line = _csv_line(_csv_row(record)) if self.fmt == "csv" else json.dumps(record, ensure_ascii=False) + "\n"
        self._write_line(line)

    def _write_line(self, line: str) -> None:
        # One write call per record, then flush: a kill leaves at most one torn last line.
        self._file.write(line)
        self._file.flush()

    def __exit__(self, *exc) -> None:
        if self._file is not None and self._file is not sys.stdout:
            self._file.close()
        if self.fmt == "parquet" and self.out is not None and exc[0] is None:
            write_parquet(self.journal, self.out)


def done_keys(out: pathlib.Path, fmt: str) -> set[tuple[str, int | None]]:
    """(path, index) of the records already in OUT; (path, None) for error records."""
    journal = out.with_name(out.name + ".jsonl") if fmt == "parquet" else out
    if not journal.exists():
        return set()
    keys = set()
    for record in read_records(journal, fmt):
        index = record.get("index")
        keys.add((record.get("path"), None if index in (None, "") else int(index)))
    return keys


def read_records(path: pathlib.Path, fmt: str = "jsonl"):
    if fmt == "csv":
        with open(path, encoding="utf-8", newline="") as f:
            yield from csv.DictReader(f)
        return
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue  # a torn line from an interrupted run


def repair_jsonl(path: pathlib.Path) -> None:
    """Cut a torn last line (no newline at the end) left by a killed run."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb+") as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - 1))
        if f.read(1) == b"\n":
            return
        data_end = _last_newline(f, size)
        f.truncate(data_end)


repair_csv = repair_jsonl  # a CSV record is one line too: csv quoting keeps newlines escaped


def _last_newline(f, size: int) -> int:
    block = 65536
    pos = size
    while pos > 0:
        start = max(0, pos - block)
        f.seek(start)
        chunk = f.read(pos - start)
        at = chunk.rfind(b"\n")
        if at != -1:
            return start + at + 1
        pos = start
    return 0


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    row = {}
    for column in CSV_COLUMNS:
        value = record.get(column)
        row[column] = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
    return row


def _csv_line(row: dict[str, Any]) -> str:
    buffer = io.StringIO()
    # Newlines inside fields are escaped so that one record is always one physical line.
    escaped = {k: (v.replace("\r", "\\r").replace("\n", "\\n") if isinstance(v, str) else v) for k, v in row.items()}
    csv.writer(buffer, lineterminator="\n").writerow([escaped.get(c) for c in CSV_COLUMNS])
    return buffer.getvalue()


def write_parquet(journal: pathlib.Path, out: pathlib.Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("Parquet output needs pyarrow: pip install 'edunews-nlp[parquet]'") from exc
    rows = [_csv_row(r) for r in read_records(journal)]
    columns = {c: [r.get(c) for r in rows] for c in CSV_COLUMNS}
    columns["index"] = [None if v is None else int(v) for v in columns["index"]]
    columns = {c: [None if v is None else (v if c in ("index", "lang_confidence") else str(v)) for v in vs]
               for c, vs in columns.items()}
    pq.write_table(pa.table(columns), out)
