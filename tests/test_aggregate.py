"""One fact, many reports: grouping claims across articles and languages."""

import json
import subprocess
import sys

import pytest

import edunews_nlp
from conftest import SHARED, requires_shared
from edunews_nlp.claims import aggregate, canonical_subject, claims_table

pytestmark = pytest.mark.slow

EN = ("Schools opened in Turkestan region\n"
      "In 2024, 34 schools were opened in the Turkestan region under the Comfortable School national project.")
RU = ("В Туркестанской области открыли школы\n"
      "В 2024 году в Туркестанской области в рамках национального проекта «Комфортная школа» открыли 34 школы.")
RU_OTHER_FIGURE = ("Школы в Туркестанской области\n"
                   "В 2024 году в Туркестанской области в рамках национального проекта «Комфортная школа» "
                   "открыли 36 школ.")


def test_english_and_russian_reports_of_one_fact_group_together():
    docs = [edunews_nlp.extract(EN, published="2024-12-01"), edunews_nlp.extract(RU, published="2024-12-02")]
    groups = aggregate(docs)
    group = next(g for g in groups if g.subject == "school")
    assert {r["lang"] for r in group.reports} == {"en", "ru"}
    assert group.values == [34] and not group.conflict
    assert group.place is not None and group.programme is not None and group.years == [2024]


def test_conflicting_figures_are_flagged():
    docs = [edunews_nlp.extract(EN, published="2024-12-01"),
            edunews_nlp.extract(RU_OTHER_FIGURE, published="2024-12-02")]
    group = next(g for g in aggregate(docs) if g.subject == "school")
    assert group.conflict and group.values == [34, 36]


def test_canonical_subject_across_languages():
    assert canonical_subject("школа") == canonical_subject("school") == "school"
    assert canonical_subject("учитель") == "teacher"
    assert canonical_subject(None) is None


def test_claims_table_resolves_names():
    table = claims_table([edunews_nlp.extract(EN, published="2024-12-01")])
    row = table[table["quantity"] == "34"].iloc[0]
    assert row["place"] == "Turkestan region" and row["programme"] == "Comfortable School"
    assert row["year"] == 2024 and row["modality"] == "fact"


@requires_shared
def test_dev_articles_share_figures_and_the_cli_writes_groups(tmp_path):
    out = tmp_path / "dev.jsonl"
    assert subprocess.run([sys.executable, "-m", "edunews_nlp", "extract", str(SHARED / "dev" / "articles"),
                           "-o", str(out)], capture_output=True).returncode == 0
    groups_path = tmp_path / "groups.jsonl"
    result = subprocess.run([sys.executable, "-m", "edunews_nlp", "aggregate", str(out), "-o", str(groups_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "facts reported by several articles" in result.stderr
    groups = [json.loads(line) for line in groups_path.read_text(encoding="utf-8").splitlines()]
    # The 1.7 million children with free meals appear in two dev releases.
    assert any(1700000 in g["values"] and g["sources"] >= 2 for g in groups)
