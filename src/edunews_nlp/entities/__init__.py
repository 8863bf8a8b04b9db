"""The entities stage (placeholder during the split)."""

from .recognizer import (LANGUAGE_RECOGNIZERS, PRIORITY, Candidate, EntityRecognizer, _is_plural, _numbered_windows,
                         _split_at_bullets, merge_hyphenated, resolve_overlaps, sentence_windows, word_alternation)
