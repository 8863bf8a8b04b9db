"""Project promises: the README quick start, CI calling its test command, the sample corpus gold."""

import re
import subprocess
import sys

import pytest

from conftest import REPO, requires_shared, SHARED


def quick_start_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```[a-z]*\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands_and_ci_runs_them():
    commands = quick_start_commands()
    assert len(commands) == 2
    install, tests = commands
    assert "pip install" in install and "edunews-nlp extract corpora/sample/" in install
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines() and install in ci.splitlines()


GOLD_FILES = sorted((REPO / "corpora").glob("*/gold*.jsonl"))


@requires_shared
@pytest.mark.parametrize("gold", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_gold_passes_check_gold(gold):
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "check_gold.py"), str(gold), str(gold.parent)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ")


def test_corpora_are_big_enough_for_training_and_testing():
    assert len(GOLD_FILES) >= 5
    articles = {p.parent.name: len(list(p.parent.glob("*.txt"))) for p in GOLD_FILES}
    assert articles["train"] + articles["sample"] >= 60 and articles["test"] >= 18
    assert sum(len(list(REPO.glob(f"corpora/*/{lang}_*.txt"))) for lang in ("ru",)) >= 45
