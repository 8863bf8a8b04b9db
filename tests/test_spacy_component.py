"""The spaCy component: `nlp.add_pipe("edunews_nlp")` in an existing spaCy pipeline."""

import importlib
import pathlib
import tomllib

import pytest

spacy = pytest.importorskip("spacy")
pytestmark = pytest.mark.slow  # loads the language models

import edunews_nlp.spacy_component  # noqa: E402,F401 - registers the factory, as the entry point does

TEXT = ("Minister of Education Gani Beisembayev said that in 2024, 34 schools were opened in the "
        "Turkestan region under the Comfortable School national project.")


def test_add_pipe_sets_ents_spans_and_claims():
    nlp = spacy.blank("en")
    nlp.add_pipe("edunews_nlp")
    doc = nlp(TEXT)
    ents = {(e.text, e.label_, e.kb_id_) for e in doc.ents}
    assert ("Gani Beisembayev", "OFFICIAL", "official:beisembayev_gani") in ents
    assert ("Turkestan region", "PLACE", "place:kz-61") in ents
    assert ("34", "QUANTITY") in {(s.text, s.label_) for s in doc.spans["edunews"]}
    claim = next(c for c in doc._.claims if doc._.quantities[c.quantity].value == 34)
    assert claim.subject == "school" and claim.place == "place:kz-61" and doc._.edunews.lang == "en"


def test_existing_ents_are_kept_when_asked_and_pipe_batches():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Turkestan"}])
    nlp.add_pipe("edunews_nlp", config={"set_ents": False})
    docs = list(nlp.pipe([TEXT, "В 2024 году в Туркестанской области открыли 34 школы.", ""]))
    assert [(e.text, e.label_) for e in docs[0].ents] == [("Turkestan", "GPE")]
    assert "PLACE" in {s.label_ for s in docs[0].spans["edunews"]}
    assert docs[1]._.edunews.lang == "ru" and docs[1]._.claims
    assert docs[2]._.claims == [] and list(docs[2].spans["edunews"]) == []


def test_the_entry_point_names_the_factory():
    pyproject = tomllib.loads((pathlib.Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    target = pyproject["project"]["entry-points"]["spacy_factories"]["edunews_nlp"]
    module, attribute = target.split(":")
    assert getattr(importlib.import_module(module), attribute) is edunews_nlp.spacy_component.make_component
    assert spacy.registry.factories.get("edunews_nlp") is not None
