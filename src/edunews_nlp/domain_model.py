"""The domain NER: small spaCy models trained on the project's own corpora.

    from edunews_nlp.domain_model import DomainNER
    ner = DomainNER()
    ner.available("ru")      # True when models/domain_ner/ru/ exists
    spans = ner(doc)         # list of segment.ModelSpan, labels OFFICIAL/PERSON/PLACE/PROGRAMME/ORG

One model per language (`models/domain_ner/<lang>/`, written by
`scripts/train_domain_ner.py`; scores and the fusion advice in docs/domain_model.md). The
models folder is `$EDUNEWS_NLP_MODELS` when set, else `models/` at the root of the source
tree (the editable install layout). A missing model is not an error: `available(lang)` is
False and calling returns `[]`, so the pipeline works without it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .document import ENTITY_TYPES, Document
from .segment import CHUNK_CHARS, ModelSpan, chunk_bounds, import_spacy, strip_span

MODELS_ENV = "EDUNEWS_NLP_MODELS"
SUBDIR = "domain_ner"

_loaded: dict[str, object] = {}  # model path -> spaCy Language, shared by all instances
_lock = threading.Lock()


def models_dir() -> Path:
    """`$EDUNEWS_NLP_MODELS`, else `<source root>/models`."""
    configured = os.environ.get(MODELS_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(__file__).resolve().parents[2] / "models"  # this file is <source root>/src/edunews_nlp/


def _load(path: Path):
    key = str(path.resolve())
    with _lock:
        if key not in _loaded:
            _loaded[key] = import_spacy().load(path)
        return _loaded[key]


class _either:
    """A method that also works on the class (`DomainNER.available("en")`): called on the
    class it runs on a fresh instance with the default models folder."""

    def __init__(self, func):
        self.func = func
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner):
        target = obj if obj is not None else owner()
        return self.func.__get__(target, owner)


class DomainNER:
    """Callable `(Document) -> list[ModelSpan]`; loads each language's model once, lazily."""

    labels = ENTITY_TYPES

    def __init__(self, models: str | os.PathLike | None = None):
        root = Path(models) if models is not None else models_dir()
        # Accept both the models folder and models/domain_ner itself.
        self.root = root / SUBDIR if (root / SUBDIR).is_dir() or not (root / "en").is_dir() else root
        self._prefetched: dict[str, dict] = {}  # lang -> window text -> parsed spaCy Doc

    def model_path(self, lang: str | None) -> Path | None:
        if not lang or not isinstance(lang, str) or "/" in lang or "\\" in lang or lang.startswith("."):
            return None
        return self.root / lang

    @_either
    def available(self, lang: str | None) -> bool:
        """True when a trained model for `lang` exists (it is not loaded here)."""
        path = self.model_path(lang)
        return path is not None and (path / "config.cfg").is_file() and (path / "meta.json").is_file()

    def nlp(self, lang: str):
        """The spaCy pipeline for `lang` (loaded on first use), or None when unavailable."""
        if not self.available(lang):
            return None
        return _load(self.model_path(lang))

    def __call__(self, doc: Document) -> list[ModelSpan]:
        nlp = self.nlp(doc.lang)
        if nlp is None:
            return []
        text = doc.analysis_text
        spans: list[ModelSpan] = []
        bounds = chunk_bounds(text, CHUNK_CHARS)
        for (offset, end), parsed in zip(bounds, nlp.pipe(text[s:e] for s, e in bounds)):
            spans += self._collect(parsed, offset, text)
        return spans

    def spans_in(self, doc: Document, windows: list[tuple[int, int]]) -> list[ModelSpan]:
        """Spans inside the given (start, end) windows of the document, each window parsed on
        its own (or taken from `prefetch`); offsets are the document's."""
        nlp = self.nlp(doc.lang)
        if nlp is None:
            return []
        text = doc.analysis_text
        memo = self._prefetched.get(doc.lang, {})
        missing = [text[s:e] for s, e in windows if text[s:e] not in memo]
        parsed_missing = dict(zip(missing, nlp.pipe(missing)))
        spans: list[ModelSpan] = []
        for offset, end in windows:
            window = text[offset:end]
            parsed = memo[window] if window in memo else parsed_missing[window]
            spans += self._collect(parsed, offset, text)
        return spans

    def prefetch(self, lang: str | None, windows: list[str]) -> None:
        """Parse the window texts of a whole batch of documents in one `nlp.pipe` (a window
        costs about 2 ms of model overhead when parsed alone); `spans_in` then takes them
        from here. Holds the last batch only."""
        nlp = self.nlp(lang)
        self._prefetched = {lang: dict(zip(windows, nlp.pipe(windows)))} if nlp is not None and windows else {}

    def pipe(self, docs: list[Document], batch_size: int = 16) -> list[list[ModelSpan]]:
        """Spans for many documents (batched per language; long texts go one by one)."""
        results: list[list[ModelSpan]] = [[] for _ in docs]
        by_lang: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            if len(doc.analysis_text) > CHUNK_CHARS:
                results[i] = self(doc)
            elif self.available(doc.lang):
                by_lang.setdefault(doc.lang, []).append(i)
        for lang, indices in by_lang.items():
            parsed_docs = self.nlp(lang).pipe((docs[i].analysis_text for i in indices), batch_size=batch_size)
            for i, parsed in zip(indices, parsed_docs):
                results[i] = self._collect(parsed, 0, docs[i].analysis_text)
        return results

    def _collect(self, parsed, offset: int, text: str) -> list[ModelSpan]:
        spans = []
        for ent in parsed.ents:
            if ent.label_ not in self.labels:
                continue
            start, end = strip_span(text, offset + ent.start_char, offset + ent.end_char)
            if end > start:
                spans.append(ModelSpan(start, end, ent.label_))
        return spans
