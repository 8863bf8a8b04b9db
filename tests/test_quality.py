"""Regression floors on the figures reached, each about 0.02 under the measured value, so
that no change loses them unseen. Measured 2026-12-07 on the merged code of the nothing-lost,
claims-at-article-scope and entities work (docs/evaluation.md has the tables):

dev (../shared/dev, 20 en + 1 ru real articles; claim keys re-annotated to ANNOTATION.md's
numbered Claims rules): entity F1 OFFICIAL+PLACE+PROGRAMME 0.983, all five 0.955, quantity
F1 1.000, subject accuracy 0.925, claim-key F1 0.963 (programme 0.909, place 0.957,
official 1.000, year 0.971, modality 0.957), language 1.0.
corpora/test (18 team-written articles, 8 en + 10 ru): O+P+P 1.000, all 0.986, quantity
0.991, subject 0.791, claim-key 0.873.
corpora/heldout (written blind to the code, frozen before tuning; measured, never tuned on):
en (14) all five 0.946, quantity 0.988, subject 0.739, claim-key 0.850; ru (18) all five
0.948, quantity 0.991, subject 0.781, claim-key 0.907.
factRuEval-2016 test (Russian, PER/LOC/ORG exact spans): micro F1 0.757 (ORG 0.583) against
bare natasha's 0.765 in the same run (issue #16 second round; was 0.753, ORG 0.577). factRuEval annotates places nested in organisation
names («правительства [Китая]»), outlets named as web addresses (Lenta.ru) and an
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
    ("quantity_f1", 0.98),
    ("subject_acc", 0.915),  # 0.937 with the grammar subjects (docs/quantities.md, Subjects 7)
    ("claim_f1", 0.94),
    ("lang_acc", 1.0),
])
def test_dev_figures_hold(dev_summary, figure, floor):
    assert dev_summary[figure] >= floor, dev_summary


@pytest.mark.parametrize("figure, floor", [
    ("entity_f1_opp", 0.98),
    ("entity_f1_all", 0.965),
    ("quantity_f1", 0.97),
    ("subject_acc", 0.79),  # 0.813 with the grammar subjects
    ("claim_f1", 0.85),
    ("lang_acc", 1.0),
])
def test_corpora_test_figures_hold(corpora_test_summary, figure, floor):
    assert corpora_test_summary[figure] >= floor, corpora_test_summary


@requires_shared
def test_factrueval_holds_next_to_bare_natasha():
    from edunews_nlp.peer import compare_on_factrueval

    results = compare_on_factrueval(SHARED / "peer" / "factrueval2016_test.jsonl")
    ours, natasha = results["edunews_nlp"]["all"].f1, results["natasha"]["all"].f1
    # within 0.03 of bare natasha: the annotation conventions differ (module docstring)
    assert ours >= natasha - 0.03, (ours, natasha)
    assert ours >= 0.737
    assert results["edunews_nlp"]["ORG"].f1 >= 0.563


@pytest.fixture(scope="module", params=["en", "ru", "kk"])
def heldout_summary(request):
    folder = REPO / "corpora" / "heldout"
    return request.param, run(folder / f"gold_{request.param}.jsonl", folder).summary()


HELDOUT_FLOORS = {
    "en": {"entity_f1_all": 0.92, "quantity_f1": 0.96, "subject_acc": 0.73, "claim_f1": 0.832, "lang_acc": 1.0},
    "ru": {"entity_f1_all": 0.92, "quantity_f1": 0.97, "subject_acc": 0.76, "claim_f1": 0.89, "lang_acc": 1.0},
    # measured 0.842 / 0.968 / 0.537 / 0.770 / 1.0 (issue #19 item 4, docs/kazakh.md);
    # claim keys 0.793 after the Kazakh claim cues (issue #19, Kazakh claims and subjects);
    # 0.883 / 0.97 / 0.670 / 0.835 after the three known gaps (entity filters, subject grammar, sources)
    "kk": {"entity_f1_all": 0.863, "quantity_f1": 0.948, "subject_acc": 0.65, "claim_f1": 0.815, "lang_acc": 1.0},
}


def test_heldout_figures_hold(heldout_summary):
    lang, summary = heldout_summary
    low = {figure: summary[figure] for figure, floor in HELDOUT_FLOORS[lang].items() if summary[figure] < floor}
    assert not low, (lang, low, summary)
