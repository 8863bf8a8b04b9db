"""Output records: whole-line appends, torn-line repair, resume keys, formats."""

import json

import pytest

from edunews_nlp.document import Document, Entity
from edunews_nlp.output import RecordWriter, article_record, done_keys, error_record, read_records


def sample_record(index=0):
    doc = Document("Two schools.\nSecond line.", lang="en")
    doc.entities.append(Entity("PLACE", "Two", 0, 3, id="place:two"))
    return article_record(doc, "in/a.txt", index)


def test_jsonl_records_and_resume_keys(tmp_path):
    out = tmp_path / "out.jsonl"
    with RecordWriter(out, "jsonl") as writer:
        writer.write(sample_record(0))
        writer.write(sample_record(1))
        writer.write(error_record("in/bad.txt", ValueError("not text")))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and json.loads(lines[2])["error"] == {"type": "ValueError", "message": "not text"}
    assert json.loads(lines[0])["text"] == "Two schools.\nSecond line."
    assert done_keys(out, "jsonl") == {("in/a.txt", 0), ("in/a.txt", 1), ("in/bad.txt", None)}


def test_torn_last_line_is_cut_when_reopened(tmp_path):
    out = tmp_path / "out.jsonl"
    with RecordWriter(out, "jsonl") as writer:
        writer.write(sample_record(0))
    with open(out, "a", encoding="utf-8") as f:
        f.write('{"path": "in/a.txt", "ind')
    assert done_keys(out, "jsonl") == {("in/a.txt", 0)}  # the torn line is not counted
    with RecordWriter(out, "jsonl") as writer:
        writer.write(sample_record(1))
    assert [r["index"] for r in read_records(out)] == [0, 1]
    assert all(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())


def test_csv_one_physical_line_per_record(tmp_path):
    out = tmp_path / "out.csv"
    with RecordWriter(out, "csv") as writer:
        writer.write(sample_record(0))
    with RecordWriter(out, "csv") as writer:  # reopening does not repeat the header
        writer.write(sample_record(1))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and lines[0].startswith("path,index")
    assert done_keys(out, "csv") == {("in/a.txt", 0), ("in/a.txt", 1)}


def test_parquet_written_from_journal(tmp_path):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "out.parquet"
    with RecordWriter(out, "parquet") as writer:
        writer.write(sample_record(0))
        writer.write(error_record("in/bad.txt", OSError("gone")))
    frame = pandas.read_parquet(out)
    assert list(frame["path"]) == ["in/a.txt", "in/bad.txt"]
    assert json.loads(frame["entities"][0])[0]["id"] == "place:two"
    assert done_keys(out, "parquet") == {("in/a.txt", 0), ("in/bad.txt", None)}


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="format must be one of"):
        RecordWriter(tmp_path / "x.xml", "xml")
