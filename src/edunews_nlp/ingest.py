"""Reading articles from files, and the ingest stage of the pipeline.

Two halves:

* Files -> `Article`s: `iter_input_files` walks the inputs, `read_articles` decodes one
  file (UTF-8/UTF-16/cp1251, ...) and turns it into articles according to its type
  (.txt, possibly a multi-article dump; .html; .json/.jsonl).
* `prepare_document`, the first stage run on a `Document`: it finds the metadata lines at
  the top of an article (`find_header`) and the site furniture around it in scraped
  plain text (`find_boilerplate`), masks both so that later stages do not extract
  numbers or names from them, and fills in title/published/source.

Language-specific cue words live in data/ingest_cues.yaml.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import pathlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Iterator

from justext.core import PathInfo, classify_paragraphs, revise_paragraph_classification
from justext.paragraph import Paragraph
from justext.utils import get_stoplist

from .datafiles import safe_load
from .document import Document

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")

# A title or headline is a short line; anything longer is body text.
MAX_TITLE_LENGTH = 250
# Metadata is looked for among the first few non-empty lines only.
MAX_HEADER_LINES = 6
# Share of control / replacement characters above which decoded bytes are not text.
MAX_NON_TEXT_SHARE = 0.01
# jusText sees at most this much of each paragraph: enough for its length and
# stopword-density tests, and it keeps a 3 MB input fast.
CLASSIFY_SAMPLE_CHARS = 2000
# Header metadata is looked for in this much text at either end.
HEADER_WINDOW_CHARS = 20_000
# How many lines from the top a page's date widget may stand.
PAGE_DATE_LINES = 60
# On a text of more lines than twice this, boilerplate is looked for only in this
# many lines at either end (where site furniture sits); the middle is content.
EDGE_LINES = 1000
# Stoplist choice looks at the start of the text only.
LANGUAGE_SAMPLE_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*$")
_STATEMENT_END = re.compile(r"[.…:;,][\"'»”)\]]*$")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^[\s•·●▪◦*|>\-–—]+")
_BULLET = re.compile(r"^(?:[•·●▪◦*\-–—]|\d{1,2}[.)])\s+\S")
_NON_TEXT_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_DMY_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_DATE = (
    rf"(?:{_DMY_DATE}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}(?:\s*(?:года|г\.?|ж\.?|жылы))?"
    r"|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4})"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
# gov.kz style "16.11.2024 18:45:44 2541": date, optional time, optional view count (grouped
# or not: "… 1,588", "… 12 304").
_DATE_LINE = re.compile(
    rf"^(?:{_TIME}[,\s]+)?(?P<date>{_DATE})(?:[,\s]+{_TIME})?(?:\s+\d{{1,3}}(?:[,.\u00a0 ]?\d{{3}})*)?$",
    re.IGNORECASE
)
_TRAILING_DMY = re.compile(rf"\s+(?P<date>{_DMY_DATE})\s*$")


# --------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------


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
class Header:
    title: str | None = None
    published: str | None = None
    source: str | None = None
    masked: list[tuple[int, int]] = field(default_factory=list)  # metadata lines
    title_span: tuple[int, int] | None = None  # the title line (analysed, never masked)


@dataclass
class _Cues:
    stoplists: tuple[str, ...]
    own_stoplists: dict[str, frozenset[str]]  # those jusText does not ship
    date_languages: tuple[str, ...]
    source_keys: frozenset[str]
    published_keys: frozenset[str]
    key_value: re.Pattern
    boilerplate_line: re.Pattern
    footer: re.Pattern
    lead_in: re.Pattern
    max_cue_line_length: int
    page_date: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = safe_load(
        resources.files("edunews_nlp").joinpath("data/ingest_cues.yaml").read_text(encoding="utf-8")
    )
    keys = raw["metadata_keys"]
    all_keys = [k for group in keys.values() for k in group]
    # Longest keys first so "Published on" wins over "Published".
    key_alternation = "|".join(re.escape(k) for k in sorted(all_keys, key=len, reverse=True))
    boilerplate = raw["boilerplate"]

    def alternation(groups: dict[str, list[str]]) -> re.Pattern:
        patterns = [p for group in groups.values() for p in group]
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return _Cues(
        stoplists=tuple(raw["stoplists"]),
        own_stoplists={name: frozenset(str(word).lower() for word in words)
                       for name, words in (raw.get("own_stoplists") or {}).items()},
        date_languages=tuple(raw["date_languages"]),
        source_keys=frozenset(k.casefold() for k in keys["source"]),
        published_keys=frozenset(k.casefold() for k in keys["published"]),
        key_value=re.compile(rf"^(?P<key>{key_alternation})\s*:\s*(?P<value>.*)$", re.IGNORECASE),
        boilerplate_line=alternation(boilerplate["line"]),
        footer=alternation(boilerplate["footer"]),
        lead_in=alternation(boilerplate["lead_in"]),
        max_cue_line_length=int(boilerplate["max_cue_line_length"]),
        page_date=tuple(re.compile(p, re.IGNORECASE) for p in raw["page_date"]),
    )


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


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


# Formats that are not text, by their first bytes: a PDF renamed .txt must not be analysed
# as text (its streams decode to something), but named in an error record.
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/ODT document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document (DOC/XLS)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
)
# Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# When charset-normalizer finds several encodings equally plausible (short texts),
# prefer the ones Kazakhstani and Western sites actually use.
_PREFERRED_LEGACY_ENCODINGS = ("cp1251", "cp1252", "koi8_r", "iso8859_5", "cp866", "latin_1")


def decode_bytes(data: bytes, path: str | os.PathLike = "<bytes>") -> str:
    """Decode file bytes to text: BOM, else UTF-8, else charset-normalizer's best guess.

    The BOM is dropped and line ends become "\\n". Bytes that are not text (an image,
    an archive) raise IngestError.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise IngestError(f"{path}: is {kind}, not text: convert it to text (.txt, .html, .json) first")
    text = _decode_with_bom(data)
    if text is None and b"\x00" not in data:  # NULs: not UTF-8 text, maybe BOM-less UTF-16
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        text = _decode_guessed(data)
    if text is None or _looks_binary(text):
        raise IngestError(f"{path}: does not look like text (binary or undecodable content)")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    return None


def _decode_guessed(data: bytes) -> str | None:
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    equally_good = [m for m in matches if m.chaos <= best.chaos]
    for encoding in _PREFERRED_LEGACY_ENCODINGS:
        for match in equally_good:
            if match.encoding == encoding:
                return str(match)
    return str(best)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_NON_TEXT_CHARS.findall(text)) > MAX_NON_TEXT_SHARE * len(text)


# -- .txt -------------------------------------------------------------------------------


def _read_txt(text: str, path: pathlib.Path) -> list[Article]:
    dump = split_articles(text)
    if dump is not None:
        return dump
    header, *_ = _analyse(text)  # as prepare_document will see it: a portal's headline is the title
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


# -- .html ------------------------------------------------------------------------------

_HTML_DATE_SELECTORS = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dcterms.created"]',
)
_HTML_NON_CONTENT_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template",
)
_HTML_BLOCK_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"})
_HTML_BLOCK_SELECTOR = ", ".join(sorted(_HTML_BLOCK_TAGS))


def _read_html(text: str, path: pathlib.Path) -> list[Article]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    title = _html_title(tree)
    body = _html_main_text(text, tree)
    warnings = [] if body.strip() else ["no article text found in the HTML"]
    return [
        Article(
            text=_with_title(title, body),
            title=title,
            published=_html_published(tree),
            source=_html_source(tree),
            warnings=warnings,
        )
    ]


def _html_main_text(html: str, tree) -> str:
    """The article's text: trafilatura first, a plain selectolax walk when it finds nothing."""
    body = ""
    try:
        import trafilatura

        body = trafilatura.extract(html, favor_precision=True, include_comments=False) or ""
    except Exception:  # trafilatura failing on odd markup must not lose the file
        body = ""
    if not body.strip():
        body = _html_fallback_text(tree)
    return body.replace("\r\n", "\n").strip()


def _html_fallback_text(tree) -> str:
    tree = tree.clone()
    tree.strip_tags(list(_HTML_NON_CONTENT_TAGS))
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first('[role="main"]') or tree.body
    if root is None:
        return ""
    blocks = [_collapse_spaces(node.text(deep=True)) for node in root.css(_HTML_BLOCK_SELECTOR)
              if not _inside_block(node, root)]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else _collapse_spaces(root.text(deep=True))


def _inside_block(node, root) -> bool:
    """Whether `node` lies in another text block (a <p> in an <li>): that one gives its text."""
    parent = node.parent
    while parent is not None and parent is not root and parent.tag != "html":
        if parent.tag in _HTML_BLOCK_TAGS:
            return True
        parent = parent.parent
    return False


def _html_title(tree) -> str | None:
    candidates = [
        _meta_content(tree, 'meta[property="og:title"]'),
        _node_text(tree.css_first("h1")),
        _node_text(tree.css_first("title")),
    ]
    return next((c for c in candidates if c), None)


def _html_published(tree) -> str | None:
    for selector in _HTML_DATE_SELECTORS:
        value = _meta_content(tree, selector)
        if value and (iso := parse_date(value)):
            return iso
    for node in tree.css("time"):
        value = node.attributes.get("datetime") or node.text(deep=True)
        if value and (iso := parse_date(value)):
            return iso
    return None


def _html_source(tree) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    href = (node.attributes.get("href") or "").strip() if node else ""
    return href or _meta_content(tree, 'meta[property="og:url"]')


def _meta_content(tree, selector: str) -> str | None:
    node = tree.css_first(selector)
    value = _collapse_spaces(node.attributes.get("content") or "") if node else ""
    return value or None


def _node_text(node) -> str | None:
    return (_collapse_spaces(node.text(deep=True)) or None) if node is not None else None


def _collapse_spaces(text: str) -> str:
    return " ".join(text.split())


def _with_title(title: str | None, body: str) -> str:
    """Put the title on the first line, as in a plain-text article, unless it is there."""
    if not title or _collapse_spaces(body).startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title


# -- .json / .jsonl ---------------------------------------------------------------------

_JSON_FIELDS = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "datePublished"),
    "source": ("source", "url", "link"),
}


def _read_json(text: str, path: pathlib.Path) -> list[Article]:
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


def _read_jsonl(text: str, path: pathlib.Path) -> list[Article]:
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


_READERS = {
    ".txt": _read_txt,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
}


# --------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------

_NUMERIC_DATES = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:$|[\s,T])"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})(?:$|[\s,T])"), ("y", "m", "d")),
)


def parse_date(value: str) -> str | None:
    """A date as ISO YYYY-MM-DD ("24.12.2024", "2024-12-24T10:00", "21 ноября 2024",
    "December 24, 2024"), or None when `value` holds no complete, absolute date."""
    value = value.strip()
    if not value or len(value) > 100:
        return None
    for pattern, order in _NUMERIC_DATES:
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            return _iso_date(parts["y"], parts["m"], parts["d"])
    return _parse_written_date(value)


def _iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_written_date(value: str) -> str | None:
    if not _LETTER.search(value) or not re.search(r"\d{4}", value):
        return None  # dateparser is slow; only try strings that can hold a written date
    try:
        import dateparser

        parsed = dateparser.parse(
            value,
            languages=list(_cues().date_languages),
            # Absolute dates only: "yesterday" is meaningless without the article's own date.
            settings={"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # dateparser raises on some odd strings; an unknown date is just None
        return None
    return parsed.date().isoformat() if parsed else None


# --------------------------------------------------------------------------------------
# Multi-article dumps
# --------------------------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*\n\s*")
_EMPTY_BODIES = {"", "none", "null", "nan"}


@lru_cache(maxsize=1)
def _source_tail() -> re.Pattern:
    keys = "|".join(re.escape(k) for k in sorted(_cues().source_keys, key=len, reverse=True))
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
    title_at = next((i for i, line in enumerate(lines[:-1]) if _TRAILING_DMY.search(line)), 0) if first else 0
    if title_at:
        skipped = " / ".join(lines[:title_at])
        warnings.append(f"ignored text before the article's title: {_shorten(skipped)!r}")
    title_line = lines[title_at]
    date_match = _TRAILING_DMY.search(title_line)
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


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------------------
# Header metadata
# --------------------------------------------------------------------------------------


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped


def _lines(text: str, offset: int = 0, limit: int | None = None) -> list[_Line]:
    """Non-empty lines of `text` (which starts at `offset` of the whole text), at most
    `limit` of them; a line's span excludes its surrounding whitespace."""
    lines: list[_Line] = []
    position = offset
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = position + len(raw) - len(raw.lstrip())
            lines.append(_Line(start, start + len(stripped), stripped))
            if limit is not None and len(lines) >= limit:
                break
        position += len(raw) + 1
    return lines


@dataclass
class _Metadata:
    published: str | None = None
    source: str | None = None


def _metadata_line(line: str) -> _Metadata | None:
    """What a metadata line says, or None when `line` is not one."""
    if len(line) > MAX_TITLE_LENGTH:
        return None
    date_line = _DATE_LINE.match(line)
    if date_line:
        published = parse_date(date_line.group("date"))
        return _Metadata(published=published) if published else None
    cues = _cues()
    key_value = cues.key_value.match(line)
    if not key_value:
        return None
    key, value = key_value.group("key").casefold(), key_value.group("value").strip()
    if key in cues.source_keys:
        return _Metadata(source=value if _URL.match(value) else None)
    if key in cues.published_keys:
        return _Metadata(published=parse_date(value))
    return _Metadata()


def find_header(text: str) -> Header:
    """Title and metadata of a single article's text.

    The first line is the title when it is short and not the first sentence of the body
    (a line ending like a sentence counts as title only when metadata follows it).
    Metadata lines ("16.11.2024 18:45:44 2541", "Source: URL", "Дата: ...") among the
    first lines, and a "Source: URL" line at the end, are listed in `masked`.
    """
    header = Header()
    # Only the ends of the text matter: look at windows, so a huge text costs nothing.
    top_lines = _lines(text[:HEADER_WINDOW_CHARS], limit=MAX_HEADER_LINES + 1)
    if len(top_lines) < 2:
        return header  # one line is a sentence, not an article with a title
    body_starts = _read_top_metadata(top_lines, header)
    tail_offset = max(0, len(text) - HEADER_WINDOW_CHARS)
    last_lines = [line for line in _lines(text[tail_offset:], tail_offset)[-2:] if line.start >= body_starts]
    _read_trailing_source(last_lines, header)
    return header


def _read_top_metadata(lines: list[_Line], header: Header) -> int:
    """Fill header from the top lines; return the offset where the body starts."""
    for i, line in enumerate(lines[:MAX_HEADER_LINES]):
        metadata = _metadata_line(line.text)
        if metadata is not None:
            header.masked.append((line.start, line.end))
            header.published = header.published or metadata.published
            header.source = header.source or metadata.source
            continue
        next_line = lines[i + 1].text if i + 1 < len(lines) else ""
        if header.title is None and _is_title(line.text, next_line):
            header.title = line.text
            header.title_span = (line.start, line.end)
            continue
        return line.start
    return lines[min(len(lines), MAX_HEADER_LINES) - 1].end


def _is_title(line: str, next_line: str) -> bool:
    if len(line) > MAX_TITLE_LENGTH or not _LETTER.search(line):
        return False
    # Headlines may ask or exclaim; a line ending in a full stop is the body's first
    # sentence unless metadata (the article's date) follows it.
    if next_line[:1].islower():
        return False  # a hard-wrapped first sentence goes on in the next line
    return not _STATEMENT_END.search(line) or _metadata_line(next_line) is not None


def _read_trailing_source(last_lines: list[_Line], header: Header) -> None:
    for line in reversed(last_lines):
        metadata = _metadata_line(line.text)
        if metadata is None or metadata.source is None:
            return
        header.masked.append((line.start, line.end))
        header.source = header.source or metadata.source


# --------------------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    start: int
    end: int
    text: str  # whitespace-normalised
    cf_class: str = "bad"  # jusText's context-free class: good | neargood | short | bad
    final_class: str = "bad"  # jusText's class after looking at the neighbours
    cue: str | None = None  # "line" | "footer" when a boilerplate cue matched
    ends_sentence: bool = False
    judged: bool = True  # False for the middle of a very long text, taken as content


@dataclass
class _Layout:
    paragraphs: list[_Paragraph]
    boilerplate: list[int]  # indices of paragraphs
    headline: int | None  # index of the article's headline paragraph


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character spans of site furniture (widgets, menus, footers) in scraped plain text.

    jusText classifies the lines; the article is the stretch around its long,
    stopword-rich paragraphs, extended over neighbouring sentences. Outside it
    everything but the headline is boilerplate; inside it only lines matching a cue of
    ingest_cues.yaml are. A clean article gives no spans over its body.
    """
    layout = _layout(text)
    return [(layout.paragraphs[i].start, layout.paragraphs[i].end) for i in layout.boilerplate]


def _layout(text: str) -> _Layout:
    paragraphs = _paragraphs(text)
    if not paragraphs:
        return _Layout(paragraphs, [], None)
    _classify(paragraphs, _stoplist_for(text))
    _mark_cues(paragraphs)
    zone = _article_zone(paragraphs)
    if zone is None:
        boilerplate = [i for i, p in enumerate(paragraphs) if p.cue]
        return _Layout(paragraphs, boilerplate, None)
    start, end = zone
    headline = _headline(paragraphs, start)
    if headline is not None:
        start = min(start, headline)  # subheadings, bylines, captions under it are the article's
    boilerplate = [i for i, p in enumerate(paragraphs) if p.cue or not start <= i <= end]
    return _Layout(paragraphs, boilerplate, headline)


def _paragraphs(text: str) -> list[_Paragraph]:
    """The text's paragraphs, in order. On a very long text only the first and last
    EDGE_LINES lines are split up (site furniture sits at the edges of a page); the
    middle is one paragraph taken as article text, so the cost stays linear and small."""
    head_end = _offset_after_lines(text, EDGE_LINES)
    tail_start = _offset_before_lines(text, EDGE_LINES)
    if head_end >= tail_start:
        return _paragraphs_between(text, 0, len(text))
    middle = _Paragraph(head_end, tail_start, "", cf_class="good", final_class="good", judged=False)
    return _paragraphs_between(text, 0, head_end) + [middle] + _paragraphs_between(text, tail_start, len(text))


def _offset_after_lines(text: str, count: int) -> int:
    position = 0
    for _ in range(count):
        position = text.find("\n", position) + 1
        if position == 0:
            return len(text)
    return position


def _offset_before_lines(text: str, count: int) -> int:
    position = len(text)
    for _ in range(count):
        position = text.rfind("\n", 0, position)
        if position < 0:
            return 0
    return position


def _paragraphs_between(text: str, start: int, end: int) -> list[_Paragraph]:
    """Lines as paragraphs; a line that stops mid-sentence is joined by the next one when
    that goes on in lower case, so a hard-wrapped sentence is judged whole."""
    paragraphs: list[_Paragraph] = []
    for line in _lines(text[start:end], offset=start):
        sample = _collapse_spaces(line.text[:CLASSIFY_SAMPLE_CHARS])
        previous = paragraphs[-1] if paragraphs else None
        if previous and not previous.ends_sentence and sample[:1].islower() and _same_block(text, previous, line):
            previous.end = line.end
            if len(previous.text) < CLASSIFY_SAMPLE_CHARS:
                previous.text = f"{previous.text} {sample}"
        else:
            previous = _Paragraph(line.start, line.end, sample)
            paragraphs.append(previous)
        previous.ends_sentence = bool(_SENTENCE_END.search(line.text[-20:]))
    return paragraphs


def _same_block(text: str, paragraph: _Paragraph, line: _Line) -> bool:
    return text.count("\n", paragraph.end, line.start) < 2


def _stoplist_for(text: str) -> frozenset[str]:
    """The stoplist (jusText's or our own, of those in ingest_cues.yaml) with the most hits in `text`."""
    words = [w.lower() for w in _WORD.findall(text[:LANGUAGE_SAMPLE_CHARS])]
    stoplists = [_stoplist(name) for name in _cues().stoplists]
    return max(stoplists, key=lambda stoplist: sum(word in stoplist for word in words))


@lru_cache(maxsize=None)
def _stoplist(name: str) -> frozenset[str]:
    own = _cues().own_stoplists.get(name)
    return own if own is not None else get_stoplist(name)


class _JustextParagraph(Paragraph):
    """A jusText paragraph made from our text directly, as if it were one <p> of a page.

    Handing jusText its own Paragraph objects instead of an HTML round trip keeps the
    classifier and gives an exact mapping back to our offsets, with no trouble from
    characters XML cannot carry. The text is fixed, so it is not re-normalised on
    every access (jusText's Paragraph does that, which dominates its run time).
    """

    _PATH = PathInfo().append("html").append("body").append("p")

    def __init__(self, text: str):
        super().__init__(self._PATH)
        self.text_nodes = [text]
        self._text = text

    @property
    def text(self) -> str:
        return self._text


def _classify(paragraphs: list[_Paragraph], stoplist: frozenset[str]) -> None:
    """jusText's classes (context-free, then in context) for every judged paragraph;
    each run of them between unjudged ones is classified as a page of its own."""
    for run in _judged_runs(paragraphs):
        judged = [_JustextParagraph(paragraph.text) for paragraph in run]
        classify_paragraphs(judged, stoplist)
        # jusText's context pass walks over the whole run of short paragraphs around
        # each short one (quadratic on a list of short lines). All shorts of a run get
        # the same class, so one of them stands for the run.
        representatives: list[_JustextParagraph] = []
        represented_by: list[int] = []
        for classified in judged:
            if not (classified.cf_class == "short" and representatives and representatives[-1].cf_class == "short"):
                representatives.append(classified)
            represented_by.append(len(representatives) - 1)
        revise_paragraph_classification(representatives)
        for paragraph, classified, representative in zip(run, judged, represented_by):
            paragraph.cf_class = classified.cf_class
            paragraph.final_class = representatives[representative].class_type


def _judged_runs(paragraphs: list[_Paragraph]) -> Iterator[list[_Paragraph]]:
    run: list[_Paragraph] = []
    for paragraph in paragraphs:
        if paragraph.judged:
            run.append(paragraph)
        elif run:
            yield run
            run = []
    if run:
        yield run


def _mark_cues(paragraphs: list[_Paragraph]) -> None:
    cues = _cues()
    for paragraph in paragraphs:
        if not paragraph.judged or len(paragraph.text) > cues.max_cue_line_length:
            continue
        line = _LIST_MARKER.sub("", paragraph.text)  # "• Регистрация" is the menu item "Регистрация"
        if cues.footer.search(line):
            paragraph.cue = "footer"
        elif cues.lead_in.search(line):
            paragraph.cue = "lead-in"
        elif cues.boilerplate_line.search(line):
            paragraph.cue = "line"


def _article_zone(paragraphs: list[_Paragraph]) -> tuple[int, int] | None:
    """First and last paragraph of the article, or None when no paragraph reads as text.

    The core runs from the first to the last long, stopword-rich paragraph (jusText
    'good'; 'neargood' for a short article). It is extended backwards over neighbouring
    text ('neargood' paragraphs and short sentences) and forwards over what jusText
    keeps in context, and cut at a footer cue that is followed by less text than
    came before it.
    """
    core = _core(paragraphs)
    if core is None:
        return None
    start, end = core
    while start > 0 and _reads_as_text(paragraphs[start - 1]):
        start -= 1
    while end + 1 < len(paragraphs) and (
        paragraphs[end + 1].final_class == "good" or _reads_as_text(paragraphs[end + 1])
    ) and not paragraphs[end + 1].cue:
        end += 1
    return start, _cut_at_footer(paragraphs, start, end)


def _core(paragraphs: list[_Paragraph]) -> tuple[int, int] | None:
    for wanted in ("good", "neargood"):
        indices = [i for i, p in enumerate(paragraphs) if p.cf_class == wanted and not p.cue]
        if indices:
            return indices[0], indices[-1]
    return None


PROSE_MIN_WORDS = 15
# Lines between a headline and the article's body (subheading, byline, caption, date).
MAX_LEAD_IN_LINES = 6


def _reads_as_text(paragraph: _Paragraph) -> bool:
    if paragraph.cue:
        return False
    words = len(_WORD.findall(paragraph.text))
    return paragraph.cf_class in ("good", "neargood") or (
        paragraph.cf_class == "short" and paragraph.ends_sentence and words >= 3
    ) or (
        # "The projects are:" opens the list that follows.
        words >= 3 and paragraph.text.endswith(":")
    ) or (
        # An item of a bulleted list ("• 12 schools in Turkestan region") is the body's.
        words >= 3 and _BULLET.match(paragraph.text) is not None
    ) or (
        # Prose that jusText calls 'bad' for its few stopwords (figures, names, quotes)
        # still reads as article text next to the article: whole sentences, many words.
        paragraph.ends_sentence and words >= PROSE_MIN_WORDS
    )


def _cut_at_footer(paragraphs: list[_Paragraph], start: int, end: int) -> int:
    # text_before[i]: characters of text-like paragraphs in paragraphs[start:i]
    text_before = [0]
    for paragraph in paragraphs[start:end + 1]:
        is_text = paragraph.cf_class in ("good", "neargood") and not paragraph.cue
        text_before.append(text_before[-1] + (len(paragraph.text) if is_text else 0))
    total = text_before[-1]
    for i in range(start + 1, end + 1):
        before = text_before[i - start]
        after = total - text_before[i - start + 1]
        if paragraphs[i].cue == "footer" and after < before:
            return i - 1
    return end


def _headline(paragraphs: list[_Paragraph], start: int) -> int | None:
    """The article's headline: its first heading. News pages put subheadings, bylines,
    photo captions ("Name, student of a college:") and date lines between the headline and
    the body, so walk back from the body's first paragraph over such lines and take the
    earliest heading; stop at site furniture (a cue line, a line of one or two words). A few
    capitalised words ("Home News Regions", "By Aigerim Nurlanova") are passed over but are
    no headline."""
    headline = start if _is_heading(paragraphs[start]) and not paragraphs[start].ends_sentence else None
    for i in range(start - 1, max(start - MAX_LEAD_IN_LINES, 0) - 1, -1):
        paragraph = paragraphs[i]
        if paragraph.cue == "lead-in" or _metadata_line(paragraph.text) is not None \
                or not _LETTER.search(paragraph.text):
            continue
        if paragraph.cue or not (_is_heading(paragraph) or _reads_as_text(paragraph)):
            break
        if _is_heading(paragraph) and not _is_menu(paragraph.text):
            headline = i
    return headline


MENU_MAX_WORDS = 5


def _is_menu(text: str) -> bool:
    """"Home News Regions", «Главная Новости Регионы»: a few words, each capitalised."""
    words = _WORD.findall(text)
    return len(words) <= MENU_MAX_WORDS and all(word[0].isupper() for word in words)


def _is_heading(paragraph: _Paragraph) -> bool:
    return len(paragraph.text) <= MAX_TITLE_LENGTH and len(_WORD.findall(paragraph.text)) >= 3


# --------------------------------------------------------------------------------------
# The pipeline stage
# --------------------------------------------------------------------------------------


def prepare_document(doc: Document) -> Document:
    """Ingest stage: mask header metadata and site boilerplate, fill title/published/source.

    Values already on `doc` win over what the text says. When everything would be
    masked nothing is (better to analyse too much than nothing). Never raises.
    """
    try:
        _prepare(doc)
    except Exception as exc:  # a stage must not lose the document; say what went wrong
        doc.warnings.append(f"ingest: header/boilerplate detection failed ({type(exc).__name__}: {exc})")
    return doc


def _prepare(doc: Document) -> None:
    text = doc.text if isinstance(doc.text, str) else ""
    header, spans, boilerplate = _analyse(text)
    if spans and not _covers_all_text(text, spans):
        for start, end in spans:
            doc.mask(start, end)
            if _overlaps_any((start, end), boilerplate):
                # What jusText and the cues call site furniture may still be the article's:
                # say what was left out, so nothing is lost unseen.
                doc.warnings.append(f"ingest: masked as site boilerplate, characters {start}-{end}: "
                                    f"{_shorten(text[start:end])!r}")
    if doc.title is None:
        doc.title = header.title
    if doc.published is None:
        doc.published = header.published
    if doc.published is None:
        doc.published = _page_date(text)
        if doc.published is not None:
            doc.warnings.append(f"published: no publication date; the page's date widget says {doc.published}")
    if doc.source is None:
        doc.source = header.source


def _page_date(text: str) -> str | None:
    """The date a portal prints on every page ("Сегодня 21 ноября 2024 года, четверг"), among
    the first lines: the day the article was scraped, close to the day it was published."""
    cues = _cues()
    for line in _lines(text[:HEADER_WINDOW_CHARS], limit=PAGE_DATE_LINES):
        if len(line.text) <= cues.max_cue_line_length:
            for pattern in cues.page_date:
                match = pattern.search(line.text)
                if match:
                    return parse_date(match.group("date"))
    return None


def _analyse(text: str) -> tuple[Header, list[tuple[int, int]], list[tuple[int, int]]]:
    """The article's header, the spans to mask (metadata lines and boilerplate, merged) and
    the boilerplate spans among them.

    When the first line is site furniture ("Weather in Almaty") or no title, the
    headline found by the boilerplate analysis is the title. The title is never masked.
    """
    header = find_header(text)
    layout = _layout(text)
    boilerplate = [(layout.paragraphs[i].start, layout.paragraphs[i].end) for i in layout.boilerplate]
    if header.title_span is None or _overlaps_any(header.title_span, boilerplate):
        headline = layout.paragraphs[layout.headline] if layout.headline is not None else None
        header.title = _collapse_spaces(text[headline.start:headline.end]) if headline else None
        header.title_span = (headline.start, headline.end) if headline else None
    title_span = header.title_span
    metadata = [span for span in header.masked if not (title_span and _overlaps_any(span, [title_span]))]
    boilerplate = [span for span in boilerplate if not (title_span and _overlaps_any(span, [title_span]))
                   and not any(start <= span[0] and span[1] <= end for start, end in metadata)]
    return header, _merge_spans(text, metadata + boilerplate), boilerplate


def _overlaps_any(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _merge_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, neighbours with only whitespace between them joined into one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1]:start].strip()):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _covers_all_text(text: str, spans: list[tuple[int, int]]) -> bool:
    position = 0
    for start, end in spans:
        if text[position:start].strip():
            return False
        position = max(position, end)
    return not text[position:].strip()
