"""extract / extract_many: SPEC shape, argument checks, never raising on text input."""

import json
import pathlib

import pytest

import edunews_nlp
from conftest import requires_shared, SHARED

pytestmark = pytest.mark.slow

TOP_KEYS = {"schema", "lang", "lang_confidence", "source", "published", "title", "languages", "entities",
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
    position = 0
    for part in d["languages"]:  # non-overlapping, in order, inside the text
        assert part["lang"] in ("en", "ru", "kk", "und") and position <= part["start"] < part["end"] <= len(text)
        position = part["end"]
    for c in d["claims"]:
        assert set(c) == CLAIM_KEYS
        for key, why in c["evidence"].items():  # ANNOTATION.md's key names: "year" is `time`'s
            filled = c["time"] if key == "year" else c[key]
            assert filled not in (None, "fact") and why["rule"] and 0 <= why["start"] <= why["end"] <= len(text)
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


def test_a_mixed_language_article_is_analysed_part_by_part():
    text = ("Education news digest\n\n"
            "The Ministry of Education reported that 12 new schools for 7,200 pupils opened in Turkestan region "
            "this year, Minister Gani Beisembayev said.\n\n"
            "Министр просвещения Гани Бейсембаев сообщил, что в Карагандинской области в этом году открыли "
            "8 новых школ на 4 500 мест.\n")
    doc = edunews_nlp.extract(text, published="2025-09-01")
    assert_spec_shape(doc, text)
    assert {p.lang for p in doc.languages} == {"en", "ru"}
    assert [(q.value, q.subject) for q in doc.quantities] == [(12, "school"), (7200, "pupil"), (8, "школа"),
                                                             (4500, "место")]
    officials = {e.id for e in doc.entities if e.type == "OFFICIAL"}
    assert len(officials) == 1 and len([e for e in doc.entities if e.type == "OFFICIAL"]) == 2
    places = {e.text: e.id for e in doc.entities if e.type == "PLACE"}
    assert places.keys() >= {"Turkestan region", "Карагандинской области"}
    assert [c.quantity for c in doc.claims] == [0, 1, 2, 3]  # claims follow their quantities' order
    assert doc.claims[2].place == places["Карагандинской области"]


@pytest.mark.parametrize("lang, sample", [
    ("en", "The akimat of Almaty opened 12 new schools with 1,500 places each; 3 more will open in May. "),
    ("ru", "Акимат Шымкента открыл 12 новых школ на 1 500 мест, ещё 3 школы откроют в мае. "),
])
def test_cost_grows_linearly_with_the_text(lang, sample):
    """10x the text costs about 10x the time (here under 15x: a quadratic step would be ~100x)."""
    import time

    paragraph = "\n".join([sample * 6] * 5) + "\n\n"
    small, large = paragraph * 10, paragraph * 100
    edunews_nlp.extract(small, lang=lang)  # models loaded, caches warm

    def cpu_seconds(text):
        start = time.process_time()
        edunews_nlp.extract(text, lang=lang)
        return time.process_time() - start

    small_cost = min(cpu_seconds(small) for _ in range(2))
    assert cpu_seconds(large) < 15 * small_cost
