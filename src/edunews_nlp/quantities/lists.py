"""Counts listed with one noun for all: «7 золотых, 15 серебряных и 24 бронзовые медали»,
"holders of gold medals, 65 silver and 96 bronze"; a bare number joined to the next one
takes its noun."""

from __future__ import annotations

import regex

from ..document import Quantity
from .context import Context
from .phrases import following_words


_LIST_ITEM_GAP = regex.compile(r"[ \u00a0]+(?P<word>[\p{L}][\p{L}-]*)[ \u00a0]*(?:,|;)?[ \u00a0]*(?:(?P<joiner>[\p{L}]+)[ \u00a0]+)?$")
_NOUN_BEFORE_LIST = regex.compile(r"(?P<word>[\p{L}][\p{L}-]*)[ \u00a0]*[,:][ \u00a0]*$")


def share_list_nouns(ctx: Context, quantities: list[Quantity]) -> None:
    """Counts listed with one noun for all: «7 золотых, 15 серебряных и 24 бронзовые
    медали» -> золотая медаль, серебряная медаль; "holders of gold medals, 65 silver and 96
    bronze" -> silver medal, bronze medal. Only counts followed by a single adjective. A bare
    number joined to the next one takes its noun: «1 200 или 2 000 учащихся», "from 18,200
    to 9,700 children"."""
    for q, following in zip(reversed(quantities[:-1]), reversed(quantities[1:])):
        if q.subject is None and following.subject is not None and q.unit == following.unit \
                and _joined_numbers(ctx, q, following):
            q.subject = following.subject
    chain: list[tuple[Quantity, str]] = []  # earlier items: quantity, its one word
    for q, following in zip(quantities, quantities[1:] + [None]):
        word = None
        if following is not None and q.unit is None and following.unit is None \
                and ctx.sentence_bounds(q.start) == ctx.sentence_bounds(following.start):
            gap = _LIST_ITEM_GAP.match(ctx.text, q.end, following.start)
            joiner_ok = gap and (gap.group("joiner") is None
                                 or ctx.rules.list_join.fullmatch(" " + gap.group("joiner") + " "))
            if gap and joiner_ok and (gap.group("joiner") or "," in ctx.text[gap.start("word"):following.start]):
                word = gap.group("word")
        if word is not None:
            chain.append((q, word))
            continue
        if chain and q.unit is None:
            _name_list_items(ctx, chain, q)
        chain = []


def _joined_numbers(ctx: Context, q: Quantity, following: Quantity) -> bool:
    """Nothing but a list word («или», "and") or the second half of a change («до», "to")
    between two numbers of one sentence."""
    gap = ctx.text[q.end:following.start]
    # "expanded to 496, 96 support rooms": a comma ends the first figure's phrase
    if not gap.strip() or "\n" in gap or "," in gap:
        return False
    rules = ctx.rules
    change = [j for kind in rules.change_openers for j in (rules.range_join.get(kind),) if j is not None]
    return bool(rules.list_join.fullmatch(gap) or any(j.fullmatch(gap) for j in change))


def _name_list_items(ctx: Context, chain: list[tuple[Quantity, str]], last: Quantity) -> None:
    rules = ctx.rules
    last_word = following_words(ctx, last.end, ctx.sentence_bounds(last.end)[1], 1)
    shared = None
    if last.subject and len(last.subject.split()) > 1:
        # the list's own noun phrase, without the last item's adjective: "бронзовая медаль" ->
        # медаль, "частный детский сад" -> детский сад
        words = last.subject.split()
        own = last_word and ctx.reader.same_word(ctx, last_word[0].text, words[0])
        shared = words[1:] if own else words
    if shared is None:
        # the noun before the list, when the last item is elliptical too
        before = _NOUN_BEFORE_LIST.search(ctx.text, ctx.sentence_bounds(chain[0][0].start)[0], chain[0][0].start)
        head = ctx.reader.list_head_noun(ctx, before.group("word")) if before else None
        if head is None:
            return
        shared = [head]
        earlier = {q.subject for q, _ in chain}  # an elliptical last item may have copied one
        if last_word and (last.subject is None or last.subject in earlier
                          or ctx.reader.same_word(ctx, last_word[0].text, last.subject)):
            chain = chain + [(last, last_word[0].text)]
    copied: set[str] = set()  # subjects an elliptical item copied from the item before it
    for q, word in chain:
        original = q.subject
        if word.lower() in rules.function_words or word[:1].isupper():
            continue
        if original is not None and original not in copied and not ctx.reader.same_word(ctx, word, original):
            continue  # the item names its own noun
        phrase = ctx.reader.list_item_phrase(ctx, q, word, shared)
        if phrase:
            q.subject = phrase
            if original is not None:
                copied.add(original)
