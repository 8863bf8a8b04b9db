"""The one data model: a Document with character-offset spans, filled in by the stages.

Every span (`Entity`, `Quantity`, `Claim`, `Sentence`) holds `start`/`end` offsets into
`Document.text`, so `doc.text[span.start:span.end] == span.text` always holds. Stages
never edit `text`; parts of it that are not to be analysed (metadata header lines,
site boilerplate) are listed in `Document.masked` and blanked out in
`Document.analysis_text`, which keeps the same length and therefore the same offsets.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Callable

SCHEMA = "edunews_nlp/1"

ENTITY_TYPES = ("OFFICIAL", "PERSON", "PLACE", "PROGRAMME", "ORG")
QUALIFIERS = (None, "approx", "gt", "gte", "lt", "lte")
MODALITIES = ("fact", "plan", "target")


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class LanguageSpan:
    """A stretch of the text in one language ("en", "ru", "kk" or "und")."""

    lang: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "start": self.start, "end": self.end}


@dataclass
class Token:
    """A word with its lemma, coarse part of speech (UD tags: NOUN, NUM, ADJ, ...) and, when a
    parser ran, its syntactic head (index into `Document.tokens`; its own index at a root)
    and UD dependency label."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str | None = None
    head: int | None = None
    dep: str | None = None


@dataclass
class Entity:
    type: str
    text: str
    start: int
    end: int
    canonical: str | None = None
    id: str | None = None
    role: str | None = None
    org: str | None = None
    # What produced the span ("spacy", "natasha", "gazetteer", ...); not part of the JSON.
    source: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "id": self.id,
            "role": self.role,
            "org": self.org,
        }


@dataclass
class Quantity:
    text: str
    start: int
    end: int
    value: float | int | None
    unit: str | None = None
    low: float | int | None = None
    high: float | int | None = None
    qualifier: str | None = None
    subject: str | None = None
    kzt: float | int | None = None
    kzt_year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": _plain_number(self.value),
            "low": _plain_number(self.low),
            "high": _plain_number(self.high),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "subject": self.subject,
            "kzt": _plain_number(self.kzt),
            "kzt_year": self.kzt_year,
        }


@dataclass
class TimeSpan:
    text: str
    start: str | None  # ISO date
    end: str | None  # ISO date

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class Claim:
    text: str
    start: int
    end: int
    quantity: int
    subject: str | None = None
    programme: str | None = None
    place: str | None = None
    official: str | None = None
    time: TimeSpan | None = None
    modality: str = "fact"
    # Why each filled key was filled: key -> {"rule": ..., "start": ..., "end": ...}, the
    # rule of ANNOTATION.md and the span of text it came from.
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "quantity": self.quantity,
            "subject": self.subject,
            "programme": self.programme,
            "place": self.place,
            "official": self.official,
            "time": self.time.to_dict() if self.time else None,
            "modality": self.modality,
            "evidence": {key: dict(why) for key, why in self.evidence.items()},
        }


@dataclass
class Document:
    text: str
    lang: str | None = None
    lang_confidence: float | None = None
    source: str | None = None
    published: str | None = None  # ISO date
    title: str | None = None
    languages: list[LanguageSpan] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    # Raw spans of the statistical NER (segment.ModelSpan), before mapping to our types.
    model_spans: list = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)
    # The article's structure (claims.structure.ArticleStructure: headline, lead, paragraphs,
    # quotations, speaker/place/time scopes, topic programme); not serialised.
    structure: Any = field(default=None, repr=False, compare=False)
    _analysis_text: str | None = field(default=None, repr=False, compare=False)
    _sentence_starts: tuple | None = field(default=None, repr=False, compare=False)
    _masked_index: tuple | None = field(default=None, repr=False, compare=False)

    # -- masking ---------------------------------------------------------------------------
    def mask(self, start: int, end: int) -> None:
        """Exclude text[start:end] from analysis (offsets of everything else stay valid)."""
        if end > start:
            self.masked.append((start, end))
            self._analysis_text = None

    @property
    def analysis_text(self) -> str:
        """`text` with masked regions blanked (newlines kept), same length as `text`."""
        if self._analysis_text is None:
            chars = list(self.text)
            for start, end in self.masked:
                for i in range(start, min(end, len(chars))):
                    if chars[i] != "\n":
                        chars[i] = " "
            self._analysis_text = "".join(chars)
        return self._analysis_text

    def is_masked(self, start: int, end: int) -> bool:
        """Whether text[start:end] overlaps a masked span (a binary search over the merged
        spans, built once per list of masks: stages ask for every candidate)."""
        key = (id(self.masked), len(self.masked))
        if self._masked_index is None or self._masked_index[0] != key:
            merged: list[list[int]] = []
            for s, e in sorted(self.masked):
                if merged and s <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], e)
                else:
                    merged.append([s, e])
            self._masked_index = (key, [s for s, _ in merged], [e for _, e in merged])
        _, starts, ends = self._masked_index
        last = bisect.bisect_left(starts, end) - 1  # the last span that starts before `end`
        return last >= 0 and ends[last] > start

    @property
    def published_year(self) -> int | None:
        if self.published and self.published[:4].isdigit():
            return int(self.published[:4])
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        # The start index is built once per list of sentences, not once per call: the
        # entity rules ask for every candidate, which was quadratic on long texts.
        key = (id(self.sentences), len(self.sentences))
        if self._sentence_starts is None or self._sentence_starts[0] != key:
            self._sentence_starts = (key, [s.start for s in self.sentences])
        starts = self._sentence_starts[1]
        at = bisect.bisect_right(starts, offset) - 1
        if at >= 0 and offset < self.sentences[at].end:
            return self.sentences[at]
        return None

    # -- pickling: worker processes send analysed Documents back ---------------------------
    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_analysis_text"] = None  # derived from text and masked, rebuilt on demand
        state["_sentence_starts"] = None
        state["_masked_index"] = None
        # Tokens as columns: a dataclass per word, each with its own copy of its text, was
        # most of a pickled Document and of the time to send it.
        state["tokens"] = _token_columns(self.text, self.tokens)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.tokens = _tokens_from_columns(self.text, state["tokens"])

    # -- stages, natasha style: each call is handed its component -------------------------
    def detect_language(self, detector) -> "Document":
        detector(self)
        return self

    def segment(self, segmenter) -> "Document":
        segmenter(self)
        return self

    def tag_entities(self, recognizer) -> "Document":
        recognizer(self)
        return self

    def extract_quantities(self, extractor) -> "Document":
        extractor(self)
        return self

    def link(self, linker) -> "Document":
        linker(self)
        return self

    def build_claims(self, builder) -> "Document":
        builder(self)
        return self

    # -- output ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "lang": self.lang,
            "lang_confidence": None if self.lang_confidence is None else round(self.lang_confidence, 4),
            "source": self.source,
            "published": self.published,
            "title": self.title,
            "languages": [part.to_dict() for part in self.languages],
            "entities": [e.to_dict() for e in self.entities],
            "quantities": [q.to_dict() for q in self.quantities],
            "claims": [c.to_dict() for c in self.claims],
            "warnings": list(self.warnings),
        }

    # Views for people (tables.py, render.py): they are no stages, and the data model does
    # not import them; they register themselves (see register_view).
    def to_frame(self, table: str = "claims"):
        """A pandas DataFrame of this article's `table`: claims, entities, quantities or articles."""
        return _view("frame")(self, table)

    def to_html(self) -> str:
        """A self-contained HTML page: the text with its marks, and the claims table."""
        return _view("html")(self)

    def to_displacy(self) -> dict[str, Any]:
        """displaCy's manual-mode dict: `spacy.displacy.render(doc.to_displacy(), style="ent", manual=True)`."""
        return _view("displacy")(self)


# The views behind Document.to_frame / to_html / to_displacy, by name. tables.py and
# render.py register theirs when imported, and the package's __init__ imports both, so
# they are there whenever edunews_nlp is.
_VIEWS: dict[str, Callable] = {}


def register_view(name: str, view: Callable) -> None:
    """Make `view(doc, ...)` the function behind Document's view `name` ("frame", "html",
    "displacy")."""
    _VIEWS[name] = view


def _view(name: str) -> Callable:
    try:
        return _VIEWS[name]
    except KeyError:
        raise RuntimeError(f"no {name!r} view registered: import edunews_nlp (it imports tables and render)") from None


def _token_columns(text: str, tokens: list[Token]) -> tuple:
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    texts = [t.text for t in tokens]
    if all(word == text[start:end] for word, start, end in zip(texts, starts, ends)):
        texts = None  # the usual case: each token's text is its slice of the document
    return (starts, ends, texts, [t.lemma for t in tokens], [t.pos for t in tokens],
            [t.head for t in tokens], [t.dep for t in tokens])


def _tokens_from_columns(text: str, columns) -> list[Token]:
    if isinstance(columns, list):  # pickled by a version that sent Token objects
        return columns
    starts, ends, texts, lemmas, poses, heads, deps = columns
    if texts is None:
        texts = [text[start:end] for start, end in zip(starts, ends)]
    return [Token(*fields) for fields in zip(starts, ends, texts, lemmas, poses, heads, deps)]


def _plain_number(value):
    """Whole floats become ints so JSON shows 3692000, not 3692000.0."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
