"""The Kazakh number suite (corpora/numbers_kk/cases.jsonl): 233 short cases written blind to
the annotation guide's Quantities section, 40 of them in the Latin alphabet.

A case passes when `find_quantities(text, "kk")` returns exactly its expected quantities, in
order: the same number of them, each with the expected value (a number, or [low, high] for a
range), unit and qualifier. Cases that expect nothing (years, dates, grades, ids) pass only
when nothing is found. The surface text is reported as a second rate, not required: the
guide's surface rules for glued case endings are the least settled part of the suite.
The floor sits 0.02 under the measured rate (docs/kazakh.md has the table per kind).
Run with `pytest -s` to see the rates.
"""

from __future__ import annotations

import collections
import json
import math
import pathlib

import pytest

from edunews_nlp.quantities import find_quantities

CASES = pathlib.Path(__file__).resolve().parents[1] / "corpora" / "numbers_kk" / "cases.jsonl"
PASS_FLOOR = 0.928
# measured 5 of 36 negatives with a quantity (0.139), the 0.05 not reached: 0.02 slack
NEGATIVES_WRONG_CEILING = 0.159


def _cases() -> list[dict]:
    with CASES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _same_value(found, expected) -> bool:
    if isinstance(expected, list):
        return found.low is not None and math.isclose(found.low, expected[0]) and \
            math.isclose(found.high, expected[1])
    return found.value is not None and found.low is None and math.isclose(found.value, expected)


def _matches(found, expected: dict) -> bool:
    return _same_value(found, expected["value"]) and found.unit == expected["unit"] and \
        found.qualifier == expected.get("qualifier")


def run_suite() -> dict:
    """Pass counts overall, per kind and per script, and the surface-exact count."""
    total = collections.Counter()
    passed = collections.Counter()
    surface_exact = 0
    failures = []
    for case in _cases():
        found = find_quantities(case["text"], "kk")
        expected = case["expected"]
        ok = len(found) == len(expected) and all(_matches(f, e) for f, e in zip(found, expected))
        for key in ("all", f"kind:{case['kind']}", f"script:{case['script']}"):
            total[key] += 1
            passed[key] += ok
        if ok:
            surface_exact += all(f.text == e["text"] for f, e in zip(found, expected))
        else:
            failures.append((case["id"], case["text"], [(f.text, f.value, f.low, f.high, f.unit, f.qualifier)
                                                        for f in found]))
    return {"total": total, "passed": passed, "surface_exact": surface_exact, "failures": failures}


@pytest.fixture(scope="module")
def suite() -> dict:
    return run_suite()


def test_kazakh_number_suite_passes(suite):
    total, passed = suite["total"], suite["passed"]
    for key in sorted(total):
        print(f"{key:28s} {passed[key]:4d}/{total[key]:4d} = {passed[key] / total[key]:.3f}")
    print(f"surface text exact on passed cases: {suite['surface_exact']}/{passed['all']}")
    rate = passed["all"] / total["all"]
    assert rate >= PASS_FLOOR, f"{rate:.3f} < {PASS_FLOOR}; first failures: {suite['failures'][:5]}"


def test_latin_cases_pass_like_cyrillic(suite):
    total, passed = suite["total"], suite["passed"]
    latin = passed["script:latn"] / total["script:latn"]
    cyrillic = passed["script:cyrl"] / total["script:cyrl"]
    assert latin >= cyrillic - 0.05, f"Latin {latin:.3f} vs Cyrillic {cyrillic:.3f}"


def test_nothing_is_found_where_nothing_is_expected(suite):
    negatives = [case for case in _cases() if not case["expected"]]
    assert negatives
    wrong = [case["id"] for case in negatives if find_quantities(case["text"], "kk")]
    assert len(wrong) <= NEGATIVES_WRONG_CEILING * len(negatives), wrong
