"""Score the Kazakh number train suite (corpora/numbers_kk/train_cases.jsonl) the way
tests/test_kazakh_numbers.py scores the frozen suite (`edunews_nlp.peer.score_number_cases`);
print the failures and the rates per kind.

    PYTHONPATH=src python benchmarks/kk_train_numbers.py [--quiet] [--file PATH]
"""

from __future__ import annotations

import pathlib
import sys

from edunews_nlp.peer import score_number_cases

TRAIN = pathlib.Path(__file__).resolve().parents[1] / "corpora" / "numbers_kk" / "train_cases.jsonl"


def main(quiet: bool = False, path: pathlib.Path = TRAIN) -> float:
    score = score_number_cases(path, "kk")
    if not quiet:
        for case, found in score.failures:
            print(f"{case['id']} [{case['kind']}] {case['text']}")
            print("   want:", [(e["text"], e["value"], e["unit"], e.get("qualifier")) for e in case["expected"]])
            print("   got: ", [(f.text, f.value if f.low is None else [f.low, f.high], f.unit, f.qualifier)
                             for f in found])
    for key in sorted(score.total):
        print(f"{key:28s} {score.passed[key]:4d}/{score.total[key]:4d} = {score.rate(key):.3f}")
    return score.rate()


if __name__ == "__main__":
    args = sys.argv[1:]
    main("--quiet" in args, pathlib.Path(args[args.index("--file") + 1]) if "--file" in args else TRAIN)
