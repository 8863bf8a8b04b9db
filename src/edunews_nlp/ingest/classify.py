"""A text's paragraphs (its lines, a hard-wrapped sentence joined; the middle of a very long
text one unjudged paragraph) and jusText's classes for them, with the stoplist of the
text's language (jusText's or our own, of those in ingest_cues.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from justext.core import PathInfo, classify_paragraphs, revise_paragraph_classification
from justext.paragraph import Paragraph
from justext.utils import get_stoplist

from .article import WORD, Line, collapse_spaces, lines
from .cues import cues

# jusText sees at most this much of each paragraph: enough for its length and
# stopword-density tests, and it keeps a 3 MB input fast.
CLASSIFY_SAMPLE_CHARS = 2000
# On a text of more lines than twice this, boilerplate is looked for only in this
# many lines at either end (where site furniture sits); the middle is content.
EDGE_LINES = 1000
# Stoplist choice looks at the start of the text only.
LANGUAGE_SAMPLE_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?…][\"'»”)\]]*$")


@dataclass
class TextParagraph:
    start: int
    end: int
    text: str  # whitespace-normalised
    cf_class: str = "bad"  # jusText's context-free class: good | neargood | short | bad
    final_class: str = "bad"  # jusText's class after looking at the neighbours
    cue: str | None = None  # "line" | "footer" when a boilerplate cue matched
    ends_sentence: bool = False
    judged: bool = True  # False for the middle of a very long text, taken as content


def text_paragraphs(text: str) -> list[TextParagraph]:
    """The text's paragraphs, in order. On a very long text only the first and last
    EDGE_LINES lines are split up (site furniture sits at the edges of a page); the
    middle is one paragraph taken as article text, so the cost stays linear and small."""
    head_end = _offset_after_lines(text, EDGE_LINES)
    tail_start = _offset_before_lines(text, EDGE_LINES)
    if head_end >= tail_start:
        return _paragraphs_between(text, 0, len(text))
    middle = TextParagraph(head_end, tail_start, "", cf_class="good", final_class="good", judged=False)
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


def _paragraphs_between(text: str, start: int, end: int) -> list[TextParagraph]:
    """Lines as paragraphs; a line that stops mid-sentence is joined by the next one when
    that goes on in lower case, so a hard-wrapped sentence is judged whole."""
    paragraphs: list[TextParagraph] = []
    for line in lines(text[start:end], offset=start):
        sample = collapse_spaces(line.text[:CLASSIFY_SAMPLE_CHARS])
        previous = paragraphs[-1] if paragraphs else None
        if previous and not previous.ends_sentence and sample[:1].islower() and _same_block(text, previous, line):
            previous.end = line.end
            if len(previous.text) < CLASSIFY_SAMPLE_CHARS:
                previous.text = f"{previous.text} {sample}"
        else:
            previous = TextParagraph(line.start, line.end, sample)
            paragraphs.append(previous)
        previous.ends_sentence = bool(_SENTENCE_END.search(line.text[-20:]))
    return paragraphs


def _same_block(text: str, paragraph: TextParagraph, line: Line) -> bool:
    return text.count("\n", paragraph.end, line.start) < 2


def stoplist_for(text: str) -> frozenset[str]:
    """The stoplist (jusText's or our own, of those in ingest_cues.yaml) with the most hits in `text`."""
    words = [w.lower() for w in WORD.findall(text[:LANGUAGE_SAMPLE_CHARS])]
    stoplists = [_stoplist(name) for name in cues().stoplists]
    return max(stoplists, key=lambda stoplist: sum(word in stoplist for word in words))


@lru_cache(maxsize=None)
def _stoplist(name: str) -> frozenset[str]:
    own = cues().own_stoplists.get(name)
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


def classify(paragraphs: list[TextParagraph], stoplist: frozenset[str]) -> None:
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


def _judged_runs(paragraphs: list[TextParagraph]) -> Iterator[list[TextParagraph]]:
    run: list[TextParagraph] = []
    for paragraph in paragraphs:
        if paragraph.judged:
            run.append(paragraph)
        elif run:
            yield run
            run = []
    if run:
        yield run

