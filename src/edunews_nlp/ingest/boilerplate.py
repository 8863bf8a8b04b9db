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
    while start > 0:
        if _reads_as_text(paragraphs[start - 1]):
            start -= 1
            continue
        bridged = _bridge(paragraphs, range(start - 1, max(start - 1 - MAX_BRIDGE, -1), -1), _reads_as_text,
                          over_cue_lines=True)
        if bridged is None:
            break
        start = bridged
    while end + 1 < len(paragraphs):
        if _continues(paragraphs[end + 1]):
            end += 1
            continue
        bridged = _bridge(paragraphs, range(end + 1, min(end + 1 + MAX_BRIDGE, len(paragraphs))), _continues)
        if bridged is None:
            break
        end = bridged
    return start, _cut_at_footer(paragraphs, start, end)


# Between two stretches of an article's text stand section titles («Комментарии»,
# "Participants") and paragraphs jusText finds stopword-poor (a results table flattened into
# one line): at most this many in a row, each a subheading or a long line, are the article's.
# Towards the headline a boilerplate line may be one of them («Комментарии» as a section
# title): it stays masked, the text before it does not. Not after the article, where such a
# line opens the readers' comments.
MAX_BRIDGE = 2


def _bridge(paragraphs: list[TextParagraph], steps: range, is_text, over_cue_lines: bool = False) -> int | None:
    """Walking `steps` away from the article, the index of the text paragraph reached over at
    most MAX_BRIDGE subheadings or long lines, or None."""
    for i in steps:
        paragraph = paragraphs[i]
        cue_line = over_cue_lines and paragraph.cue == "line" and _is_section_title(paragraph.text)
        if not (cue_line or _is_subheading(paragraph) or _is_long_line(paragraph)
                or metadata_line(paragraph.text) is not None):  # a date line under the headline
            return None
        following = i + (steps.step or 1)
        if 0 <= following < len(paragraphs) and is_text(paragraphs[following]):
            return following
    return None


SECTION_TITLE_MAX_WORDS = 3


def _is_section_title(text: str) -> bool:
    """«Комментарии», "Background": a few words, no figure, no date."""
    return len(WORD.findall(text)) <= SECTION_TITLE_MAX_WORDS and not any(char.isdigit() for char in text)


def _is_long_line(paragraph: TextParagraph) -> bool:
    return not paragraph.cue and len(WORD.findall(paragraph.text)) >= PROSE_MIN_WORDS


def _continues(paragraph: TextParagraph) -> bool:
    """Text that goes on after the article's core: what jusText keeps, or what reads as text."""
    return (paragraph.final_class == "good" or _reads_as_text(paragraph)) and not paragraph.cue


SUBHEADING_MAX_WORDS = 8


def _is_subheading(paragraph: TextParagraph) -> bool:
    """A section title inside an article: a short line, no sentence, no boilerplate cue. Only
    taken between two stretches of text: menus and widgets do not stand there."""
    words = len(WORD.findall(paragraph.text))
    return not paragraph.cue and not paragraph.ends_sentence and 1 <= words <= SUBHEADING_MAX_WORDS \
        and metadata_line(paragraph.text) is None


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
    headline = start if _is_heading(paragraphs[start], start == 0) and not paragraphs[start].ends_sentence else None
    for i in range(start - 1, max(start - MAX_LEAD_IN_LINES, 0) - 1, -1):
        paragraph = paragraphs[i]
        if paragraph.cue == "lead-in" or metadata_line(paragraph.text) is not None \
                or not LETTER.search(paragraph.text):
            continue
        if paragraph.cue or not (_is_heading(paragraph, i == 0) or _reads_as_text(paragraph)):
            break
        if _is_heading(paragraph, i == 0) and not _is_menu(paragraph.text):
            headline = i
    return headline


MENU_MAX_WORDS = 5


def _is_menu(text: str) -> bool:
    """"Home News Regions", «Главная Новости Регионы»: a few words, each capitalised."""
    words = WORD.findall(text)
    return len(words) <= MENU_MAX_WORDS and all(word[0].isupper() for word in words)


HEADING_MIN_WORDS = 3
# "Economist продан", «Лёд тронулся»: two words make a headline only on the text's first
# line; further down they are as likely a rubric ("Almaty news") as a title.
FIRST_LINE_HEADING_MIN_WORDS = 2


def _is_heading(paragraph: TextParagraph, first_line: bool = False) -> bool:
    least = FIRST_LINE_HEADING_MIN_WORDS if first_line else HEADING_MIN_WORDS
    return len(paragraph.text) <= MAX_TITLE_LENGTH and len(WORD.findall(paragraph.text)) >= least
