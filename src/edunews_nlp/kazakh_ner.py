"""Kazakh NER: the spaCy model trained on KazNERD, with its classes mapped to our types.

    from edunews_nlp.kazakh_ner import KazakhNER
    ner = KazakhNER()
    tags = ner("Білім және ғылым министрі Асхат Аймағамбетов Астанада болды.")
    tags.entities   # [Entity(type="OFFICIAL", text="Асхат Аймағамбетов", role="Білім және ғылым министрі"), Entity(type="PLACE", ...)]
    tags.roles      # [ModelSpan(start, end, "POSITION")]: every job title the model found

KazNERD classes -> types of ANNOTATION.md: PERSON -> PERSON, GPE and LOCATION -> PLACE,
ORGANISATION -> ORG, PROJECT -> PROGRAMME; POSITION is a role, not an entity: a PERSON
with a POSITION right before it (or right after it, a comma allowed between) becomes an
OFFICIAL whose `role` is the POSITION's text. The other KazNERD classes (dates, money, ...)
are dropped. The model lives in `<models folder>/kazakh_ner/` (the models folder as in
domain_model.py: `$EDUNEWS_NLP_MODELS`, else `models/` of the source tree); it is written
by scripts/train_kazakh_ner.py, scores in docs/kazakh.md. A missing model is not an error:
`available()` is False and tagging gives nothing.

Latin-script Kazakh (the 2018 alphabet: á ǵ ı ń ó ú ý, sh, ch) is transliterated to
Cyrillic for tagging and the offsets mapped back (kazakh_latin.py). The pipeline runs it
through the kk analyser (kazakh.py) and entities/kazakh.py.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .document import Entity
from .domain_model import _load, models_dir
from .kazakh_latin import is_latin_kazakh, map_span, to_cyrillic
from .segment import ModelSpan

SUBDIR = "kazakh_ner"
SOURCE = "kazakh_ner"
ROLE_CLASS = "POSITION"
TYPE_OF_CLASS = {"PERSON": "PERSON", "GPE": "PLACE", "LOCATION": "PLACE",
                 "ORGANISATION": "ORG", "PROJECT": "PROGRAMME"}

# What may stand between a title and the name it belongs to: spaces, and a comma only
# when the title follows the name ("Асхат Аймағамбетов, білім министрі").
_GAP_TITLE_FIRST = re.compile(r"\s*")
_GAP_NAME_FIRST = re.compile(r"\s*,?\s*")


@dataclass
class KazakhTags:
    entities: list[Entity] = field(default_factory=list)  # PERSON, OFFICIAL, PLACE, ORG, PROGRAMME
    roles: list[ModelSpan] = field(default_factory=list)  # every POSITION span, paired or not


def pair_officials(text: str, spans) -> list[tuple[tuple, tuple]]:
    """(person span, role span) pairs, as (start, end, class) tuples, among spans (ModelSpan
    or (start, end, class) tuples): each PERSON takes the POSITION ending right before it,
    else the one starting right after it; a POSITION serves one person only, so in
    "Президент Тоқаев, министр Аймағамбетов" each name keeps its own title."""
    ordered = sorted(((s.start, s.end, s.label) if isinstance(s, ModelSpan) else tuple(s[:3]) for s in spans),
                     key=lambda s: s[0])
    positions = [s for s in ordered if s[2] == ROLE_CLASS]
    used: set[tuple] = set()
    pairs = []
    for person in (s for s in ordered if s[2] == "PERSON"):
        before = [r for r in positions if r not in used and r[1] <= person[0]
                  and _GAP_TITLE_FIRST.fullmatch(text, r[1], person[0])]
        after = [r for r in positions if r not in used and r[0] >= person[1]
                 and _GAP_NAME_FIRST.fullmatch(text, person[1], r[0])]
        role = before[0] if before else (after[0] if after else None)
        if role is not None:
            used.add(role)
            pairs.append((person, role))
    return pairs


class KazakhNER:
    """Callable `(text) -> KazakhTags`; the model loads once, on first use."""

    def __init__(self, models: str | os.PathLike | None = None):
        root = Path(models) if models is not None else models_dir()
        # Accept both the models folder and models/kazakh_ner itself.
        self.path = root / SUBDIR if (root / SUBDIR).is_dir() else root

    def available(self) -> bool:
        return (self.path / "config.cfg").is_file() and (self.path / "meta.json").is_file()

    def class_spans(self, text: str) -> list[ModelSpan]:
        """The model's spans with KazNERD's own classes (all it was trained on). Latin-script
        Kazakh is tagged in its Cyrillic form (the model knows only Cyrillic), offsets mapped
        back to the text as given."""
        if not text or not self.available():
            return []
        return self.cyrillic_spans(*(to_cyrillic(text) if is_latin_kazakh(text) else (text, None)))

    def cyrillic_spans(self, cyrillic: str, offsets: list[int] | None) -> list[ModelSpan]:
        """`class_spans` of a text already in Cyrillic; `offsets` (of kazakh_latin.to_cyrillic,
        or None) map the spans back to the Latin text it was made from."""
        if not cyrillic or not self.available():
            return []
        return _spans(_load(self.path)(cyrillic), offsets)

    def cyrillic_spans_many(self, texts: list[tuple[str, list[int] | None]], batch_size: int = 16):
        """`cyrillic_spans` of many (cyrillic, offsets) texts, tagged in batches."""
        if not self.available():
            return [[] for _ in texts]
        parsed = _load(self.path).pipe((cyrillic for cyrillic, _ in texts), batch_size=batch_size)
        return [_spans(doc, offsets) for doc, (_, offsets) in zip(parsed, texts)]

    def __call__(self, text: str) -> KazakhTags:
        spans = self.class_spans(text)
        role_of = {person: role for person, role in pair_officials(text, spans)}
        tags = KazakhTags(roles=[s for s in spans if s.label == ROLE_CLASS])
        for span in spans:
            if span.label not in TYPE_OF_CLASS:
                continue
            role = role_of.get((span.start, span.end, span.label))
            tags.entities.append(Entity(
                type="OFFICIAL" if role else TYPE_OF_CLASS[span.label], text=text[span.start:span.end],
                start=span.start, end=span.end, role=text[role[0]:role[1]] if role else None, source=SOURCE))
        return tags


def _spans(parsed, offsets: list[int] | None) -> list[ModelSpan]:
    if offsets is None:
        return [ModelSpan(e.start_char, e.end_char, e.label_) for e in parsed.ents]
    return [ModelSpan(*map_span(offsets, e.start_char, e.end_char), e.label_) for e in parsed.ents]
