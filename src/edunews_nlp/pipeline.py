"""The pipeline: one object that holds each stage's component and runs them in order.

    ingest (header, boilerplate) → language → segment (sentences, tokens, model NER)
    → entities → quantities → linking → claims

Components load their models lazily, once, and only for the languages that appear. A stage
that fails on some odd input leaves a warning on the Document instead of raising, so
`extract` always returns a result.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import pathlib
from functools import cached_property
from typing import Any, Iterable, Iterator

from .document import Document
from .knowledge import KnowledgeBase
from .mixed_text import merge_views, split_views
from . import kazakh  # noqa: F401 - registers the "kk" analyser in segment.ANALYSERS

LANG_CHOICES = (None, "auto", "en", "ru", "kk")
NER_BACKENDS = ("default", "stanza", "transformers")
DEFAULT_BATCH_SIZE = 16


class Pipeline:
    """`ner_backend` picks the statistical NER: "default" (spaCy en_core_web_sm / natasha) or
    an optional backend ("stanza", "transformers") loaded from the local `ner_model` path;
    its spans go through the same gazetteer, programme, official and linking stages."""

    def __init__(self, kb: KnowledgeBase | None = None, ner_backend: str = "default",
                 ner_model: str | None = None, allow_pickle: bool = False):
        if ner_backend not in NER_BACKENDS:
            raise ValueError(f"ner_backend must be one of {', '.join(NER_BACKENDS)}, got {ner_backend!r}")
        if ner_backend != "default" and not ner_model:
            raise ValueError(f"ner_backend={ner_backend!r} needs ner_model, the path of a local model directory")
        self.kb = kb
        self.ner_backend, self.ner_model, self.allow_pickle = ner_backend, ner_model, allow_pickle
        self._analysers: dict[str, Any] = {}
        if ner_backend != "default":
            self.backend  # load now: a wrong path or a missing extra is a clear error at once

    @cached_property
    def backend(self):
        """The optional NER backend: a callable (Document) -> list of segment.ModelSpan."""
        if self.ner_backend == "default":
            return None
        from .backends import load_backend

        return load_backend(self.ner_backend, self.ner_model, allow_pickle=self.allow_pickle)

    # Components, built on first use.
    @cached_property
    def detector(self):
        from .language import LanguageDetector

        return LanguageDetector()

    @cached_property
    def recognizer(self):
        from .entities import EntityRecognizer

        return EntityRecognizer(self.kb)

    @cached_property
    def quantity_extractor(self):
        from .quantities import QuantityExtractor

        return QuantityExtractor()

    @cached_property
    def linker(self):
        from .linking import EntityLinker

        return EntityLinker(self.kb)

    @cached_property
    def claim_builder(self):
        from .claims import ClaimBuilder

        return ClaimBuilder(self.kb, parse_syntax=self._parse_syntax)

    def _parse_syntax(self, doc: Document, sentences: list[int]) -> None:
        """Dependency parse on demand, for analysers that do not parse every sentence."""
        analyser = self.analyser(doc.lang) if doc.lang else None
        if analyser is not None and hasattr(analyser, "parse_syntax"):
            analyser.parse_syntax(doc, sentences)

    def analyser(self, lang: str):
        if lang not in self._analysers:
            from .segment import ANALYSERS

            self._analysers[lang] = ANALYSERS[lang]() if lang in ANALYSERS else None
        return self._analysers[lang]

    # Running.
    def __call__(self, text: str, lang: str | None = None, published=None, source: str | None = None,
                 title: str | None = None) -> Document:
        return next(iter(self.pipe([make_document(text, lang, published, source, title)])))

    def pipe(self, docs: Iterable[Document], batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Document]:
        """Run the stages over Documents in batches (spaCy's `nlp.pipe` for English)."""
        for batch in _batches(docs, batch_size):
            yield from self._run_batch(batch)

    def _run_batch(self, docs: list[Document]) -> list[Document]:
        from .ingest import prepare_document

        for doc in docs:
            _stage(doc, "ingest", lambda: prepare_document(doc))
            _stage(doc, "language", lambda: doc.detect_language(self.detector))
        # A text in several languages: each further language's part is analysed in a view.
        views = [split_views(doc) for doc in docs]
        by_lang: dict[str, list[Document]] = {}
        for doc in docs + [view for doc_views, _ in views for view in doc_views]:
            by_lang.setdefault(doc.lang, []).append(doc)
        for lang, group in by_lang.items():
            try:
                analyser = self.analyser(lang)
            except Exception as exc:  # noqa: BLE001 - e.g. a model package missing
                for doc in group:
                    doc.warnings.append(f"segment stage failed: {type(exc).__name__}: {exc}")
                continue
            if analyser is None:
                continue  # und: nothing to analyse (the language stage warned)
            if hasattr(analyser, "pipe") and len(group) > 1:
                try:
                    analyser.pipe(group)
                except Exception:  # noqa: BLE001 - fall back to one at a time
                    for doc in group:
                        _stage(doc, "segment", lambda: doc.segment(analyser))
            else:
                for doc in group:
                    _stage(doc, "segment", lambda: doc.segment(analyser))
            if self.backend is not None:
                for doc in group:
                    _stage(doc, f"{self.ner_backend} NER", lambda: setattr(doc, "model_spans", self.backend(doc)))
            try:
                self.recognizer.prefetch(group)
            except Exception:  # noqa: BLE001 - each document's own entities call reports it
                pass
            for doc in group:
                # Components are built inside the stage: a missing model is a warning too.
                _stage(doc, "entities", lambda: doc.tag_entities(self.recognizer))
                _stage(doc, "quantities", lambda: doc.extract_quantities(self.quantity_extractor))
                _stage(doc, "linking", lambda: doc.link(self.linker))
                _stage(doc, "claims", lambda: doc.build_claims(self.claim_builder))
        for doc, (doc_views, own_masks) in zip(docs, views):
            merge_views(doc, doc_views, own_masks)
        return docs


def _stage(doc: Document, name: str, run) -> None:
    try:
        run()
    except Exception as exc:  # noqa: BLE001 - a result with a warning beats no result
        doc.warnings.append(f"{name} stage failed: {type(exc).__name__}: {exc}")


def make_document(text, lang=None, published=None, source=None, title=None) -> Document:
    """Check the public arguments and build a Document (TypeError/ValueError when wrong)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, got {type(text).__name__}"
                        + (" (decode bytes first, or pass a pathlib.Path to extract_many)"
                           if isinstance(text, (bytes, bytearray)) else ""))
    if lang not in LANG_CHOICES:
        raise ValueError(f"lang must be one of 'en', 'ru', 'kk', 'auto' or None, got {lang!r}")
    if source is not None and not isinstance(source, str):
        raise TypeError(f"source must be str or None, got {type(source).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be str or None, got {type(title).__name__}")
    # Lone surrogates (from broken decoders) cannot be written as UTF-8 JSON later.
    text = text.encode("utf-8", "replace").decode("utf-8")
    return Document(text=text, lang=None if lang in (None, "auto") else lang,
                    published=normalise_published(published), source=source, title=title)


def normalise_published(published) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date().isoformat()
    if isinstance(published, dt.date):
        return published.isoformat()
    if not isinstance(published, str):
        raise TypeError(f"published must be an ISO date string, date or None, got {type(published).__name__}")
    try:
        return dt.date.fromisoformat(published.strip()[:10]).isoformat()
    except ValueError:
        raise ValueError(f"published must be an ISO date like 2024-12-24, got {published!r}") from None


# --- module-level helpers behind edunews_nlp.extract / extract_many ----------------------
_pipelines: dict[tuple, Pipeline] = {}


def default_pipeline(ner_backend: str = "default", ner_model: str | None = None,
                     allow_pickle: bool = False) -> Pipeline:
    """One shared Pipeline per backend configuration in this process (models load once)."""
    key = (ner_backend, ner_model, allow_pickle)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(ner_backend=ner_backend, ner_model=ner_model, allow_pickle=allow_pickle)
    return _pipelines[key]


def iter_documents(items: Iterable) -> Iterator[Document]:
    """Inputs of extract_many as Documents: str = a text; dict = {text, lang?, published?,
    source?, title?}; pathlib.Path = a file (one Document per article in it)."""
    for item in items:
        if isinstance(item, pathlib.Path):
            from .ingest import read_articles

            for article in read_articles(item):
                doc = make_document(article.text, None, article.published, article.source or str(item),
                                    article.title)
                doc.warnings.extend(article.warnings)
                yield doc
        elif isinstance(item, dict):
            if "text" not in item:
                raise ValueError("a dict input needs a 'text' field")
            yield make_document(item["text"], item.get("lang"), item.get("published"), item.get("source"),
                                item.get("title"))
        else:
            yield make_document(item)


# Worker processes build their own Pipeline once (models load once per worker; under fork
# they share the parent's loaded models) and run whole batches, so the NER stays batched.
def _worker_run(task: tuple[list[Document], tuple]) -> list[Document]:
    docs, config = task
    return list(default_pipeline(*config).pipe(docs, batch_size=len(docs)))


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def worker_pool(processes: int):
    """A multiprocessing pool whose workers fork from this process (models already loaded,
    shared copy-on-write; spawn where fork does not exist). Each worker freezes what it
    inherited out of the garbage collector's reach: the models' hundred thousand objects
    are never garbage, and every full collection walked them again."""
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    return context.Pool(processes, initializer=gc.freeze)


def run_parallel(docs: Iterable[Document], n_process: int, config: tuple = ("default", None, False),
                 batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[Document]:
    """The Documents analysed by `n_process` worker processes, in input order."""
    with worker_pool(n_process) as pool:
        for batch in pool.imap(_worker_run, ((batch, config) for batch in _batches(docs, batch_size))):
            yield from batch
