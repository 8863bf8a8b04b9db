"""Subjects: the noun a quantity counts or measures, as a lemma ("students" -> "student",
«модификационных кабинетов» -> "модификационный кабинет"): after the number, before it
("<noun> of|is|составляет N"), an age, the purpose of money, the subject of the figure
before it. The language's reader (see `registry`) reads the noun phrases."""

from __future__ import annotations

import regex

from .candidates import Candidate
from .context import Context
from .phrases import following_words, noun_phrase
from .ranges import carried_unit, score_before
from .rules import rules_data

_CLAUSE_BREAK = regex.compile(r"[,;:()«»\"“”\n]|\s[-–—]\s")
_NUMBER_WITH_UNIT = regex.compile(r"[0-9][0-9 \u00a0.,]*(?:[-–—][0-9]+)?(?:\s*(?:%|\p{L}+\.?))?")
_WORD = regex.compile(r"[\p{L}][\p{L}-]*")


def _subject_after(ctx: Context, cand: Candidate) -> str | None:
    if cand.unit in ctx.units.money:
        return ctx.reader.money_subject(ctx, cand)
    if cand.unit is not None:
        # "40 years of experience" -> experience; "92.5% of the children" -> child
        of = ctx.rules.of_after_unit.match(ctx.text[cand.end : cand.end + 30])
        if not of:
            # «в 72,4% школ», «45% учителей»: a noun in the genitive right after a share
            return ctx.reader.share_subject(ctx, cand) if cand.unit in ctx.rules.genitive_after_units else None
        return noun_phrase(ctx, cand.end + of.end())
    phrase = _subject_after_number(ctx, cand)
    if phrase is None and cand.low is None:
        # "the number of teachers has reached 406 thousand"
        sent_start, _ = ctx.sentence_bounds(cand.start)
        last = None
        for last in ctx.rules.count_of_before.finditer(ctx.text, max(sent_start, cand.start - 120), cand.start):
            pass
        if last is not None:
            phrase = noun_phrase(ctx, last.end())
    return phrase


def _subject_after_number(ctx: Context, cand: Candidate) -> str | None:
    start = cand.end
    of = ctx.rules.of_after_count.match(ctx.text[start : start + 30])
    if of:
        start += of.end()  # "two of our teachers"
        if ctx.doc_tokens and of.group().rstrip().lower().endswith("them"):
            import bisect
            k = bisect.bisect_left(ctx.doc_token_starts, start)
            if k < len(ctx.doc_tokens) and ctx.doc_tokens[k].pos in ("VERB", "AUX"):
                return None  # "20 of them covered chess": a verb, no noun after the partitive
    return noun_phrase(ctx, start)


def _subject_before(ctx: Context, cand: Candidate) -> str | None:
    """The noun the clause before the number says it measures: "<noun> of|is|составляет N"."""
    rules = ctx.rules
    sent_start, _ = ctx.sentence_bounds(cand.start)
    start = max(sent_start, cand.start - 120)
    before = ctx.text[start : cand.start]
    qualifier = rules.qualifier_before.search(before)
    if qualifier:
        before = before[: qualifier.start()]
    link = rules.subject_link.search(before)
    if not link:
        return None
    pieces = _CLAUSE_BREAK.split(before[: link.start()])
    clause = pieces[-1]
    first = _WORD.findall(clause)[:1]
    if first and first[0].lower() in rules.relative_pronouns and len(pieces) > 1:
        clause = pieces[-2]  # «дефицит мест, который составляет N»: the noun the clause is about
    # other numbers and their units inside the clause ("охват детей от 3 до 6 лет составил")
    clause = _NUMBER_WITH_UNIT.sub(" ", clause)
    words = _WORD.findall(clause)[-10:]
    if not words:
        return None
    opens_sentence = before[: link.start()].strip() == clause.strip() and start == sent_start
    return ctx.reader.subject_before(ctx, words, link, opens_sentence)


def _people_before(ctx: Context, cand: Candidate) -> str | None:
    """Whom a generic "people" count counts: the language's reader reads the sentence's last
    clause before the number (default: the noun before a link)."""
    reader = getattr(ctx.reader, "people_before", None)
    if reader is None:
        return _subject_before(ctx, cand)
    sent_start, _ = ctx.sentence_bounds(cand.start)
    pieces = [p for p in _CLAUSE_BREAK.split(ctx.text[sent_start : cand.start]) if _WORD.search(p)]
    return reader(ctx, _WORD.findall(_NUMBER_WITH_UNIT.sub(" ", pieces[-1]))[-12:]) if pieces else None


def _generic_counted(ctx: Context) -> frozenset[str]:
    """Counted nouns that say only "people" ("person", «человек»; data: generic_counted)."""
    lang = getattr(ctx.rules, "lang", None)
    found = _GENERIC_COUNTED.get(lang)
    if found is None:
        found = _GENERIC_COUNTED[lang] = frozenset(rules_data().get(lang, {}).get("generic_counted") or [])
    return found


_GENERIC_COUNTED: dict = {}

MAX_AGE_YEARS = 25


def _age(ctx: Context, cand: Candidate) -> str | None:
    """A number of years that is someone's age: "children from 2 to 6 years", «детей от 3 до
    6 лет», "2 to 6 years old" -> the age subject."""
    if cand.unit != "year" or not ctx.rules.age_subject:
        return None
    if max(v for v in (cand.value, cand.low, cand.high) if v is not None) > MAX_AGE_YEARS:
        return None
    if ctx.rules.age_before_number.search(ctx.window_before(cand.start, 40)) or \
            ctx.rules.age_after_number.match(ctx.text, cand.end) or \
            ctx.rules.age_unit_words.search(ctx.text, cand.number_end, cand.end):
        return ctx.rules.age_subject
    return None


def _clause_around(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """The stretch of the sentence around [start, end) between clause punctuation."""
    sent_start, sent_end = ctx.sentence_bounds(start)
    left = sent_start
    for left_break in _CLAUSE_BREAK.finditer(ctx.text, sent_start, start):
        left = left_break.end()
    right_break = _CLAUSE_BREAK.search(ctx.text, end, sent_end)
    return left, right_break.start() if right_break else sent_end


def _whole_of_partitive(ctx: Context, counted: list) -> "Candidate | None":
    """The count a partitive ("two of them") takes a part of: the last count with a subject
    that is not a capacity of another ("11 schools for 27,600 places": the schools)."""
    for cand in reversed(counted):
        if cand.unit is None and cand.subject and not ctx.rules.capacity_before.search(ctx.window_before(cand.start, 12)):
            return cand
    return None


def _same_measure(ctx: Context, first: str | None, second: str | None) -> bool:
    """Two units that measure the same kind of thing: equal, or both money (MCI and tenge)."""
    return first == second or (first in ctx.units.money and second in ctx.units.money)


def _money_purpose(ctx: Context, cand: Candidate) -> str | None:
    """What spent or allocated money is for, named after a preposition in the amount's
    clause: "for the construction of schools" / «на оснащение кабинетов» -> the purpose's
    noun; "for these purposes" / «на эти цели» -> the generic subject (funds)."""
    rules = ctx.rules
    start, end = _clause_around(ctx, cand.start, cand.end)
    if not rules.purpose_verb.search(ctx.text, start, end):
        return None
    for opener in rules.purpose_preposition.finditer(ctx.text, start, end):
        if cand.start <= opener.start() < cand.end:
            continue
        words = following_words(ctx, opener.end(), end, 6)
        if not words or not words[0].text[:1].isalpha() or words[0].text[:1].isupper():
            continue
        if words[0].norm in rules.purpose_anaphora:
            return rules.purpose_generic
        phrase = ctx.reader.purpose(ctx, words)
        if phrase:
            return phrase
    return rules.purpose_generic if rules.purpose_by_default else None


def find_subject(ctx: Context, cand: Candidate, previous: Candidate | None, counted: list[Candidate],
                 original: str) -> str | None:
    """The subject of a quantity, trying the readings from the surest on; may set the
    candidate's unit on the way (a unit carried from the figure before, a score)."""
    subject = _age(ctx, cand) or _subject_after(ctx, cand)
    if cand.unit is None and subject is not None and subject in _generic_counted(ctx):
        # "the shortage of teachers is 480 people", «молодых учителей … – 46 человек»: a
        # generic word for people counts what the clause before names, when it names one
        subject = _people_before(ctx, cand) or subject
    if cand.unit is None and subject is None:
        apposition = getattr(ctx.reader, "apposition_subject", None)
        subject = apposition(ctx, cand) if apposition else None  # «из них 187 – педагоги»
    if cand.unit is None and subject is None:
        carried = carried_unit(ctx, cand, previous)
        if carried is not None:
            cand.unit = carried  # "8,7 млрд тенге, из них 5,9 млрд"; "50% вместо 25"
        elif score_before(ctx, cand):
            cand.unit = "point"  # "the average score ... was 115"
    if subject is None:
        # "state awards of 3.6 million tenge", "Стоимость обеда составляет 1 050 тенге"
        subject = _subject_before(ctx, cand)
    if subject is None and cand.unit in ctx.units.money:
        subject = _money_purpose(ctx, cand)  # «на оснащение кабинетов выделено 4,2 млрд тенге»
    if subject is None:
        subject = _subject_from_neighbours(ctx, cand, previous, counted)
    if subject is None and ctx.rules.compound_noun_after and original[cand.end - 1 : cand.end].isalpha() \
            and "-" in original[cand.start : cand.end]:
        subject = ctx.reader.compound_subject(ctx, cand)  # "36-hour training", "a three-day olympiad"
    if subject is None and cand.unit in ctx.rules.unit_subjects:
        # "75 points" -> score; a bare term -> «срок», «за пять лет» -> «период»
        over = ctx.rules.period_subject and ctx.rules.period_before.search(ctx.window_before(cand.start, 30))
        subject = ctx.rules.period_subject if over and cand.unit != "point" else ctx.rules.unit_subjects[cand.unit]
    return subject


def _subject_from_neighbours(ctx: Context, cand: Candidate, previous: Candidate | None,
                             counted: list[Candidate]) -> str | None:
    """The subject of another figure: the first of a change, the whole of a partitive, the
    figure before in the sentence for an elliptical one."""
    subject = None
    if cand.linked and previous is not None and previous.linked and previous.end <= cand.start:
        subject = previous.subject  # the second of a change: "increased from N to M"
    if subject is None and cand.unit in (None, "percent") and (
            ctx.rules.partitive_after.match(ctx.text, cand.end)
            or ctx.rules.partitive_before.search(ctx.window_before(cand.start, 20))):
        whole = _whole_of_partitive(ctx, counted)
        subject = whole.subject if whole is not None else None  # «Семь из них …», "Two of them …"
    if subject is None and cand.low is None and previous is not None and previous.subject \
            and _same_measure(ctx, previous.unit, cand.unit) \
            and ctx.sentence_bounds(previous.start) == ctx.sentence_bounds(cand.start):
        # An elliptical figure measures what the previous one of its sentence measured:
        # "99,264 students took part, of which 53,593 passed", «36 — золотые, 65 — серебряные»,
        # "1,000 AEK (3,692,000 tenge)", «100 МРП, призерам – 75 и 50 МРП соответственно».
        subject = previous.subject
    return subject
