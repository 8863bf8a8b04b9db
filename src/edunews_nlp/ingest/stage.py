"""The ingest stage, the first run on a `Document`: the article's header (`find_header`) and
the site furniture around it (`find_boilerplate`) are masked so that later stages extract
no numbers or names from them, and title/published/source are filled in (from the header,
else the headline and the page's date widget)."""

from __future__ import annotations

from ..document import Document
from .article import collapse_spaces, lines, shorten
from .boilerplate import page_layout
from .cues import cues
from .dates import parse_date
from .header import HEADER_WINDOW_CHARS, Header, find_header

# How many lines from the top a page's date widget may stand.
PAGE_DATE_LINES = 60

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
    header, spans, boilerplate = analyse(text)
    if spans and not _covers_all_text(text, spans):
        for start, end in spans:
            doc.mask(start, end)
            if _overlaps_any((start, end), boilerplate):
                # What jusText and the cues call site furniture may still be the article's:
                # say what was left out, so nothing is lost unseen.
                doc.warnings.append(f"ingest: masked as site boilerplate, characters {start}-{end}: "
                                    f"{shorten(text[start:end])!r}")
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
    cue = cues()
    for line in lines(text[:HEADER_WINDOW_CHARS], limit=PAGE_DATE_LINES):
        if len(line.text) <= cue.max_cue_line_length:
            for pattern in cue.page_date:
                match = pattern.search(line.text)
                if match:
                    return parse_date(match.group("date"))
    return None


def analyse(text: str) -> tuple[Header, list[tuple[int, int]], list[tuple[int, int]]]:
    """The article's header, the spans to mask (metadata lines and boilerplate, merged) and
    the boilerplate spans among them.

    When the first line is site furniture ("Weather in Almaty") or no title, the
    headline found by the boilerplate analysis is the title. The title is never masked.
    """
    header = find_header(text)
    layout = page_layout(text)
    boilerplate = [(layout.paragraphs[i].start, layout.paragraphs[i].end) for i in layout.boilerplate]
    if header.title_span is None or _overlaps_any(header.title_span, boilerplate):
        headline = layout.paragraphs[layout.headline] if layout.headline is not None else None
        header.title = collapse_spaces(text[headline.start:headline.end]) if headline else None
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
