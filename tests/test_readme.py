"""The README's examples run: every fenced block after a `<!-- readme-test -->` line.

Shell blocks run in bash with `edunews-nlp` meaning this Python's `-m edunews_nlp`, Python
blocks in one namespace, in order, all in a temporary folder that sees the repository's
corpora/ (the examples write under results/, as they would in a clone).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = pytest.mark.slow  # runs the pipeline
BLOCK = re.compile(r"<!-- readme-test -->\s*\n```(\w+)\n(.*?)\n```", re.S)


def readme_blocks() -> list[tuple[str, str]]:
    return BLOCK.findall((REPO / "README.md").read_text(encoding="utf-8"))


def test_readme_has_tested_examples_of_each_kind():
    kinds = [kind for kind, _ in readme_blocks()]
    assert kinds.count("sh") >= 1 and kinds.count("python") >= 2
    commands = " ".join(code for kind, code in readme_blocks() if kind == "sh")
    assert "--table claims" in commands and "edunews-nlp render" in commands and "aggregate" in commands


def test_readme_examples_run(tmp_path, monkeypatch):
    (tmp_path / "corpora").symlink_to(REPO / "corpora")
    monkeypatch.chdir(tmp_path)
    # A clean install finds the spaCy factory through the package's entry point; an
    # editable install made before the entry point was added does not have it yet.
    import edunews_nlp.spacy_component  # noqa: F401

    namespace: dict = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])}
    for kind, code in readme_blocks():
        if kind == "sh":
            script = f'set -euo pipefail\nedunews-nlp() {{ "{sys.executable}" -m edunews_nlp "$@"; }}\n{code}\n'
            result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env)
            assert result.returncode == 0, f"{code}\n{result.stderr}"
        else:
            exec(compile(code, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
    assert (tmp_path / "results" / "readme" / "pages" / "index.html").is_file()
    claims = namespace["claims"]
    assert len(claims) > 50 and claims["fact"].nunique() <= len(claims)
    assert "edunews" in namespace["doc"].spans and namespace["page"].startswith("<!DOCTYPE html>")
