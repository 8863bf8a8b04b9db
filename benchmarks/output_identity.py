"""Proof that a change leaves the output byte-identical: a digest of every document's JSON.

    .venv/bin/python benchmarks/output_identity.py write BASELINE.jsonl   # on the old code
    .venv/bin/python benchmarks/output_identity.py check BASELINE.jsonl   # on the new code

Inputs: every file of ../shared/dev/articles and ../shared/dev/raw (read as the CLI reads
them, so dumps are split and HTML cleaned), every text of corpora/, and every case text of
the peer suites in ../shared/peer (duckling, quantulum3, natasha, factRuEval-2016 dev and
test, KazNERD valid and test sentences). Each output is `Document.to_dict()` serialised as
the CLI writes it (json.dumps, sort_keys, ensure_ascii=False); the manifest holds one line
per input: its name and the SHA-256 of that JSON. `check` names every input whose digest
differs, is new or is missing, and exits 1 when there is any.

`--only dev,corpora,...` limits the groups (dev, raw, corpora, peer, kaznerd), for a quick
look while refactoring; `check` then compares only the inputs it ran.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import sys
from typing import Iterator

REPO = pathlib.Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GROUPS = ("dev", "raw", "corpora", "peer", "kaznerd")


def _file_records(folder: pathlib.Path, pattern: str, label: str) -> Iterator[tuple[str, list[dict]]]:
    """The CLI's records of each file (read, split, analysed and serialised as a batch run
    does), with the input's absolute path replaced by its name under `label`."""
    from edunews_nlp import batch

    for path in sorted(folder.glob(pattern)):
        if not path.is_file() or path.suffix not in (".txt", ".html", ".htm", ".json", ".jsonl"):
            continue
        name = f"{label}/{path.relative_to(folder).as_posix()}"
        records = batch.process_file((batch.identity(path), None, set(), ("default", None, False)))
        text = json.dumps(records, sort_keys=True, ensure_ascii=False).replace(batch.identity(path), name)
        yield name, text


def _peer_texts(name: str) -> Iterator[tuple[str, str, str | None]]:
    path = SHARED / "peer" / name
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            case = json.loads(line)
            yield f"peer/{name}#{index}", case["text"], case.get("lang")


def _kaznerd_sentences(name: str) -> Iterator[tuple[str, str, str | None]]:
    words: list[str] = []
    index = 0
    for line in (SHARED / "peer" / "kaznerd" / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            words.append(line.split()[0])
            continue
        if words:
            yield f"peer/kaznerd/{name}#{index}", " ".join(words), None
            index += 1
            words = []
    if words:
        yield f"peer/kaznerd/{name}#{index}", " ".join(words), None


def outputs(groups: set[str]) -> Iterator[tuple[str, str]]:
    """(input name, its output JSON) for every input of `groups`."""
    import edunews_nlp

    if "dev" in groups:
        yield from _file_records(SHARED / "dev" / "articles", "*", "dev/articles")
    if "raw" in groups:
        yield from _file_records(SHARED / "dev" / "raw", "*", "dev/raw")
    if "corpora" in groups:
        yield from _file_records(REPO / "corpora", "*/*", "corpora")
    cases = []
    if "peer" in groups:
        for name in ("duckling.jsonl", "quantulum3.jsonl", "natasha.jsonl",
                     "factrueval2016_dev.jsonl", "factrueval2016_test.jsonl"):
            cases.append(_peer_texts(name))
    if "kaznerd" in groups:
        cases += [_kaznerd_sentences(name) for name in ("IOB2_valid.txt", "IOB2_test.txt")]
    for suite in cases:
        for name, text, lang in suite:
            doc = edunews_nlp.extract(text, lang=lang)
            yield name, json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False)


def digests(groups: set[str]) -> dict[str, str]:
    result: dict[str, str] = {}
    for count, (name, payload) in enumerate(outputs(groups), 1):
        result[name] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
        if count % 1000 == 0:
            print(f"{count} inputs", file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("write", "check"))
    parser.add_argument("manifest", type=pathlib.Path)
    parser.add_argument("--only", default=",".join(GROUPS),
                        help="comma-separated groups: " + ", ".join(GROUPS))
    args = parser.parse_args(argv)
    groups = {group.strip() for group in args.only.split(",") if group.strip()}
    unknown = groups - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    current = digests(groups)
    if args.mode == "write":
        with args.manifest.open("w", encoding="utf-8") as handle:
            for name, digest in current.items():
                handle.write(json.dumps({"input": name, "sha256": digest}) + "\n")
        print(f"{len(current)} inputs written to {args.manifest}")
        return 0
    expected = {}
    with args.manifest.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            expected[row["input"]] = row["sha256"]
    ran_groups_expected = {name: digest for name, digest in expected.items() if _group_of(name) in groups}
    changed = [name for name in current if name in expected and expected[name] != current[name]]
    new = [name for name in current if name not in expected]
    missing = [name for name in ran_groups_expected if name not in current]
    for label, names in (("changed", changed), ("new", new), ("missing", missing)):
        for name in names:
            print(f"{label}: {name}")
    same = len(current) - len(changed) - len(new)
    print(f"{same} of {len(current)} inputs byte-identical; {len(changed)} changed, "
          f"{len(new)} new, {len(missing)} missing")
    return 1 if changed or new or missing else 0


def _group_of(name: str) -> str:
    if name.startswith("corpora/"):
        return "corpora"
    if name.startswith("dev/articles/"):
        return "dev"
    if name.startswith("dev/raw/"):
        return "raw"
    if name.startswith("peer/kaznerd/"):
        return "kaznerd"
    return "peer"


if __name__ == "__main__":
    sys.exit(main())
