"""One fact, many reports: grouping claims across articles and languages, deduplicated."""

import json
import subprocess
import sys

import pytest

import edunews_nlp
from conftest import SHARED, requires_shared
from edunews_nlp.aggregate import aggregate, article_url, canonical_subject

EN = ("Schools opened in Turkestan region\n"
      "In 2024, 34 schools were opened in the Turkestan region under the Comfortable School national project.")
RU = ("В Туркестанской области открыли школы\n"
      "В 2024 году в Туркестанской области в рамках национального проекта «Комфортная школа» открыли 34 школы.")
RU_OTHER_FIGURE = ("Школы в Туркестанской области\n"
                   "В 2024 году в Туркестанской области в рамках национального проекта «Комфортная школа» "
                   "открыли 36 школ.")


def record(path, claims, source=None, text=None, modality="fact"):
    """A CLI record with one quantity per claim: (value, unit, subject, programme, place, year)."""
    quantities, built = [], []
    for number, (value, unit, subject, programme, place, year) in enumerate(claims):
        quantities.append({"text": str(value), "start": 0, "end": 1, "value": value, "low": None, "high": None,
                           "unit": unit, "qualifier": None, "subject": subject, "kzt": None, "kzt_year": None})
        time = {"text": str(year), "start": f"{year}-01-01", "end": f"{year}-12-31"} if year else None
        built.append({"text": f"sentence {number}", "start": 0, "end": 1, "quantity": number, "subject": subject,
                      "programme": programme, "place": place, "official": None, "time": time,
                      "modality": modality, "evidence": {}})
    return {"path": path, "index": 0, "source": source, "lang": "en", "text": text or f"text of {path}",
            "entities": [], "quantities": quantities, "claims": built}


# (value, unit, subject, programme, place, year) of a claim whose every key is filled
SCHOOLS_2024 = (34, None, "school", "programme:comfortable-school", "place:kz-61", 2024)


def test_same_url_or_same_text_counts_once():
    one = record("a.txt", [SCHOOLS_2024],
                 source="https://www.gov.kz/memleket/entities/edu/press/news/details/1")
    again = dict(one, path="dump.txt", text="another layout of the same page")
    same_text = dict(one, path="copy.txt", source=None)
    groups = aggregate([one, again, same_text])
    assert groups == [] and groups.duplicates == 2


def test_a_site_root_is_not_an_article_identity():
    assert article_url("https://www.inform.kz/ru/") is None
    assert article_url("https://www.gov.kz/memleket/entities/edu/press/news/details/1/") == \
        "gov.kz/memleket/entities/edu/press/news/details/1"
    a = record("a.txt", [SCHOOLS_2024], source="https://www.inform.kz/ru/")
    b = record("b.txt", [SCHOOLS_2024], source="https://www.inform.kz/ru")
    groups = aggregate([a, b])
    assert groups.duplicates == 0 and len(groups) == 1 and groups[0].articles == 2


def test_empty_keys_match_nothing_across_articles():
    repairs = record("repairs.txt", [(600, None, "school", None, None, 2024)])
    canteens = record("canteens.txt", [(1000, None, "school", None, None, 2024)])
    same_figure = record("security.txt", [(600, None, "school", None, None, 2024)])
    undated = [record(f"u{i}.txt", [(7, None, "school", "programme:p", "place:x", None)]) for i in range(2)]
    assert aggregate([repairs, canteens, same_figure, *undated]) == []


def test_conflict_names_the_articles_that_disagree():
    _, unit, subject, programme, place, _ = SCHOOLS_2024
    a = record("a.txt", [(34, unit, subject, programme, place, 2024)], source="https://x.kz/news/1")
    b = record("b.txt", [(34, unit, "школа", programme, place, 2024)], source="https://x.kz/news/2")
    c = record("c.txt", [(36, unit, subject, programme, place, 2024)], source="https://x.kz/news/3")
    other_year = record("d.txt", [(40, unit, subject, programme, place, 2023)], source="https://x.kz/news/4")
    groups = aggregate([a, b, c, other_year])
    assert len(groups) == 1  # 2023 is another key, reported once
    group = groups[0]
    assert group.conflict and group.values == [34, 36] and group.year == 2024
    assert group.disagreement() == [
        {"modality": "fact", "values": [34], "articles": ["https://x.kz/news/1", "https://x.kz/news/2"]},
        {"modality": "fact", "values": [36], "articles": ["https://x.kz/news/3"]}]
    assert json.loads(json.dumps(group.to_dict()))["disagreement"][1]["values"] == [36]


def test_a_total_and_a_part_in_each_article_agree():
    key = ("teacher", "programme:otp", "place:kz-47", 2024)
    both = [(300, None, *key), (7000, None, *key)]
    a = record("a.txt", both, source="https://x.kz/news/1")
    b = record("b.txt", both, source="https://x.kz/news/2")
    one_of_them = record("c.txt", [(7000, None, *key)], source="https://x.kz/news/3")
    groups = aggregate([a, b, one_of_them])
    assert len(groups) == 1 and not groups[0].conflict and groups[0].values == [300, 7000]
    assert groups[0].disagreement() == []


def test_a_plan_does_not_contradict_what_was_built():
    built = record("a.txt", [SCHOOLS_2024], source="https://x.kz/news/1")
    planned = record("b.txt", [(40, *SCHOOLS_2024[1:])], source="https://x.kz/news/2", modality="plan")
    other_plan = record("c.txt", [(45, *SCHOOLS_2024[1:])], source="https://x.kz/news/3", modality="plan")
    assert not aggregate([built, planned])[0].conflict
    group = aggregate([built, planned, other_plan])[0]
    assert group.conflict and {side["modality"] for side in group.disagreement()} == {"plan"}


def test_canonical_subject_across_languages():
    assert canonical_subject("школа") == canonical_subject("school") == "school"
    assert canonical_subject("учитель") == "teacher"
    assert canonical_subject(None) is None


@pytest.mark.slow
def test_english_and_russian_reports_of_one_fact_group_together():
    docs = [edunews_nlp.extract(EN, published="2024-12-01"), edunews_nlp.extract(RU, published="2024-12-02")]
    group = next(g for g in aggregate(docs) if g.subject == "school")
    assert {r["lang"] for r in group.reports} == {"en", "ru"}
    assert group.values == [34] and not group.conflict
    assert group.place is not None and group.programme is not None and group.year == 2024


@pytest.mark.slow
def test_conflicting_figures_are_flagged():
    docs = [edunews_nlp.extract(EN, published="2024-12-01"),
            edunews_nlp.extract(RU_OTHER_FIGURE, published="2024-12-02")]
    group = next(g for g in aggregate(docs) if g.subject == "school")
    assert group.conflict and group.values == [34, 36]
    assert [side["values"] for side in group.disagreement()] == [[34], [36]]


@pytest.mark.slow
@requires_shared
def test_dev_articles_and_their_raw_dumps_count_once(tmp_path):
    """dev/raw holds the dev articles again (site dumps): each is one report, not two, so
    the figures the two copies share are no longer 'facts reported by several articles'."""
    out = tmp_path / "dev.jsonl"
    result = subprocess.run([sys.executable, "-m", "edunews_nlp", "extract", str(SHARED / "dev" / "articles"),
                             str(SHARED / "dev" / "raw"), "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    groups = aggregate(records)
    assert groups.duplicates >= 20  # every dev article has a copy in dev/raw
    for group in groups:
        assert group.articles >= 2
        assert all(len(side["articles"]) >= 1 for side in group.disagreement())
    groups_path = tmp_path / "groups.jsonl"
    result = subprocess.run([sys.executable, "-m", "edunews_nlp", "aggregate", str(out), "-o", str(groups_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "facts reported by several articles" in result.stderr
    assert f"{groups.duplicates} records skipped as duplicates" in result.stderr
    assert len(groups_path.read_text(encoding="utf-8").splitlines()) == len(groups)


def test_tenge_sums_count_one_fact_once():
    pytest.importorskip("pandas")
    from edunews_nlp.aggregate import mark_facts, unique_articles
    from edunews_nlp.tables import to_frame

    award = ("award", "programme:teacher-award", "place:kz-75", 2024)
    a = record("a.txt", [(1000, "MCI", *award), (3692000, "KZT", *award), (5, None, "school", None, None, 2024)],
               source="https://x.kz/news/1")
    a["quantities"][0]["kzt"] = a["quantities"][1]["kzt"] = 3692000  # "1,000 AEK (3,692,000 tenge)"
    b = record("b.txt", [(3692000, "KZT", *award)], source="https://x.kz/news/2")
    b["quantities"][0]["kzt"] = 3692000
    copy_of_b = dict(b, path="dump.txt")
    claims = mark_facts(to_frame(list(unique_articles([a, b, copy_of_b])), "claims"))
    assert len(claims) == 4 and claims["fact"].nunique() == 2
    assert claims.drop_duplicates("fact")["kzt"].sum() == 3692000
    assert claims["kzt"].sum() == 3 * 3692000  # what a plain sum would say
