"""The batch CLI end to end: formats, error records, exit codes, --jobs, kill and --resume."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import requires_shared, SHARED
from edunews_nlp.cli import main

pytestmark = pytest.mark.slow

ARTICLE_EN = "Schools opened in Almaty\n12.03.2025 10:15:02 1843\nThe akimat of Almaty opened {n} new schools with 1,500 places each.\n"
ARTICLE_RU = "В Шымкенте открыли школы\nВ Шымкенте построили {n} новых школ на 2 500 мест.\n"


def write_corpus(folder, count=6):
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        template = ARTICLE_EN if n % 2 else ARTICLE_RU
        (folder / f"a{n:02}.txt").write_text(template.format(n=n + 2), encoding="utf-8")
    return folder


def run_cli(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "edunews_nlp", *args], capture_output=True, text=True,
                          timeout=600, **kwargs)


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_extract_folder_to_jsonl_with_error_records(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2)
    (corpus / "sub").mkdir()
    (corpus / "sub" / "cp1251.txt").write_bytes("В Туркестанской области открыли 34 школы.".encode("cp1251"))
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (corpus / "many.jsonl").write_text(
        json.dumps({"text": "Five teachers won prizes.", "published": "2024-12-24", "source": "https://x.kz/1"})
        + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = run_cli("extract", str(corpus), "-o", str(out))
    assert result.returncode == 1, result.stderr  # the broken file gave an error record
    records = read_jsonl(out)
    errors = [r for r in records if "error" in r and r["index"] is None]
    assert [r["path"].endswith("broken.txt") for r in errors] == [True]
    assert errors[0]["index"] is None and errors[0]["error"]["type"] and errors[0]["error"]["message"]
    ok = [r for r in records if "error" not in r]
    assert {pathlib_name(r["path"]) for r in ok} == {"a00.txt", "a01.txt", "cp1251.txt", "many.jsonl"}
    assert all(os.path.isabs(r["path"]) for r in records)  # inputs are named by their resolved path
    cp = next(r for r in ok if r["path"].endswith("cp1251.txt"))
    assert cp["lang"] == "ru" and [q["value"] for q in cp["quantities"]] == [34]
    jsonl = sorted((r for r in ok if r["path"].endswith("many.jsonl")), key=lambda r: r["index"])
    assert [r["index"] for r in jsonl] == [0]
    assert jsonl[0]["published"] == "2024-12-24" and jsonl[0]["source"] == "https://x.kz/1"
    # The bad line is an error record of its own (with its index), not an empty article.
    bad_line = next(r for r in records if r["path"].endswith("many.jsonl") and "error" in r)
    assert bad_line["index"] == 1 and "line 2" in bad_line["error"]["message"]
    assert "articles" in result.stderr and "errors" in result.stderr  # the summary


def pathlib_name(path):
    return os.path.basename(path)


def test_all_good_exits_zero_and_csv_parquet(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2)
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"out.{fmt}"
        result = run_cli("extract", str(corpus), "-o", str(out))
        assert result.returncode == 0, result.stderr
        import pandas

        frame = pandas.read_csv(out) if fmt == "csv" else pandas.read_parquet(out)
        assert len(frame) == 2
        assert set(frame["lang"]) == {"en", "ru"}
        assert all(json.loads(q) for q in frame["quantities"])


def test_bad_usage_exits_two(tmp_path):
    assert run_cli("extract").returncode == 2
    assert run_cli("extract", str(tmp_path), "--jobs", "0").returncode == 2
    assert run_cli("extract", str(tmp_path), "--resume").returncode == 2  # --resume needs -o
    assert run_cli("extract", str(tmp_path), "--overwrite").returncode == 2  # so does --overwrite
    both = run_cli("extract", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--resume", "--overwrite")
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_every_command_answers_help_and_version():
    for command in ([], ["extract"], ["aggregate"], ["evaluate"]):
        result = run_cli(*command, "--help")
        assert result.returncode == 0 and "usage: edunews-nlp" in result.stdout, (command, result.stderr)
    version = run_cli("--version")
    assert version.returncode == 0 and version.stdout.startswith("edunews-nlp ")


def test_missing_paths_binary_files_and_skipped_types_are_reported_not_fatal(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2)
    (corpus / "report.txt").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nstream\nBT /F1 12 Tf ET\n")
    (corpus / "slides.pptx").write_bytes(b"PK\x03\x04")
    missing = tmp_path / "nowhere.txt"
    out = corpus / "out.jsonl"  # inside the input folder: never read back as an input
    result = run_cli("extract", str(missing), str(corpus), "-o", str(out))
    assert result.returncode == 1, result.stderr
    records = read_jsonl(out)
    by_name = {pathlib_name(r["path"]): r for r in records}
    assert set(by_name) == {"nowhere.txt", "a00.txt", "a01.txt", "report.txt"}
    assert by_name["nowhere.txt"]["error"]["type"] == "FileNotFoundError"
    assert "PDF document" in by_name["report.txt"]["error"]["message"]  # not analysed as text
    for name in ("nowhere.txt", "report.txt"):  # each error on stderr, one line: path: type: message
        error = by_name[name]["error"]
        assert f"{by_name[name]['path']}: {error['type']}: {error['message']}" in result.stderr
    assert "slides.pptx" in result.stderr and "1 not read (unsupported type)" in result.stderr


def test_existing_output_needs_resume_or_overwrite(tmp_path):
    corpus = write_corpus(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", str(corpus), "-o", str(out)).returncode == 0
    before = out.read_bytes()
    again = run_cli("extract", str(corpus), "-o", str(out))
    assert again.returncode == 2 and "--resume" in again.stderr and "--overwrite" in again.stderr
    assert out.read_bytes() == before  # OUT unchanged
    assert run_cli("extract", str(corpus), "-o", str(out), "--overwrite").returncode == 0
    assert len(read_jsonl(out)) == 2  # replaced, not appended


def test_resume_finds_inputs_named_relatively_or_absolutely(tmp_path):
    corpus = write_corpus(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    assert run_cli("extract", "in/a00.txt", "in/a01.txt", "-o", "out.jsonl", cwd=tmp_path).returncode == 0
    resumed = run_cli("extract", str(corpus), "-o", str(out), "--resume", cwd=corpus)
    assert resumed.returncode == 0, resumed.stderr
    keys = [(r["path"], r["index"]) for r in read_jsonl(out)]
    assert len(keys) == len(set(keys)) == 4
    assert "2 skipped (resume)" in resumed.stderr


def test_jobs_two_gives_the_same_records(tmp_path):
    corpus = write_corpus(tmp_path / "in", 6)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["extract", str(corpus), "-o", str(one)]) == 0
    assert main(["extract", str(corpus), "-o", str(two), "--jobs", "2"]) == 0
    key = lambda r: (r["path"], r["index"])
    assert sorted(read_jsonl(one), key=key) == sorted(read_jsonl(two), key=key)


def test_kill_and_resume_gives_every_input_exactly_once(tmp_path):
    corpus = write_corpus(tmp_path / "in", 24)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "edunews_nlp", "extract", str(corpus), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 3):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written_before = out.read_text(encoding="utf-8").count("\n")
    assert 3 <= written_before < 24
    with open(out, "a", encoding="utf-8") as f:  # what a kill in the middle of a write leaves
        f.write('{"path": "torn')
    result = run_cli("extract", str(corpus), "-o", str(out), "--resume")
    assert result.returncode == 0, result.stderr
    records = read_jsonl(out)  # every line parses: the torn one is gone
    keys = [(r["path"], r["index"]) for r in records]
    assert len(keys) == len(set(keys)) == 24
    assert "skipped" in result.stderr


@requires_shared
def test_dev_raw_dump_and_boilerplate(tmp_path):
    out = tmp_path / "raw.jsonl"
    result = run_cli("extract", str(SHARED / "dev" / "raw"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = read_jsonl(out)
    dump = [r for r in records if os.path.basename(r["path"]).startswith("002_")]
    assert len(dump) >= 20
    assert all(r["title"] and r["source"].startswith("https://") for r in dump)
    assert all(len(r["published"]) == 10 and r["published"][4] == "-" for r in dump)
    empty = [r for r in dump if not r["text"].strip() or r["warnings"]]
    assert empty, "the 'None' bodies give records with warnings"
    portal = next(r for r in records if os.path.basename(r["path"]).startswith("004_"))
    body_start = portal["text"].index("Необходимо увеличить")
    body_end = portal["text"].index("Фото:")
    for item in portal["entities"] + portal["quantities"]:
        assert body_start <= item["start"] and item["end"] <= body_end, item
