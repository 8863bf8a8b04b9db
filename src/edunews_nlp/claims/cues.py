"""The claim cue lists (data/claim_cues.yaml) made ready to match, per language code.

Phrases become word-key tuples (lemmas: «сообщил» and «сообщила» are one cue), regular
expressions are compiled. A language with no list under a name simply has no such cue:
adding Kazakh is adding `kk:` lists to the data file.
"""

from __future__ import annotations

from functools import cached_property, lru_cache

import regex

from .. import datafiles
from ..knowledge import phrase_key_for

# Cue lists of phrases (word keys), by their name in the data file.
_PHRASE_LISTS = {
    "anaphora": "official_anaphora", "speech": "speech", "scope": "scope", "country_wide": "country_wide",
    "programme_anaphora": "programme_anaphora", "background": "background", "source": "source",
    "attribution_after": "attribution_after", "per_person": "per_person", "rule_terms": "rule_terms",
    "rule_change": "rule_change", "speech_event": "speech_event", "topic_context": "topic_context", "scheduled": "scheduled", "place_nouns": "place_nouns", "results_summary": "results_summary", "threshold": "threshold",
}
# Cue lists of regular expressions per language, joined into one pattern.
_PATTERN_LISTS = ("venue_before", "change_from", "other_year", "national_roles", "clause_breaks", "relative_clause", "lead_time", "event_day", "headline_speaker",
                  "particular_institution")


@lru_cache(maxsize=1)
def claim_cues() -> dict:
    data = datafiles.load("claim_cues.yaml")
    modality = data["modality"]
    cues = {name: phrase_keys(modality[name]) for name in ("plan", "target", "purpose_phrases")}
    for name in ("target_patterns", "plan_patterns", "headline_plan_patterns"):
        cues[name] = [regex.compile(p, regex.IGNORECASE) for p in modality[name]]
    # a language's own patterns, besides the shared ones: {name: {lang: [pattern, ...]}}
    for name in ("target_patterns", "plan_patterns"):
        cues[name + "_by_lang"] = {lang: [regex.compile(p, regex.IGNORECASE) for p in patterns]
                                   for lang, patterns in (modality.get(name + "_by_lang") or {}).items()}
    cues["time"] = {name: phrase_keys(langs) for name, langs in data["time"].items()}
    for name, source in _PHRASE_LISTS.items():
        cues[name] = phrase_keys(data.get(source) or {})
    for name in _PATTERN_LISTS:
        cues[name] = {lang: regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)
                      for lang, patterns in (data.get(name) or {}).items()}
    cues["completed"] = {lang: [regex.compile(p, regex.IGNORECASE) for p in patterns]
                         for lang, patterns in data["completed"].items()}
    cues["place_anaphora"] = [
        (tuple(group["kinds"]), {lang: regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE)
                                 for lang, patterns in group.items() if lang != "kinds"})
        for group in data.get("place_anaphora") or []]
    cues["clause_deps"] = set(data["clause_deps"])
    cues["source_in_sentence"] = frozenset(data.get("source_in_sentence") or ())
    cues["lead_most_specific"] = frozenset(data.get("lead_most_specific") or ())
    cues["future_grammemes"] = {lang: [frozenset(g) for g in sets] for lang, sets in data["future_grammemes"].items()}
    cues["finite_grammemes"] = {lang: [frozenset(g) for g in sets]
                                for lang, sets in (data.get("finite_grammemes") or {}).items()}
    cues["future_markers"] = {lang: frozenset(words) for lang, words in (data.get("future_markers") or {}).items()}
    cues["future_discourse_verbs"] = {lang: set(verbs) for lang, verbs in data["future_discourse_verbs"].items()}
    cues["future_forms"] = {lang: tuple(regex.compile("|".join(f"(?:{p})" for p in spec.get(name) or ["(?!)"]))
                                        for name in ("forms", "dated", "not")) + (frozenset(spec.get("before") or ()),)
                            for lang, spec in (data.get("future_forms") or {}).items()}
    return cues


# Languages whose inflected forms are read in another form than the token's lower case
# (Latin-script Kazakh in Cyrillic): module:function of one word.
WORD_FORMS = {"kk": "edunews_nlp.kazakh:kazakh_word_form"}


@lru_cache(maxsize=None)
def word_form_for(lang: str | None):
    """The function giving a word's inflected form, lower case, as `future_forms` match it."""
    if lang not in WORD_FORMS:
        return str.lower
    import importlib

    module, name = WORD_FORMS[lang].split(":")
    return getattr(importlib.import_module(module), name)


def phrase_keys(phrases_by_lang: dict[str, list[str]]) -> dict[str, "Cues"]:
    """Each language's phrases keyed as its text is (knowledge.phrase_key_for: Kazakh lemmas)."""
    return {lang: Cues(phrase_key_for(lang)(p) for p in phrases) for lang, phrases in phrases_by_lang.items()}


class Cues(list):
    """Cue phrases as word-key tuples, in the data file's order, indexed by their first word
    and by their first two words: a sentence none of whose words starts a cue is passed over
    at once, and a cue is tried only where its opening pair stands («в этом году» only where
    «в этом» does, not at every «в»)."""

    def __init__(self, keys):
        super().__init__(key for key in keys if key)
        self.first_words = {key[0] for key in self}
        # opening (one word, or the first two) -> the cues that open so, with their order
        self.by_opening: dict[tuple[str, ...], list[tuple[int, tuple[str, ...]]]] = {}
        for order, key in enumerate(self):
            self.by_opening.setdefault(key[:2], []).append((order, key))


class Words(list):
    """(word key, surface) pairs with the positions of each key and of each pair of keys in
    a row, so that a cue is looked up only where its opening stands: every claim asks for
    dozens of cues per sentence."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.positions: dict[str, list[int]] = {}
        for i, (key, _) in enumerate(self):
            self.positions.setdefault(key, []).append(i)
        # id(cues) -> (cues, first cue found): a sentence's words are asked for the same cue
        # list once per figure; the cues are kept so that their id stays theirs
        self.found: dict[int, tuple] = {}

    @cached_property
    def openings(self) -> dict[tuple[str, ...], list[int]]:
        """Positions of every word (as a 1-tuple) and of every two words in a row."""
        found: dict[tuple[str, ...], list[int]] = {(key,): where for key, where in self.positions.items()}
        for i in range(len(self) - 1):
            found.setdefault((self[i][0], self[i + 1][0]), []).append(i)
        return found


def first_cue(words, cues: Cues | None) -> str | None:
    """The surface of the first cue (in the cues' order) that occurs in `words`, or None."""
    found = first_cue_at(words, cues)
    return found[0] if found else None


def first_cue_at(words, cues: Cues | None) -> tuple[str, int, int] | None:
    """(surface, first word index, end word index) of the first cue that occurs in `words`."""
    if not cues:
        return None
    if not isinstance(words, Words):
        words = Words(words)
    if cues.first_words.isdisjoint(words.positions):
        return None
    known = words.found.get(id(cues))
    if known is not None and known[0] is cues:
        return known[1]
    found = _first_cue_at(words, cues)
    words.found[id(cues)] = (cues, found)
    return found


def _first_cue_at(words: Words, cues: Cues) -> tuple[str, int, int] | None:
    openings, by_opening = words.openings, cues.by_opening
    fewer, more = (openings, by_opening) if len(openings) < len(by_opening) else (by_opening, openings)
    present = [by_opening[opening] for opening in fewer if opening in more]
    # only the cues whose opening occurs, tried in the data file's order
    candidates = present[0] if len(present) == 1 else sorted(entry for group in present for entry in group)
    for _, cue in candidates:
        found = find_at(words, cue)
        if found:
            return found
    return None


def find(words: list[tuple[str, str]], cue: tuple[str, ...]) -> str | None:
    """The surface of the first occurrence of the key sequence `cue` in `words`, or None."""
    found = find_at(words, cue)
    return found[0] if found else None


def find_at(words, cue: tuple[str, ...]) -> tuple[str, int, int] | None:
    if not isinstance(words, Words):
        words = Words(words)
    n = len(cue)
    starts = words.positions.get(cue[0], ()) if n == 1 else words.openings.get(cue[:2], ())
    for i in starts:
        if i + n <= len(words) and all(words[i + j][0] == cue[j] for j in range(2, n)):
            return " ".join(s for _, s in words[i:i + n]), i, i + n
    return None
