"""The quantity extractor's passes over one text, and the pipeline stage."""

from __future__ import annotations

from ..document import Document, Quantity, Token
from . import registry
from .candidates import Candidate, make_candidates
from .context import Context, build_context
from .lists import share_list_nouns
from .numbers import plain_number, scan_numbers
from .ranges import link_ranges, qualifier_of, range_qualifier_of, share_units_in_lists
from .regions import address_pattern
from .rules import rules_for, suffixes
from .subjects import find_subject
from .tenge import parse_published, reference_year, mci_table
from .units import unit_table
from .vocabulary import number_words


def extract_quantities(
    text: str,
    lang: str | None = "en",
    published=None,
    tokens: list[Token] | None = None,
    original: str | None = None,
) -> list[Quantity]:
    """The quantities of `text` (already masked), sorted by start.

    `lang` picks the registered language (see `registry`; any other value reads as the
    default). `published` is an ISO date string, a date or a year; `original` the unmasked
    text that supplies the `text` field of each quantity (same length as `text`).
    """
    if not isinstance(text, str) or not text:
        return []
    original = original if original is not None and len(original) == len(text) else text
    language = registry.language(lang)
    prepared = language.reader.reading_text(text)
    if prepared is not None:
        # read in the tables' script; the spans and texts go back to the text as given
        reading, offsets = prepared
        found = _extract(reading, language, published, None, reading)
        for q in found:
            q.start, q.end = offsets[q.start], offsets[q.end]
            q.text = original[q.start : q.end]
        return found
    return _extract(text, language, published, tokens if language.reader.uses_doc_tokens else None, original)


def _extract(text: str, language: registry.Language, published, tokens: list[Token] | None,
             original: str) -> list[Quantity]:
    published_year, published_day = parse_published(published)
    ctx = build_context(text, language, tokens)
    numbers = scan_numbers(text, ctx.tokens, ctx.words)
    candidates = make_candidates(ctx, numbers)
    linked = link_ranges(ctx, candidates)
    share_units_in_lists(ctx, linked)
    ctx.year_mentions.sort()
    ctx.year_positions = [where for where, _ in ctx.year_mentions]
    quantities = []
    previous: Candidate | None = None
    counted: list[Candidate] = []
    for cand in linked:
        if cand.reject:
            continue
        if cand.unit is None and cand.low is None and ctx.rules.age_before.search(ctx.window_before(cand.start, 20)):
            cand.unit = "year"  # "under the age of 15"
        if cand.low is not None:
            qualifier = range_qualifier_of(ctx, cand)  # Kazakh «шамамен 10-15 мың»; none elsewhere
        else:
            qualifier = None if cand.linked else qualifier_of(ctx, cand)
        cand.subject = find_subject(ctx, cand, previous, counted, original)
        previous = cand
        counted.append(cand)
        quantities.append(_quantity(ctx, cand, qualifier, original, published_year, published_day))
    quantities.sort(key=lambda q: (q.start, q.end))
    # never two quantities over the same characters (a safety net; the passes above
    # already avoid it)
    kept: list[Quantity] = []
    for q in quantities:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    share_list_nouns(ctx, kept)
    return kept


def _quantity(ctx: Context, cand: Candidate, qualifier: str | None, original: str,
              published_year: int | None, published_day) -> Quantity:
    """The Quantity of a candidate, with its tenge value for money."""
    kzt = kzt_year = None
    if cand.unit in ("MCI", "KZT"):
        year = reference_year(ctx, cand.start) or published_year
        if cand.unit == "MCI":
            tenge, kzt_year = mci_table().value(year, published_day)
            kzt = None if cand.low is not None else plain_number(cand.value * tenge)
        else:
            kzt_year = year
            kzt = None if cand.low is not None else plain_number(cand.value)
    is_range = cand.low is not None
    return Quantity(
        text=original[cand.start : cand.end],
        start=cand.start,
        end=cand.end,
        value=None if is_range else plain_number(cand.value),
        unit=cand.unit,
        low=plain_number(cand.low) if is_range else None,
        high=plain_number(cand.high) if is_range else None,
        qualifier=qualifier,
        subject=cand.subject,
        kzt=kzt,
        kzt_year=kzt_year,
    )


def find_quantities(text: str, lang: str = "en", published_year: int | None = None) -> list[Quantity]:
    """Convenience entry point (tests, notebooks): quantities of a plain text."""
    return extract_quantities(text, lang, published_year)


class QuantityExtractor:
    """Pipeline stage: sets `doc.quantities` from `doc.analysis_text`."""

    def __init__(self):
        # The data files are read once per process (cached loaders); touching them here
        # surfaces a broken data file at construction, not in the middle of a batch.
        for language in registry.languages():
            number_words(language.data)
            rules_for(language.data)
        unit_table()
        mci_table()
        suffixes()
        address_pattern()

    def __call__(self, doc: Document) -> None:
        try:
            doc.quantities = extract_quantities(
                doc.analysis_text,
                doc.lang,
                doc.published,
                doc.tokens,
                original=doc.text,
            )
        except Exception as error:  # never let one odd text stop a batch
            doc.quantities = []
            doc.warnings.append(f"quantities: {type(error).__name__}: {error}")
