"""English: the noun-phrase and subject reader, with a small singulariser."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from .context import Context
from .phrases import following_words, noun_phrase
from .registry import Reader, register
from .rules import rules_for
from .tokens import Tok

if TYPE_CHECKING:
    from ..document import Quantity, Token
    from .candidates import Candidate


def _looks_plural(word: str) -> bool:
    rules = rules_for("en")
    w = word.lower()
    if w in rules.irregular_plurals:
        return True
    return (
        len(w) > 3
        and w.endswith("s")
        and not w.endswith(rules.no_plural_endings)
        and w not in rules.singular_in_s
    )


def singular(word: str) -> str:
    """A small English singulariser: students -> student, facilities -> facility."""
    w = word.lower()
    irregular = rules_for("en").irregular_plurals
    if w in irregular:
        return irregular[w]
    if "-" in w:
        head, _, tail = w.rpartition("-")
        return head + "-" + singular(tail)
    if not _looks_plural(w):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zzes")):
        return w[:-2]
    if w.endswith("oes") and len(w) > 4:
        return w[:-2]
    return w[:-1]


def _english_purpose(ctx: Context, words: list[Tok]) -> str | None:
    rules = ctx.rules
    while words and words[0].norm in rules.determiners:
        words = words[1:]
    run = []
    for tok in words:
        if tok.norm in rules.function_words or not tok.text[:1].islower():
            break
        run.append(tok.norm)
    if not run or run[-1] in rules.purpose_not_heads:
        return None
    if run[-1] in rules.purpose_empty_heads or run[0] in rules.purpose_empty_heads:
        return None
    kept = [w for w in run[:-1] if w not in rules.subject_skip][-2:]
    return " ".join(kept + [singular(run[-1])])


def _english_noun_phrase(ctx: Context, pos: int, sent_end: int) -> str | None:
    """Modifiers + the first plural-looking noun: "primary school students" ->
    "primary school student"; a singular noun after "one"."""
    rules = ctx.rules
    words = []
    following = following_words(ctx, pos, sent_end, 5)
    while following and following[0].norm in rules.subject_lead_skip:
        following = following[1:]  # "two more schools"
    for tok in following[:4]:
        if tok.norm in rules.function_words or not tok.text[:1].islower() and tok.text[:1].isalpha() and words:
            break
        if not tok.text[:1].isalpha():
            break
        if tok.text.endswith(("'s", "’s")):
            words = []  # "90% of the country's schools": the owner is not what is counted
            continue
        words.append(tok.norm)
    if not words:
        return None
    head_index = next((n for n, w in enumerate(words) if _looks_plural(w)), None)
    if head_index is None:
        head_index = 0 if len(words) == 1 else None
        if head_index is None:
            # a singular noun phrase ("one new school was"): stop at an -ed/-ing word
            head_index = 0
            for n, w in enumerate(words[1:], 1):
                if w.endswith(("ed", "ing", "ly")):
                    break
                head_index = n
    modifiers = [w for w in words[:head_index] if w not in rules.subject_skip and not w.endswith("ly")]
    modifiers = modifiers[-2:]
    head = singular(words[head_index])
    if head in rules.function_words or len(head) < 2 or head_index == 0 and head.endswith("ed") and len(head) > 5:
        # "212 of them concerned bullying": a verb after the count, no noun
        return None
    return " ".join(modifiers + [head])


def _head_after_of(lowered: list[str], rules) -> str | None:
    """The head of the noun phrase that opens `lowered` (after "of"), skipping determiners."""
    while lowered and lowered[0] in rules.determiners:
        lowered = lowered[1:]
    run = []
    for word in lowered:
        if word in rules.function_words or not word.isalpha() or run and word.endswith(("ing", "ed")):
            break  # "the share of pupils studying without …"
        run.append(word)
        if _looks_plural(word):
            break
    if not run or run[-1] in rules.empty_heads:
        return None
    return " ".join([w for w in run[:-1] if w not in rules.subject_skip][-2:] + [singular(run[-1])])


def _noun_after_share(ctx: Context, cand: Candidate) -> str | None:
    """A share followed by the noun it measures, without "of": "100% coverage", "80%
    employment", "100% results" (the tagger must read the next word as a noun)."""
    if not ctx.doc_tokens:
        return None
    import bisect
    k = bisect.bisect_left(ctx.doc_token_starts, cand.end)
    if k >= len(ctx.doc_tokens):
        return None
    tok = ctx.doc_tokens[k]
    if tok.pos != "NOUN" or not ctx.text[cand.end : tok.start].isspace() and ctx.text[cand.end : tok.start] != "":
        return None
    return noun_phrase(ctx, cand.end)


def _subject_before(ctx: Context, words: list[str], link, opens_sentence: bool) -> str | None:
    """The noun of the clause before "of"/"is"/"reached" N: the head of the clause's first
    noun phrase after a determiner, the subject of a sentence opening with it, else the
    clause's last word."""
    rules = ctx.rules
    lowered = [w.lower() for w in words]
    if "that" in lowered[:-1]:  # "X noted that the waiting list has fallen by N": the subordinate clause
        cut = len(lowered) - 1 - lowered[::-1].index("that")
        words, lowered = words[cut + 1:], lowered[cut + 1:]
    if not link.group().lower().startswith("of"):
        # "the average salary of a teacher increased from N": the head of the clause's
        # first noun phrase after a determiner
        for n, word in enumerate(lowered):
            if word in rules.determiners:
                run = []
                for following in lowered[n + 1 :]:
                    if following in rules.function_words and following not in rules.subject_skip:
                        break  # ("the total cost of …": "total" modifies, it ends no phrase)
                    run.append(following)
                while run and run[-1] in rules.emphatic_pronouns:
                    run.pop()
                after = n + 1 + len(run)
                if run and run[-1] in rules.empty_heads and lowered[after : after + 1] == ["of"]:
                    # "the number of children … decreased by N%", "the total amount of financing
                    # is N": an empty head gives way to the noun of its "of" phrase
                    inner = _head_after_of(lowered[after + 1 :], rules)
                    if inner:
                        return inner
                if run and run[-1] not in rules.empty_heads:
                    return singular(run[-1])
                if len(run) > 1 and run[-2] not in rules.empty_heads:
                    return singular(run[-2])  # "the coverage rate for children … reached" -> coverage
                break
        # a sentence opening with its subject, no determiner: "Winter holidays in schools will
        # last N" -> the head before the first preposition
        if opens_sentence:
            run = list(itertools.takewhile(lambda w: w not in rules.function_words, lowered))
            if 0 < len(run) < len(lowered) and run[-1] not in rules.empty_heads and run[-1].isalpha():
                return singular(run[-1])
    head = lowered[-1]
    if head in rules.function_words or head in rules.empty_heads or not words[-1][:1].islower():
        return None
    return singular(head)


def _doc_phrase(ctx: Context, run: list[Token], nouns: list[int]) -> str | None:
    """The run up to its last noun; nouns join as a compound ("student place"), but a
    plural noun ends the phrase ("536 colleges dual training has been ...")."""
    rules = ctx.rules
    plural = next((n for n in nouns if run[n].text.lower() != run[n].lemma.lower()
                   and run[n].text.lower().endswith("s")), None)
    last_noun = plural if plural is not None else nouns[-1]
    while plural is None and last_noun + 1 < len(run) and run[last_noun + 1].pos == "NOUN":
        last_noun += 1
    parts = run[: last_noun + 1]
    head = singular(parts[-1].lemma.lower()) if _looks_plural(parts[-1].lemma) else parts[-1].lemma.lower()
    # names and capitalised adjectives ("Kazakhstani teachers") say whose, not what; a word
    # hyphened to the next is part of one compound ("first-graders")
    glued = [ctx.text[t.end : u.start] == "-" for t, u in zip(parts, parts[1:])] + [False]
    kept, group = [], []
    for n, t in enumerate(parts[:-1]):
        group.append(t)
        if glued[n] and n + 2 == len(parts):
            kept += group  # the head's own compound ("first-graders")
        elif not glued[n]:
            # a modifier, hyphened words counting as one ("first-year" goes with "first")
            if all(u.lemma.lower() not in rules.subject_skip and u.pos != "PROPN" and not u.text[:1].isupper()
                   for u in group):
                kept += group
            group = []
    kept = kept[-2:]
    phrase, words = "", kept + [parts[-1]]
    for tok, following in zip(words, words[1:] + [None]):
        word = head if following is None else tok.lemma.lower()
        # "prize-winners" stays "prize-winner": keep a hyphen the text has between words
        glue = "-" if following is not None and ctx.text[tok.end:following.start] == "-" else " "
        phrase += word + ("" if following is None else glue)
    return phrase


def _noun_after_compound(ctx: Context, cand: Candidate) -> str | None:
    """The noun a hyphenated figure modifies ("36-hour training" -> training): the last of the
    lower-case words after it, up to a function word."""
    _, sent_end = ctx.sentence_bounds(cand.start)
    run = []
    for tok in following_words(ctx, cand.end, sent_end, 3):
        if tok.norm in ctx.rules.function_words or not tok.text[:1].islower():
            break
        run.append(tok.norm)
    return singular(run[-1]) if run else None


def _list_item_phrase(ctx: Context, q: Quantity, word: str, shared: list[str]) -> str | None:
    """A count other than one before a word that is not plural ("65 silver", not "1 school")."""
    lowered = word.lower()
    if q.value == 1 or _looks_plural(lowered):
        return None
    return " ".join(shared if lowered in ctx.rules.subject_skip else [lowered] + shared)


class EnglishReader(Reader):
    """Plural-looking nouns with their modifiers, singularised."""

    def noun_phrase(self, ctx, pos, sent_end):
        return _english_noun_phrase(ctx, pos, sent_end)

    def doc_phrase(self, ctx, run, nouns):
        return _doc_phrase(ctx, run, nouns)

    def subject_before(self, ctx, words, link, opens_sentence):
        return _subject_before(ctx, words, link, opens_sentence)

    def purpose(self, ctx, words):
        return _english_purpose(ctx, words)

    def share_subject(self, ctx, cand):
        return _noun_after_share(ctx, cand)

    def compound_subject(self, ctx, cand):
        return _noun_after_compound(ctx, cand)

    def is_counted_noun(self, ctx, word):
        return _looks_plural(word.text)

    def same_word(self, ctx, word, lemma):
        """ "silver"/"silver", "medals"/"medal"."""
        return word.lower() in (lemma, singular(lemma))

    def list_head_noun(self, ctx, word):
        return singular(word.lower()) if _looks_plural(word.lower()) else None

    def list_item_phrase(self, ctx, q, word, shared):
        return _list_item_phrase(ctx, q, word, shared)


register("en", EnglishReader())
