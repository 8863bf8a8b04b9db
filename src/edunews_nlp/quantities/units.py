"""Units: the aliases of data/units.yaml compiled to one pattern per position (after the
number, before it, as a hyphen compound: "two-week"), with scaled aliases ("тыс. тенге")
and minor units ("$20 and 43c")."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

import regex

from .. import datafiles
from .tokens import LOOKAHEAD


@dataclass
class UnitMatch:
    unit: str
    start: int
    end: int
    scale: Decimal = Decimal(1)


class UnitTable:
    """Unit aliases of data/units.yaml compiled to one regex per position."""

    def __init__(self, data: dict):
        after, before, hyphen = [], [], []
        self.money = set()
        self.subunit: dict[str, regex.Pattern] = {}
        for code, spec in data["units"].items():
            if spec.get("money"):
                self.money.add(code)
            after += [(p, code, None) for p in spec.get("after") or []]
            before += [(p, code, None) for p in spec.get("before") or []]
            hyphen += [(p, code, None) for p in spec.get("hyphen") or []]
            if spec.get("subunit"):
                self.subunit[code] = regex.compile(
                    r"[ \u00a0]*(?:и\s+|and\s+)?([0-9]{1,2})[ \u00a0]*(?:%s)(?!\w)\.?" % spec["subunit"], regex.I
                )
        for item in data.get("scaled_aliases") or []:
            after.append((item["pattern"], item["unit"], Decimal(str(item["scale"]))))
        self._after_alts = self._sorted(after)
        self._after = self._compile(r"[ \u00a0\u202f\t]{0,2}(?:%s)(?!\w)", self._after_alts)
        self._before_alts = self._sorted(before)
        self._before = self._compile(r"(?<![\w$€₸₽])(?:%s)[ \u00a0\u202f]?$", self._before_alts)
        self._hyphen_alts = self._sorted(hyphen)
        self._hyphen = self._compile(r"[-‐](?:%s)(?![\w-])", self._hyphen_alts)

    @staticmethod
    def _sorted(alts):
        # longest pattern first, so "monthly calculation indexes" beats "months"
        return sorted(alts, key=lambda item: len(item[0]), reverse=True)

    @staticmethod
    def _compile(template, alts):
        body = "|".join("(?P<u%d>%s)" % (n, pattern) for n, (pattern, _, _) in enumerate(alts))
        return regex.compile(template % (body or "(?!)"), regex.I)

    def _result(self, match, alts, start=None) -> UnitMatch | None:
        if not match:
            return None
        _, code, scale = alts[int(match.lastgroup[1:])]
        return UnitMatch(code, match.start() if start is None else start, match.end(), scale or Decimal(1))

    def after(self, text: str, pos: int) -> UnitMatch | None:
        return self._result(self._after.match(text, pos, pos + LOOKAHEAD), self._after_alts)

    def hyphen(self, text: str, pos: int) -> UnitMatch | None:
        return self._result(self._hyphen.match(text, pos, pos + LOOKAHEAD), self._hyphen_alts)

    def before(self, text: str, pos: int) -> UnitMatch | None:
        window_start = max(0, pos - 12)
        match = self._before.search(text, window_start, pos)
        if not match:
            return None
        return UnitMatch(self._before_alts[int(match.lastgroup[1:])][1], match.start(), pos)


@functools.lru_cache(maxsize=None)
def unit_table() -> UnitTable:
    return UnitTable(datafiles.load("units.yaml"))
