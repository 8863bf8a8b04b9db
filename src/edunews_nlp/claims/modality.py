"""modality (ANNOTATION.md, Claims): 1. target — a goal, a deadline; 2. plan — a future or
scheduled action; 3. fact — everything else, including a programme's terms written in the
future tense ("participants will receive 60 MCI") unless a change is to take effect."""

from __future__ import annotations

import regex

from ..knowledge import morph_parse
from .context import Article, Figure
from .cues import Cues, first_cue_at, word_form_for
from .structure import Bound
from .time import YEAR


# Units of the amounts and terms a rule sets ("60 MCI", "a loan for 15 years", "25%").
_TERM_UNITS = frozenset({"MCI", "KZT", "USD", "EUR", "RUB", "percent", "hour", "day", "week", "month", "year"})


class ModalityBinder:
    key = "modality"

    def prepare(self, article: Article) -> None:
        pass

    def __call__(self, article: Article, figure: Figure) -> Bound | None:
        """Once per sentence: all its figures share its modality."""
        if figure.at is None:
            return None
        key = ("modality", figure.at)
        if key not in article.per_sentence:
            article.per_sentence[key] = self._modality(article, figure.at)
        bound = article.per_sentence[key]
        if bound is not None and bound.rule == "rule terms":
            # "participants will receive 60 MCI" states a rule's amount or term: a fact; "schools
            # will receive 8 laboratory kits" is a delivery: a plan
            return None if figure.quantity.unit in _TERM_UNITS else Bound("plan", "plan", bound.start, bound.end)
        if bound is not None and bound.value == "plan" and (self._changed_from(article, figure)
                                                            or self._past(article, figure)):
            return None  # "will rise from 52,372 to …", "up from 64 last year": what is already so
        if bound is not None and self._own_present_clause(article, figure, bound):
            return None  # "58 inspectors work in the city; by 2024 their number is to rise": a fact
        return bound

    @staticmethod
    def _own_present_clause(article: Article, figure: Figure, bound: Bound) -> bool:
        """The plan or goal is another clause's: the figure's own clause has a predicate in
        the present or past ("…, which currently stands at 3,800", «где за три года число
        выросло на 40%», "58 inspectors work …; by 2024 …") and the cue stands outside it."""
        if figure.at is None:
            return False
        tokens = [t for t in article.index.tokens[figure.at] if t.start in figure.clause_starts]
        if not tokens or any(bound.start <= t.start < bound.end for t in tokens):
            return False
        speech = {cue[0] for cue in article.cues["speech"].get(article.lang) or () if len(cue) == 1}
        tokens = [t for t in tokens if article.index.word_key(t.text) not in speech and t.lemma not in speech]
        future = article.cues["future_grammemes"].get(article.lang) or ()
        if any(t.pos in ("VERB", "AUX") and any(g <= morph_parse(t.text)[0].tag.grammemes for g in future)
               for t in tokens):
            return False  # «…, а наполняемость снизится до 25»: its own future
        return any(_present_or_past(article, tokens, i) for i in range(len(tokens)))

    @staticmethod
    def _past(article: Article, figure: Figure) -> bool:
        """The figure's own time phrase is before the publication year: no plan."""
        time, published = figure.bound.get("time"), article.doc.published_year
        return time is not None and time.rule == "time phrase" and published is not None \
            and time.value.end is not None and int(time.value.end[:4]) < published

    @staticmethod
    def _changed_from(article: Article, figure: Figure) -> bool:
        pattern = article.cues["change_from"].get(article.lang)
        if pattern is None:
            return False
        text, q = article.doc.analysis_text, figure.quantity
        return pattern.search(text, max(figure.sentence.start, q.start - 12), q.start) is not None and \
            regex.match(r"\s*(?:\w+\s+){0,2}?(?:to|до)\s+\d", text[q.end:q.end + 40]) is not None

    def _modality(self, article: Article, at: int) -> Bound | None:
        doc, index, cues, lang = article.doc, article.index, article.cues, article.lang
        sentence = doc.sentences[at]
        text, words = doc.analysis_text[sentence.start:sentence.end], index.keys(at)
        target = self._target(article, at, text, words)
        if target is not None:
            return target
        plan = None
        patterns = cues["plan_patterns"] + cues["plan_patterns_by_lang"].get(lang, []) + \
            (cues["headline_plan_patterns"] if at == article.structure.headline else [])
        pattern = next((m for p in patterns for m in [p.search(text)] if m), None)
        if pattern is not None:
            plan = (sentence.start + pattern.start(), sentence.start + pattern.end())
        plan = plan or article.cue_span("plan", at) or self._future_verb(article, at)
        if plan is None:
            return None
        if article.cue("rule_terms", words) is not None and article.cue("rule_change", words) is None \
                and article.cue("scheduled", words) is None and not self._dated(article, text, words):
            return Bound("plan", "rule terms", *plan)  # a fact for amounts and terms (`__call__`)
        return Bound("plan", "plan", *plan)

    def _target(self, article: Article, at: int, text: str, words) -> Bound | None:
        sentence = article.doc.sentences[at]
        deadline = next((m for p in article.cues["target_patterns"] + article.cues["target_patterns_by_lang"].get(
            article.lang, []) for m in [p.search(text)] if m), None)
        span = (sentence.start + deadline.start(), sentence.start + deadline.end()) if deadline else None
        if span is None:
            target_cues = article.cues["target"].get(article.lang)
            purpose = article.cue("purpose_phrases", words)
            if purpose is not None and target_cues:
                # «на эти цели выделено …»: the purpose's words are no goal
                purpose_words = {article.index.word_key(w) for w in purpose[0].split()}
                target_cues = Cues(cue for cue in target_cues if not set(cue) <= purpose_words)
            found = first_cue_at(words, target_cues)
            span = article.index.word_span(at, found[1], found[2]) if found else None
        if span is None or self._deadline_met(article, text):
            return None
        return Bound("target", "target", *span)

    @staticmethod
    def _dated(article: Article, text: str, words) -> bool:
        """The sentence dates the action ("this year", "in 2025", "from May 20"): a plan."""
        days = article.cues["event_day"].get(article.lang)
        return bool(YEAR.search(text)) or (days is not None and days.search(text) is not None) or any(
            article.cue_in(cues, words) for cues in article.cues["time"].values())

    @staticmethod
    def _dated_ahead(article: Article, text: str, words) -> bool:
        """The sentence dates its action by a time that is neither the present ("currently",
        «бүгінде») nor a recurrence ("annually")."""
        times = article.cues["time"]
        if any(article.cue_in(times[name], words) for name in ("current", "habitual") if name in times):
            return False
        return ModalityBinder._dated(article, text, words)

    @staticmethod
    def _future_verb(article: Article, at: int) -> tuple[int, int] | None:
        """A verb in the future tense by its morphology («переведут», «откроется»): Russian
        perfective verbs form the future without «будет»."""
        grammeme_sets = article.cues["future_grammemes"].get(article.lang)
        if not grammeme_sets:
            return ModalityBinder._future_form(article, at)
        discourse = article.cues["future_discourse_verbs"].get(article.lang, set())
        for t in article.index.tokens[at]:
            if t.pos in ("VERB", "AUX") and t.lemma not in discourse and \
                    any(grammemes <= morph_parse(t.text)[0].tag.grammemes for grammemes in grammeme_sets):
                return t.start, t.end
        return None

    @staticmethod
    def _future_form(article: Article, at: int) -> tuple[int, int] | None:
        """A predicate in a future form by its ending (`future_forms`): a word that ends a
        clause (before punctuation, the sentence end or a quoting verb, «…артады», – деп)
        and whose form says future (Kazakh -ады/-еді/-йды: «салынады», «артады»)."""
        spec = article.cues["future_forms"].get(article.lang)
        if spec is None:
            return None
        forms, dated, excluded, before = spec
        form_of = word_form_for(article.lang)
        tokens = article.index.tokens[at]
        sentence = article.doc.sentences[at]
        timed = ModalityBinder._dated_ahead(article, article.doc.analysis_text[sentence.start:sentence.end],
                                            article.index.keys(at))
        for i, t in enumerate(tokens):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            final = nxt is None or nxt.pos == "PUNCT" or form_of(nxt.text) in before
            if not final or t.pos == "PUNCT":
                continue
            form = form_of(t.text)
            if (forms.fullmatch(form) or timed and dated.fullmatch(form)) and not excluded.fullmatch(form):
                return t.start, t.end
        return None

    @staticmethod
    def _deadline_met(article: Article, text: str) -> bool:
        """"Canteens have been modernised by the end of 2024" in a December 2024 article
        reports a result: a completed verb and no year after the publication year."""
        published = article.doc.published_year
        completed = article.cues["completed"].get(article.lang, [])
        if published is None or not any(p.search(text) for p in completed):
            return False
        return all(int(y) <= published for y in YEAR.findall(text))


def _present_or_past(article: Article, tokens: list, i: int) -> bool:
    """Token i is a finite verb in the present or past: by its morphology where the language
    has an analyser (`finite_grammemes`: Russian «составляет», «выросло»), else a verb that no
    future or infinitive marker (`future_markers`: will, to) governs ("work", "was", "costs";
    not a participle in -ing)."""
    t = tokens[i]
    if t.pos not in ("VERB", "AUX"):
        return False
    grammeme_sets = article.cues["finite_grammemes"].get(article.lang)
    if grammeme_sets:
        grammemes = morph_parse(t.text)[0].tag.grammemes
        return any(g <= grammemes for g in grammeme_sets)
    markers = article.cues["future_markers"].get(article.lang)
    if markers is None:
        return False
    if any(tok.text.lower() in markers for tok in tokens):
        return False
    before = {tok.text.lower() for tok in tokens[max(0, i - 3):i]}
    return not t.text.lower().endswith("ing") and not (before & markers) and not t.text.lower() in ("be", "been")


def modality_of(bound: Bound | None) -> str:
    return bound.value if bound is not None else "fact"
