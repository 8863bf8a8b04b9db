"""Claims: one per quantity, with its sentence, bound entities, time and modality."""

import pytest

import edunews_nlp

pytestmark = pytest.mark.slow


def claim_for(doc, quantity_text):
    index = next(i for i, q in enumerate(doc.quantities) if q.text == quantity_text)
    return next(c for c in doc.claims if c.quantity == index)


def test_one_claim_per_quantity_with_its_sentence():
    text = "Two schools opened. In the Turkestan region 34 schools were built in 2023."
    doc = edunews_nlp.extract(text, lang="en")
    assert len(doc.claims) == len(doc.quantities) >= 1
    for claim in doc.claims:
        assert text[claim.start:claim.end] == claim.text
        q = doc.quantities[claim.quantity]
        assert claim.start <= q.start and q.end <= claim.end


def test_binds_place_year_and_fact():
    doc = edunews_nlp.extract("In the Turkestan region 34 schools were built in 2023.", lang="en")
    claim = claim_for(doc, "34")
    place = next(e for e in doc.entities if e.type == "PLACE")
    assert claim.place == place.id
    assert claim.time.start == "2023-01-01" and claim.time.end == "2023-12-31"
    assert claim.modality == "fact"


def test_plan_and_target_modality():
    plan = edunews_nlp.extract("В новом учебном году планируется открыть еще 33 школы.", lang="ru",
                               published="2024-08-20")
    assert plan.claims[0].modality == "plan"
    assert plan.claims[0].time.start == "2025-01-01"
    target = edunews_nlp.extract("In total, 24 schools will be built in Astana by 2026.", lang="en")
    assert target.claims[0].modality == "target"


def test_this_year_resolves_against_publication_date():
    doc = edunews_nlp.extract("This year, more than 510 thousand children received support.",
                              lang="en", published="2024-12-24")
    assert doc.claims[0].time.start == "2024-01-01"


def test_official_from_previous_sentence():
    doc = edunews_nlp.extract("Vice Minister of Education Edil Ospan spoke to parents. "
                              "More than 500 parents took part.", lang="en")
    official = next(e for e in doc.entities if e.type == "OFFICIAL")
    assert doc.claims[0].official == official.id
