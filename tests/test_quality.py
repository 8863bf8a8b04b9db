"""Regression floors on the figures reached, each just under the measured value, so that no
change loses them unseen. Measured 2026-11-24 (docs/evaluation.md has the tables):

dev (../shared/dev, 20 en + 1 ru real articles): entity F1 OFFICIAL+PLACE+PROGRAMME 0.957,
all types 0.886, quantity F1 1.000, subject accuracy 0.893, claim-key F1 0.883, language 1.0.
Claims at article scope (2026-12-07, dev re-annotated to ANNOTATION.md's numbered claim rules):
claim-key F1 0.966 (each key >= 0.90), subject accuracy 0.925.
corpora/test (18 team-written articles, 8 en + 10 ru): entity F1 O+P+P 0.997, all 0.976,
quantity F1 0.991, subject accuracy 0.667, claim-key F1 0.802. factRuEval-2016 test (Russian, PER/LOC/ORG exact
spans): micro F1 0.768 against bare natasha's 0.765 in the same run.

2026-12-07: ../shared/dev/gold.jsonl's claim keys were re-annotated to ANNOTATION.md's new
Claims rules; the same code measures dev claim-key F1 0.852 there (programme 0.955, place
0.714, official 1.000, year 0.874, modality 0.917), so its floor is 0.83.

Entity floors re-measured 2026-12-07 (issue #16): dev entity F1 O+P+P 0.983, all five 0.955;
corpora/test O+P+P 1.000, all five 0.985; factRuEval-2016 test micro F1 0.751 (ORG 0.575)
against bare natasha's 0.765 in the same run. factRuEval annotates places nested in
organisation names («правительства [Китая]»), outlets named as web addresses (Lenta.ru) and an
organisation's descriptor with its quoted name («партии «Яблоко») as entities; ANNOTATION.md
keeps a body's territory inside its ORG, calls web addresses web sites and takes the quoted
short name, so following it costs about 0.015 there (docs/entities.md).
"""

import pytest

from conftest import REPO, SHARED, requires_shared
from edunews_nlp.evaluate import run

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dev_summary():
    if not SHARED.is_dir():
        pytest.skip(f"needs {SHARED}")
    return run(SHARED / "dev" / "gold.jsonl", SHARED / "dev" / "articles").summary()


@pytest.fixture(scope="module")
def corpora_test_summary(tmp_path_factory):
    gold = tmp_path_factory.mktemp("gold") / "test.jsonl"
    folder = REPO / "corpora" / "test"
    gold.write_text("".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("gold_*.jsonl"))),
                    encoding="utf-8")
    return run(gold, folder).summary()


@pytest.mark.parametrize("figure, floor", [
    ("entity_f1_opp", 0.96),
    ("entity_f1_all", 0.935),
    ("quantity_f1", 0.99),
    ("subject_acc", 0.90),
    ("claim_f1", 0.94),
    ("lang_acc", 1.0),
])
def test_dev_figures_hold(dev_summary, figure, floor):
    assert dev_summary[figure] >= floor, dev_summary


@pytest.mark.parametrize("figure, floor", [
    ("entity_f1_opp", 0.98),
    ("entity_f1_all", 0.965),
    ("quantity_f1", 0.98),
    ("subject_acc", 0.66),
    ("claim_f1", 0.79),
    ("lang_acc", 1.0),
])
def test_corpora_test_figures_hold(corpora_test_summary, figure, floor):
    assert corpora_test_summary[figure] >= floor, corpora_test_summary


@requires_shared
def test_factrueval_above_bare_natasha():
    from edunews_nlp.peer import compare_on_factrueval

    results = compare_on_factrueval(SHARED / "peer" / "factrueval2016_test.jsonl")
    ours, natasha = results["edunews_nlp"]["all"].f1, results["natasha"]["all"].f1
    # within 0.03 of bare natasha: the annotation conventions differ (module docstring)
    assert ours >= natasha - 0.03, (ours, natasha)
    assert ours >= 0.73
    assert results["edunews_nlp"]["ORG"].f1 >= 0.55
