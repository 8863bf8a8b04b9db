"""official (ANNOTATION.md, Claims): 1. quotation or reported speech of the sentence;
2. continuation of that statement; 3. speech report of the article; 4. the actor."""

from __future__ import annotations

from ..document import Entity
from .context import Article, Figure
from .quotes import quotation_of
from .structure import Bound


class OfficialBinder:
    key = "official"

    def prepare(self, article: Article) -> None:
        """Speaker scopes are part of the article structure (structure.py)."""

    def __call__(self, article: Article, figure: Figure) -> Bound | None:
        quote = quotation_of(article.structure.speakers, figure.offset)
        named = _nearest([e for e in figure.entities if e.type == "OFFICIAL" and e.id], figure.offset)
        if named is not None and (quote is None or quote[2] == named.id):
            rule = "reported speech" if self._speaks(article, figure, named) else "actor"
            return Bound(named.id, "quotation" if quote else rule, *(quote[:2] if quote else (named.start, named.end)))
        if quote is not None:
            return Bound(quote[2], "quotation", quote[0], quote[1])
        if figure.at is None or self._sourced(article, figure):
            return None
        continued = self._continuation(article, figure)
        if continued is not None:
            return continued
        report = article.structure.speech_report(figure.at)
        if report is not None:
            return Bound(report.official, "speech report", report.start_char, report.end_char)
        if article.cue("anaphora", figure.words) is not None:
            recent = article.index.recent_official(figure.at)
            if recent is not None:
                return Bound(recent.id, "continuation", recent.start, recent.end)
        return None

    @staticmethod
    def _sourced(article: Article, figure: Figure) -> bool:
        """A source in the figure's own sentence (a body's data, a press service): the figure is
        theirs, no earlier speaker's (rule 4: a figure stated by a body has no official)."""
        return article.lang in article.cues["source_in_sentence"] and article.cue("source", figure.words) is not None

    @staticmethod
    def _speaks(article: Article, figure: Figure, named: Entity) -> bool:
        """A speech verb in the sentence, or a speaker's colon ("Beisembayev: 200 schools …")."""
        colon = article.cues["headline_speaker"].get(article.lang)
        return article.cue("speech", figure.words) is not None or (
            colon is not None and colon.match(article.doc.text, named.end, figure.sentence.end) is not None)

    def _continuation(self, article: Article, figure: Figure) -> Bound | None:
        """The official who speaks earlier in the same paragraph ("X noted that … . The state
        also …"), unless a quotation of theirs closed before this sentence (what follows
        '…," said X.' is the narrator's) or a new source speaks. A speech verb with a reference
        back ("He instructed", «Глава ведомства указал») speaks for the official named last
        before it, however far back."""
        index, at = article.index, figure.at
        prior = at - 1
        while prior >= 0 and index.same_paragraph(prior, prior + 1):
            words = index.keys(prior)
            speaks = article.cue("speech", words) is not None
            officials = index.of_type(prior, "OFFICIAL")
            if officials:
                official = officials[-1]
                if not speaks or self._quote_closed(article, official.id, prior, at):
                    return None
                return Bound(official.id, "continuation", official.start, official.end)
            if speaks and article.cue("source", words) is not None:
                return None
            if speaks and article.cue("anaphora", words) is not None:
                official = index.recent_official(prior, lookback=None)
                if official is None or self._quote_closed(article, official.id, prior, at):
                    return None
                sentence = article.doc.sentences[prior]
                return Bound(official.id, "continuation", sentence.start, sentence.end)
            prior -= 1
        return None

    @staticmethod
    def _quote_closed(article: Article, official: str, prior: int, at: int) -> bool:
        since, until = article.doc.sentences[prior].start, article.doc.sentences[at].start
        return any(speaker == official for *_, speaker in article.structure.speakers.ending_in(since, until))


def _nearest(entities: list[Entity], offset: int) -> Entity | None:
    return min(entities, key=lambda e: abs(e.start - offset)) if entities else None
