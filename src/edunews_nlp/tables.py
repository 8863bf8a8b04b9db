"""Flat tables: one row per article, claim, entity or quantity, with typed columns.

The same rows feed the CLI's CSV/Parquet writers (`extract --table ...`) and pandas
(`to_frame`, `to_frames`, `iter_frames`). Rows are made one record at a time from a stream of
Documents, `to_dict()` results or CLI records, so a run never has to sit in memory; only
the DataFrame a caller asks for does. docs/output.md documents every column.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from .document import Document, register_view

TABLES = ("articles", "claims", "entities", "quantities")

# Which article a row comes from: `article` numbers the records of one stream (or one
# CLI run) from 0; (`path`, `index`) names the article across runs.
_ARTICLE_KEYS = (("article", "int"), ("path", "str"), ("index", "int"), ("source", "str"),
                 ("published", "str"), ("title", "str"), ("lang", "str"))
_QUANTITY = (("value", "float"), ("low", "float"), ("high", "float"), ("unit", "str"),
             ("qualifier", "str"), ("kzt", "float"), ("kzt_year", "int"))

# column name -> type ("str", "int", "float", "json": a JSON text, "bool")
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("article", "int"), ("path", "str"), ("index", "int"), ("schema", "str"), ("lang", "str"),
                 ("lang_confidence", "float"), ("source", "str"), ("published", "str"), ("title", "str"),
                 ("languages", "json"), ("entities", "json"), ("quantities", "json"), ("claims", "json"),
                 ("warnings", "json"), ("text", "str"), ("error", "json")),
    "claims": _ARTICLE_KEYS + (
        ("claim", "int"), ("start", "int"), ("end", "int"), ("sentence", "str"),
        ("quantity", "str"), ("quantity_index", "int"), ("quantity_start", "int"), ("quantity_end", "int"),
        *_QUANTITY, ("subject", "str"),
        ("programme_id", "str"), ("programme", "str"), ("place_id", "str"), ("place", "str"),
        ("official_id", "str"), ("official", "str"),
        ("year", "int"), ("time", "str"), ("time_start", "str"), ("time_end", "str"),
        ("modality", "str"), ("evidence", "json"), ("error", "json")),
    "entities": _ARTICLE_KEYS + (
        ("entity", "int"), ("type", "str"), ("text", "str"), ("start", "int"), ("end", "int"),
        ("canonical", "str"), ("id", "str"), ("role", "str"), ("org", "str"), ("error", "json")),
    "quantities": _ARTICLE_KEYS + (
        ("quantity", "int"), ("text", "str"), ("start", "int"), ("end", "int"), *_QUANTITY,
        ("subject", "str"), ("claimed", "bool"), ("error", "json")),
}


def column_names(table: str) -> list[str]:
    return [name for name, _ in COLUMNS[_checked(table)]]


def as_record(doc: Document | dict) -> dict[str, Any]:
    """A Document becomes its `to_dict()` plus `text`; records pass through."""
    if isinstance(doc, Document):
        record = doc.to_dict()
        record["text"] = doc.text
        return record
    if isinstance(doc, dict):
        return doc
    raise TypeError(f"expected a Document or a record dict, got {type(doc).__name__}")


def rows(record: Document | dict, table: str, article: int = 0) -> list[dict[str, Any]]:
    """The rows one article gives in `table`. An error record gives one row whose `error`
    is set in every table, so a failed input is never a silent gap."""
    record = as_record(record)
    keys = {"article": article, "path": record.get("path"), "index": record.get("index"),
            "source": record.get("source"), "published": record.get("published"),
            "title": record.get("title"), "lang": record.get("lang")}
    if table == "articles":
        return [{name: record.get(name) for name, _ in COLUMNS["articles"]} | {"article": article}]
    if "error" in record:
        return [{**keys, "error": record["error"]}]
    if table == "claims":
        return [_claim_row(keys, record, number, claim) for number, claim in enumerate(record.get("claims", []))]
    if table == "entities":
        return [{**keys, "entity": number, **entity} for number, entity in enumerate(record.get("entities", []))]
    if table == "quantities":
        claimed = {claim["quantity"] for claim in record.get("claims", [])}
        return [{**keys, "quantity": number, **quantity, "claimed": number in claimed}
                for number, quantity in enumerate(record.get("quantities", []))]
    raise ValueError(f"table must be one of {', '.join(TABLES)}, got {table!r}")


def _claim_row(keys: dict, record: dict, number: int, claim: dict) -> dict[str, Any]:
    quantity = record["quantities"][claim["quantity"]]
    names = {e["id"]: e.get("canonical") or e["text"] for e in record.get("entities", []) if e.get("id")}
    time = claim.get("time") or {}
    return {
        **keys, "claim": number, "start": claim["start"], "end": claim["end"], "sentence": claim["text"],
        "quantity": quantity["text"], "quantity_index": claim["quantity"],
        "quantity_start": quantity["start"], "quantity_end": quantity["end"],
        **{name: quantity.get(name) for name, _ in _QUANTITY},
        "subject": claim.get("subject"),
        **{f"{key}_id": claim.get(key) for key in ("programme", "place", "official")},
        **{key: names.get(claim.get(key), claim.get(key)) for key in ("programme", "place", "official")},
        "year": claim_year(claim), "time": time.get("text"), "time_start": time.get("start"),
        "time_end": time.get("end"), "modality": claim.get("modality"), "evidence": claim.get("evidence") or {},
    }


def claim_year(claim: dict) -> int | None:
    """The year a claim speaks of: the year of its time's start, else None."""
    start = (claim.get("time") or {}).get("start")
    return int(start[:4]) if start and start[:4].isdigit() else None


def iter_rows(docs: Iterable, table: str) -> Iterator[dict[str, Any]]:
    """Rows of `table` for a stream of Documents or records, one article at a time."""
    _checked(table)
    for article, doc in enumerate(docs):
        yield from rows(doc, table, article)


def flat_value(value: Any, type_: str) -> Any:
    """A cell as CSV and Parquet store it: JSON text for lists and dicts, numbers as numbers."""
    if value is None:
        return None
    if type_ == "json":
        return json.dumps(value, ensure_ascii=False)
    if type_ == "float":
        return float(value)
    if type_ == "int":
        return int(value)
    return value


def flat_row(row: dict[str, Any], table: str) -> list[Any]:
    return [flat_value(row.get(name), type_) for name, type_ in COLUMNS[table]]


_PANDAS_TYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean", "json": "string"}


def frame_from_rows(table_rows: Iterable[dict[str, Any]], table: str):
    """A DataFrame with every column of `table` and pandas' nullable types."""
    import pandas

    data = [flat_row(row, table) for row in table_rows]
    frame = pandas.DataFrame(data, columns=column_names(table))
    return frame.astype({name: _PANDAS_TYPES[type_] for name, type_ in COLUMNS[table]})


def to_frame(docs: Iterable | Document | dict, table: str = "claims"):
    """One DataFrame of `table` for Documents or records (a single Document works too)."""
    if isinstance(docs, (Document, dict)):
        docs = [docs]
    return frame_from_rows(iter_rows(docs, table), table)


def claims_table(docs: Iterable):
    """The claims table as a DataFrame (`to_frame(docs, "claims")`)."""
    return to_frame(docs, "claims")


def iter_frames(docs: Iterable, table: str = "claims", chunksize: int = 1000):
    """DataFrames of at most `chunksize` articles each (pandas' `chunksize` idea): a run of
    any size in bounded memory."""
    batch: list[dict] = []
    done = 0
    for article, doc in enumerate(docs):
        batch.extend(rows(doc, _checked(table), article))
        if article + 1 - done >= chunksize:
            yield frame_from_rows(batch, table)
            batch, done = [], article + 1
    if batch:
        yield frame_from_rows(batch, table)


def to_frames(docs: Iterable, which: Iterable[str] = TABLES) -> dict[str, Any]:
    """Several tables in one pass over `docs` (a generator is read once): name -> DataFrame."""
    which = [_checked(t) for t in which]
    collected: dict[str, list] = {t: [] for t in which}
    for article, doc in enumerate(docs):
        record = as_record(doc)
        for table in which:
            collected[table].extend(rows(record, table, article))
    return {table: frame_from_rows(collected[table], table) for table in which}


def _checked(table: str) -> str:
    if table not in COLUMNS:
        raise ValueError(f"table must be one of {', '.join(TABLES)}, got {table!r}")
    return table


register_view("frame", to_frame)
