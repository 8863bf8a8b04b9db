"""Site furniture (widgets, menus, footers) in scraped plain text: jusText classifies the
lines, the article is the stretch around its long, stopword-rich paragraphs, and the lines
outside it (but the headline), or matching a boilerplate cue of ingest_cues.yaml, are
boilerplate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .article import LETTER, MAX_TITLE_LENGTH, WORD
from .classify import TextParagraph, classify, stoplist_for, text_paragraphs
from .cues import cues
from .header import metadata_line

_LIST_MARKER = re.compile(r"^[\s•·●▪◦*|>\-–—]+")
_BULLET = re.compile(r"^(?:[•·●▪◦*\-–—]|\d{1,2}[.)])\s+\S")


@dataclass
class Layout:
    paragraphs: list[TextParagraph]
    boilerplate: list[int]  # indices of paragraphs
    headline: int | None  # index of the article's headline paragraph


def find_boilerplate(text: str) -> list[tuple[int, int]]:
    """Character spans of site furniture (widgets, menus, footers) in scraped plain text.

    jusText classifies the lines; the article is the stretch around its long,
    stopword-rich paragraphs, extended over neighbouring sentences. Outside it
    everything but the headline is boilerplate; inside it only lines matching a cue of
    ingest_cues.yaml are. A clean article gives no spans over its body.
    """
    layout = page_layout(text)
    return [(layout.paragraphs[i].start, layout.paragraphs[i].end) for i in layout.boilerplate]


def page_layout(text: str) -> Layout:
    paragraphs = text_paragraphs(text)
    if not paragraphs:
        return Layout(paragraphs, [], None)
    classify(paragraphs, stoplist_for(text))
    _mark_cues(paragraphs)
    zone = _article_zone(paragraphs)
    if zone is None:
        boilerplate = [i for i, p in enumerate(paragraphs) if p.cue]
        return Layout(paragraphs, boilerplate, None)
    start, end = zone
    headline = _headline(paragraphs, start)
    if headline is not None:
        start = min(start, headline)  # subheadings, bylines, captions under it are the article's
    boilerplate = [i for i, p in enumerate(paragraphs) if p.cue or not start <= i <= end]
    return Layout(paragraphs, boilerplate, headline)


def _mark_cues(paragraphs: list[TextParagraph]) -> None:
    cue = cues()
    for paragraph in paragraphs:
        if not paragraph.judged or len(paragraph.text) > cue.max_cue_line_length:
            continue
        line = _LIST_MARKER.sub("", paragraph.text)  # "• Регистрация" is the menu item "Регистрация"
        if cue.footer.search(line):
            paragraph.cue = "footer"
        elif cue.lead_in.search(line):
            paragraph.cue = "lead-in"
        elif cue.boilerplate_line.search(line):
            paragraph.cue = "line"


def _article_zone(paragraphs: list[TextParagraph]) -> tuple[int, int] | None:
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


def _core(paragraphs: list[TextParagraph]) -> tuple[int, int] | None:
    for wanted in ("good", "neargood"):
        indices = [i for i, p in enumerate(paragraphs) if p.cf_class == wanted and not p.cue]
        if indices:
            return indices[0], indices[-1]
    return None


PROSE_MIN_WORDS = 15
# Lines between a headline and the article's body (subheading, byline, caption, date).
MAX_LEAD_IN_LINES = 6


def _reads_as_text(paragraph: TextParagraph) -> bool:
    if paragraph.cue:
        return False
    words = len(WORD.findall(paragraph.text))
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


def _cut_at_footer(paragraphs: list[TextParagraph], start: int, end: int) -> int:
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


def _headline(paragraphs: list[TextParagraph], start: int) -> int | None:
    """The article's headline: its first heading. News pages put subheadings, bylines,
    photo captions ("Name, student of a college:") and date lines between the headline and
    the body, so walk back from the body's first paragraph over such lines and take the
    earliest heading; stop at site furniture (a cue line, a line of one or two words). A few
    capitalised words ("Home News Regions", "By Aigerim Nurlanova") are passed over but are
    no headline."""
    headline = start if _is_heading(paragraphs[start]) and not paragraphs[start].ends_sentence else None
    for i in range(start - 1, max(start - MAX_LEAD_IN_LINES, 0) - 1, -1):
        paragraph = paragraphs[i]
        if paragraph.cue == "lead-in" or metadata_line(paragraph.text) is not None \
                or not LETTER.search(paragraph.text):
            continue
        if paragraph.cue or not (_is_heading(paragraph) or _reads_as_text(paragraph)):
            break
        if _is_heading(paragraph) and not _is_menu(paragraph.text):
            headline = i
    return headline


MENU_MAX_WORDS = 5


def _is_menu(text: str) -> bool:
    """"Home News Regions", «Главная Новости Регионы»: a few words, each capitalised."""
    words = WORD.findall(text)
    return len(words) <= MENU_MAX_WORDS and all(word[0].isupper() for word in words)


def _is_heading(paragraph: TextParagraph) -> bool:
    return len(paragraph.text) <= MAX_TITLE_LENGTH and len(WORD.findall(paragraph.text)) >= 3
