"""The knowledge base (package data: places, programmes, organisations, officials) and the
word keys that make an inflected or transliterated mention meet its entry.

A mention and an alias meet when their *keys* are equal: each word lower-cased, Latin
look-alike letters inside Cyrillic words mapped back, Russian words reduced to their
pymorphy3 normal form (Туркестанской области → туркестанский область) and English plurals
to the singular. Person names also get a Latin *skeleton* (Бейсембаев, Beisembayev and
Beysembaev → beisembaev) so that English and Russian spellings share one id.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import regex

from . import datafiles

KB_FILES = ("places.yaml", "programmes.yaml", "organisations.yaml", "officials.yaml")
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[-’'][\p{L}\p{N}]+)*")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_NOT_LATIN = regex.compile(r"[^a-z]")
_REPEATED_LETTER = regex.compile(r"(.)\1+")
_LATIN_TO_CYRILLIC = str.maketrans("aceiopxyAСEIOPXY", "асеіорхуАСЕІОРХУ")
_ENGLISH_PLURAL_EXCEPTIONS = ("ss", "us", "is", "ys", "as", "os")
# The alias index (a pymorphy3 key for every alias) is cached in the user's cache folder:
# `$EDUNEWS_NLP_CACHE` when set (empty: no cache), else $XDG_CACHE_HOME or ~/.cache.
CACHE_ENV = "EDUNEWS_NLP_CACHE"
_KB_CACHE_FORMAT = 1


@dataclass
class KBEntry:
    id: str
    type: str
    kind: str | None = None
    en: str | None = None
    ru: str | None = None
    kk: str | None = None
    aliases: list[str] = field(default_factory=list)
    iso: str | None = None
    parent: str | None = None
    role_en: str | None = None
    role_ru: str | None = None
    org: str | None = None
    ordinary_words: bool = False  # a programme whose name is also an everyday phrase («Первое рабочее место»)

    @property
    def names(self) -> list[str]:
        return [n for n in (self.en, self.ru, self.kk, *self.aliases) if n]

    @property
    def canonical(self) -> str:
        return self.en or self.ru or self.kk or self.id


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The comparable form of one word (see module doc)."""
    word = word.replace("ё", "е").replace("Ё", "Е")
    if _CYRILLIC.search(word):
        word = word.translate(_LATIN_TO_CYRILLIC)
        return morph_parse(word)[0].normal_form.replace("ё", "е")
    word = word.lower().replace("’", "'")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(_ENGLISH_PLURAL_EXCEPTIONS):
        return word[:-1]
    return word


def phrase_key(text: str) -> tuple[str, ...]:
    words = [word_key(w) for w in _WORD.findall(text)]
    if words and words[0] in ("the", "a"):
        words = words[1:]
    return tuple(words)


# Languages whose words are keyed by a lemmatiser of their own instead of pymorphy3 and the
# English plural rule: "module:function" of a `word -> key` function, imported on first use.
# Their text meets the KB through `KnowledgeBase.for_language(lang)`, whose index is keyed the
# same way (Түркістан облысы = Түркістан облысындағы = Túrkistan oblysynda).
WORD_KEYS = {"kk": "edunews_nlp.kazakh:kazakh_word_key"}


@lru_cache(maxsize=None)
def word_key_for(lang: str | None):
    """The word-key function of a language: `word_key` unless WORD_KEYS names another."""
    if lang not in WORD_KEYS:
        return word_key
    import importlib

    module, name = WORD_KEYS[lang].split(":")
    return getattr(importlib.import_module(module), name)


@lru_cache(maxsize=None)
def phrase_key_for(lang: str | None):
    """The phrase-key function of a language (`phrase_key` with its word keys)."""
    if lang not in WORD_KEYS:
        return phrase_key
    key = word_key_for(lang)

    def language_phrase_key(text: str) -> tuple[str, ...]:
        return tuple(key(w) for w in _WORD.findall(text))

    return language_phrase_key


@lru_cache(maxsize=1)
def morph_analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=200_000)
def morph_parse(word: str) -> tuple:
    """pymorphy3's parses of a word, most probable first. One cache for every stage: the
    tokens' lemmas, the word keys and the quantities' agreement parse the same words."""
    return tuple(morph_analyzer().parse(word))


# --- transliteration skeleton for names --------------------------------------------------
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ә": "a", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}
# Applied in order: spelling variants of Kazakh/Russian names in English text collapse.
_SKELETON_RULES = (
    ("yev", "ev"), ("yeva", "eva"), ("ye", "e"), ("yo", "e"), ("iy", "i"), ("yi", "i"),
    ("y", "i"), ("kh", "h"), ("dzh", "j"), ("zh", "j"), ("ts", "c"), ("q", "k"), ("gh", "g"),
    ("w", "v"), ("ou", "u"), ("nb", "mb"),  # Beysenbayev ~ Beisembayev: n before b is said m
)


def transliterate(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower().replace("ё", "е"))


@lru_cache(maxsize=50_000)
def name_skeleton(word: str) -> str:
    """Latin consonant-vowel skeleton of a name word, equal across common spellings."""
    s = transliterate(word.translate(_LATIN_TO_CYRILLIC) if _CYRILLIC.search(word) else word)
    s = _NOT_LATIN.sub("", s)
    for old, new in _SKELETON_RULES:
        s = s.replace(old, new)
    return _REPEATED_LETTER.sub(r"\1", s)


_MASCULINE_GENITIVE = regex.compile(r"(?:ов|ев|ёв|ин|ын)а$")


@lru_cache(maxsize=65536)
def name_word_forms(word: str) -> frozenset[str]:
    """Skeletons a name word may stand for: as written, lemmatised, in the nominative, and for
    a Russian surname in -ова/-ева/-ина also the masculine it may be the genitive of («По
    словам Абдиева» after «Нурлан Абдиев»)."""
    forms = {name_skeleton(word), name_skeleton(word_key(word)), name_skeleton(nominative_name(word))}
    if _MASCULINE_GENITIVE.search(word):
        forms.add(name_skeleton(word[:-1]))
    return frozenset(forms)


@lru_cache(maxsize=1)
def _name_case_rules() -> list[tuple[regex.Pattern, str]]:
    rules = datafiles.load("name_cases.yaml")
    return [(regex.compile(pattern), replacement) for pattern, replacement in rules.get("ru", [])]


def nominative_name(text: str) -> str:
    """A Russian personal name back in the nominative, word by word (Маратом Жумабековым →
    Марат Жумабеков); Latin-script names are returned as they are."""
    words = []
    for word in text.split():
        if _CYRILLIC.search(word) and len(word) > 4:
            for pattern, replacement in _name_case_rules():
                if pattern.search(word):
                    word = pattern.sub(replacement, word)
                    break
        words.append(word)
    return " ".join(words)


def slug(text: str) -> str:
    s = transliterate(text)
    s = regex.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s[:60] or "x"


class KnowledgeBase:
    """Entries by id, and an index from alias key (tuple of word keys) to entries."""

    def __init__(self, entries: list[KBEntry], index: tuple[dict, dict] | None = None):
        self.entries = {e.id: e for e in entries}
        self.by_key, self.by_name_word = index if index is not None else build_index(entries)
        self.max_words = max((len(k) for k in self.by_key), default=0)
        # The longest alias that starts with each word: a text word that starts none is skipped.
        self.longest_from: dict[str, int] = {}
        for key in self.by_key:
            if key:
                self.longest_from[key[0]] = max(len(key), self.longest_from.get(key[0], 0))

    @classmethod
    def load(cls) -> "KnowledgeBase":
        """The package's KB files; the alias index comes from the cache when the files, this
        module and pymorphy3 are unchanged since it was written."""
        files = [datafiles.path(name) for name in KB_FILES]
        texts = [file.read_text(encoding="utf-8") for file in files if file.is_file()]
        digest = _kb_digest(texts)
        cached = _read_kb_cache(digest)
        if cached is not None:
            return cls(*cached)
        entries = [_entry(raw) for text in texts for raw in datafiles.safe_load(text) or []]
        index = build_index(entries)
        _write_kb_cache(digest, entries, index)
        return cls(entries, index)

    def for_language(self, lang: str | None) -> "KnowledgeBase":
        """This KB with its aliases keyed by the language's own word keys (WORD_KEYS); itself
        for the languages keyed by `word_key`. Built once per language."""
        if lang not in WORD_KEYS:
            return self
        views = self.__dict__.setdefault("_language_views", {})
        if lang not in views:
            entries = list(self.entries.values())
            views[lang] = KnowledgeBase(entries, build_index(entries, phrase_key_for(lang)))
        return views[lang]

    def lookup(self, key: tuple[str, ...], type_: str | None = None) -> KBEntry | None:
        for entry in self.by_key.get(key, ()):
            if type_ is None or entry.type == type_:
                return entry
        return None

    def lookup_person(self, text: str) -> KBEntry | None:
        """A known official whose name words include every word of `text` (any order,
        spelling or case form); at least one matched word must be a surname-length word."""
        candidates: dict[str, int] = {}
        words = [w for w in _WORD.findall(text) if len(w) > 1]
        for word in words:
            forms = {name_skeleton(word), name_skeleton(word_key(word))}
            hits = {e.id for form in forms for e in self.by_name_word.get(form, ())}
            for entry_id in hits:
                candidates[entry_id] = candidates.get(entry_id, 0) + 1
        full = [i for i, n in candidates.items() if n == len(words)]
        if len(full) == 1 and any(len(w) >= 5 for w in words):
            return self.entries[full[0]]
        return None


def build_index(entries: list[KBEntry], key_of=phrase_key) -> tuple[dict, dict]:
    """(alias key -> entries, name-word skeleton of officials -> entries), alias keys made by
    `key_of`."""
    by_key: dict[tuple[str, ...], list[KBEntry]] = {}
    by_name_word: dict[str, list[KBEntry]] = {}
    for entry in entries:
        for name in entry.names:
            key = key_of(name)
            if key:
                bucket = by_key.setdefault(key, [])
                if entry not in bucket:
                    bucket.append(entry)
            if entry.type == "OFFICIAL":
                for word in _WORD.findall(name):
                    bucket = by_name_word.setdefault(name_skeleton(word), [])
                    if entry not in bucket:
                        bucket.append(entry)
    return by_key, by_name_word


def _entry(raw: dict) -> KBEntry:
    known = {k: v for k, v in raw.items() if k in KBEntry.__dataclass_fields__}
    known["aliases"] = [str(a) for a in known.get("aliases") or []]
    return KBEntry(**known)


# --- the alias index cache ----------------------------------------------------------------


def cache_dir() -> Path | None:
    """Where the index cache lives; None when turned off with an empty $EDUNEWS_NLP_CACHE."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "edunews_nlp"


def _kb_digest(texts: list[str]) -> str:
    """Changes with the KB files, the key functions (this module) and pymorphy3's dictionary."""
    digest = hashlib.sha256(f"{_KB_CACHE_FORMAT}".encode())
    for package in ("pymorphy3", "pymorphy3-dicts-ru"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            pass
    try:
        digest.update(Path(__file__).read_bytes())
    except OSError:  # not a plain file (a zipped install): the package version instead
        digest.update(metadata.version("edunews-nlp").encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest()[:32]


def _cache_file(digest: str) -> Path | None:
    folder = cache_dir()
    return folder / f"kb-index-{digest}.json" if folder is not None else None


def _read_kb_cache(digest: str) -> tuple[list[KBEntry], tuple[dict, dict]] | None:
    path = _cache_file(digest)
    if path is None or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [KBEntry(**raw) for raw in data["entries"]]
        by_key = {tuple(key): [entries[i] for i in positions] for key, positions in data["by_key"]}
        by_name_word = {word: [entries[i] for i in positions] for word, positions in data["by_name_word"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # unreadable or from another version: rebuild
    return entries, (by_key, by_name_word)


def _write_kb_cache(digest: str, entries: list[KBEntry], index: tuple[dict, dict]) -> None:
    """Best effort: an unwritable cache folder only means the index is built next time too."""
    path = _cache_file(digest)
    if path is None:
        return
    position = {id(e): i for i, e in enumerate(entries)}
    by_key, by_name_word = index
    data = {
        "entries": [asdict(e) for e in entries],
        "by_key": [[list(key), [position[id(e)] for e in bucket]] for key, bucket in by_key.items()],
        "by_name_word": {word: [position[id(e)] for e in bucket] for word, bucket in by_name_word.items()},
    }
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # a value JSON cannot hold (a YAML date): no cache
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=".kb-", suffix=".tmp",
                                         delete=False) as handle:
            handle.write(text)
        os.replace(handle.name, path)  # atomic: parallel workers never read half a file
        for old in path.parent.glob("kb-index-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


@lru_cache(maxsize=1)
def default_kb() -> KnowledgeBase:
    return KnowledgeBase.load()
