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

Modules, each importing only those above it:

- article.py      `Article`, `IngestError`; the line and space helpers every pass shares
- cues.py         data/ingest_cues.yaml, read once and compiled
- dates.py        `parse_date`; the date-line patterns of headers and dumps
- decode.py       file bytes to text (BOM, UTF-8, charset guess); binary files refused
- html_reader.py  an .html file as one article (trafilatura, selectolax)
- json_reader.py  .json / .jsonl records as articles
- dumps.py        `split_articles`: a .txt of several "Source: URL"-marked articles
- header.py       `find_header`: title line and metadata lines of one article
- classify.py     a text's paragraphs and jusText's classes for them
- boilerplate.py  `find_boilerplate`: the article zone, its headline, the site furniture
- stage.py        `prepare_document`, the pipeline stage: masks header and boilerplate
- files.py        `iter_input_files`, `files_under`, `read_articles` (reader per suffix)
"""

from __future__ import annotations

from .article import MAX_TITLE_LENGTH, Article, IngestError
from .boilerplate import MAX_LEAD_IN_LINES, MENU_MAX_WORDS, PROSE_MIN_WORDS, find_boilerplate
from .classify import CLASSIFY_SAMPLE_CHARS, EDGE_LINES, LANGUAGE_SAMPLE_CHARS
from .dates import parse_date
from .decode import MAX_NON_TEXT_SHARE, decode_bytes
from .dumps import split_articles
from .files import SUPPORTED_SUFFIXES, files_under, iter_input_files, read_articles
from .header import HEADER_WINDOW_CHARS, MAX_HEADER_LINES, Header, find_header
from .stage import PAGE_DATE_LINES, prepare_document

__all__ = [
    "Article", "IngestError", "Header",
    "iter_input_files", "files_under", "read_articles", "decode_bytes", "split_articles",
    "parse_date", "find_header", "find_boilerplate", "prepare_document",
    "SUPPORTED_SUFFIXES", "MAX_TITLE_LENGTH", "MAX_HEADER_LINES", "MAX_NON_TEXT_SHARE",
    "CLASSIFY_SAMPLE_CHARS", "HEADER_WINDOW_CHARS", "PAGE_DATE_LINES", "EDGE_LINES",
    "LANGUAGE_SAMPLE_CHARS", "PROSE_MIN_WORDS", "MAX_LEAD_IN_LINES", "MENU_MAX_WORDS",
]
