"""Rule grammars of places and the bodies named after them: a place the KB lacks, named by
its generic word ("the village of Kemertogan", «Кызылжарского района»); names listed in
apposition to a plural place word; a place with an organisation's head word around it,
which is that body («управление образования Туркестанской области»)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from .. import datafiles
from ..document import Document, Entity, Token
from ..knowledge import word_key
from .candidates import PRIORITY, Candidate, resolve_overlaps
from .text import CYRILLIC, TITLE_WORD, is_plural, is_sentence_start, only_plural, word_alternation

if TYPE_CHECKING:
    from .recognizer import EntityRecognizer

_NOT_NAME_POS = {"ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "AUX", "VERB", "NUM", "PUNCT"}
_LISTED_NAME = r"\p{Lu}[\p{L}'’-]+(?:[^\S\n]\p{Lu}[\p{L}'’-]+)?"


def places_by_context(rec: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
    """Villages, districts, residential areas the KB lacks, named by their generic word:
    "the village of Kemertogan" / «в селе Шаян» (name only), "Urker residential area" /
    «Кызылжарского района» (name and generic word), "Zhalagash and Sairam districts"
    (a shared plural generic word: each name bare). `tokens` with hyphenated words merged."""
    out = []
    keys = [word_key(t.text) for t in tokens]

    role_heads = rec.role_words(doc.lang)[0]

    def is_name(k: int) -> bool:
        # «Аким района»: a post's first word is no place name
        return TITLE_WORD.match(tokens[k].text) is not None and tokens[k].pos not in _NOT_NAME_POS \
            and keys[k] not in rec.words["programme_generic"] and keys[k] not in role_heads

    def add(first: int, last: int) -> None:
        start, end = tokens[first].start, tokens[last].end
        out.append(Candidate(Entity("PLACE", doc.text[start:end], start, end, source="rule"), "rule"))

    for k in range(len(tokens)):
        for n in (2, 1):
            if tuple(keys[k:k + n]) in rec.words["place_after"] and k > 0 and is_name(k - 1):
                longest = 1 if CYRILLIC.search(tokens[k - 1].text) else 2
                first = k - 1
                while first - 1 >= 0 and k - first < longest and is_name(first - 1):
                    first -= 1
                plural = is_plural(tokens[k + n - 1].text)
                add(first, k - 1 if plural else k + n - 1)
                break
            # «мкр. Самал-2», «с. Шаян»: the abbreviation's dot may stand between
            at = k - 1 if k > 0 and tokens[k - 1].text == "." else k
            generic_words = rec.words["place_before_abbreviated" if at < k else "place_before"]
            if at < k and at - n >= 0 and tokens[at - n].text[:1].isupper() and \
                    not is_sentence_start(doc, tokens[at - n]):
                continue  # «Педагоги Г. Сейтова»: a capital initial inside a sentence, no «г.»
            if tuple(keys[at - n:at]) in generic_words and at - n >= 0 and k < len(tokens) \
                    and is_name(k) and (at < k or not is_sentence_start(doc, tokens[k])):
                last = k
                longest = 1 if CYRILLIC.search(tokens[k].text) else 3
                while last + 1 < len(tokens) and last - k < longest - 1 and is_name(last + 1) and \
                        (keys[last + 1],) not in rec.words["place_after"]:
                    last += 1
                if last + 1 < len(tokens) and keys[last + 1] in rec.words["generic_place_keys"]:
                    break  # «в села Акмолинской области»: the name belongs to the generic word after it
                add(k, last)
                break
    return out


@lru_cache(maxsize=1)
def _apposition_pattern() -> regex.Pattern:
    heads = word_alternation(datafiles.load("entity_words.yaml")["plural_place_words"])
    return regex.compile(rf"\b(?:{heads})\p{{L}}*[^\S\n]+(?:of|in)[^\S\n]+[^,.;:\n]{{1,50}}?,[^\S\n]+"
                         rf"(?P<list>{_LISTED_NAME}(?:(?:,[^\S\n]+|[^\S\n]+and[^\S\n]+){_LISTED_NAME})+)(?=[,.;:])",
                         regex.IGNORECASE)


def places_in_apposition(doc: Document) -> list[Candidate]:
    """Names listed in apposition to a plural place word ("two villages of the Turkestan
    region, Enbekshi Dikhan and Mankent, received …"): each a PLACE."""
    out = []
    for m in _apposition_pattern().finditer(doc.text):
        start = m.start("list")
        for item in regex.finditer(_LISTED_NAME, m.group("list")):
            s, e = start + item.start(), start + item.end()
            if not doc.is_masked(s, e):
                out.append(Candidate(Entity("PLACE", doc.text[s:e], s, e, source="rule"), "rule"))
    return out


def state_bodies(rec: EntityRecognizer, doc: Document, entities: list[Entity], tokens: list[Token]) -> list[Entity]:
    """A place with an organisation head word around it becomes that ORG."""
    starts = {t.start: i for i, t in enumerate(tokens)}
    ends = {t.end: i for i, t in enumerate(tokens)}
    out = []
    for ent in entities:
        if ent.type == "PLACE" and ent.start in starts and ent.end in ends:
            i, j = starts[ent.start], ends[ent.end]
            before = [word_key(t.text) for t in tokens[max(0, i - 5):i]]
            after = [word_key(t.text) for t in tokens[j + 1:j + 4]]
            n_before = max((n for n in range(1, len(before) + 1) if tuple(before[-n:]) in rec.words["org_before"]),
                           default=0)
            n_after = max((n for n in range(1, len(after) + 1) if tuple(after[:n]) in rec.words["org_after"]),
                          default=0)
            if n_before and only_plural(tokens[i - n_before].text):
                n_before = 0  # «руководителей управлений образования города Шымкент»: kinds of body
            if n_before or n_after:
                start = tokens[i - n_before].start if n_before else ent.start
                end = tokens[j + n_after].end if n_after else ent.end
                out.append(Entity("ORG", doc.text[start:end], start, end, source="rule"))
                continue
        out.append(ent)
    # A head may now overlap a model ORG that covered part of it: keep the longer.
    return resolve_overlaps([Candidate(e, e.source if e.source in PRIORITY else "model") for e in out])
