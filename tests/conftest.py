"""Shared test helpers.

Tests that read ../shared (the dev set and peer suites, present in CI) are skipped with a
clear reason where it is absent, so a user's fresh clone still passes.
"""

from __future__ import annotations

import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_REASON = f"needs the shared dev set and peer suites at {SHARED} (present in CI)"

requires_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=SHARED_REASON)


@pytest.fixture(scope="session")
def shared_dir() -> pathlib.Path:
    if not SHARED.is_dir():
        pytest.skip(SHARED_REASON)
    return SHARED


@pytest.fixture(scope="session")
def pipeline():
    """One pipeline for the whole session: models load once."""
    from edunews_nlp.pipeline import default_pipeline

    return default_pipeline()
