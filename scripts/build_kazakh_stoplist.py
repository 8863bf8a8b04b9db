#!/usr/bin/env python
"""Build src/edunews_nlp/data/stoplist_kk.txt: the most frequent Kazakh word forms of KazNERD.

    python scripts/build_kazakh_stoplist.py [--size 1500]

jusText tells article text from boilerplate by the share of "stopwords" in a paragraph;
its lists are the most frequent words of each language's Wikipedia (the Russian one has
4,754 forms). It ships none for Kazakh, and a hand list of ~110 function words makes every
Kazakh paragraph look stopword-poor, so whole Kazakh articles were masked as boilerplate.
This list is the same kind of thing: the `--size` most frequent lower-cased word forms (letters
only, two or more) of KazNERD's validation split (../shared/peer/kaznerd/IOB2_valid.txt,
CC BY 4.0, Yeshpanov, Khassanov, Varol, LREC 2022, ISSAI). Only word counts are used; no
sentence of the corpus is kept. The result is deterministic (ties broken alphabetically).
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import re

REPO = pathlib.Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "peer" / "kaznerd" / "IOB2_valid.txt"
TARGET = REPO / "src" / "edunews_nlp" / "data" / "stoplist_kk.txt"
WORD = re.compile(r"^[а-яёәғқңөұүһі]{2,}$")  # Cyrillic Kazakh words only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1500)
    args = parser.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            word = line.split()[0].lower()
            if WORD.match(word):
                counts[word] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:args.size]
    header = ("# The most frequent Kazakh word forms of KazNERD's validation split (CC BY 4.0, ISSAI),\n"
              f"# {args.size} of them, one per line: jusText's stoplist for Kazakh text.\n"
              "# Made by scripts/build_kazakh_stoplist.py; do not edit by hand.\n")
    TARGET.write_text(header + "".join(f"{word}\n" for word in sorted(word for word, _ in ranked)), encoding="utf-8")
    print(f"{len(ranked)} words written to {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
