"""Claims: each quantity with what the text ties to it (ANNOTATION.md, "Claims").

- structure.py  the article's headline, lead, paragraphs, quotations and scopes (doc.structure)
- programmes.py, places.py, officials.py, time.py, modality.py  one binder per claim key
- clauses.py    a figure's clause; cues.py the cue lists of data/claim_cues.yaml
- builder.py    the stage (ClaimBuilder); aggregate.py across documents
"""

from .aggregate import FactGroup, aggregate, canonical_subject, claims_table
from .builder import ClaimBuilder
from .cues import Cues, Words, claim_cues, find as _find, first_cue as _first_cue
from .quotes import quotations, quote_speakers
from .structure import ArticleStructure, Bound

__all__ = ["ArticleStructure", "Bound", "ClaimBuilder", "Cues", "FactGroup", "Words", "aggregate",
           "canonical_subject", "claim_cues", "claims_table", "quotations", "quote_speakers", "_find", "_first_cue"]
