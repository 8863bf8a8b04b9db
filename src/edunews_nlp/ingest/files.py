"""Files to articles: `iter_input_files` walks the inputs (folders recursively, supported
suffixes only), `read_articles` decodes one file and hands it to the reader of its type
(.txt, possibly a multi-article dump; .html; .json/.jsonl)."""

from __future__ import annotations

import os
import pathlib
from typing import Iterable, Iterator

from .article import Article, IngestError
from .decode import decode_bytes
from .dumps import split_articles
from .html_reader import read_html
from .json_reader import read_json, read_jsonl
from .stage import analyse

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


def iter_input_files(paths: Iterable[str | os.PathLike] | str | os.PathLike) -> Iterator[pathlib.Path]:
    """Yield the input files named by `paths` (files, or folders read recursively).

    Folders give their supported files (see SUPPORTED_SUFFIXES) in sorted order, hidden
    files and folders skipped. A file named explicitly is yielded whatever its suffix
    (reading it then says whether it is supported). Each file is yielded once.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[pathlib.Path] = set()
    for raw_path in paths:
        path = pathlib.Path(raw_path)
        if not path.exists():
            raise FileNotFoundError(f"input path does not exist: {str(path)!r}")
        candidates = files_under(path) if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def files_under(folder: pathlib.Path, unsupported: list[pathlib.Path] | None = None) -> list[pathlib.Path]:
    """The supported files in `folder`, recursively and sorted, hidden files and folders
    skipped; the other files are added to `unsupported` when a list is given."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith("."):
                continue
            if name.lower().endswith(SUPPORTED_SUFFIXES):
                found.append(pathlib.Path(root) / name)
            elif unsupported is not None:
                unsupported.append(pathlib.Path(root) / name)
    return sorted(found)


def read_articles(path: str | os.PathLike) -> list[Article]:
    """Read one input file into its articles (index = number within the file, from 0)."""
    path = pathlib.Path(path)
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise IngestError(
            f"{path}: unsupported file type {suffix or '(no suffix)'!r}; "
            f"expected one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read file: {exc}") from exc
    text = decode_bytes(data, path)
    articles = reader(text, path)
    for index, article in enumerate(articles):
        article.index = index
        article.path = str(path)
    return articles


def read_txt(text: str, path: pathlib.Path) -> list[Article]:
    """A .txt file: the articles of a dump, else one article whose title, date and source
    are what the ingest stage will see (a portal's headline is the title)."""
    dump = split_articles(text)
    if dump is not None:
        return dump
    header, *_ = analyse(text)
    warnings = [] if text.strip() else ["file is empty"]
    return [
        Article(
            text=text,
            title=header.title,
            published=header.published,
            source=header.source,
            warnings=warnings,
        )
    ]


_READERS = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}
