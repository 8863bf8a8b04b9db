"""Quantities in English, Russian and Kazakh news: amounts with unit, qualifier, subject and tenge value.

A quantity is a number that states an amount of something (shared/ANNOTATION.md,
section Quantities). The extractor works in passes over `doc.analysis_text`:

1. `tokens.tokenize` + `numbers.scan_numbers`: every number with its exact value.
2. Candidates: each number gets its unit (after it, before it, or as a hyphen compound:
   "two-week"), an equal number in brackets ("1000 (one thousand)"), minor currency units,
   and is rejected when it is not an amount: years, dates, times, phone numbers, URLs,
   ordinals and grades, indexes ("No. 4", "статьи 52-1"), numbers inside names
   ("«1000 лидеров…»", "100 Mediation Schools"), kinds ("three-shift schools"), "one of".
3. Ranges and changes: "7-9%", "from 2 to 6 years", "от 50 до 75 баллов" become one
   quantity with low/high; "increased from 58 thousand to 67 thousand tenge" stays two.
   Scale words and units are shared ("from 58 to 67 thousand tenge": both KZT 1000s),
   also along lists ("5 and 10%").
4. Qualifiers ("more than", "около", ...), subjects (the counted noun as a lemma) and the
   tenge value of money (`kzt`; MCI converted with the MCI of the year, data/mci.yaml).

`kzt_year`: for MCI the year whose MCI value was used; for KZT the year the amount is
about (a year in the same sentence, else the publication year, else None).
Ranges get no `kzt` (there is one `kzt` field, not two).

Language knowledge lives in data/numbers.yaml, data/units.yaml, data/quantity_rules.yaml
and data/mci.yaml. Every pass looks only at a bounded window around a number, so the
running time is linear in the length of the text.

Modules, one idea each: `vocabulary`, `tokens`, `numbers`, `written` (numbers and their
values), `units`, `rules` (cue tables), `regions` and `context` (one text), `candidates`,
`filters` (why a number is no quantity), `ranges` (ranges, changes, shared units,
qualifiers), `subjects`, `phrases`, `lists`, `tenge`, `extract` (the passes and the stage).
Language-specific code sits in readers registered by language code (`registry`,
`english`, `russian`, `kazakh`).
"""

from . import english, kazakh, russian  # noqa: F401  (register their languages)
from .extract import QuantityExtractor, extract_quantities, find_quantities
from .english import singular
from .regions import BLOCKED_PATTERNS as _BLOCKED_PATTERNS  # noqa: F401  (a test reads it)
from .registry import Language, Reader, language, languages, register
from .tenge import mci_table

__all__ = [
    "Language",
    "QuantityExtractor",
    "Reader",
    "extract_quantities",
    "find_quantities",
    "language",
    "languages",
    "mci_table",
    "register",
    "singular",
]
