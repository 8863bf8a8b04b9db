"""Article structure: headline, lead, paragraphs, quotations and the scopes the claim rules use.

Computed once per article and kept on the Document (`doc.structure`). The text layer
(headline, lead, paragraphs, quotations and their speakers, speaker scopes, background) is
built here; the key binders add their own article scopes (lead place, lead time, topic
programme, the country's mention) when they are prepared (ANNOTATION.md, Claims).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Document
from .cues import first_cue_at
from .index import SentenceIndex
from .quotes import Speakers, quotations, quote_speakers

# A lead sentence must hold this many words to be the first paragraph (not a date line).
MIN_LEAD_WORDS = 3
# A lead is a few sentences: where scraping lost every line break, the "first paragraph" is
# the whole text.
MAX_LEAD_SENTENCES = 3
# A quotation of fewer words is a name ("Comfortable School"), not a statement.
MIN_STATEMENT_WORDS = 4


@dataclass(frozen=True)
class Bound:
    """A claim key's value and why: the rule of ANNOTATION.md and the text span it came from."""

    value: Any
    rule: str
    start: int
    end: int

    def evidence(self) -> dict:
        return {"rule": self.rule, "start": self.start, "end": self.end}


@dataclass
class SpeakerScope:
    """Sentences [first, end) whose figures a named official states (speech report)."""

    official: str
    said_at: int | None  # the reporting sentence, when it is before the scope
    first: int
    end: int
    start_char: int  # the span that says so: the reporting sentence
    end_char: int


@dataclass
class ArticleStructure:
    headline: int | None = None
    lead: list[int] = field(default_factory=list)  # sentence numbers: headline + first paragraph
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # character spans
    quotes: list[tuple[int, int]] = field(default_factory=list)
    speakers: Speakers = field(default_factory=Speakers)  # attributed quotations
    speaker_scopes: list[SpeakerScope] = field(default_factory=list)
    background: set[int] = field(default_factory=set)  # sentences after «Напомним», "Recall that"
    # Filled by the binders: Bound values of the article's own scopes.
    lead_place: Bound | None = None
    lead_time: Bound | None = None
    topic_programme: Bound | None = None
    country: Bound | None = None

    def speech_report(self, at: int) -> SpeakerScope | None:
        return next((s for s in self.speaker_scopes if s.first <= at < s.end), None)

    def in_background(self, at: int) -> bool:
        return at in self.background


def build_structure(doc: Document, index: SentenceIndex, cues: dict, lang: str) -> ArticleStructure:
    structure = ArticleStructure()
    sentences = doc.sentences
    if index.has_headline():
        structure.headline = 0
    structure.lead = _lead(index, structure.headline)
    spans: dict[int, list[int]] = {}
    for at, number in enumerate(index.paragraph):
        spans.setdefault(number, []).append(at)
    structure.paragraphs = [(sentences[ats[0]].start, sentences[ats[-1]].end) for ats in spans.values()]
    structure.quotes = quotations(doc.analysis_text)
    anaphora = cues["anaphora"].get(lang)
    structure.speakers = Speakers(quote_speakers(
        doc, lambda start, end: first_cue_at(index.keys_between(start, end), anaphora) is not None))
    structure.background = _background(index, cues, lang)
    structure.speaker_scopes = _speaker_scopes(index, structure, cues, lang)
    return structure


def _lead(index: SentenceIndex, headline: int | None) -> list[int]:
    """The headline and the sentences of the first paragraph after it that has words."""
    first = 0 if headline is None else 1
    for at in range(first, len(index.doc.sentences)):
        if sum(t.text.isalpha() for t in index.tokens[at]) >= MIN_LEAD_WORDS:
            paragraph = [k for k in range(at, len(index.paragraph))
                         if index.paragraph[k] == index.paragraph[at]][:MAX_LEAD_SENTENCES]
            return ([headline] if headline is not None else []) + paragraph
    return [] if headline is None else [headline]


def _background(index: SentenceIndex, cues: dict, lang: str) -> set[int]:
    """Sentences that give background: from a background marker ("Recall that", «Напомним»,
    "earlier it was reported") to the end of its paragraph."""
    marked = cues["background"].get(lang)
    found: list[int] = []
    for at in range(len(index.doc.sentences)):
        if found and found[-1] == at - 1 and index.same_paragraph(at - 1, at):
            found.append(at)
            continue
        cue = first_cue_at(index.keys(at), marked)
        if cue is not None and cue[1] <= 1:  # the marker opens the sentence
            found.append(at)
    return set(found)


def _speaker_scopes(index: SentenceIndex, structure: ArticleStructure, cues: dict, lang: str) -> list[SpeakerScope]:
    """Speech reports (official rule 3): the lead, or the sentence right after it, says the
    article relays a named official's speech — every later figure is theirs until another
    speaker or a source is named or background starts. An attribution after the figures
    («Об этом сообщил X на брифинге») covers the figures of the body before it."""
    sentences = index.doc.sentences
    total = len(sentences)
    scopes: list[SpeakerScope] = []
    after_lead = (structure.lead[-1] + 1) if structure.lead else 0
    reporter = None
    # the lead's body before the headline: "X told at the briefing" says more than "X: …"
    candidates = [at for at in structure.lead if at != structure.headline] + \
        ([after_lead] if after_lead < total else []) + ([structure.headline] if structure.headline is not None else [])
    for at in candidates:
        official = _reporting_official(index, at, cues, lang, structure.speakers)
        if official is not None:
            reporter = (official, at)
            break
    if reporter is not None:  # the body is theirs, the lead's figures before the attribution too
        official, said_at = reporter
        first = 0 if structure.headline is None else structure.headline + 1
        end = _scope_end(index, structure, cues, lang, said_at + 1, official)
        scopes.append(SpeakerScope(official, said_at, first, end, sentences[said_at].start, sentences[said_at].end))
    closing = cues["attribution_after"].get(lang)
    body_start = after_lead
    for at in range(after_lead, total):
        if structure.in_background(at):
            body_start = at + 1
            continue
        if first_cue_at(index.keys(at), closing) is None:
            continue
        officials = index.of_type(at, "OFFICIAL")
        if officials and not any(s.first <= at < s.end for s in scopes):
            scopes.append(SpeakerScope(officials[0].id, None, body_start, at, sentences[at].start, sentences[at].end))
        body_start = at + 1
    return scopes


def _reporting_official(index: SentenceIndex, at: int, cues: dict, lang: str, speakers: Speakers) -> str | None:
    """The named official whose speech sentence `at` says the article relays: a speech verb
    and a speech event ("X reported at the Government meeting", «X рассказал на брифинге»),
    a headline "Minister X: …", or an attribution of what came before ("This was announced by
    X"). "According to X, …" alone is reported speech (rule 1)."""
    officials = index.of_type(at, "OFFICIAL")
    sentence = index.doc.sentences[at]
    text = index.doc.text
    if not officials or any(len(text[start:end].split()) >= MIN_STATEMENT_WORDS
                            for start, end, _ in speakers.ending_in(sentence.start - 1, sentence.end)):
        return None  # '…," said X': the attribution of a quotation, not of the article
    words = index.keys(at)
    if first_cue_at(words, cues["attribution_after"].get(lang)) is not None:
        return officials[0].id  # "This was announced by X", «Об этом сообщил X»
    if first_cue_at(words, cues["speech"].get(lang)) is not None \
            and first_cue_at(words, cues["speech_event"].get(lang)) is not None:
        return officials[0].id
    pattern = cues["headline_speaker"].get(lang)
    if pattern is not None and pattern.match(text, officials[0].end, sentence.end):
        return officials[0].id
    return None


def _scope_end(index: SentenceIndex, structure: ArticleStructure, cues: dict, lang: str, first: int,
               official: str) -> int:
    """The first sentence from `first` on that ends a speech report: background, another
    named speaker or a source (a press service, a statistics body)."""
    speech, sources = cues["speech"].get(lang), cues["source"].get(lang)
    for at in range(first, len(index.doc.sentences)):
        if structure.in_background(at):
            return at
        words = index.keys(at)
        if first_cue_at(words, sources) is not None:
            return at
        others = [e for e in index.entities[at] if e.type in ("OFFICIAL", "PERSON") and e.id != official]
        if others and first_cue_at(words, speech) is not None:
            return at  # another named speaker (an official, a rector, a teacher)
    return len(index.doc.sentences)
