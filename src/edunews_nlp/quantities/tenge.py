"""Tenge values: the MCI table (data/mci.yaml) and the year an amount is about."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import datafiles

if TYPE_CHECKING:
    from .context import Context


@dataclass(frozen=True)
class MciValue:
    start: dt.date
    tenge: int
    source: str


class MciTable:
    """MCI values in force from a date on (data/mci.yaml)."""

    def __init__(self, data: dict):
        values = []
        for item in data["values"]:
            start = item["from"]
            if not isinstance(start, dt.date):
                start = dt.date.fromisoformat(str(start))
            values.append(MciValue(start, int(item["tenge"]), str(item.get("source", "")).strip()))
        self.values = sorted(values, key=lambda v: v.start)
        self.years = sorted({v.start.year for v in self.values})
        low, high = data.get("year_range") or [self.years[0], self.years[-1]]
        self.year_range = (int(low), int(high))

    def value(self, year: int | None, published: dt.date | None = None) -> tuple[int, int]:
        """(tenge per MCI, the table year used) for amounts about `year`.

        No year: the latest year of the table. A year outside the table: the nearest year
        in it. A year with a mid-year change: the value in force on the publication date
        when the text was published in that year, else the year's last value.
        """
        if year is None:
            year = self.years[-1]
        year = min(max(year, self.years[0]), self.years[-1])
        of_year = [v for v in self.values if v.start.year == year]
        if not of_year:  # a gap in the table: the last value before the year
            earlier = [v for v in self.values if v.start.year < year]
            chosen = earlier[-1] if earlier else self.values[0]
            return chosen.tenge, year
        chosen = of_year[-1]
        if published is not None and published.year == year:
            in_force = [v for v in of_year if v.start <= published]
            chosen = in_force[-1] if in_force else of_year[0]
        return chosen.tenge, year


@functools.lru_cache(maxsize=None)
def mci_table() -> MciTable:
    return MciTable(datafiles.load("mci.yaml"))


def reference_year(ctx: Context, pos: int) -> int | None:
    """The year the sentence at pos speaks of: the nearest year mentioned in it."""
    low, high = mci_table().year_range
    sent_start, sent_end = ctx.sentence_bounds(pos)
    sent_start, sent_end = max(sent_start, pos - 400), min(sent_end, pos + 400)
    first = bisect.bisect_left(ctx.year_positions, sent_start)
    last = bisect.bisect_left(ctx.year_positions, sent_end)
    best = None
    for where, year in ctx.year_mentions[first:last]:
        if low <= year <= high and (best is None or abs(where - pos) < abs(best[0] - pos)):
            best = (where, year)
    return best[1] if best else None


def parse_published(published) -> tuple[int | None, dt.date | None]:
    if published is None:
        return None, None
    if isinstance(published, int):
        return published, None
    text = str(published)
    try:
        day = dt.date.fromisoformat(text[:10])
        return day.year, day
    except ValueError:
        return (int(text[:4]), None) if text[:4].isdigit() else (None, None)
