"""extract / extract_many: SPEC shape, argument checks, never raising on text input."""

import json
import pathlib

import pytest

import edunews_nlp
from conftest import requires_shared, SHARED

pytestmark = pytest.mark.slow

TOP_KEYS = {"schema", "lang", "lang_confidence", "source", "published", "title", "entities",
            "quantities", "claims", "warnings"}
ENTITY_KEYS = {"type", "text", "start", "end", "canonical", "id", "role", "org"}
QUANTITY_KEYS = {"text", "start", "end", "value", "low", "high", "unit", "qualifier", "subject", "kzt", "kzt_year"}
CLAIM_KEYS = {"text", "start", "end", "quantity", "subject", "programme", "place", "official", "time", "modality",
              "evidence"}


def assert_spec_shape(doc, text):
    d = doc.to_dict()
    json.dumps(d)  # serialisable
    assert set(d) >= TOP_KEYS and d["schema"] == "edunews_nlp/1"
    ids = {e["id"] for e in d["entities"]}
    for e in d["entities"]:
        assert set(e) == ENTITY_KEYS
        assert e["type"] in ("OFFICIAL", "PERSON", "PLACE", "PROGRAMME", "ORG")
        assert text[e["start"]:e["end"]] == e["text"] and e["id"]
    for q in d["quantities"]:
        assert set(q) == QUANTITY_KEYS
        assert text[q["start"]:q["end"]] == q["text"]
        assert q["qualifier"] in (None, "approx", "gt", "gte", "lt", "lte")
        assert (q["value"] is None) == (q["low"] is not None and q["high"] is not None)
    for c in d["claims"]:
        assert set(c) == CLAIM_KEYS
        assert text[c["start"]:c["end"]] == c["text"]
        assert 0 <= c["quantity"] < len(d["quantities"])
        assert c["modality"] in ("fact", "plan", "target")
        for key in ("programme", "place", "official"):
            assert c[key] is None or c[key] in ids
        filled = {k for k in ("programme", "place", "official") if c[k]} | ({"year"} if c["time"] else set()) \
            | ({"modality"} if c["modality"] != "fact" else set())
        assert set(c["evidence"]) == filled  # every filled key says why, and only those
        for evidence in c["evidence"].values():
            assert set(evidence) == {"rule", "start", "end"} and 0 <= evidence["start"] <= evidence["end"] <= len(text)


@requires_shared
@pytest.mark.parametrize("path", sorted((SHARED / "dev" / "articles").glob("*.txt")) if SHARED.is_dir() else [],
                         ids=lambda p: p.name)
def test_dev_articles_give_spec_shaped_results(path):
    text = path.read_text(encoding="utf-8")
    doc = edunews_nlp.extract(text)
    assert doc.lang == path.name[:2]
    assert_spec_shape(doc, text)
    assert doc.entities
    assert not [w for w in doc.warnings if "stage failed" in w]


@pytest.mark.parametrize("text", [
    "",
    " \n\t ",
    "\x00\x01\x02\ufffd" * 50,
    "".join(chr(c) for c in range(0x20, 0x3000, 7)),
    "Министр met the akim в Астане on 5 June: 3,5 млн тенге and 1,000 AEK. 🎓 \u200b\u202e",
    "bad surrogate \udc80 inside",
    "١٢٣ ٤٥٦ — ⅔ ½ ² 10⁶",
])
def test_extract_never_raises_on_odd_text(text):
    doc = edunews_nlp.extract(text)
    assert_spec_shape(doc, doc.text)
    assert not [w for w in doc.warnings if "stage failed" in w]


def test_three_megabyte_text():
    paragraph = ("В Туркестанской области открыли 34 школы на 12 500 мест. "
                 "The Ministry allocated 2.5 billion tenge to 40 schools in Almaty.\n")
    text = paragraph * (3_000_000 // len(paragraph))
    doc = edunews_nlp.extract(text, lang="ru")
    assert len(doc.quantities) > 10_000
    assert doc.quantities[-1].end <= len(text)
    assert not [w for w in doc.warnings if "stage failed" in w]


@pytest.mark.parametrize("kwargs, error", [
    ({"text": b"bytes"}, TypeError),
    ({"text": None}, TypeError),
    ({"text": "x", "lang": "de"}, ValueError),
    ({"text": "x", "published": "yesterday"}, ValueError),
    ({"text": "x", "published": 2024}, TypeError),
    ({"text": "x", "source": 5}, TypeError),
])
def test_wrong_arguments_raise_clear_errors(kwargs, error):
    with pytest.raises(error) as info:
        edunews_nlp.extract(**kwargs)
    assert "must be" in str(info.value)


def test_metadata_is_passed_through():
    doc = edunews_nlp.extract("Two schools opened.", published="2024-12-24", source="https://example.kz/1")
    d = doc.to_dict()
    assert d["published"] == "2024-12-24" and d["source"] == "https://example.kz/1"


def test_extract_many_keeps_order_and_counts(tmp_path):
    texts = ["Two schools opened in Almaty.", "В Шымкенте открыли 20 школ.", "", "Five teachers won."]
    docs = list(edunews_nlp.extract_many(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    assert [d.lang for d in docs] == ["en", "ru", "und", "en"]


def test_extract_many_in_two_processes_matches_one():
    texts = ["Two schools opened in Almaty.", "В Шымкенте открыли 20 школ.", "Five teachers won."] * 2
    one = [d.to_dict() for d in edunews_nlp.extract_many(texts)]
    two = [d.to_dict() for d in edunews_nlp.extract_many(texts, n_process=2)]
    assert one == two


def test_extract_many_reads_paths(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title of the news\nThe akimat opened 3 schools.", encoding="utf-8")
    docs = list(edunews_nlp.extract_many([pathlib.Path(path)]))
    assert len(docs) == 1 and docs[0].quantities


def test_extract_many_rejects_bad_arguments():
    with pytest.raises(ValueError):
        list(edunews_nlp.extract_many(["x"], n_process=0))
