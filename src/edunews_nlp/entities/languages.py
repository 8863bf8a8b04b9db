"""The languages the entity recogniser reads, each registered by its code (as the quantity
extractor registers its readers): a `Reader` holds what one language's text needs beyond
the shared rules and the word lists of the data files.

    register("en", EnglishReader())   # english.py
    register("ru", RussianReader())   # russian.py

A code nobody registered is read with the plain `Reader`, which adds nothing. A language
with a recogniser of its own (its own model, word keys and generic words) is named in
`LANGUAGE_RECOGNIZERS` instead; the stage hands its documents to that recogniser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..document import Document, Token
    from ..knowledge import KBEntry
    from .candidates import Candidate
    from .recognizer import EntityRecognizer

# Languages whose entities another recogniser finds ("module:class", built on first use with
# the KB): Kazakh has its own model, word keys and generic words (entities/kazakh.py).
LANGUAGE_RECOGNIZERS = {"kk": "edunews_nlp.entities.kazakh:KazakhEntityRecognizer"}


class Reader:
    """What one language adds to the shared entity rules. The defaults add nothing."""

    def model_spans(self, text: str, spans):
        """The model NER's spans as the entity rules read them."""
        return spans

    def lone_word_is_name(self, doc: Document, start: int) -> bool:
        """A one-word model span at `start` may be a name (the tagger's part of speech)."""
        return True

    def place_reads_as_person(self, recognizer: EntityRecognizer, text: str) -> bool:
        """A model PLACE that is a person's name."""
        return False

    def person_span(self, recognizer: EntityRecognizer, doc: Document, start: int, end: int) -> tuple[int, int] | None:
        """The name inside a model PERSON span [start, end), its edges repaired, or None when
        it holds no name."""
        return start, end

    def is_common_noun(self, word: str) -> bool:
        """A capitalised word that is a common noun, no part of the person's name after it."""
        return False

    def names_after_trigger(self, recognizer: EntityRecognizer, doc: Document, words: list[Token]) -> list[Candidate]:
        """Programme names right after a trigger word, unquoted."""
        return []

    def names_after_roles(self, recognizer: EntityRecognizer, doc: Document, tokens: list[Token]) -> list[Candidate]:
        """Persons' names right after a role phrase that the tagger missed."""
        return []

    def official_role(self, entry: KBEntry) -> str | None:
        """The post of an official the KB knows, in this language (the KB holds posts in
        English and Russian: Russian for any other language)."""
        return entry.role_ru


_READERS: dict[str, Reader] = {}
_DEFAULT = Reader()


def register(code: str, reader: Reader) -> Reader:
    """Register the reader of language `code`."""
    _READERS[code] = reader
    return reader


def reader(code) -> Reader:
    """The reader registered for `code`; the plain `Reader` for any other value."""
    return _READERS.get(code, _DEFAULT) if isinstance(code, str) else _DEFAULT


def languages() -> list[str]:
    return list(_READERS)
