"""Language identification: per part of the text, and for the whole (en, ru, kk).

Every line of the text is a block; a block's language is decided by its script — Cyrillic
or Latin letters — and, within a script, by the letters only Kazakh has (Cyrillic
«әғқңөұүһі», the Latin alphabet's «á ǵ ı ń ó ú ý ...»). Short blocks (a name, a date) take
their neighbours' language. Consecutive blocks of one language form a `LanguageSpan`;
masked site boilerplate belongs to no span. `doc.lang` is the language of most letters.

lingua (restricted to en/ru/kk) gives the confidence of the whole-text decision; it was
chosen over langid after measuring both (docs/language.md). lingua alone takes Latin-script
Kazakh for English with confidence 1.0, which is why the script decides first.
"""

from __future__ import annotations

from functools import cached_property

import regex

from .document import Document, LanguageSpan

ANALYSED_LANGUAGES = ("en", "ru", "kk")
# Long texts are identified from a sample: enough for a confident decision, bounded cost. A
# short sample first (half the time); the long one only when lingua is unsure of the short.
SAMPLE_CHARS = 3000
QUICK_SAMPLE_CHARS = 300
CONFIDENT = 0.9
# A block with fewer letters (a name, a date line, "Photo: …") is not judged on its own.
MIN_BLOCK_LETTERS = 40
LINE_SAMPLE_CHARS = 400
_LETTERS = regex.compile(r"\p{L}+")
_BLOCK = regex.compile(r"[^\n]*\S[^\n]*")
_CYRILLIC_WORD = regex.compile(r"\p{Cyrillic}+")
_LATIN_WORD = regex.compile(r"\p{Latin}+")
_KAZAKH_ONLY_LETTERS = regex.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# A quoted name («Біртұтас тәрбие», "Jasyl el") says nothing of the language around it.
_QUOTED = regex.compile(r"«[^«»\n]{1,80}»|“[^“”\n]{1,80}”|\"[^\"\n]{1,80}\"")
# Kazakh in the Latin alphabet: the 2018 letters with acute accents (á ǵ ı ń ó ú ý) and the
# 2021 ones (ä ğ ñ ö ū ü ş). English news has such letters only in a few foreign names.
_KAZAKH_LATIN_LETTERS = regex.compile(r"[áǵıńóúýäğñöūüşÁǴŃÓÚÝÄĞÑÖŪÜŞİ]")
# Kazakh prose has a Kazakh-only letter in roughly a third of its words; Russian news
# quoting a Kazakh name («Біртұтас тәрбие») has a few such words, which alone make lingua
# answer "kk". Below this share those words are left out of the decision.
KAZAKH_WORD_SHARE = 0.15


class LanguageDetector:
    """Callable stage: sets `doc.languages`, `doc.lang` and `doc.lang_confidence`.

    A language given by the caller (`doc.lang` already set) is kept for the whole text; a
    warning says so when the text reads as another language."""

    def __init__(self, languages: tuple[str, ...] = ("en", "ru", "kk")):
        self.languages = languages

    @cached_property
    def _lingua(self):
        from lingua import Language, LanguageDetectorBuilder

        by_code = {"en": Language.ENGLISH, "ru": Language.RUSSIAN, "kk": Language.KAZAKH}
        detector = LanguageDetectorBuilder.from_languages(*(by_code[c] for c in self.languages)).build()
        return detector, {lang: code for code, lang in by_code.items()}

    def detect(self, text: str) -> tuple[str, float]:
        """Return (code, confidence) for the whole text; "und" with confidence 0 when there
        is nothing to judge."""
        parts = language_parts(text)
        if not parts:
            return "und", 0.0
        return self._confidence(text, parts)

    def _confidence(self, text: str, parts: list[LanguageSpan]) -> tuple[str, float]:
        code = majority(parts)
        words = " ".join(text.split())
        if len(words) > QUICK_SAMPLE_CHARS:
            lingua_code, confidence = self._detect_sample(_sample(words, QUICK_SAMPLE_CHARS))
            if lingua_code == code and confidence >= CONFIDENT:
                return code, confidence
        lingua_code, confidence = self._detect_sample(_sample(words, SAMPLE_CHARS))
        if lingua_code == code:
            return code, confidence
        # lingua disagrees with the script (Latin Kazakh, mixed text): the share of the
        # text that the script puts in `code` is the confidence.
        return code, _share(parts, code)

    def _detect_sample(self, sample: str) -> tuple[str, float]:
        sample = _without_quoted_kazakh(sample)
        if _letters(sample) < 3:
            return "und", 0.0
        detector, code_of = self._lingua
        values = detector.compute_language_confidence_values(sample)
        if not values:
            return "und", 0.0
        best = values[0]
        return code_of[best.language], float(best.value)

    def __call__(self, doc: Document) -> None:
        text = doc.analysis_text
        parts = language_parts(text, doc.is_masked)
        if doc.lang is None:
            doc.lang, doc.lang_confidence = self._confidence(text, parts) if parts else ("und", 0.0)
            doc.languages = parts
        else:
            if doc.lang_confidence is None:
                doc.lang_confidence = 1.0  # given by the caller
            detected = majority(parts) if parts else "und"
            if detected not in ("und", doc.lang):
                doc.warnings.append(f"language: analysed as {doc.lang!r} as asked, but the text reads as {detected!r}")
            doc.languages = _stretches([(p.start, p.end, doc.lang) for p in parts], doc.is_masked)
        mixed = len({part.lang for part in doc.languages}) > 1
        if doc.lang == "und":
            doc.warnings.append("language could not be determined: text has too few letters")
        elif doc.lang not in ANALYSED_LANGUAGES and not mixed:
            doc.warnings.append(f"language is {doc.lang!r}: only English, Russian and Kazakh are analysed")
        for part in doc.languages if mixed else ():
            if part.lang not in ANALYSED_LANGUAGES:
                doc.warnings.append(f"language: characters {part.start}-{part.end} are {part.lang!r}, "
                                    f"not analysed (only English, Russian and Kazakh are)")


def block_language(text: str) -> str | None:
    """The language of one block of text by its letters, or None with too few letters."""
    unquoted = _QUOTED.sub(" ", text)
    if len(unquoted.split()) >= 3:  # a line that is all quotation is judged as written
        text = unquoted
    cyrillic, latin = _count(_CYRILLIC_WORD, text), _count(_LATIN_WORD, text)
    if cyrillic + latin == 0:
        return None
    word_pattern, kazakh_letters, other = (_CYRILLIC_WORD, _KAZAKH_ONLY_LETTERS, "ru") if cyrillic >= latin \
        else (_LATIN_WORD, _KAZAKH_LATIN_LETTERS, "en")
    if kazakh_letters.search(text) is None:  # most lines: no word to look at
        return other
    words = word_pattern.findall(text)
    kazakh = sum(1 for word in words if kazakh_letters.search(word))
    return "kk" if words and kazakh >= KAZAKH_WORD_SHARE * len(words) else other


def language_parts(text: str, is_masked=None) -> list[LanguageSpan]:
    """The text as stretches of one language. Lines are judged one by one; a line of few
    letters takes the language of the line before it (of the next, at the start); masked
    text between two lines (`is_masked(start, end)`, e.g. `Document.is_masked`) ends a
    stretch: boilerplate belongs to no stretch."""
    blocks = [(m.start(), m.end(), m.group()) for m in _BLOCK.finditer(text)]
    if not blocks:
        return []
    # A line's first LINE_SAMPLE_CHARS decide its language: a long paragraph does not change
    # language in its middle (a quoted sentence of another language is its own line or kept).
    samples = [block[:LINE_SAMPLE_CHARS] for *_, block in blocks]
    judged = [block_language(sample) if _letters(sample) >= MIN_BLOCK_LETTERS else None for sample in samples]
    if not any(judged):  # only short lines: judge the text as one block
        whole = block_language(text) if _letters(text) >= 3 else None
        if whole is None:
            return []
        judged = [whole] * len(blocks)
    return _stretches([(start, end, lang) for (start, end, _), lang in zip(blocks, _filled(judged))], is_masked)


def _stretches(blocks: list[tuple[int, int, str]], is_masked) -> list[LanguageSpan]:
    """Consecutive blocks of one language as one span, unless masked text lies between."""
    parts: list[LanguageSpan] = []
    for start, end, lang in blocks:
        previous = parts[-1] if parts else None
        if previous and previous.lang == lang and not (is_masked and is_masked(previous.end, start)):
            previous.end = end
        else:
            parts.append(LanguageSpan(lang, start, end))
    return parts


def majority(parts: list[LanguageSpan]) -> str:
    """The language of most of the text (by characters)."""
    lengths = _lengths(parts)
    return max(lengths, key=lengths.get)


def _lengths(parts: list[LanguageSpan]) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for part in parts:
        lengths[part.lang] = lengths.get(part.lang, 0) + part.end - part.start
    return lengths


def _filled(judged: list[str | None]) -> list[str]:
    langs: list[str] = []
    last = next(lang for lang in judged if lang)
    for lang in judged:
        last = lang or last
        langs.append(last)
    return langs


def _letters(text: str) -> int:
    return _count(_LETTERS, text)


def _count(runs: regex.Pattern, text: str) -> int:
    """Letters matched by `runs` (a pattern of letter runs): one match per run, not per letter."""
    return sum(end - start for start, end in (m.span() for m in runs.finditer(text)))


def _share(parts: list[LanguageSpan], code: str) -> float:
    lengths = _lengths(parts)
    total = sum(lengths.values())
    return round(lengths.get(code, 0) / total, 4) if total else 0.0


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
