"""Language identification restricted to English, Russian and Kazakh (lingua, offline).

lingua was chosen over langid after measuring both (docs/language.md): equal on articles
and sentences, but lingua also got every short Kazakh sentence right.
"""

from __future__ import annotations

from functools import cached_property

import regex

from .document import Document, LanguageSpan

ANALYSED_LANGUAGES = ("en", "ru")
# Long texts are identified from a sample: enough for a confident decision, bounded cost. A
# short sample first (half the time); the long one only when lingua is unsure of the short.
SAMPLE_CHARS = 3000
QUICK_SAMPLE_CHARS = 300
CONFIDENT = 0.9
_LETTER = regex.compile(r"\p{L}")
_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+")
_KAZAKH_ONLY_LETTERS = regex.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Kazakh prose has a Kazakh-only letter in roughly a third of its words; Russian news
# quoting a Kazakh name («Біртұтас тәрбие») has a few such words, which alone make lingua
# answer "kk". Below this share those words are left out of the decision.
KAZAKH_WORD_SHARE = 0.15


class LanguageDetector:
    """Callable stage: sets `doc.lang` and `doc.lang_confidence` (unless already set)."""

    def __init__(self, languages: tuple[str, ...] = ("en", "ru", "kk")):
        self.languages = languages

    @cached_property
    def _lingua(self):
        from lingua import Language, LanguageDetectorBuilder

        by_code = {"en": Language.ENGLISH, "ru": Language.RUSSIAN, "kk": Language.KAZAKH}
        detector = LanguageDetectorBuilder.from_languages(*(by_code[c] for c in self.languages)).build()
        return detector, {lang: code for code, lang in by_code.items()}

    def detect(self, text: str) -> tuple[str, float]:
        """Return (code, confidence); "und" with confidence 0 when there is nothing to judge."""
        words = " ".join(text.split())
        if len(words) > QUICK_SAMPLE_CHARS:
            code, confidence = self._detect_sample(_sample(words, QUICK_SAMPLE_CHARS))
            if confidence >= CONFIDENT:
                return code, confidence
        return self._detect_sample(_sample(words, SAMPLE_CHARS))

    def _detect_sample(self, sample: str) -> tuple[str, float]:
        sample = _without_quoted_kazakh(sample)
        if len(_LETTER.findall(sample)) < 3:
            return "und", 0.0
        detector, code_of = self._lingua
        values = detector.compute_language_confidence_values(sample)
        if not values:
            return "und", 0.0
        best = values[0]
        return code_of[best.language], float(best.value)

    def __call__(self, doc: Document) -> None:
        if doc.lang is None:
            doc.lang, doc.lang_confidence = self.detect(doc.analysis_text)
        elif doc.lang_confidence is None:
            doc.lang_confidence = 1.0  # given by the caller
        if not doc.languages and doc.text:
            doc.languages = [LanguageSpan(doc.lang, 0, len(doc.text))]
        if doc.lang == "kk":
            doc.warnings.append("language is Kazakh (kk): only English and Russian are analysed")
        elif doc.lang == "und":
            doc.warnings.append("language could not be determined: text has too few letters")
        elif doc.lang not in ANALYSED_LANGUAGES:
            doc.warnings.append(f"language {doc.lang!r} is not analysed (only en and ru)")


def _without_quoted_kazakh(sample: str) -> str:
    words = _CYRILLIC_WORD.findall(sample)
    kazakh = [w for w in words if _KAZAKH_ONLY_LETTERS.search(w)]
    if not kazakh or len(kazakh) >= KAZAKH_WORD_SHARE * len(words):
        return sample
    return _CYRILLIC_WORD.sub(lambda m: "" if _KAZAKH_ONLY_LETTERS.search(m.group()) else m.group(), sample)


def _sample(words: str, size: int) -> str:
    """At most `size` chars from the middle part of the text (whitespace already collapsed)."""
    if len(words) <= size:
        return words
    middle = len(words) // 2
    return words[max(0, middle - size // 2): middle + size // 2]
