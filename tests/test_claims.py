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
    assert plan.claims[0].time.start == "2024-09-01"  # the new academic year, 2024-2025
    target = edunews_nlp.extract("In total, 24 schools will be built in Astana by 2026.", lang="en")
    assert target.claims[0].modality == "target"


def test_this_year_resolves_against_publication_date():
    doc = edunews_nlp.extract("This year, more than 510 thousand children received support.",
                              lang="en", published="2024-12-24")
    assert doc.claims[0].time.start == "2024-01-01"


def test_official_bound_by_reference_quote_or_reported_speech():
    doc = edunews_nlp.extract("Vice Minister of Education Edil Ospan spoke to parents. "
                              "According to him, 500 parents took part.\n"
                              "The seminar gathered 40 experts.\n"
                              '"We opened 12 centres," said Edil Ospan.', lang="en")
    official = next(e for e in doc.entities if e.type == "OFFICIAL")
    by_text = {doc.quantities[c.quantity].text: c.official for c in doc.claims}
    assert by_text["500"] == official.id  # "according to him"
    assert by_text["40"] is None  # a new paragraph that does not refer to him
    assert by_text["12"] == official.id  # the speaker of the quotation


def test_reported_speech_runs_on_in_the_paragraph():
    doc = edunews_nlp.extract("Minister of Education Gani Beisembayev noted that the state supports teachers. "
                              "In five years, 1,000 schools have been opened.", lang="en")
    assert doc.claims[-1].official == next(e.id for e in doc.entities if e.type == "OFFICIAL")
