"""Output: one record per article, appended whole and flushed, in JSONL, CSV or Parquet.

A run killed at any moment leaves only whole records behind (a torn last record, from a
kill in the middle of a write, is cut off when the file is opened again), and `done_keys`
tells a resumed run which inputs are already there. CSV and Parquet hold one of the flat
tables of `tables.py` (`--table`, default `articles`).

CSV is RFC 4180: records end in CRLF and any field holding a CR or LF is quoted, so the
article text keeps its exact characters (offsets stay valid) while a record may span
several physical lines. Parquet cannot be appended to, so the full records go to a JSONL
journal beside it (`OUT.parquet.jsonl`), flushed record by record: it is what `--resume`
reads and what keeps a killed run's work; when the run ends, the table is written from the
journal batch by batch (never the whole run in memory). The journal can be deleted once
the Parquet file is complete and no resume is wanted.
"""

from __future__ import annotations

import csv
import io
import json
import os
import pathlib
import sys
from typing import Any, Iterator

from .document import Document
from .tables import COLUMNS, TABLES, column_names, flat_row, rows

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = tuple(column_names("articles"))
CSV_RECORD_END = "\r\n"
PARQUET_BATCH_RECORDS = 500


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


def journal_path(out: pathlib.Path, fmt: str) -> pathlib.Path:
    """Where records are appended: OUT itself, or for Parquet the JSONL journal beside it."""
    return out.with_name(out.name + ".jsonl") if fmt == "parquet" else out


class RecordWriter:
    """Appends records to OUT (or stdout when OUT is None), as `table` rows for CSV/Parquet
    (JSONL holds whole records for `articles`, else one JSON line per row)."""

    def __init__(self, out: pathlib.Path | None, fmt: str, table: str = "articles"):
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
        if table not in TABLES:
            raise ValueError(f"table must be one of {', '.join(TABLES)}, got {table!r}")
        self.out, self.fmt, self.table = out, fmt, table
        self.journal = journal_path(out, fmt) if out is not None else None
        self._file = None
        self._articles = 0

    def __enter__(self) -> "RecordWriter":
        if self.journal is None:
            self._file = sys.stdout
        else:
            self.journal.parent.mkdir(parents=True, exist_ok=True)
            (repair_csv if self.fmt == "csv" else repair_jsonl)(self.journal)
            new = not self.journal.exists() or self.journal.stat().st_size == 0
            self._file = open(self.journal, "a", encoding="utf-8", newline="")
        if self.fmt == "csv" and (self.journal is None or new):
            self._write(_csv_lines([column_names(self.table)]))
        return self

    def write(self, record: dict[str, Any]) -> None:
        if self.fmt == "csv":
            text = _csv_lines(flat_row(row, self.table) for row in rows(record, self.table, self._articles))
        elif self.fmt == "jsonl" and self.table != "articles":
            text = "".join(_json_line(row) for row in rows(record, self.table, self._articles))
        else:
            text = _json_line(record)
        self._articles += 1
        self._write(text)

    def _write(self, text: str) -> None:
        # One write call per record, then flush: a kill leaves at most one torn record.
        if text:
            self._file.write(text)
            self._file.flush()

    def __exit__(self, *exc) -> None:
        if self._file is not None and self._file is not sys.stdout:
            self._file.close()
        if self.fmt == "parquet" and self.out is not None and exc[0] is None:
            write_parquet(self.journal, self.out, self.table)


def done_keys(out: pathlib.Path, fmt: str) -> set[tuple[str, int | None]]:
    """(path, index) of the records already in OUT; (path, None) for error records."""
    journal = journal_path(out, fmt)
    if not journal.exists():
        return set()
    keys = set()
    for record in read_records(journal, "csv" if fmt == "csv" else "jsonl"):
        index = record.get("index")
        keys.add((record.get("path"), None if index in (None, "") else int(index)))
    return keys


def read_records(path: pathlib.Path, fmt: str = "jsonl") -> Iterator[dict]:
    """Records of a JSONL output (CSV: its rows, as strings), streamed."""
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


def read_output(path: str | pathlib.Path) -> Iterator[dict]:
    """The records of `extract`'s JSONL output, or of every `*.jsonl` in a folder (sorted,
    Parquet journals included), streamed."""
    path = pathlib.Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file or folder: {path}")
    for file in sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]:
        yield from read_records(file)


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
        f.truncate(_last_newline(f, size))


def repair_csv(path: pathlib.Path) -> None:
    """Cut a torn last record: keep the file up to its last CRLF outside quotes. Quotes
    toggle (an escaped "" toggles twice), so a CRLF with an even count of quotes before it
    ends a record; one inside a quoted text does not."""
    if not path.exists() or path.stat().st_size == 0:
        return
    end_of_records, inside_quotes, offset, previous = 0, False, 0, b""
    with open(path, "rb+") as f:
        while chunk := f.read(1 << 20):
            if b'"' not in chunk and inside_quotes:
                offset += len(chunk)
                previous = chunk[-1:]
                continue
            for at, byte in enumerate(chunk):
                if byte == 0x22:
                    inside_quotes = not inside_quotes
                elif byte == 0x0A and not inside_quotes and (chunk[at - 1:at] if at else previous) == b"\r":
                    end_of_records = offset + at + 1
            offset += len(chunk)
            previous = chunk[-1:]
        if end_of_records < offset:
            f.truncate(end_of_records)


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


def _json_line(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


def _csv_lines(table_rows) -> str:
    buffer = io.StringIO(newline="")
    # CRLF ends a record; csv quotes every field holding a CR or an LF, since both are in
    # the line terminator, so texts with newlines come back exact.
    writer = csv.writer(buffer, lineterminator=CSV_RECORD_END)
    # whole floats as integers: 96500000000, not 96500000000.0 (Parquet keeps the types)
    writer.writerows([int(v) if isinstance(v, float) and v.is_integer() else v for v in row] for row in table_rows)
    return buffer.getvalue()


def parquet_schema(table: str):
    import pyarrow as pa

    types = {"str": pa.string(), "json": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, types[type_]) for name, type_ in COLUMNS[table]])


def write_parquet(journal: pathlib.Path, out: pathlib.Path, table: str = "articles") -> None:
    """The Parquet file of `table` from the JSONL journal, PARQUET_BATCH_RECORDS records at a
    time; written beside OUT and moved over it, so OUT is never half written."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("Parquet output needs pyarrow: pip install 'edunews-nlp[parquet]'") from exc
    schema = parquet_schema(table)
    names = column_names(table)
    partial = out.with_name(out.name + ".partial")
    with pq.ParquetWriter(partial, schema) as writer:
        batch: list[list] = []
        for article, record in enumerate(read_records(journal)):
            batch.extend(flat_row(row, table) for row in rows(record, table, article))
            if (article + 1) % PARQUET_BATCH_RECORDS == 0:
                writer.write_table(_arrow_table(pa, batch, names, schema))
                batch = []
        if batch:
            writer.write_table(_arrow_table(pa, batch, names, schema))
    os.replace(partial, out)


def _arrow_table(pa, batch: list[list], names: list[str], schema):
    columns = zip(*batch)  # rows to columns
    return pa.table({name: list(values) for name, values in zip(names, columns)}, schema=schema)
