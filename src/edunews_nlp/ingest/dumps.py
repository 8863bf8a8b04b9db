"""Multi-article dumps: a .txt of several articles, each ending in a "Source: URL" marker
(any source key of ingest_cues.yaml), split into its articles."""

from __future__ import annotations

import re
from functools import lru_cache

from .article import Article, shorten
from .cues import cues
from .dates import TRAILING_DMY, parse_date

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_EMPTY_BODIES = {"", "none", "null", "nan"}


@lru_cache(maxsize=1)
def _source_tail() -> re.Pattern:
    keys = "|".join(re.escape(k) for k in sorted(cues().source_keys, key=len, reverse=True))
    # No word boundary before the key: dumps glue it to the body ("...traditional.Source : URL").
    return re.compile(rf"(?:{keys})\s*:\s*(?P<url>https?://\S+)\s*$", re.IGNORECASE)


def split_articles(text: str) -> list[Article] | None:
    """Split a dump of several articles, or return None when `text` is not one.

    A dump is blocks separated by blank lines, each article ending in a "Source: URL"
    marker (any source key of ingest_cues.yaml), with its title on its first line,
    usually ending in a DD.MM.YYYY date. At least two marked articles are required,
    so a normal article with a source line is never split. Text before the first
    title is dropped (with a warning).
    """
    chunks = _marked_chunks(text)
    if chunks is None:
        return None
    articles = [_dump_article(lines, url, first=index == 0) for index, (lines, url) in enumerate(chunks)]
    for index, article in enumerate(articles):
        article.index = index
    return articles


def _marked_chunks(text: str) -> list[tuple[list[str], str | None]] | None:
    """Group blank-line-separated blocks into (lines, source URL) per article."""
    source_tail = _source_tail()
    chunks: list[tuple[list[str], str | None]] = []
    pending: list[str] = []
    for block in _BLANK_LINES.split(text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        pending.extend(lines)
        if not lines:
            continue
        match = source_tail.search(lines[-1])
        if match:
            pending[-1] = lines[-1][: match.start()].strip()
            chunks.append(([line for line in pending if line], match.group("url")))
            pending = []
    # Two markers in a row (a source list at the end of one article) is no dump.
    if len(chunks) < 2 or not all(lines for lines, _ in chunks):
        return None
    if pending:
        chunks.append((pending, None))
    return chunks


def _dump_article(lines: list[str], url: str | None, first: bool) -> Article:
    warnings = []
    # Site junk ("Tourism") can only precede the first article: its title is the first
    # dated line. Later articles start with their title, dated or not.
    title_at = next((i for i, line in enumerate(lines[:-1]) if TRAILING_DMY.search(line)), 0) if first else 0
    if title_at:
        skipped = " / ".join(lines[:title_at])
        warnings.append(f"ignored text before the article's title: {shorten(skipped)!r}")
    title_line = lines[title_at]
    date_match = TRAILING_DMY.search(title_line)
    title = title_line[: date_match.start()].strip() if date_match else title_line
    published = parse_date(date_match.group("date")) if date_match else None
    body = "\n".join(line for line in lines[title_at + 1:] if line)
    if url is None:
        warnings.append("no 'Source:' marker after this article in the dump")
    if body.strip().casefold() in _EMPTY_BODIES:
        warnings.append(f"article body is empty ({body.strip() or 'nothing'!r}) in the source dump")
        text = ""
    else:
        text = f"{title}\n{body}" if title else body
    return Article(text=text, title=title or None, published=published, source=url, warnings=warnings)
