"""docs/output.schema.json: every record the pipeline writes is valid, offsets included."""

import json
import pathlib

import pytest

from conftest import REPO, SHARED, requires_shared
from edunews_nlp.output import article_record, error_record

jsonschema = pytest.importorskip("jsonschema", reason="needs the dev extra: pip install -e '.[dev]'")
SCHEMA = json.loads((REPO / "docs" / "output.schema.json").read_text(encoding="utf-8"))
validator = jsonschema.Draft202012Validator(SCHEMA)


def check(record: dict) -> None:
    validator.validate(record)
    if "error" in record:
        return
    text = record["text"]
    for span in record["entities"] + record["quantities"] + record["claims"]:
        assert text[span["start"]:span["end"]] == span["text"]
    for claim in record["claims"]:
        assert 0 <= claim["quantity"] < len(record["quantities"])
        for why in claim["evidence"].values():
            assert 0 <= why["start"] <= why["end"] <= len(text)
    assert all(0 <= part["start"] <= part["end"] <= len(text) for part in record["languages"])


def test_the_schema_is_valid_and_strict():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({"schema": "edunews_nlp/1", "lang": "fr"})


def test_an_error_record_is_valid():
    check(error_record("in/bad.txt", OSError("gone")))


@pytest.mark.slow
def test_records_of_odd_texts_are_valid(pipeline):
    texts = ["", "   ", "Министр Гани Бейсембаев: в 2024 году открыли 34 школы на 1 000 МРП.",
             "In 2024, 34 schools opened in the Turkestan region. Бюджет — 5 млрд тенге.", "\x00\ufeff 12 %"]
    for number, text in enumerate(texts):
        check(article_record(pipeline(text, published="2024-12-01"), "in/x.txt", number))


@pytest.mark.slow
@requires_shared
def test_every_dev_record_is_valid(pipeline):
    from edunews_nlp.ingest import iter_input_files, read_articles

    checked = 0
    for folder in (SHARED / "dev" / "articles", SHARED / "dev" / "raw", REPO / "corpora" / "sample"):
        for path in iter_input_files([folder]):
            if path.suffix == ".jsonl":
                continue  # gold annotations, not articles
            for article in read_articles(pathlib.Path(path)):
                doc = pipeline(article.text, published=article.published, source=article.source)
                check(article_record(doc, str(path), article.index))
                checked += 1
    assert checked >= 50
