"""Output records: whole-line appends, torn-line repair, resume keys, formats."""

import json

import pytest

from edunews_nlp.document import Claim, Document, Entity, Quantity, TimeSpan
from edunews_nlp.tables import column_names
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


def test_csv_appends_without_repeating_the_header(tmp_path):
    out = tmp_path / "out.csv"
    with RecordWriter(out, "csv") as writer:
        writer.write(sample_record(0))
    with RecordWriter(out, "csv") as writer:  # reopening does not repeat the header
        writer.write(sample_record(1))
    rows = list(read_records(out, "csv"))
    assert [r["index"] for r in rows] == ["0", "1"] and out.read_text(encoding="utf-8").startswith("article,path")
    assert done_keys(out, "csv") == {("in/a.txt", 0), ("in/a.txt", 1)}


def test_csv_round_trip_keeps_text_exact_and_offsets_valid(tmp_path):
    pandas = pytest.importorskip("pandas")
    text = 'Two schools.\r\nA "quoted" line,\rwith commas\n\nand 3 teachers.'
    doc = Document(text, lang="en")
    doc.entities.append(Entity("PLACE", "Two", 0, 3, id="place:two"))
    doc.quantities.append(Quantity("3 teachers", text.index("3"), text.index("3") + 10, 3, subject="teacher"))
    out = tmp_path / "out.csv"
    with RecordWriter(out, "csv") as writer:
        writer.write(article_record(doc, "in/a.txt", 0))
    for frame in (pandas.read_csv(out, keep_default_na=False), pandas.DataFrame(read_records(out, "csv"))):
        assert frame["text"][0] == text
        for entity in json.loads(frame["entities"][0]) + json.loads(frame["quantities"][0]):
            assert frame["text"][0][entity["start"]:entity["end"]] == entity["text"]
    quantities = tmp_path / "q.csv"
    with RecordWriter(quantities, "csv", "quantities") as writer:
        writer.write(article_record(doc, "in/a.txt", 0))
    row = pandas.read_csv(quantities).iloc[0]
    assert text[row["start"]:row["end"]] == row["text"] == "3 teachers" and row["value"] == 3


def test_torn_csv_record_with_newlines_inside_is_cut(tmp_path):
    out = tmp_path / "out.csv"
    with RecordWriter(out, "csv") as writer:
        writer.write(sample_record(0))
    whole = out.read_bytes()
    with RecordWriter(out, "csv") as writer:
        writer.write(sample_record(1))
    second = out.read_bytes()[len(whole):]
    # killed just after the newline inside the second record's quoted text
    torn = whole + second[: second.index(b"Two schools.\n") + len(b"Two schools.\n")]
    out.write_bytes(torn)
    with RecordWriter(out, "csv") as writer:
        writer.write(sample_record(2))
    assert [r["index"] for r in read_records(out, "csv")] == ["0", "2"]


@pytest.mark.parametrize("table", ["claims", "entities", "quantities"])
def test_tables_as_csv_and_parquet_have_the_documented_columns(tmp_path, table):
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"{table}.{fmt}"
        with RecordWriter(out, fmt, table) as writer:
            writer.write(claim_record())
            writer.write(error_record("in/bad.txt", OSError("gone")))
        frame = pandas.read_csv(out) if fmt == "csv" else pandas.read_parquet(out)
        assert list(frame.columns) == column_names(table)
        assert frame["path"].iloc[-1] == "in/bad.txt" and "gone" in frame["error"].iloc[-1]
        assert pandas.isna(frame["error"].iloc[0])
    if table == "claims":
        row = frame.iloc[0]
        assert row["place"] == "Almaty" and row["place_id"] == "place:city-almaty" and row["year"] == 2024
        assert row["kzt"] == 3692000 and json.loads(row["evidence"])["place"]["rule"] == "same clause"


def test_jsonl_with_a_table_writes_one_line_per_row(tmp_path):
    out = tmp_path / "entities.jsonl"
    with RecordWriter(out, "jsonl", "entities") as writer:
        writer.write(claim_record())
        writer.write(sample_record(1))
    rows = list(read_records(out))
    assert [(r["article"], r["text"], r["id"]) for r in rows] == [(0, "Almaty", "place:city-almaty"),
                                                                  (1, "Two", "place:two")]
    assert done_keys(out, "jsonl") == {("in/a.txt", 0), ("in/a.txt", 1)}


def claim_record():
    text = "In Almaty 1,000 AEK were paid in 2024."
    doc = Document(text, lang="en", source="https://x.kz/news/1")
    doc.entities.append(Entity("PLACE", "Almaty", 3, 9, canonical="Almaty", id="place:city-almaty"))
    doc.quantities.append(Quantity("1,000 AEK", 10, 19, 1000, unit="MCI", kzt=3692000, kzt_year=2024))
    doc.claims.append(Claim(text, 0, len(text), 0, subject="payment", place="place:city-almaty",
                            time=TimeSpan("2024", "2024-01-01", "2024-12-31"),
                            evidence={"place": {"rule": "same clause", "start": 3, "end": 9}}))
    return article_record(doc, "in/a.txt", 0)


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


def test_parquet_is_written_in_batches(tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    import edunews_nlp.output as output

    monkeypatch.setattr(output, "PARQUET_BATCH_RECORDS", 2)  # a big run in miniature
    out = tmp_path / "claims.parquet"
    with RecordWriter(out, "parquet", "claims") as writer:
        for _ in range(5):
            writer.write(claim_record())
    assert pq.ParquetFile(out).metadata.num_row_groups == 3  # 2 + 2 + 1 records, never all at once
    assert pq.read_table(out).num_rows == 5 and not (tmp_path / "claims.parquet.partial").exists()
    assert (tmp_path / "claims.parquet.jsonl").is_file()  # the journal stays, for --resume


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="format must be one of"):
        RecordWriter(tmp_path / "x.xml", "xml")
