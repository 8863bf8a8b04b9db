"""Claims: each quantity with what the text ties to it (ANNOTATION.md, "Claims").

- structure.py  the article's headline, lead, paragraphs, quotations and scopes (doc.structure)
- programmes.py, places.py, officials.py, time.py, modality.py  one binder per claim key
- clauses.py    a figure's clause; cues.py the cue lists of data/claim_cues.yaml
- builder.py    the stage (ClaimBuilder); across documents: edunews_nlp.aggregate
"""

from .builder import ClaimBuilder
from .cues import Cues, Words, claim_cues, find as _find, first_cue as _first_cue
from .quotes import quotations, quote_speakers
from .structure import ArticleStructure, Bound

__all__ = ["ArticleStructure", "Bound", "ClaimBuilder", "Cues", "Words", "claim_cues", "quotations", "quote_speakers",
           "_find", "_first_cue"]
