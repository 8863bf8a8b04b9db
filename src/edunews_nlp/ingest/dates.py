"""Dates: `parse_date` (numeric and written dates, in the languages of ingest_cues.yaml, to
ISO YYYY-MM-DD) and the patterns of the date lines that headers and dumps carry."""

from __future__ import annotations

import datetime as _dt
import re

from .article import LETTER
from .cues import cues

_DMY_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_DATE = (
    rf"(?:{_DMY_DATE}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}(?:\s*(?:года|г\.?|ж\.?|жылы))?"
    r"|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4})"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
# gov.kz style "16.11.2024 18:45:44 2541": date, optional time, optional view count (grouped
# or not: "… 1,588", "… 12 304").
DATE_LINE = re.compile(
    rf"^(?:{_TIME}[,\s]+)?(?P<date>{_DATE})(?:[,\s]+{_TIME})?(?:\s+\d{{1,3}}(?:[,.\u00a0 ]?\d{{3}})*)?$",
    re.IGNORECASE
)
TRAILING_DMY = re.compile(rf"\s+(?P<date>{_DMY_DATE})\s*$")

_NUMERIC_DATES = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:$|[\s,T])"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})(?:$|[\s,T])"), ("y", "m", "d")),
)


def parse_date(value: str) -> str | None:
    """A date as ISO YYYY-MM-DD ("24.12.2024", "2024-12-24T10:00", "21 ноября 2024",
    "December 24, 2024"), or None when `value` holds no complete, absolute date."""
    value = value.strip()
    if not value or len(value) > 100:
        return None
    for pattern, order in _NUMERIC_DATES:
        match = pattern.match(value)
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            return _iso_date(parts["y"], parts["m"], parts["d"])
    return _parse_written_date(value)


def _iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_written_date(value: str) -> str | None:
    if not LETTER.search(value) or not re.search(r"\d{4}", value):
        return None  # dateparser is slow; only try strings that can hold a written date
    try:
        import dateparser

        parsed = dateparser.parse(
            value,
            languages=list(cues().date_languages),
            # Absolute dates only: "yesterday" is meaningless without the article's own date.
            settings={"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]},
        )
    except Exception:  # dateparser raises on some odd strings; an unknown date is just None
        return None
    return parsed.date().isoformat() if parsed else None
