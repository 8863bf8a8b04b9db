"""Kazakh analysis: sentences, tokens, lemmas by suffix rules, and the Kazakh NER's spans.

    from edunews_nlp.kazakh import kazakh_lemma, kazakh_word_key
    kazakh_lemma("облысындағы")   # "облыс"
    kazakh_lemma("мектептерге")   # "мектеп"
    kazakh_word_key("Túrkistan")  # "түркістан": Latin-script Kazakh is keyed in Cyrillic

The analyser registered for "kk" (segment.ANALYSERS) splits sentences and tokens with razdel
(on KazNERD sentences laid end to end it finds the sentence ends better than spaCy's
sentencizer over the model's tokenizer: F1 0.999 against 0.954, docs/kazakh.md), gives each
token its lemma by the ordered suffix rules of data/kk_suffixes.yaml, and writes the spans of
the Kazakh NER (kazakh_ner.py, KazNERD's classes, POSITION included) as `model_spans`; the
entities stage maps them with ner_labels.yaml. Latin-script Kazakh (the 2018 alphabet) is
analysed in its Cyrillic form (kazakh_latin.py) and every span is mapped back to the text as
given.

Word keys (knowledge.word_key_for("kk")) are these lemmas, lower case, in Cyrillic: the KB's
Kazakh names and the text meet on them (Түркістан облысы = Түркістан облысындағы).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

import regex

from . import datafiles
from .document import Document, Token
from .kazakh_latin import is_latin_kazakh, map_span, to_cyrillic
from .segment import CHUNK_CHARS, Analyser, ModelSpan, add_sentences, register, tokenize_ru

_LATIN = regex.compile(r"\p{Latin}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_LETTER = regex.compile(r"\p{L}")
_DIGIT = regex.compile(r"\d")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-’'][\p{L}\p{N}]+)*")
# Latin letters that look like Cyrillic ones inside a Cyrillic word («Бiртұтас» typed with a Latin i).
_LATIN_TO_CYRILLIC = str.maketrans("aceiopxyAСEIOPXY", "асеіорхуАСЕІОРХУ")
_VOICELESS = set("кқпстфхцчшщв")  # в too: Тоқаевтың, Назарбаевқа
_VOICELESS_START = set("тқкп")
_VOICED_START = set("дғгб")


@dataclass(frozen=True)
class SuffixRules:
    min_stem: int
    layers: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (name, suffixes, after_possessive)
    possessive_layer: str
    bare_possessive: frozenset[str]
    not_possessive: tuple[str, ...]
    alternation: dict
    vowels: frozenset[str]
    stems: frozenset[str]


@lru_cache(maxsize=1)
def suffix_rules() -> SuffixRules:
    data = datafiles.load("kk_suffixes.yaml")
    layers = tuple((layer["name"], tuple(sorted(layer["suffixes"], key=len, reverse=True)),
                    tuple(sorted(layer.get("after_possessive") or (), key=len, reverse=True)))
                   for layer in data["layers"])
    return SuffixRules(int(data["min_stem"]), layers, data["possessive_layer"], frozenset(data["bare_possessive"]),
                       tuple(data["not_possessive"]), dict(data["alternation"]), frozenset(data["vowels"]),
                       frozenset(w.lower() for w in data["stems"]))


@lru_cache(maxsize=1)
def known_names() -> frozenset[str]:
    """Capitalised Cyrillic words of the KB's place names, lower case: «Қызылорда» and
    «Павлодар» end like a case or plural suffix but are whole names. (Places only: the names
    of bodies hold inflected words, «Қазақстан Республикасының».)"""
    words = set()
    for name in ("places.yaml",):
        for raw in datafiles.load(name) or []:
            for field in ("kk", "ru"):
                for word in _WORD.findall(str(raw.get(field) or "")):
                    if word[:1].isupper() and _CYRILLIC.search(word):
                        words.add(word.lower())
            for alias in raw.get("aliases") or []:
                for word in _WORD.findall(str(alias)):
                    if word[:1].isupper() and _CYRILLIC.search(word):
                        words.add(word.lower())
    return frozenset(words)


def _sounds_right(stem: str, suffix: str, rules: SuffixRules) -> bool:
    """Sound harmony between the stem's last letter and the suffix's first one."""
    last, first = stem[-1], suffix[0]
    if first in _VOICELESS_START:
        return last in _VOICELESS
    if first in _VOICED_START:
        return last not in _VOICELESS
    if suffix in ("сы", "сі"):
        return last in rules.vowels
    if suffix in ("ғы", "гі", "қы", "кі"):
        return last not in rules.vowels  # жыл-ғы; шаруашылы-ғы is шаруашылық + possessive
    if suffix in ("ы", "і"):
        return last not in rules.vowels
    return True


def _unalternated(stem: str, suffix: str, rules: SuffixRules) -> str:
    if suffix[0] in rules.vowels and stem[-1] in rules.alternation:
        return stem[:-1] + rules.alternation[stem[-1]]
    return stem


@lru_cache(maxsize=200_000)
def kazakh_lemma(word: str) -> str:
    """The dictionary form of a Kazakh word (lower case) by the suffix rules; a word the rules
    do not reduce is returned lower-cased. Of the readings the layers allow, the first that
    ends on a known stem (or, for a capitalised word, a KB name) is taken, else the one that
    strips the most from the outside in."""
    rules = suffix_rules()
    lower = word.lower()
    if not _CYRILLIC.search(lower):
        return lower
    capitalised = word[:1].isupper()
    known = rules.stems | known_names() if capitalised else rules.stems
    readings = list(_readings(lower, 0, False, rules, capitalised, known))
    return next((r for r in readings if r in known), readings[0])


def _readings(form: str, layer: int, possessive_needed: bool, rules: SuffixRules, capitalised: bool, known):
    """Lemmas of `form` from layer `layer` on, most stripped first."""
    if layer == len(rules.layers) or form in known:
        yield form
        return
    name, suffixes, after_possessive = rules.layers[layer]
    if name == rules.possessive_layer:
        for suffix in suffixes:
            stem = form[:-len(suffix)]
            if form.endswith(suffix) and _possessive_fits(form, stem, suffix, rules, capitalised, possessive_needed,
                                                          known):
                yield from _readings(_unalternated(stem, suffix, rules), layer + 1, False, rules, capitalised, known)
        if not possessive_needed:
            yield from _readings(form, layer + 1, False, rules, capitalised, known)
        return
    if possessive_needed:  # a pronominal-н ending was stripped: only the possessive may come next
        yield from _readings(form, layer + 1, True, rules, capitalised, known)
        return
    for suffix in after_possessive:
        stem = form[:-len(suffix)]
        # a bare -н (accusative after a possessive: облысын) not on names: «Серпін»
        if form.endswith(suffix) and len(stem) > rules.min_stem and stem[-1] in "ыі" \
                and not (suffix == "н" and capitalised):
            yield from _readings(stem, layer + 1, True, rules, capitalised, known)
    for suffix in suffixes:
        stem = form[:-len(suffix)]
        if form.endswith(suffix) and (len(stem) >= rules.min_stem or stem in known) \
                and _sounds_right(stem, suffix, rules):
            yield from _readings(_unalternated(stem, suffix, rules), layer + 1, False, rules, capitalised, known)
    yield from _readings(form, layer + 1, False, rules, capitalised, known)


def _possessive_fits(form: str, stem: str, suffix: str, rules: SuffixRules, capitalised: bool, needed: bool,
                     known) -> bool:
    """The possessive layer: after a pronominal-н case ending it must be there (облыс-ы-нда);
    a bare one only on lower-case words and not on the endings of agent nouns and adjectives
    (оқушы, сапалы), unless that gives a known stem."""
    if not stem or not _sounds_right(stem, suffix, rules):
        return False
    if _unalternated(stem, suffix, rules) in known:
        return True
    if len(stem) < rules.min_stem - (1 if needed else 0):
        return False
    if suffix in ("сы", "сі") and stem[-1] in "ыі" and not stem.endswith(("шы", "ші")):
        return False  # облы-сы: a stem ending in ы/і is rarer than облыс-ы (but басшы-сы)
    if needed:
        return True
    return not (suffix in rules.bare_possessive and (capitalised or form.endswith(rules.not_possessive)))


@lru_cache(maxsize=200_000)
def kazakh_word_key(word: str) -> str:
    """The comparable form of a Kazakh word: Cyrillic (Latin-script Kazakh transliterated,
    Latin look-alikes inside a Cyrillic word mapped back), its lemma, lower case."""
    word = word.replace("ё", "е").replace("Ё", "Е").replace("’", "'")
    if _LATIN.search(word):
        word = word.translate(_LATIN_TO_CYRILLIC) if _CYRILLIC.search(word) else to_cyrillic(word)[0]
    return kazakh_lemma(word)


@lru_cache(maxsize=200_000)
def kazakh_word_form(word: str) -> str:
    """The word as written, lower case and in Cyrillic, not lemmatised: the inflected form
    that a tense or mood ending is read from (claims' `future_forms`)."""
    word = word.replace("ё", "е").replace("Ё", "Е").replace("’", "'")
    if _LATIN.search(word):
        word = word.translate(_LATIN_TO_CYRILLIC) if _CYRILLIC.search(word) else to_cyrillic(word)[0]
    return word.lower()


def kazakh_pos(word: str) -> str:
    """A coarse part of speech: PUNCT, NUM, PROPN (capitalised) or X."""
    if not _LETTER.search(word):
        return "NUM" if _DIGIT.search(word) else "PUNCT"
    return "PROPN" if word[:1].isupper() else "X"


@register("kk")
class KazakhAnalyser(Analyser):
    """razdel sentences and tokens, suffix-rule lemmas, the Kazakh NER's spans (kazakh_ner)."""

    lang = "kk"

    @cached_property
    def ner(self):
        from .kazakh_ner import KazakhNER

        return KazakhNER()

    def _analyse_chunk(self, text: str, offset: int, doc: Document) -> None:
        cyrillic, offsets = _as_cyrillic(text)
        self._segment(cyrillic, offsets, offset, doc)
        self._add_spans(self.ner.cyrillic_spans(cyrillic, offsets), offset, doc)

    def pipe(self, docs: list[Document], batch_size: int = 16) -> None:
        """Many short documents: the NER tags them in batches (`nlp.pipe`), a third less
        time per document than one call each; long ones fall back to chunks."""
        short = [d for d in docs if len(d.analysis_text) <= CHUNK_CHARS]
        for d in docs:
            if len(d.analysis_text) > CHUNK_CHARS:
                self(d)
        prepared = [_as_cyrillic(d.analysis_text) for d in short]
        tagged = self.ner.cyrillic_spans_many(prepared, batch_size=batch_size)
        for d, (cyrillic, offsets), spans in zip(short, prepared, tagged):
            d.sentences, d.tokens, d.model_spans = [], [], []
            self._segment(cyrillic, offsets, 0, d)
            self._add_spans(spans, 0, d)

    @staticmethod
    def _segment(cyrillic: str, offsets: list[int] | None, offset: int, doc: Document) -> None:
        from razdel import sentenize

        def span(start, end):
            return (offset + start, offset + end) if offsets is None else \
                tuple(offset + at for at in map_span(offsets, start, end))

        for sent in sentenize(cyrillic) if cyrillic.strip() else []:
            add_sentences(doc, *span(sent.start, sent.stop))
        for tok in tokenize_ru(cyrillic):
            start, end = span(tok.start, tok.stop)
            surface = doc.text[start:end]
            doc.tokens.append(Token(start, end, surface, kazakh_lemma(tok.text) if _LETTER.search(tok.text)
                                    else tok.text, kazakh_pos(tok.text)))

    @staticmethod
    def _add_spans(spans, offset: int, doc: Document) -> None:
        # the model read Latin-script Kazakh in Cyrillic; its spans are on the text as given
        for s in spans:
            doc.model_spans.append(ModelSpan(offset + s.start, offset + s.end, s.label))


def _as_cyrillic(text: str) -> tuple[str, list[int] | None]:
    """Latin-script Kazakh in Cyrillic with the offsets back to `text`; Cyrillic as it is."""
    return to_cyrillic(text) if is_latin_kazakh(text) else (text, None)
