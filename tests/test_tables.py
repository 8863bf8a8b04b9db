"""Flat tables: the CLI's --table output and the pandas API give the same rows."""

import json
import subprocess
import sys

import pytest

import edunews_nlp
from conftest import REPO
from edunews_nlp.tables import TABLES, column_names, iter_frames, rows, to_frame, to_frames

pandas = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
pytestmark = pytest.mark.slow  # runs the pipeline
ARTICLES = [REPO / "corpora" / "sample" / name for name in ("en_sample_01.txt", "ru_sample_02.txt")]


def extract(tmp_path, *args):
    result = subprocess.run([sys.executable, "-m", "edunews_nlp", "extract", *map(str, ARTICLES), *args],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    out = tmp_path_factory.mktemp("records") / "records.jsonl"
    extract(out.parent, "-o", out)
    return list(edunews_nlp.read_output(out))


@pytest.mark.parametrize("table, fmt", [("claims", "csv"), ("claims", "parquet"), ("entities", "csv"),
                                        ("quantities", "parquet")])
def test_cli_tables_match_the_python_tables(tmp_path, records, table, fmt):
    expected = to_frame(records, table)
    assert len(expected) == sum(len(rows(r, table)) for r in records) > 10
    out = tmp_path / f"{table}.{fmt}"
    extract(tmp_path, "-o", out, "--table", table)
    frame = pandas.read_csv(out, keep_default_na=False, na_values=[""]) if fmt == "csv" else pandas.read_parquet(out)
    assert list(frame.columns) == column_names(table)
    text_column = "quantity" if table == "claims" else "text"
    assert frame[text_column].tolist() == expected[text_column].tolist()
    assert frame["start"].tolist() == expected["start"].tolist()
    if table == "claims":  # offsets into the article text hold in the table
        texts = {r["path"]: r["text"] for r in records}
        for row in frame.itertuples():
            assert texts[row.path][row.quantity_start:row.quantity_end] == row.quantity
            assert texts[row.path][row.start:row.end] == row.sentence
        assert set(frame["path"]) == {str(p) for p in ARTICLES}


def test_the_python_ways_agree(records):
    frames = to_frames(iter(records))  # one pass over a generator
    assert set(frames) == set(TABLES)
    chunks = list(iter_frames(iter(records), "entities", chunksize=1))
    assert len(chunks) == 2 and pandas.concat(chunks, ignore_index=True).equals(frames["entities"])
    assert frames["claims"].dtypes["value"] == "Float64" and frames["claims"].dtypes["year"] == "Int64"
    doc = edunews_nlp.extract(records[0]["text"], published=records[0]["published"])
    own = doc.to_frame("claims")
    assert own["quantity"].tolist() == frames["claims"].query("article == 0")["quantity"].tolist()
    assert json.loads(frames["articles"]["entities"][0]) == records[0]["entities"]
