"""Texts for the benchmarks: the shared dev articles and the team's corpora.

English: the dev set's en_*.txt articles (../shared/dev/articles). Russian: ru_*.txt of
corpora/train and corpora/test, and the dev set's ru_*.txt. `repeat_to(texts, chars)`
cycles a list of articles until it holds about that many characters (each article stays a
separate text). `synthetic_folder` writes a folder of many files mixed from all of them.
"""

from __future__ import annotations

import pathlib
import random

REPO = pathlib.Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "dev" / "articles"
CORPORA = REPO / "corpora"

# One short text per language that reaches every lazily loaded model and table (a numbered
# school wakes the domain NER, a written date header dateparser, a figure between two places
# natasha's syntax parser), so that "import+load" holds all the loading.
WARM_UP = {"en": "Date: December 24, 2024\nThe akimat of Almaty opened 3 new schools with 1,500 places for 2.5 billion tenge in 2024. "
                 "Minister Gani Beisembayev visited school No. 34 on 5 June.",
           "ru": "Дата: 21 ноября 2024\nВ Шымкенте и Туркестанской области построили 3 новых школы на 2 500 мест, "
                 "выделено 3,5 млрд тенге в 2024 году. Министр Гани Бейсембаев посетил школу № 44 5 июня.",
           "kk": "Күні: 21.11.2024\nТүркістан облысында 3 жаңа мектеп салынды, оған 3,5 млрд теңге бөлінді. "
                 "Министр Ғани Бейсембаев 5 маусымда № 44 мектепке барды."}


def _read(paths) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(paths)]


def english_texts() -> list[str]:
    texts = _read(DEV.glob("en_*.txt"))
    if not texts:  # no shared dev set: the team's own English articles
        texts = _read(CORPORA.glob("*/en_*.txt"))
    return texts


def russian_texts() -> list[str]:
    return _read(list(CORPORA.glob("train/ru_*.txt")) + list(CORPORA.glob("test/ru_*.txt"))) + _read(DEV.glob("ru_*.txt"))


def kazakh_texts() -> list[str]:
    """The team's Kazakh articles (corpora/train and the held-out split, Cyrillic and Latin):
    read here for their speed only."""
    return _read(list(CORPORA.glob("train/kk_*.txt")) + list(CORPORA.glob("heldout/kk_*.txt")))


def texts_of(lang: str) -> list[str]:
    return {"en": english_texts, "ru": russian_texts, "kk": kazakh_texts}[lang]()


def all_texts() -> list[str]:
    """Every article of the corpora (train, test, sample) and the dev set, both languages."""
    return _read(list(CORPORA.glob("*/*.txt")) + list(DEV.glob("*.txt")))


def repeat_to(texts: list[str], chars: int) -> list[str]:
    """The articles cycled until they hold at least `chars` characters (at least one pass)."""
    out: list[str] = []
    total = 0
    while texts and (total < chars or len(out) < len(texts)):
        text = texts[len(out) % len(texts)]
        out.append(text)
        total += len(text)
    return out


def synthetic_folder(folder: pathlib.Path, files: int, seed: int = 0) -> int:
    """Write `files` .txt files into `folder`: each one article of the corpora, or two of the
    same language joined (a longer article), chosen at random. Returns the characters written."""
    rng = random.Random(seed)
    texts = all_texts()
    by_lang: dict[str, list[str]] = {}
    for path in sorted(list(CORPORA.glob("*/*.txt")) + list(DEV.glob("*.txt"))):
        by_lang.setdefault(path.name[:2], []).append(path.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for n in range(files):
        first = rng.choice(texts)
        if rng.random() < 0.3:
            lang = "ru" if any("а" <= ch <= "я" for ch in first[:200]) else "en"
            second = rng.choice(by_lang.get(lang) or texts)
            text = first.rstrip() + "\n\n" + second
        else:
            text = first
        (folder / f"doc_{n:05}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars
