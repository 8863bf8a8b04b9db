"""Project promises: the README quick start, CI calling its test command, the sample corpus gold."""

import re
import subprocess
import sys

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


@requires_shared
def test_sample_corpus_gold_is_valid():
    result = subprocess.run([sys.executable, str(SHARED / "tools" / "check_gold.py"),
                             str(REPO / "corpora" / "sample" / "gold.jsonl"), str(REPO / "corpora" / "sample")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ")
    assert int(result.stdout.split()[1]) >= 10
