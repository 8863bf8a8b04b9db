"""Header metadata of one article's text: its title line, the metadata lines at its top
("16.11.2024 18:45:44 2541", "Source: URL", "Дата: ...") and a "Source: URL" line at its end."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .article import LETTER, MAX_TITLE_LENGTH, Line, lines
from .cues import cues
from .dates import DATE_LINE, parse_date

# Metadata is looked for among the first few non-empty lines only.
MAX_HEADER_LINES = 6
# Header metadata is looked for in this much text at either end.
HEADER_WINDOW_CHARS = 20_000

_STATEMENT_END = re.compile(r"[.…:;,][\"'»”)\]]*$")
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


@dataclass
class Header:
    title: str | None = None
    published: str | None = None
    source: str | None = None
    masked: list[tuple[int, int]] = field(default_factory=list)  # metadata lines
    title_span: tuple[int, int] | None = None  # the title line (analysed, never masked)


@dataclass
class Metadata:
    published: str | None = None
    source: str | None = None


def metadata_line(line: str) -> Metadata | None:
    """What a metadata line says, or None when `line` is not one."""
    if len(line) > MAX_TITLE_LENGTH:
        return None
    date_line = DATE_LINE.match(line)
    if date_line:
        published = parse_date(date_line.group("date"))
        return Metadata(published=published) if published else None
    cue = cues()
    key_value = cue.key_value.match(line)
    if not key_value:
        return None
    key, value = key_value.group("key").casefold(), key_value.group("value").strip()
    if key in cue.source_keys:
        return Metadata(source=value if _URL.match(value) else None)
    if key in cue.published_keys:
        return Metadata(published=parse_date(value))
    return Metadata()


def find_header(text: str) -> Header:
    """Title and metadata of a single article's text.

    The first line is the title when it is short and not the first sentence of the body
    (a line ending like a sentence counts as title only when metadata follows it).
    Metadata lines ("16.11.2024 18:45:44 2541", "Source: URL", "Дата: ...") among the
    first lines, and a "Source: URL" line at the end, are listed in `masked`.
    """
    header = Header()
    # Only the ends of the text matter: look at windows, so a huge text costs nothing.
    top_lines = lines(text[:HEADER_WINDOW_CHARS], limit=MAX_HEADER_LINES + 1)
    if len(top_lines) < 2:
        return header  # one line is a sentence, not an article with a title
    body_starts = _read_top_metadata(top_lines, header)
    tail_offset = max(0, len(text) - HEADER_WINDOW_CHARS)
    last_lines = [line for line in lines(text[tail_offset:], tail_offset)[-2:] if line.start >= body_starts]
    _read_trailing_source(last_lines, header)
    return header


def _read_top_metadata(top_lines: list[Line], header: Header) -> int:
    """Fill header from the top lines; return the offset where the body starts."""
    for i, line in enumerate(top_lines[:MAX_HEADER_LINES]):
        metadata = metadata_line(line.text)
        if metadata is not None:
            header.masked.append((line.start, line.end))
            header.published = header.published or metadata.published
            header.source = header.source or metadata.source
            continue
        next_line = top_lines[i + 1].text if i + 1 < len(top_lines) else ""
        if header.title is None and _is_title(line.text, next_line):
            header.title = line.text
            header.title_span = (line.start, line.end)
            continue
        return line.start
    return top_lines[min(len(top_lines), MAX_HEADER_LINES) - 1].end


def _is_title(line: str, next_line: str) -> bool:
    if len(line) > MAX_TITLE_LENGTH or not LETTER.search(line):
        return False
    # Headlines may ask or exclaim; a line ending in a full stop is the body's first
    # sentence unless metadata (the article's date) follows it.
    if next_line[:1].islower():
        return False  # a hard-wrapped first sentence goes on in the next line
    return not _STATEMENT_END.search(line) or metadata_line(next_line) is not None


def _read_trailing_source(last_lines: list[Line], header: Header) -> None:
    for line in reversed(last_lines):
        metadata = metadata_line(line.text)
        if metadata is None or metadata.source is None:
            return
        header.masked.append((line.start, line.end))
        header.source = header.source or metadata.source
