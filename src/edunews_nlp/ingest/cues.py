"""The language cues of data/ingest_cues.yaml (metadata keys, boilerplate lines, stoplists,
date languages, page-date widgets), read once and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import datafiles


@dataclass
class Cues:
    stoplists: tuple[str, ...]
    own_stoplists: dict[str, frozenset[str]]  # those jusText does not ship
    date_languages: tuple[str, ...]
    source_keys: frozenset[str]
    published_keys: frozenset[str]
    key_value: re.Pattern
    boilerplate_line: re.Pattern
    footer: re.Pattern
    lead_in: re.Pattern
    max_cue_line_length: int
    page_date: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def cues() -> Cues:
    raw = datafiles.load("ingest_cues.yaml")
    keys = raw["metadata_keys"]
    all_keys = [k for group in keys.values() for k in group]
    # Longest keys first so "Published on" wins over "Published".
    key_alternation = "|".join(re.escape(k) for k in sorted(all_keys, key=len, reverse=True))
    boilerplate = raw["boilerplate"]

    def alternation(groups: dict[str, list[str]]) -> re.Pattern:
        patterns = [p for group in groups.values() for p in group]
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return Cues(
        stoplists=tuple(raw["stoplists"]),
        own_stoplists=_own_stoplists(raw),
        date_languages=tuple(raw["date_languages"]),
        source_keys=frozenset(k.casefold() for k in keys["source"]),
        published_keys=frozenset(k.casefold() for k in keys["published"]),
        key_value=re.compile(rf"^(?P<key>{key_alternation})\s*:\s*(?P<value>.*)$", re.IGNORECASE),
        boilerplate_line=alternation(boilerplate["line"]),
        footer=alternation(boilerplate["footer"]),
        lead_in=alternation(boilerplate["lead_in"]),
        max_cue_line_length=int(boilerplate["max_cue_line_length"]),
        page_date=tuple(re.compile(p, re.IGNORECASE) for p in raw["page_date"]),
    )


def _own_stoplists(raw: dict) -> dict[str, frozenset[str]]:
    """The stoplists jusText does not ship: the words listed in ingest_cues.yaml joined with
    those of the data file it names (one per line, '#' comments)."""
    lists: dict[str, set[str]] = {name: {str(word).lower() for word in words}
                                  for name, words in (raw.get("own_stoplists") or {}).items()}
    for name, file_name in (raw.get("own_stoplist_files") or {}).items():
        lines = datafiles.path(file_name).read_text(encoding="utf-8").splitlines()
        lists.setdefault(name, set()).update(line.strip().lower() for line in lines
                                             if line.strip() and not line.startswith("#"))
    return {name: frozenset(words) for name, words in lists.items()}
