"""year (ANNOTATION.md, Claims): 1. the time phrase of the figure's clause, resolved against
the publication date; 2. the time of its scope in the paragraph, else the lead's time;
3. no default — a figure with no time phrase has no year."""

from __future__ import annotations

import regex

from ..document import TimeSpan
from .context import Article, Figure
from .cues import Words, first_cue_at
from .structure import Bound

# A year, not a decade ("the 1960s", «1970-х»), a number or a part of a date.
YEAR = regex.compile(r"(?<![\d.,:/-])(20[1-3]\d|19[5-9]\d)(?![\d.,:/-]\d|s\b|-?х\b|-?е\b)")
_ACADEMIC_YEAR = regex.compile(r"(?<!\d)(20[1-3]\d)\s*[-–—/]\s*(20[1-3]\d)(?!\d)")
# Relative phrases: (cue list, shift from the publication year or the running academic year).
_ACADEMIC = (("new_academic_year", "published", 0), ("current_academic_year", "academic", 0),
             ("last_academic_year", "academic", -1))
_CALENDAR = (("this_year", 0), ("current", 0), ("last_year", -1), ("next_year", 1))
# Terms and ages, which take no time from the scope or the lead; nor do score thresholds.
_TERM_UNITS = frozenset({"hour", "day", "week", "month", "year"})
# How far before a year the words that make it another thing's year ("more than in 2024",
# "built in 1968") are looked for.
_OTHER_YEAR_WINDOW = 80


class TimeBinder:
    key = "time"

    def prepare(self, article: Article) -> None:
        """The lead's time: a lead sentence opening with a framing phrase ("As of the end of
        2023, …", «По итогам 2024 года …»), the time phrase before the first comma of the
        lead's first sentence ("This summer, …"), or the day of the event that the headline or
        first sentence reports ("the day before", «накануне», "on Independence Day": of the
        publication year). "Today"/"currently" in the lead frames nothing."""
        doc, structure = article.doc, article.structure
        body = [at for at in structure.lead if at != structure.headline]
        reporting = ([structure.headline] if structure.headline is not None else []) + body[:1]
        framing = article.cues["lead_time"].get(article.lang)
        event_day = article.cues["event_day"].get(article.lang)
        for at in structure.lead:
            sentence = doc.sentences[at]
            m = framing.match(doc.analysis_text, sentence.start, sentence.end) if framing else None
            opening = doc.analysis_text.find(",", sentence.start, sentence.end)
            span = m.span() if m else (sentence.start, opening) if at in body[:1] and opening > 0 else None
            if span is None and article.cue("results_summary", article.index.keys(at)) is not None:
                span = sentence.start, sentence.end  # "the results of the 2024 UNT were summed up"
            found = self.explicit(article, at, _tokens_in(article, at, *span), relative_present=False) \
                if span else None
            if found is None and at in reporting and event_day is not None and doc.published_year:
                m = event_day.search(doc.analysis_text, sentence.start, sentence.end)
                if m is not None:  # a day: of the publication year
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
        return self._sentence_time(article, figure)

    def _sentence_time(self, article: Article, figure: Figure) -> Bound | None:
        """A sentence without a time phrase: its scope's or the lead's time, unless the figure
        is a term, an age, a score threshold or a recurring amount ("for 5 years", "at least 50
        points", «ежемесячно 10 МРП»): a rule's figures hold at no one time."""
        at = figure.at
        if figure.quantity.unit in _TERM_UNITS or article.cue_in(article.cues["time"]["habitual"], figure.words):
            return None
        if figure.quantity.unit == "point" and (figure.quantity.qualifier in ("gte", "lte", "gt", "lt")
                                                 or article.cue("threshold", figure.words) is not None):
            return None  # "at least 50 points", "the maximum score is 140 points": a rule
        scoped = self._scope_time(article, at)
        if scoped is not None:
            return scoped
        if not article.structure.in_background(at):
            return article.structure.lead_time
        return None

    def _clause_time(self, article: Article, figure: Figure) -> Bound | None:
        """Time words of the figure's own clause ("last year 1,500 …, and this year 1,800"),
        else of its sentence: the one nearest the figure. By punctuation only: a relative
        clause compares ("406 thousand, which is 8 thousand more than last academic year")
        rather than dates the figure."""
        tokens = figure.clause_tokens or article.index.tokens[figure.at]
        found = self.explicit(article, figure.at, tokens, figure.offset)
        if found is None and len(tokens) < len(article.index.tokens[figure.at]):
            found = self.explicit(article, figure.at, article.index.tokens[figure.at], figure.offset)
        return Bound(found[0], "time phrase", found[1], found[2]) if found else None

    def _scope_time(self, article: Article, at: int) -> Bound | None:
        """The time a sentence earlier in the paragraph sets ("Regions reported on the
        2023-2024 academic year. 34 schools were commissioned …"): the nearest one, not from
        before a background marker. A headline's scope is the first paragraph's opening."""
        index, structure = article.index, article.structure
        if at == structure.headline:
            earlier = [k for k in structure.lead if k != at][:1]
        else:
            earlier = _earlier_in_paragraph(index, structure, at)
        for prior in earlier:  # "currently" holds for its own sentence only
            found = self.explicit(article, prior, index.tokens[prior], relative_present=False)
            if found is not None:
                return Bound(found[0], "scope", found[1], found[2])
        return None

    def explicit(self, article: Article, at: int, tokens: list, offset: int | None = None,
                 relative_present: bool = True) -> tuple[TimeSpan, int, int] | None:
        """The time phrase among `tokens` (of sentence `at`) nearest `offset` (else the first),
        with its span: an academic year, a year (not one compared with: "more than in 2024"),
        or a phrase relative to the publication date ("this year", «в новом учебном году»,
        "currently" unless `relative_present` is False)."""
        if not tokens:
            return None
        # The same sentence or clause is asked about for each of its figures and as the scope of
        # the next sentences: its time phrases are found once per article.
        key = ("time phrases", tokens[0].start, tokens[-1].end, relative_present)
        candidates = article.per_sentence.get(key)
        if candidates is None:
            candidates = article.per_sentence[key] = self._candidates(
                article, at, tokens[0].start, tokens[-1].end, tokens, relative_present)
        if not candidates:
            return None
        if offset is None:
            return min(candidates, key=lambda c: c[1])
        end = next((t.end for t in tokens if t.start <= offset < t.end), offset)
        # the gap between the phrase and the figure; on a tie the phrase after it ("from 412
        # in 2020 to 305 in 2023")
        return min(candidates, key=lambda c: (c[1] - end if c[1] >= end else offset - c[2], c[1] < offset))

    def _candidates(self, article: Article, at: int, start: int, end: int, tokens: list,
                    relative_present: bool) -> list:
        doc = article.doc
        text = doc.analysis_text
        found, taken = [], []
        for m in _ACADEMIC_YEAR.finditer(text, start, end):
            first, second = int(m.group(1)), int(m.group(2))
            if second == first + 1:
                found.append((TimeSpan(m.group(0), f"{first}-09-01", f"{second}-05-31"), m.start(), m.end()))
                taken.append(m.span())
        other = article.cues["other_year"].get(article.lang)
        for m in YEAR.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in taken):
                continue
            if other is not None and other.search(text, max(start, m.start() - _OTHER_YEAR_WINDOW), m.start()):
                continue
            y = int(m.group(1))
            found.append((TimeSpan(m.group(0), f"{y}-01-01", f"{y}-12-31"), m.start(), m.end()))
        published = doc.published_year
        if published is None:
            return found
        days = article.cues["event_day"].get(article.lang)
        for m in days.finditer(text, start, end) if days is not None else ():
            if not YEAR.match(text, m.end() + 1) and not any(c[1] <= m.start() < c[2] for c in found):
                found.append((TimeSpan(m.group(0), f"{published}-01-01", f"{published}-12-31"), m.start(), m.end()))
        # a whole sentence's words are indexed once per article
        sentence = article.index.tokens[at]
        words = article.index.keys(at) if len(tokens) == len(sentence) and tokens[0] is sentence[0] else \
            Words((article.index.word_key(t.text), t.text) for t in tokens)
        cues = article.cues["time"]
        running = _current_academic_year(doc.published)
        for name, base, shift in _ACADEMIC:
            span = _cue(words, tokens, cues.get(name, {}).get(article.lang))
            if span and not (other is not None and other.search(text, max(start, span[1] - _OTHER_YEAR_WINDOW), span[1])):
                first = (published if base == "published" else running) + shift
                found.append((TimeSpan(span[0], f"{first}-09-01", f"{first + 1}-05-31"), span[1], span[2]))
        for name, shift in _CALENDAR:
            span = _cue(words, tokens, cues.get(name, {}).get(article.lang))
            if span and (relative_present or name != "current") and not any(c[1] <= span[1] < c[2] for c in found) \
                    and not (other is not None and other.search(text, max(start, span[1] - _OTHER_YEAR_WINDOW), span[1])):
                y = published + shift
                found.append((TimeSpan(span[0], f"{y}-01-01", f"{y}-12-31"), span[1], span[2]))
        return found


def _cue(words: Words, tokens: list, cues) -> tuple[str, int, int] | None:
    found = first_cue_at(words, cues)
    return (found[0], tokens[found[1]].start, tokens[found[2] - 1].end) if found else None


def _tokens_in(article: Article, at: int, start: int, end: int) -> list:
    return [t for t in article.index.tokens[at] if start <= t.start and t.end <= end]


def _current_academic_year(published: str | None) -> int:
    """Start year of the academic year running at the publication date (Sep–Aug)."""
    year, month = int(published[:4]), int(published[5:7])
    return year if month >= 9 else year - 1


# How far back a scope is looked for: further than any real paragraph, and a bound that keeps
# a text whose line breaks were all lost (one "paragraph") linear in cost.
MAX_SCOPE_SENTENCES = 20


def _earlier_in_paragraph(index, structure, at: int):
    """The sentences before `at` in its paragraph, nearest first, none from before a
    background marker that `at` is not under."""
    prior = at - 1
    while prior >= max(0, at - MAX_SCOPE_SENTENCES) and index.same_paragraph(prior, prior + 1) \
            and structure.in_background(prior) >= structure.in_background(at):
        yield prior
        prior -= 1

