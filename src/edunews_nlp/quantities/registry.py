"""The languages the quantity extractor reads, each registered by its code (as spaCy
registers its language classes): a `Reader` (the code that reads noun phrases and
subjects) and the section of the data files that holds the language's number words
(data/numbers.yaml) and cue tables (data/quantity_rules.yaml).

    register("ru", RussianReader())               # russian.py
    register("kk", KazakhReader())                # kazakh.py
    register("xx", RussianReader(), data="ru")   # a reader with another language's tables

A code nobody registered is read as `DEFAULT` ("en"). Adding a language: its sections in
numbers.yaml and quantity_rules.yaml, a Reader (or an existing one), one `register` call in
a module that `quantities/__init__.py` imports. The stages never ask which language it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Quantity
    from .candidates import Candidate
    from .context import Context
    from .tokens import Tok

DEFAULT = "en"


class Reader:
    """How one language reads the noun a number counts. The defaults find nothing."""

    # A run of tagged tokens (see phrases.noun_phrase) ends at its first noun, may open with
    # a verb form and stops at a capitalised word (Russian: head noun first, then its
    # genitives); else it runs on through compounds ("student place").
    doc_run_head_first = False
    # The tagger's tokens (the pipeline's doc.tokens) are used for noun phrases and "one".
    uses_doc_tokens = True

    def reading_text(self, text: str) -> tuple[str, list[int]] | None:
        """The text in the script the language's tables are written in, and for each of its
        characters (and its end) the offset in `text` it came from; None: read `text` as it is
        (Kazakh: Latin-script text is read in Cyrillic)."""
        return None

    def noun_phrase(self, ctx: Context, pos: int, sent_end: int) -> str | None:
        """The counted noun phrase after `pos`, from the text alone."""
        return None

    def doc_phrase(self, ctx: Context, run: list, nouns: list[int]) -> str | None:
        """The noun phrase of a run of the tagger's tokens (`nouns`: indexes of its nouns)."""
        return None

    def subject_before(self, ctx: Context, words: list[str], link, opens_sentence: bool) -> str | None:
        """The noun of the clause before a linking word ("of", "is", «составляет»);
        `words`: the clause's last words, `opens_sentence`: the clause starts its sentence."""
        return None

    def purpose(self, ctx: Context, words: list[Tok]) -> str | None:
        """The noun of a purpose phrase after its preposition ("for the construction of")."""
        return None

    def share_subject(self, ctx: Context, cand: Candidate) -> str | None:
        """The counted noun right after a share without "of" («45% учителей»)."""
        return None

    def money_subject(self, ctx: Context, cand: Candidate) -> str | None:
        """What an amount of money is, named right after it (Kazakh "N теңге қаражат")."""
        return None

    def compound_subject(self, ctx: Context, cand: Candidate) -> str | None:
        """The noun a hyphenated figure modifies ("36-hour training")."""
        return None

    def is_counted_noun(self, ctx: Context, word: Tok) -> bool:
        """Could `word` be what a number counts?"""
        return True

    def same_word(self, ctx: Context, word: str, lemma: str) -> bool:
        """`word` of the text is `lemma`."""
        return word.lower() == lemma

    def list_head_noun(self, ctx: Context, word: str) -> str | None:
        """The lemma of the noun before a list, when `word` is one."""
        return None

    def list_item_phrase(self, ctx: Context, q: Quantity, word: str, shared: list[str]) -> str | None:
        """A list item's adjective with the list's noun phrase."""
        return None


@dataclass(frozen=True)
class Language:
    code: str
    reader: Reader
    data: str  # the section of numbers.yaml and quantity_rules.yaml


_LANGUAGES: dict[str, Language] = {}


def register(code: str, reader: Reader, data: str | None = None) -> Language:
    """Register the pieces of language `code`; `data` names the data-file sections (the
    code itself unless given)."""
    language = Language(code, reader, data or code)
    _LANGUAGES[code] = language
    return language


def language(code) -> Language:
    """The registered pieces for `code`; the default language's for any other value."""
    found = _LANGUAGES.get(code) if isinstance(code, str) else None
    return found if found is not None else _LANGUAGES[DEFAULT]


def languages() -> list[Language]:
    return list(_LANGUAGES.values())
