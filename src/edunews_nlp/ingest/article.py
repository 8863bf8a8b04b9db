"""What reading a file gives (`Article`, or an `IngestError`) and the plain-text helpers
every ingest pass shares: a text's non-empty lines with their offsets, collapsed spaces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A title or headline is a short line; anything longer is body text.
MAX_TITLE_LENGTH = 250

LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Article:
    text: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str | None = None
    path: str | None = None
    index: int = 0  # number of the article within its file, from 0
    warnings: list[str] = field(default_factory=list)
    # Why this article could not be read (a JSONL line that is no JSON object with a text):
    # a batch run writes an error record for it instead of analysing an empty text.
    error: str | None = None


class IngestError(Exception):
    """An input file that cannot be read as articles (binary, undecodable, broken JSON)."""


@dataclass
class Line:
    start: int
    end: int
    text: str  # stripped


def lines(text: str, offset: int = 0, limit: int | None = None) -> list[Line]:
    """Non-empty lines of `text` (which starts at `offset` of the whole text), at most
    `limit` of them; a line's span excludes its surrounding whitespace."""
    found: list[Line] = []
    position = offset
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + len(raw) - len(raw.lstrip())
            found.append(Line(start, start + len(stripped), stripped))
            if limit is not None and len(found) >= limit:
                break
        position += len(raw) + 1
    return found


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
