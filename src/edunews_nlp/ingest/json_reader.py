"""A .json file (an object or a list of objects) or a .jsonl file (one object a line) as
articles: `text`, with title/published/source from the usual field names. A malformed record
gives an Article with an `error`; a file none of whose records has a text raises IngestError."""

from __future__ import annotations

import json
import pathlib

from .article import Article, IngestError
from .dates import parse_date

_JSON_FIELDS = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "datePublished"),
    "source": ("source", "url", "link"),
}


def read_json(text: str, path: pathlib.Path) -> list[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"{path}: invalid JSON: {exc}") from exc
    if isinstance(data, dict):
        return _require_some_text([data], [_article_from_record(data, where="the object")], path)
    if isinstance(data, list):
        articles = [_article_from_record(item, where=f"item {n}") for n, item in enumerate(data)]
        return _require_some_text(data, articles, path)
    raise IngestError(f"{path}: expected a JSON object or a list of objects, got {type(data).__name__}")


def _require_some_text(records: list, articles: list[Article], path: pathlib.Path) -> list[Article]:
    """A JSON file none of whose records has a `text` field holds no articles (an annotation
    or a results file, say): one clear error rather than a record per line with nothing in it."""
    if records and not any(isinstance(r, dict) and isinstance(r.get("text"), str) for r in records):
        raise IngestError(f"{path}: no record has a 'text' field; is this an article file?")
    return articles


def read_jsonl(text: str, path: pathlib.Path) -> list[Article]:
    articles, records = [], []
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = f"line {line_number}: invalid JSON ({exc.msg})"
            articles.append(Article(text="", warnings=[problem], error=problem))
            continue
        articles.append(_article_from_record(record, where=f"line {line_number}"))
        records.append(record)
    return _require_some_text(records, articles, path)


def _article_from_record(record, where: str) -> Article:
    """One JSON record -> Article; a malformed record gives an empty Article with a warning."""
    if not isinstance(record, dict):
        problem = f"{where}: expected an object, got {type(record).__name__}"
        return Article(text="", warnings=[problem], error=problem)
    warnings = []
    error = None
    text = record.get("text")
    if not isinstance(text, str):
        error = f"{where}: no string 'text' field"
        warnings.append(error)
        text = ""
    values = {name: _first_string(record, keys) for name, keys in _JSON_FIELDS.items()}
    published = None
    if values["published"]:
        published = parse_date(values["published"])
        if published is None:
            warnings.append(f"{where}: unrecognised date {values['published']!r}")
    return Article(
        text=text.replace("\r\n", "\n"),
        title=values["title"],
        published=published,
        source=values["source"],
        warnings=warnings,
        error=error,
    )


def _first_string(record: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
