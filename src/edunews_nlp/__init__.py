"""edunews_nlp: structured, checkable claims from English and Russian news about education
in Kazakhstan. See SPEC (docs/spec.md) for the public contract.

    import edunews_nlp
    doc = edunews_nlp.extract(text)
    doc.to_dict()
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .document import Claim, Document, Entity, Quantity, Sentence, TimeSpan, Token
from .output import read_output
from .pipeline import Pipeline, default_pipeline, iter_documents, run_parallel
from .tables import claims_table, iter_frames, to_frame, to_frames
from . import render  # noqa: F401  (registers Document.to_html and to_displacy; tables registers to_frame)

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "Pipeline", "Document", "Entity", "Quantity", "Claim",
           "TimeSpan", "Sentence", "Token", "to_frame", "to_frames", "iter_frames", "claims_table", "read_output",
           "__version__"]


def extract(text: str, lang: str | None = None, published=None, source: str | None = None, *,
            ner_backend: str = "default", ner_model: str | None = None, allow_pickle: bool = False) -> Document:
    """Analyse one text. Never raises on str input; wrong argument types raise
    TypeError/ValueError. `lang` None/"auto" detects; `published` is an ISO date.
    `ner_backend` "stanza"/"transformers" with `ner_model`, a local model directory,
    replaces the default statistical NER (docs/backends.md)."""
    return default_pipeline(ner_backend, ner_model, allow_pickle)(text, lang=lang, published=published,
                                                                  source=source)


def extract_many(texts_or_paths: Iterable, n_process: int = 1, batch_size: int = 16, *,
                 ner_backend: str = "default", ner_model: str | None = None,
                 allow_pickle: bool = False) -> Iterator[Document]:
    """Analyse many inputs, streaming, in order. Items: str (a text), dict ({"text", "lang",
    "published", "source", "title"}) or pathlib.Path (a file; one Document per article it
    holds). `n_process` > 1 uses worker processes, each loading the models once."""
    if not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a positive int, got {n_process!r}")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    pipeline = default_pipeline(ner_backend, ner_model, allow_pickle)  # checks the backend now
    docs = iter_documents(texts_or_paths)
    if n_process == 1:
        return pipeline.pipe(docs, batch_size=batch_size)
    return run_parallel(docs, n_process, (ner_backend, ner_model, allow_pickle), batch_size)
