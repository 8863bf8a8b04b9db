"""Score the Kazakh number train suite (corpora/numbers_kk/train_cases.jsonl) the way
tests/test_kazakh_numbers.py scores the frozen suite; print rates per kind and the failures.

    PYTHONPATH=src python benchmarks/kk_train_numbers.py [--quiet]
"""

from __future__ import annotations

import collections
import json
import math
import pathlib
import sys

from edunews_nlp.quantities import find_quantities

TRAIN = pathlib.Path(__file__).resolve().parents[1] / "corpora" / "numbers_kk" / "train_cases.jsonl"


def _same_value(found, expected) -> bool:
    if isinstance(expected, list):
        return found.low is not None and math.isclose(found.low, expected[0]) and \
            math.isclose(found.high, expected[1])
    return found.value is not None and found.low is None and math.isclose(found.value, expected)


def _matches(found, expected: dict) -> bool:
    return _same_value(found, expected["value"]) and found.unit == expected["unit"] and \
        found.qualifier == expected.get("qualifier")


def main(quiet: bool = False) -> float:
    total, passed = collections.Counter(), collections.Counter()
    failures = []
    with TRAIN.open(encoding="utf-8") as handle:
        cases = [json.loads(line) for line in handle if line.strip()]
    for case in cases:
        found = find_quantities(case["text"], "kk")
        expected = case["expected"]
        ok = len(found) == len(expected) and all(_matches(f, e) for f, e in zip(found, expected))
        for key in ("all", f"kind:{case['kind']}", f"script:{case['script']}"):
            total[key] += 1
            passed[key] += ok
        if not ok:
            failures.append((case, found))
    if not quiet:
        for case, found in failures:
            print(f"{case['id']} [{case['kind']}] {case['text']}")
            print("   want:", [(e["text"], e["value"], e["unit"], e.get("qualifier")) for e in case["expected"]])
            print("   got: ", [(f.text, f.value if f.low is None else [f.low, f.high], f.unit, f.qualifier)
                             for f in found])
    for key in sorted(total):
        print(f"{key:28s} {passed[key]:4d}/{total[key]:4d} = {passed[key] / total[key]:.3f}")
    return passed["all"] / total["all"]


if __name__ == "__main__":
    main("--quiet" in sys.argv)
