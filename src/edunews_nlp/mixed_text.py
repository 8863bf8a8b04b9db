"""Texts in several languages, analysed part by part.

An article with an English part and a Russian part (a bilingual press release, a Russian
quote block in an English report, a Kazakh article quoting a Russian paragraph) is analysed
once per language: the Document itself in its main language, and one *view* per further
language — the same text, with the same offsets, in which every part of another language
is masked. The views' entities, quantities, claims, sentences and tokens are then merged
back into the Document, so each part is analysed by its own language's models and rules.
"""

from __future__ import annotations

from .document import Document
from .language import ANALYSED_LANGUAGES


def split_views(doc: Document) -> tuple[list[Document], list[tuple[int, int]]]:
    """One view per further analysed language of `doc`, and `doc`'s own masks: the other
    languages' parts are masked in `doc` for the time of the analysis (`merge_views` puts
    the own masks back)."""
    own_masks = list(doc.masked)
    langs = {part.lang for part in doc.languages}
    if len(langs) < 2:
        return [], own_masks
    views = []
    for lang in sorted(langs - {doc.lang}):
        if lang not in ANALYSED_LANGUAGES:
            continue
        view = Document(text=doc.text, lang=lang, lang_confidence=doc.lang_confidence, source=doc.source,
                        published=doc.published, title=doc.title, masked=list(doc.masked),
                        languages=[part for part in doc.languages if part.lang == lang])
        for part in doc.languages:
            if part.lang != lang:
                view.mask(part.start, part.end)
        views.append(view)
    for part in doc.languages:
        if part.lang != doc.lang:
            doc.mask(part.start, part.end)
    return views, own_masks


def merge_views(doc: Document, views: list[Document], own_masks: list[tuple[int, int]]) -> None:
    """Take the views' results into `doc`, in text order, and put its own masks back."""
    if doc.masked != own_masks:
        doc.masked = own_masks
        doc._analysis_text = None  # noqa: SLF001 - the masks changed
    for view in views:
        _merge_quantities_and_claims(doc, view)
        doc.entities = sorted(doc.entities + view.entities, key=lambda e: (e.start, e.end))
        doc.sentences = sorted(doc.sentences + view.sentences, key=lambda s: s.start)
        doc.tokens = _merged_tokens(doc.tokens, view.tokens)
        doc.model_spans = sorted(doc.model_spans + view.model_spans, key=lambda s: s.start)
        doc.warnings.extend(w for w in view.warnings if w not in doc.warnings)


def _merge_quantities_and_claims(doc: Document, view: Document) -> None:
    claims_of: dict[int, list] = {}
    for source, offset in ((doc, 0), (view, len(doc.quantities))):
        for claim in source.claims:
            claims_of.setdefault(claim.quantity + offset, []).append(claim)
    quantities = doc.quantities + view.quantities
    order = sorted(range(len(quantities)), key=lambda i: (quantities[i].start, quantities[i].end))
    doc.quantities = [quantities[i] for i in order]
    doc.claims = []
    for new_index, old_index in enumerate(order):
        for claim in claims_of.get(old_index, []):
            claim.quantity = new_index
            doc.claims.append(claim)


def _merged_tokens(first: list, second: list) -> list:
    """Both token lists in text order, each syntactic head pointing at its new index."""
    tokens = [(token, 0) for token in first] + [(token, len(first)) for token in second]
    order = sorted(range(len(tokens)), key=lambda i: tokens[i][0].start)
    new_index = {old: new for new, old in enumerate(order)}
    merged = []
    for old in order:
        token, offset = tokens[old]
        if token.head is not None:
            token.head = new_index[token.head + offset]
        merged.append(token)
    return merged
