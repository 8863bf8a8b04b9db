"""Scores of edunews_nlp.evaluate on hand-made gold and predictions whose right figures are
worked out by hand. Self-contained: no shared data, no language models."""

import json
from types import SimpleNamespace

import pytest

import edunews_nlp
from edunews_nlp import evaluate
from edunews_nlp.evaluate import format_errors, format_table, main, match_quantities, normalise_surface, run, score


def entity(type_, text, id_=None):
    return {"type": type_, "text": text, "start": 0, "end": len(text), "id": id_}


def quantity(text, value=None, unit=None, subject=None, low=None, high=None, start=0):
    return {"text": text, "start": start, "end": start + len(text), "value": value, "low": low,
            "high": high, "unit": unit, "subject": subject}


def claim(index, programme=None, place=None, official=None, year=None, modality="fact"):
    time = {"text": str(year), "start": f"{year}-01-01", "end": f"{year}-12-31"} if year else None
    return {"text": "", "start": 0, "end": 0, "quantity": index, "subject": None, "programme": programme,
            "place": place, "official": official, "time": time, "modality": modality}


def prediction(lang="en", entities=(), quantities=(), claims=(), **extra):
    return {"lang": lang, "entities": list(entities), "quantities": list(quantities),
            "claims": list(claims), **extra}


def gold(id_="a", lang="en", entities=(), quantities=()):
    return {"id": id_, "lang": lang, "file": f"articles/{id_}.txt",
            "entities": [list(e) for e in entities], "quantities": list(quantities)}


# -- entities --------------------------------------------------------------------------------


def test_per_type_precision_recall_f1():
    g = gold(entities=[("PLACE", "Almaty"), ("PLACE", "Astana"), ("PLACE", "Aktobe")])
    p = prediction(entities=[entity("PLACE", "Almaty"), entity("PLACE", "Uralsk")])
    place = score([g], {"a": p}).entities["PLACE"]
    assert (place.tp, place.pred, place.gold) == (1, 2, 3)
    assert place.precision == 0.5
    assert place.recall == pytest.approx(1 / 3)
    assert place.f1 == pytest.approx(0.4)


def test_normalisation_of_quotes_case_dashes_spaces_and_leading_the():
    assert normalise_surface("«Comfortable school»") == normalise_surface("Comfortable School")
    assert normalise_surface("The  Ministry\u00a0of Education") == "ministry of education"
    assert normalise_surface("Auyl mektebi \u2013 sapa alany") == normalise_surface("Auyl mektebi — sapa alany")
    assert normalise_surface("Theodor Herzl") == "theodor herzl"  # "the" only as a word
    assert normalise_surface("“Birtutas Tarbieh”") == "birtutas tarbieh"

    g = gold(entities=[("PROGRAMME", "Comfortable School"), ("ORG", "Ministry of Education"),
                       ("PROGRAMME", "Auyl mektebi — sapa alany")])
    p = prediction(entities=[entity("PROGRAMME", "«Comfortable school»"),
                             entity("ORG", "the Ministry of  Education"),
                             entity("PROGRAMME", '"Auyl mektebi - sapa alany"')])
    report = score([g], {"a": p})
    assert report.entities_all.tp == 3
    assert report.entities_all.f1 == 1.0


def test_repeated_mentions_count_as_a_multiset():
    g = gold(entities=[("OFFICIAL", "Gani Beisembayev")] * 3)
    fewer = score([g], {"a": prediction(entities=[entity("OFFICIAL", "Gani Beisembayev")] * 2)})
    assert (fewer.entities["OFFICIAL"].precision, fewer.entities["OFFICIAL"].recall) == (1.0, pytest.approx(2 / 3))
    more = score([g], {"a": prediction(entities=[entity("OFFICIAL", "Gani Beisembayev")] * 4)})
    assert (more.entities["OFFICIAL"].precision, more.entities["OFFICIAL"].recall) == (0.75, 1.0)


def test_micro_figures_over_all_types_and_over_official_place_programme():
    g = gold(entities=[("OFFICIAL", "Gani Beisembayev"), ("PLACE", "Almaty"), ("PROGRAMME", "Comfortable School"),
                       ("ORG", "UNESCO"), ("PERSON", "Abai")])
    p = prediction(entities=[entity("OFFICIAL", "Gani Beisembayev"), entity("PLACE", "Almaty"),
                             entity("PLACE", "Shymkent"), entity("ORG", "UNESCO"), entity("ORG", "Orleu"),
                             entity("ORG", "Kazinform")])
    report = score([g], {"a": p})
    # all types: tp 3 (official, place, UNESCO), pred 6, gold 5
    assert (report.entities_all.tp, report.entities_all.pred, report.entities_all.gold) == (3, 6, 5)
    assert report.entities_all.f1 == pytest.approx(2 * 0.5 * 0.6 / 1.1)
    # headline: tp 2, pred 3, gold 3
    assert (report.entities_headline.tp, report.entities_headline.pred, report.entities_headline.gold) == (2, 3, 3)
    assert report.entities_headline.f1 == pytest.approx(2 / 3)
    assert report.entities["PERSON"].precision is None  # nothing predicted: undefined, not 0
    assert report.entities["PERSON"].f1 == 0.0


def test_type_confusion_pairs_false_with_missed_mentions_of_another_type():
    g = gold(entities=[("PLACE", "Almaty"), ("PLACE", "Turkestan"), ("ORG", "Orleu")])
    p = prediction(entities=[entity("ORG", "Almaty"), entity("PLACE", "Turkestan"), entity("ORG", "Turkestan"),
                             entity("PERSON", "Orleu")])
    report = score([g], {"a": p})
    # "Turkestan" as ORG is false, but the PLACE mention was found: no confusion there
    assert dict(report.type_confusion) == {("PLACE", "ORG"): 1, ("ORG", "PERSON"): 1}
    assert report.to_dict()["type_confusion"] == {"ORG->PERSON": 1, "PLACE->ORG": 1}


# -- quantities ------------------------------------------------------------------------------


def test_quantity_value_and_unit_must_match_and_ranges_need_low_high():
    g = gold(quantities=[
        {"text": "7-9%", "value": [7, 9], "unit": "percent", "subject": None},
        {"text": "2 to 6 years", "value": [2, 6], "unit": "year", "subject": None},
        {"text": "3.6 million tenge", "value": 3600000, "unit": "KZT", "subject": None},
        {"text": "75 points", "value": 75, "unit": "point", "subject": None},
    ])
    p = prediction(quantities=[
        quantity("7-9%", low=7, high=9.000000001, unit="percent"),  # within 1e-6 relative
        quantity("2 to 6 years", value=2, unit="year"),  # a range predicted as a number: no
        quantity("3.6 million tenge", value=3600000.0, unit="KZT"),
        quantity("75 points", value=75, unit=None),  # wrong unit: no
    ])
    report = score([g], {"a": p})
    assert (report.quantities.tp, report.quantities.pred, report.quantities.gold) == (2, 4, 4)
    assert report.quantities.f1 == 0.5
    assert [q["text"] for q in report.articles[0].missed_quantities] == ["2 to 6 years", "75 points"]


def test_quantity_tolerance_is_relative():
    g = gold(quantities=[{"text": "1.7 million", "value": 1700000, "unit": None, "subject": None}])
    assert score([g], {"a": prediction(quantities=[quantity("x", value=1700001)])}).quantities.tp == 1
    assert score([g], {"a": prediction(quantities=[quantity("x", value=1700010)])}).quantities.tp == 0


def test_a_range_is_matched_only_by_a_predicted_range():
    g = gold(quantities=[{"text": "7-9%", "value": [7, 9], "unit": "percent", "subject": None}])
    with_value = quantity("7-9%", value=8, low=7, high=9, unit="percent")
    assert score([g], {"a": prediction(quantities=[with_value])}).quantities.tp == 0
    assert score([g], {"a": prediction(quantities=[{**with_value, "value": None}])}).quantities.tp == 1


def test_quantities_match_one_to_one():
    two = [{"text": "1,000", "value": 1000, "unit": None, "subject": None}] * 2
    one_prediction = score([gold(quantities=two)], {"a": prediction(quantities=[quantity("1,000", value=1000)])})
    assert (one_prediction.quantities.precision, one_prediction.quantities.recall) == (1.0, 0.5)
    two_predictions = score([gold(quantities=two[:1])],
                            {"a": prediction(quantities=[quantity("1,000", value=1000)] * 2)})
    assert (two_predictions.quantities.precision, two_predictions.quantities.recall) == (0.5, 1.0)


def test_matching_prefers_a_prediction_with_the_same_text():
    gold_quantities = [{"text": "1 thousand", "value": 1000, "unit": None, "subject": "school"},
                       {"text": "1,000", "value": 1000, "unit": None, "subject": "teacher"}]
    predicted = [quantity("1,000", value=1000, subject="teacher", start=5),
                 quantity("1 thousand", value=1000, subject="school", start=50)]
    assert match_quantities(gold_quantities, predicted) == {0: 1, 1: 0}
    report = score([gold(quantities=gold_quantities)], {"a": prediction(quantities=predicted)})
    assert (report.subject.correct, report.subject.total) == (2, 2)


def test_subject_alternatives_case_and_null():
    g = gold(quantities=[
        {"text": "1", "value": 1, "unit": None, "subject": "student place|place"},
        {"text": "2", "value": 2, "unit": None, "subject": None},
        {"text": "3", "value": 3, "unit": None, "subject": None},
        {"text": "4", "value": 4, "unit": None, "subject": "school"},
        {"text": "5", "value": 5, "unit": None, "subject": "teacher"},
        {"text": "6", "value": 6, "unit": None, "subject": "школа"},
    ])
    p = prediction(quantities=[
        quantity("1", value=1, subject=" Place "),
        quantity("2", value=2, subject=None),
        quantity("3", value=3, subject="school"),
        quantity("4", value=4, subject=None),
        quantity("5", value=5, subject="teachers"),
        quantity("6", value=6, subject="Школа"),
        quantity("7", value=7, subject="unmatched, not counted"),
    ])
    report = score([g], {"a": p})
    assert (report.subject.correct, report.subject.total) == (3, 6)
    assert report.subject.value == 0.5
    assert [e["text"] for e in report.articles[0].subject_errors] == ["3", "4", "5"]


# -- claim keys ------------------------------------------------------------------------------

CLAIM_ENTITIES = [entity("PROGRAMME", "«Comfortable School»", "programme:comfortable_school"),
                  entity("PLACE", "Almaty region", "place:almaty_region"),
                  entity("PLACE", "Almaty", "place:almaty"),
                  entity("OFFICIAL", "Gani Beisembayev", "official:beisembayev")]


def test_claim_keys_are_scored_as_slot_filling():
    g = gold(quantities=[
        {"text": "10", "value": 10, "unit": None, "subject": None, "programme": "Comfortable School",
         "place": "Almaty region", "official": None, "year": 2024, "modality": "plan"},
        # no "year" key: not annotated, so the predicted 2023 is not counted
        {"text": "20", "value": 20, "unit": None, "subject": None, "programme": None,
         "place": "Almaty", "official": "Gani Beisembayev", "modality": "fact"},
    ])
    p = prediction(
        entities=CLAIM_ENTITIES,
        quantities=[quantity("10", value=10), quantity("20", value=20), quantity("30", value=30)],
        claims=[  # listed out of order: claims are found through their quantity index
            claim(1, place="place:almaty", official="official:other", year=2023, modality="fact"),
            claim(0, programme="programme:comfortable_school", place="place:almaty",
                  official="official:beisembayev", year=2024, modality="plan"),
            claim(2, programme="programme:comfortable_school", modality="plan"),  # unmatched quantity
        ])
    report = score([g], {"a": p})
    keys = {k: (c.tp, c.pred, c.gold) for k, c in report.claim_keys.items()}
    assert keys == {"programme": (1, 1, 1), "place": (1, 2, 2), "official": (0, 2, 1),
                    "year": (1, 1, 1), "modality": (1, 1, 1)}
    assert (report.claims_all.tp, report.claims_all.pred, report.claims_all.gold) == (4, 7, 6)
    assert report.claims_all.precision == pytest.approx(4 / 7)
    assert report.claims_all.recall == pytest.approx(2 / 3)
    assert report.claims_all.f1 == pytest.approx(8 / 13)
    assert report.claim_keys["official"].f1 == 0.0
    errors = {(e["text"], e["key"]) for e in report.articles[0].claim_errors}
    assert errors == {("10", "place"), ("10", "official"), ("20", "official")}


def test_modality_fact_is_the_empty_value():
    g = gold(quantities=[
        {"text": "1", "value": 1, "unit": None, "subject": None, "modality": "plan"},
        {"text": "2", "value": 2, "unit": None, "subject": None, "modality": "fact"},
        {"text": "3", "value": 3, "unit": None, "subject": None, "modality": "target"},
    ])
    p = prediction(quantities=[quantity("1", value=1), quantity("2", value=2), quantity("3", value=3)],
                   claims=[claim(0, modality="fact"), claim(1, modality="target"), claim(2, modality="target")])
    modality = score([g], {"a": p}).claim_keys["modality"]
    assert (modality.tp, modality.pred, modality.gold) == (1, 2, 2)


def test_entity_key_needs_a_predicted_entity_with_the_gold_surface():
    g = gold(quantities=[
        {"text": "1", "value": 1, "unit": None, "subject": None, "place": "Shymkent"},
        {"text": "2", "value": 2, "unit": None, "subject": None, "place": "the Almaty region"},
    ])
    # "place:shymkent" looks right, but no predicted entity has the surface "Shymkent"
    p = prediction(entities=CLAIM_ENTITIES, quantities=[quantity("1", value=1), quantity("2", value=2)],
                   claims=[claim(0, place="place:shymkent"), claim(1, place="place:almaty_region")])
    place = score([g], {"a": p}).claim_keys["place"]
    assert (place.tp, place.pred, place.gold) == (1, 2, 2)


def test_year_comes_from_time_start_and_a_missing_claim_fills_nothing():
    g = gold(quantities=[
        {"text": "1", "value": 1, "unit": None, "subject": None, "year": 2024},
        {"text": "2", "value": 2, "unit": None, "subject": None, "year": None},
        {"text": "3", "value": 3, "unit": None, "subject": None, "year": 2023},
    ])
    p = prediction(quantities=[quantity("1", value=1), quantity("2", value=2), quantity("3", value=3)],
                   claims=[claim(0, year=2024), claim(1, year=2025)])  # no claim for quantity 2
    year = score([g], {"a": p}).claim_keys["year"]
    assert (year.tp, year.pred, year.gold) == (1, 2, 2)


# -- articles, language, speed ---------------------------------------------------------------


def test_language_accuracy_and_speed():
    records = [gold("a", "en"), gold("b", "ru"), gold("c", "ru")]
    predictions = {"a": prediction("en", seconds=0.5, chars=1000), "b": prediction("en", seconds=1.5, chars=3000),
                   "c": prediction("ru")}  # no timing: left out of the speed
    report = score(records, predictions)
    assert (report.language.correct, report.language.total) == (2, 3)
    assert report.chars_per_s == 2000.0


def test_missing_prediction_or_error_record_is_listed_and_scored_empty():
    records = [gold("a", entities=[("PLACE", "Almaty")]), gold("b", entities=[("PLACE", "Astana")]),
               {"id": "c", "lang": "en", "file": "c.txt"}]  # no entities/quantities keys
    predictions = {"a": prediction(entities=[entity("PLACE", "Almaty")]),
                   "b": {"path": "b.txt", "index": None, "error": {"type": "OSError", "message": "gone"}},
                   "c": prediction()}
    report = score(records, predictions)
    assert report.errors == [("b", "OSError: gone")]
    assert (report.entities["PLACE"].tp, report.entities["PLACE"].gold) == (1, 2)
    assert report.language.correct == 2
    assert score(records[:1], {}).errors == [("a", "no prediction")]


def test_report_to_dict_is_json_and_table_ends_with_summary():
    g = gold(entities=[("PLACE", "Almaty")], quantities=[{"text": "5", "value": 5, "unit": None, "subject": "school"}])
    p = prediction(entities=[entity("PLACE", "Almaty")], quantities=[quantity("5", value=5, subject="school")],
                   seconds=2.0, chars=5000)
    report = score([g], {"a": p})
    data = json.loads(json.dumps(report.to_dict()))
    assert data["summary"]["entity_f1_opp"] == 1.0
    assert data["quantities"]["f1"] == 1.0
    assert data["claims"]["all"]["f1"] is None  # no keys annotated
    last = format_table(report).splitlines()[-1]
    assert last == ("summary: entity_f1_opp=1.00 entity_f1_all=1.00 quantity_f1=1.00 subject_acc=1.00 "
                    "claim_f1=n/a lang_acc=1.00 chars_per_s=2500")
    assert format_errors(report) == "no errors"


def test_format_errors_lists_every_kind_of_error():
    g = gold(entities=[("PLACE", "Almaty"), ("PLACE", "Astana")],
             quantities=[{"text": "5", "value": 5, "unit": None, "subject": "school", "place": "Almaty"},
                         {"text": "6%", "value": 6, "unit": "percent", "subject": None}])
    p = prediction("ru", entities=[entity("ORG", "Almaty", "org:almaty"), entity("PLACE", "Astana", "place:astana")],
                   quantities=[quantity("5", value=5, subject="teacher"), quantity("2024", value=2024)],
                   claims=[claim(0, place="place:astana")])
    text = format_errors(score([g], {"a": p}))
    assert text.splitlines()[0] == "== a"
    for expected in ('language: gold en, predicted ru', 'entity missed: PLACE "Almaty"',
                     'entity false: ORG "Almaty"  (gold type PLACE)', 'quantity missed: "6%"',
                     'quantity false: "2024"', 'subject wrong: "5" gold "school", predicted "teacher"',
                     'claim place wrong: "5" gold "Almaty", predicted "place:astana" (Astana)'):
        assert expected in text


# -- run() and the command line --------------------------------------------------------------


def write_dataset(tmp_path, records, articles):
    (tmp_path / "articles").mkdir()
    for name, text in articles.items():
        (tmp_path / "articles" / name).write_text(text, encoding="utf-8")
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    return gold_path, tmp_path / "articles"


def fake_extract(text):
    """Finds "Almaty" and says Cyrillic text is Russian; returns an object with to_dict() like Document."""
    lang = "ru" if any("а" <= c <= "я" for c in text.lower()) else "en"
    entities = [entity("PLACE", "Almaty")] if "Almaty" in text else []
    return SimpleNamespace(to_dict=lambda: prediction(lang, entities=entities))


@pytest.fixture
def dataset(tmp_path):
    records = [gold("en1", "en", entities=[("PLACE", "Almaty")]),
               gold("ru1", "ru", entities=[("PLACE", "Алматы")]),
               gold("gone", "en", entities=[("PLACE", "Astana")])]
    return write_dataset(tmp_path, records, {"en1.txt": "Schools in Almaty.", "ru1.txt": "Школы в Алматы."})


def test_run_reads_articles_by_basename_times_and_scores(dataset):
    gold_path, articles = dataset
    calls = []

    def extract(text):
        calls.append(text)
        return fake_extract(text)

    report = run(gold_path, articles, extract=extract, warm_up=False)
    assert calls == ["Schools in Almaty.", "Школы в Алматы."]
    assert [article_id for article_id, _ in report.errors] == ["gone"]
    assert "cannot read" in report.errors[0][1]
    assert (report.entities["PLACE"].tp, report.entities["PLACE"].pred, report.entities["PLACE"].gold) == (1, 1, 3)
    assert (report.language.correct, report.language.total) == (2, 3)
    assert report.chars == len("Schools in Almaty.") + len("Школы в Алматы.")
    assert report.seconds > 0


def test_run_warms_up_once_per_language_and_survives_a_raising_extract(dataset):
    gold_path, articles = dataset
    calls = []

    def extract(text):
        calls.append(text)
        if text.startswith("Школы"):
            raise RuntimeError("boom")
        return fake_extract(text)

    report = run(gold_path, articles, extract=extract)
    assert len(calls) == 4  # one untimed call per language, then one per readable article
    assert report.errors[0] == ("ru1", "extract raised RuntimeError: boom")
    assert len(report.errors) == 2


@pytest.fixture
def pipeline(monkeypatch):
    # main() uses the package's extract(); stand in for the real pipeline
    monkeypatch.setattr(edunews_nlp, "extract", fake_extract, raising=False)


def test_main_prints_table_ending_with_summary(dataset, pipeline, capsys):
    gold_path, articles = dataset
    assert main([str(gold_path), str(articles)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("summary: entity_f1_opp=0.50 entity_f1_all=0.50 quantity_f1=n/a")
    assert lines[-1].endswith("errors=1")


def test_main_errors_come_before_the_table(dataset, pipeline, capsys):
    gold_path, articles = dataset
    assert main([str(gold_path), str(articles), "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.index("entity missed: PLACE \"Astana\"") < out.index("entities ")
    assert out.splitlines()[-1].startswith("summary:")


def test_main_json_prints_only_json(dataset, pipeline, capsys):
    gold_path, articles = dataset
    assert main([str(gold_path), str(articles), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["articles"] == 3
    assert data["entities"]["PLACE"]["tp"] == 1
    assert data["language"] == {"correct": 2, "total": 3, "accuracy": pytest.approx(2 / 3)}


def test_main_bad_paths_exit_2(tmp_path, capsys):
    (tmp_path / "gold.jsonl").write_text('{"id": "a"}\n', encoding="utf-8")
    assert main([str(tmp_path / "missing.jsonl"), str(tmp_path)]) == 2
    assert "gold file not found" in capsys.readouterr().err
    assert main([str(tmp_path / "gold.jsonl"), str(tmp_path / "nowhere")]) == 2
    assert "articles folder not found" in capsys.readouterr().err
    (tmp_path / "broken.jsonl").write_text('{"id": "a"}\n{not json\n', encoding="utf-8")
    assert main([str(tmp_path / "broken.jsonl"), str(tmp_path)]) == 2
    assert "broken.jsonl:2" in capsys.readouterr().err
    assert main([]) == 2


def test_module_has_a_main_guard():
    source = open(evaluate.__file__, encoding="utf-8").read()
    assert 'if __name__ == "__main__":' in source
