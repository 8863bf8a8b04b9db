"""year (ANNOTATION.md, Claims): 1. the time phrase of the figure's clause, resolved against
the publication date; 2. the time of its scope in the paragraph, else the lead's framing
time; 3. no default — a figure with no time phrase has no year."""

from __future__ import annotations

import regex

from ..document import TimeSpan
from .context import Article, Figure
from .cues import Words, first_cue
from .structure import Bound

_YEAR = regex.compile(r"(?<![\d.,:/-])(20[1-3]\d|19[5-9]\d)(?![\d.,:/-]\d)")
_ACADEMIC_YEAR = regex.compile(r"(?<!\d)(20[1-3]\d)\s*[-–—/]\s*(20[1-3]\d)(?!\d)")
# Relative phrases: (cue list, shift from the publication year or the running academic year).
_ACADEMIC = (("new_academic_year", "published", 0), ("current_academic_year", "academic", 0),
             ("last_academic_year", "academic", -1))
_CALENDAR = (("this_year", 0), ("current", 0), ("last_year", -1), ("next_year", 1))


class TimeBinder:
    key = "time"

    def prepare(self, article: Article) -> None:
        """The lead's time: a lead sentence opening with a framing phrase ("As of the end of
        2023, …", «По итогам 2024 года …»), or the day of the event the headline or the first
        sentence reports ("the day before", «накануне», "on Independence Day")."""
        doc, structure = article.doc, article.structure
        framing = article.cues["lead_time"].get(article.lang)
        event_day = article.cues["event_day"].get(article.lang)
        body = [at for at in structure.lead if at != structure.headline]
        reporting = ([structure.headline] if structure.headline is not None else []) + body[:1]
        for at in structure.lead:
            sentence = doc.sentences[at]
            m = framing.match(doc.analysis_text, sentence.start, sentence.end) if framing else None
            if m is None and at in reporting and event_day is not None:
                m = event_day.search(doc.analysis_text, sentence.start, sentence.end)
            if m is None:
                continue
            found = self.explicit(article, m.start(), m.end(), article.index.keys_between(m.start(), m.end()))
            if found is None and doc.published_year is not None:  # a day: the publication's
                y = doc.published_year
                found = TimeSpan(m.group(0), f"{y}-01-01", f"{y}-12-31"), m.start(), m.end()
            if found is not None:
                structure.lead_time = Bound(found[0], "lead", found[1], found[2])
                return

    def __call__(self, article: Article, figure: Figure) -> Bound | None:
        if figure.at is None:
            return None
        clause = self._clause_time(article, figure)
        if clause is not None:
            return clause
        key = ("time", figure.at)
        if key not in article.per_sentence:
            article.per_sentence[key] = self._sentence_time(article, figure.at)
        return article.per_sentence[key]

    def _sentence_time(self, article: Article, at: int) -> Bound | None:
        sentence = article.doc.sentences[at]
        own = self.explicit(article, sentence.start, sentence.end, article.index.keys(at))
        if own is not None:
            return Bound(own[0], "time phrase", own[1], own[2])
        scoped = self._scope_time(article, at)
        if scoped is not None:
            return scoped
        if not article.structure.in_background(at):
            return article.structure.lead_time
        return None

    def _clause_time(self, article: Article, figure: Figure) -> Bound | None:
        """Time words of the figure's own clause ("last year 1,500 …, and this year 1,800").
        By punctuation only: a relative clause compares ("406 thousand, which is 8 thousand
        more than last academic year") rather than dates the figure."""
        tokens, index = figure.clause_tokens, article.index
        if not tokens or len(tokens) == len(index.tokens[figure.at]):
            return None
        keys = dict(zip((t.start for t in index.tokens[figure.at]), index.keys(figure.at)))
        found = self.explicit(article, tokens[0].start, tokens[-1].end, Words(keys[t.start] for t in tokens))
        return Bound(found[0], "time phrase", found[1], found[2]) if found else None

    def _scope_time(self, article: Article, at: int) -> Bound | None:
        """The time a sentence earlier in the paragraph sets ("Regions reported on the
        2023-2024 academic year. 34 schools were commissioned …"): the nearest one, not from
        before a background marker. A headline's scope is the first paragraph's opening."""
        index, structure = article.index, article.structure
        if at == structure.headline:
            body = [k for k in structure.lead if k != at]
            earlier = body[:1]
        else:
            earlier = []
            prior = at - 1
            while prior >= 0 and index.same_paragraph(prior, prior + 1) \
                    and structure.in_background(prior) >= structure.in_background(at):
                earlier.append(prior)
                prior -= 1
        for prior in earlier:
            sentence = article.doc.sentences[prior]
            found = self.explicit(article, sentence.start, sentence.end, index.keys(prior))
            if found is not None:
                return Bound(found[0], "scope", found[1], found[2])
        return None

    def explicit(self, article: Article, start: int, end: int, words) -> tuple[TimeSpan, int, int] | None:
        """The time the words of [start, end) name, with its span: an academic year, a year, or
        a phrase relative to the publication date ("this year", «в новом учебном году»,
        "currently")."""
        doc = article.doc
        text = doc.analysis_text[start:end]
        academic = _ACADEMIC_YEAR.search(text)
        if academic:
            first, second = int(academic.group(1)), int(academic.group(2))
            if second == first + 1:
                return (TimeSpan(academic.group(0), f"{first}-09-01", f"{second}-05-31"),
                        start + academic.start(), start + academic.end())
        year = _YEAR.search(text)
        if year:
            y = int(year.group(1))
            return TimeSpan(year.group(0), f"{y}-01-01", f"{y}-12-31"), start + year.start(), start + year.end()
        published = doc.published_year
        if published is None:
            return None
        cues = article.cues["time"]
        running = _current_academic_year(doc.published)
        for name, base, shift in _ACADEMIC:
            found = _cue_span(article, words, cues.get(name, {}).get(article.lang), start)
            if found:
                first = (published if base == "published" else running) + shift
                return TimeSpan(found[0], f"{first}-09-01", f"{first + 1}-05-31"), found[1], found[2]
        for name, shift in _CALENDAR:
            found = _cue_span(article, words, cues.get(name, {}).get(article.lang), start)
            if found:
                y = published + shift
                return TimeSpan(found[0], f"{y}-01-01", f"{y}-12-31"), found[1], found[2]
        return None


def _cue_span(article: Article, words, cues, fallback: int) -> tuple[str, int, int] | None:
    """A time cue's surface and its character span, found by the surface in the text."""
    surface = first_cue(words, cues)
    if surface is None:
        return None
    first_word = surface.split()[0]
    at = article.doc.analysis_text.find(first_word, fallback)
    at = fallback if at < 0 else at
    return surface, at, at + len(surface)


def _current_academic_year(published: str | None) -> int:
    """Start year of the academic year running at the publication date (Sep–Aug)."""
    year, month = int(published[:4]), int(published[5:7])
    return year if month >= 9 else year - 1
