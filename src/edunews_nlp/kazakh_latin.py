"""Latin-script Kazakh (the 2018 alphabet with acute accents) to Cyrillic, with offsets.

    cyrillic, source_offset = to_cyrillic("Ǵani Beısembaev Túrkistan oblysynda")
    # cyrillic == "Ғани Бейсембаев Түркістан облысында"; source_offset[i] is where the
    # Cyrillic character i came from; source_offset[len(cyrillic)] == len(text)

The Kazakh NER is trained on Cyrillic text (KazNERD), so Latin-script Kazakh is tagged
through its Cyrillic form and the spans are mapped back. Letters of the 2018 alphabet
(Decree 569 as amended in February 2018): á ǵ ı ń ó ú ý y sh ch and the plain Latin ones.
Where the Latin letter stands for two Cyrillic ones the commoner is taken: `ı` -> и (not
й, except after a vowel), `h` -> х (not һ), capital `I` -> І. The 2021 alphabet (ä ğ ñ ş
ū ü ...) is not handled: its u, y and ı mean other letters.
"""

from __future__ import annotations

import re

_LETTERS = {
    "a": "а", "á": "ә", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "ǵ": "ғ",
    "h": "х", "i": "і", "ı": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ń": "ң",
    "o": "о", "ó": "ө", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "ұ", "ú": "ү",
    "v": "в", "w": "у", "x": "кс", "y": "ы", "ý": "у", "z": "з",
}
_DIGRAPHS = {"sh": "ш", "ch": "ч"}
_VOWELS = set("aáeiıoóuúyý")
_LATIN = re.compile(r"[A-Za-zÁáǴǵıŃńÓóÚúÝý]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Letters only the 2018 Latin Kazakh alphabet has; plain English text has none of them.
_KAZAKH_LATIN = re.compile(r"[áǵıńóúýÁǴŃÓÚÝ]")


def is_latin_kazakh(text: str) -> bool:
    """More Latin letters than Cyrillic ones, and some letter only Latin Kazakh has."""
    return len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text)) and bool(_KAZAKH_LATIN.search(text))


def _cased(cyrillic: str, upper: bool) -> str:
    return cyrillic[:1].upper() + cyrillic[1:] if upper else cyrillic


def to_cyrillic(text: str) -> tuple[str, list[int]]:
    """The Cyrillic text and, for each of its characters (and its end), the offset in text
    of the Latin character(s) it was made from. Non-letters are copied as they are."""
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2].lower()
        char = text[i]
        lower = char.lower() if char != "I" else "i"  # capital I is І; ı has no capital of its own
        if pair in _DIGRAPHS:
            piece, width = _cased(_DIGRAPHS[pair], char.isupper()), 2
        elif lower == "ı" and i > 0 and text[i - 1].lower() in _VOWELS:
            piece, width = "й", 1  # ı after a vowel is the consonant: Beısembaev -> Бейсембаев
        elif lower in _LETTERS:
            piece, width = _cased(_LETTERS[lower], char.isupper()), 1
        else:
            piece, width = char, 1
        out.append(piece)
        offsets += [i] * len(piece)
        i += width
    offsets.append(len(text))
    return "".join(out), offsets


def map_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """A (start, end) span of the Cyrillic text as a span of the Latin text."""
    return offsets[start], offsets[end] if end < len(offsets) else offsets[-1]
