"""Entities of education news: OFFICIAL, PERSON, PLACE, ORG and PROGRAMME mentions, from the
model NER, the knowledge-base gazetteer, rule grammars and programme trigger words.

Modules, one idea each:

- `recognizer`: `EntityRecognizer`, the stage: the sources in order, the repairs, officials
- `candidates`: `Candidate` and `resolve_overlaps`, how overlapping spans are merged
- `model`: the model NER's spans mapped to our types and corrected
- `gazetteer`: the longest knowledge-base name at each word
- `programmes`: programme names by their trigger words, quoted or not
- `places`: places by their generic word or in apposition; a place inside a body's name
- `institutions`: numbered and named schools (rules and the domain model), "named after"
- `officials`: repeated surnames; persons with a post marked OFFICIAL with role and org
- `spans`: span repairs after the merge (where a name begins and ends)
- `filters`: precision filters, spans that look like names but the guide excludes
- `text`: the word and name shapes, trims and token look-ups the rules share
- `languages`: the per-language `Reader`s, registered by language code (`english`,
  `russian`), and `LANGUAGE_RECOGNIZERS`, languages with a recogniser of their own
  (`kazakh`)

No rule asks which language a document is in: a language's differences are its word lists
(data/entity_words.yaml, roles.yaml, programme_triggers.yaml) and its reader's methods.
"""

from . import english, russian  # noqa: F401  (register their languages)
from .candidates import PRIORITY, Candidate, resolve_overlaps
from .languages import LANGUAGE_RECOGNIZERS, Reader, reader, register
from .recognizer import EntityRecognizer
from .text import merge_hyphenated, sentence_windows, word_alternation

__all__ = [
    "LANGUAGE_RECOGNIZERS",
    "PRIORITY",
    "Candidate",
    "EntityRecognizer",
    "Reader",
    "merge_hyphenated",
    "reader",
    "register",
    "resolve_overlaps",
    "sentence_windows",
    "word_alternation",
]
