"""Batch runs over files and folders: which inputs a run has, and which it already did.

An input is identified by its resolved absolute path, so a run named with relative paths
and resumed with absolute ones (or from another folder) finds the same inputs. The output
file and its journal are never inputs, also when they lie inside an input folder. A PATH
that does not exist is an input too: it gives an error record, and the rest still runs.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass, field
from typing import Iterable

from .ingest import SUPPORTED_SUFFIXES


@dataclass
class Inputs:
    files: list[str] = field(default_factory=list)  # resolved absolute paths, in order, once each
    missing: list[str] = field(default_factory=list)  # PATHs that do not exist (resolved)
    unsupported: list[str] = field(default_factory=list)  # files in folders skipped for their type


def collect_inputs(paths: Iterable[str | os.PathLike], exclude: Iterable[pathlib.Path | None] = ()) -> Inputs:
    """The input files named by `paths` (files, or folders read recursively: supported
    types, hidden files and folders skipped). A file named explicitly is taken whatever its
    type (reading it says whether it can be read). `exclude`: the run's own output files."""
    excluded = {identity(p) for p in exclude if p is not None}
    inputs = Inputs()
    seen: set[str] = set()
    for raw in paths:
        path = pathlib.Path(raw)
        if not path.exists():
            inputs.missing.append(identity(path))
            continue
        found = _files_under(path, inputs.unsupported) if path.is_dir() else [path]
        for candidate in found:
            key = identity(candidate)
            if key not in seen and key not in excluded:
                seen.add(key)
                inputs.files.append(key)
    inputs.unsupported = [p for p in inputs.unsupported if p not in excluded]
    return inputs


def identity(path: str | os.PathLike) -> str:
    """The resolved absolute path that names an input in records and on --resume."""
    return str(pathlib.Path(path).expanduser().resolve())


def _files_under(folder: pathlib.Path, unsupported: list[str]) -> list[pathlib.Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            path = pathlib.Path(root) / name
            if name.lower().endswith(SUPPORTED_SUFFIXES):
                found.append(path)
            else:
                unsupported.append(identity(path))
    return sorted(found)


def done_inputs(records: Iterable[dict]) -> set[tuple[str, int | None]]:
    """(input identity, article index) of the records already written; (identity, None) for
    an input that gave an error record as a whole."""
    keys = set()
    for record in records:
        path, index = record.get("path"), record.get("index")
        if path:
            keys.add((identity(path), None if index in (None, "") else int(index)))
    return keys
