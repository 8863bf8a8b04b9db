"""Noun phrases after a position: the words that follow, and the phrase the language's
reader makes of them, from the tagger's tokens when the pipeline has them."""

from __future__ import annotations

import bisect

from ..document import Token
from .context import Context
from .tokens import Tok
from .vocabulary import normalise_word


def noun_phrase(ctx: Context, pos: int) -> str | None:
    """The counted noun phrase after `pos`: from the tagger's tokens when the pipeline has
    them, else from the text alone, as the language's reader reads it."""
    _, sent_end = ctx.sentence_bounds(pos)
    if ctx.doc_tokens:
        phrase = _noun_phrase_from_doc_tokens(ctx, pos, sent_end)
        if phrase is not None:
            return phrase
    return ctx.reader.noun_phrase(ctx, pos, sent_end)


def following_words(ctx: Context, pos: int, sent_end: int, limit: int = 5) -> list[Tok]:
    """Up to `limit` words after pos, joined by spaces or hyphens ("prize-winners")."""
    out: list[Tok] = []
    k = ctx.token_at(pos)
    prev_end = pos
    while k < len(ctx.tokens) and len(out) < limit:
        tok = ctx.tokens[k]
        if tok.start >= sent_end:
            break
        gap = ctx.text[prev_end : tok.start]
        if tok.kind == "word" and (gap == "" or gap.isspace()) and "\n" not in gap:
            out.append(tok)
            prev_end = tok.end
            k += 1
            continue
        if tok.kind == "punct" and tok.text == "-" and gap == "" and out and k + 1 < len(ctx.tokens):
            nxt = ctx.tokens[k + 1]
            if nxt.kind == "word" and nxt.start == tok.end:
                joined = out[-1].text + "-" + nxt.text
                out[-1] = Tok("word", out[-1].start, nxt.end, joined, normalise_word(joined))
                prev_end = nxt.end
                k += 2
                continue
        break
    return out


def _noun_phrase_from_doc_tokens(ctx: Context, pos: int, sent_end: int) -> str | None:
    """Use the tagger's lemmas and parts of speech when the pipeline has them."""
    k = bisect.bisect_left(ctx.doc_token_starts, pos)
    head_first = ctx.reader.doc_run_head_first
    run: list[Token] = []
    while k < len(ctx.doc_tokens) and len(run) < 5:
        tok = ctx.doc_tokens[k]
        if tok.start >= sent_end or ctx.text[pos if not run else run[-1].end : tok.start].strip() not in ("", "-"):
            break
        if not head_first and tok.pos == "CCONJ" and run and all(t.pos == "ADJ" for t in run) \
                and k + 1 < len(ctx.doc_tokens) and ctx.doc_tokens[k + 1].pos == "ADJ":
            # "psychological and pedagogical support rooms": coordinated adjectives name kinds
            # of the thing counted; the subject is the noun phrase after them
            run = []
            pos = ctx.doc_tokens[k + 1].end
            k += 2
            continue
        if tok.pos == "NUM" and not run and pos > 0 and ctx.text[pos - 2 : pos] in ("'s", "’s"):
            k += 1  # "18 of the city's 42 schools": the second number counts the same things
            pos = tok.end
            continue
        if tok.pos in ("ADJ", "NOUN", "PROPN") or (tok.pos == "VERB" and head_first and not run):
            if tok.pos == "PROPN" and not run:
                nxt = ctx.doc_tokens[k + 1] if k + 1 < len(ctx.doc_tokens) else None
                if head_first or nxt is None or nxt.pos != "NOUN" or not nxt.text[:1].islower() \
                        or ctx.text[tok.end : nxt.start] != " ":
                    break
                k += 1  # "200 Kazakhstani teachers": a name's adjective says whose, not what
                pos = tok.end
                continue
            if run and head_first and tok.text[:1].isupper():
                break  # a name begins: "23 столовых Актюбинской области"
            run.append(tok)
            k += 1
            if tok.pos == "NOUN" and head_first:
                break
            continue
        if tok.text == "-" and run:
            k += 1
            continue
        if tok.text in ("'s", "’s") and run:
            run = []  # "90% of the country's schools": the owner is not what is counted
            pos = tok.end
            k += 1
            continue
        break
    nouns = [n for n, t in enumerate(run) if t.pos == "NOUN"]
    if not nouns:
        return None
    return ctx.reader.doc_phrase(ctx, run, nouns)
