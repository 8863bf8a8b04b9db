"""edunews_nlp as a spaCy pipeline component: `nlp.add_pipe("edunews_nlp")`.

The component runs the whole edunews_nlp pipeline on each Doc's text and puts the result
where spaCy users look: entities (OFFICIAL, PERSON, PLACE, PROGRAMME, ORG) and quantities
(QUANTITY) in `doc.spans["edunews"]`, where they may overlap; the entities in `doc.ents`
too (replacing what an earlier NER set, unless `set_ents` is False); and `doc._.claims`
(the Claim objects, `quantity` indexing `doc._.quantities`), `doc._.edunews` (the whole
edunews_nlp Document). The factory is registered when this module is imported, and
spaCy imports it through the `spacy_factories` entry point of the installed package.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

SPANS_KEY = "edunews"
for _name in ("edunews", "claims", "quantities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class EdunewsComponent:
    def __init__(self, nlp: Language, name: str, lang: str | None, set_ents: bool, batch_size: int):
        # None: detected per text, as a spaCy pipeline's language says nothing of its input
        # ("xx" pipelines, or an English pipeline fed Russian news)
        self.lang = lang
        self.name, self.set_ents, self.batch_size = name, set_ents, batch_size

    def __call__(self, doc: Doc) -> Doc:
        import edunews_nlp

        return self._annotate(doc, edunews_nlp.extract(doc.text, lang=self.lang))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None) -> Iterator[Doc]:
        import edunews_nlp

        docs = list(docs)
        inputs = [{"text": doc.text, "lang": self.lang} for doc in docs]
        for doc, result in zip(docs, edunews_nlp.extract_many(inputs, batch_size=batch_size or self.batch_size)):
            yield self._annotate(doc, result)

    def _annotate(self, doc: Doc, result) -> Doc:
        entities = [_span(doc, e.start, e.end, e.type, e.id) for e in result.entities]
        quantities = [_span(doc, q.start, q.end, "QUANTITY", None) for q in result.quantities]
        doc.spans[SPANS_KEY] = [s for s in entities + quantities if s is not None]
        if self.set_ents:
            # doc.ents cannot overlap: the longest of overlapping entities is kept
            doc.ents = filter_spans([s for s in entities if s is not None])
        doc._.edunews, doc._.claims, doc._.quantities = result, result.claims, result.quantities
        return doc


def _span(doc: Doc, start: int, end: int, label: str, kb_id: str | None) -> Span | None:
    # "expand": our character offsets may end inside a spaCy token ("34" of "34-year")
    return doc.char_span(start, end, label=label, kb_id=kb_id or "", alignment_mode="expand")


@Language.factory("edunews_nlp", default_config={"lang": None, "set_ents": True, "batch_size": 16})
def make_component(nlp: Language, name: str, lang: str | None, set_ents: bool, batch_size: int) -> EdunewsComponent:
    return EdunewsComponent(nlp, name, lang, set_ents, batch_size)
