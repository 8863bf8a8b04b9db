"""Language identification: en/ru/kk with a confidence, overrides, warnings."""

import pytest

from edunews_nlp.document import Document
from edunews_nlp.language import LanguageDetector

detector = LanguageDetector()


@pytest.mark.parametrize("text, lang", [
    ("The Minister of Education met teachers in Almaty.", "en"),
    ("Two new schools opened today.", "en"),
    ("В Туркестанской области открыли 34 школы.", "ru"),
    ("Аким города посетил новую школу.", "ru"),
    ("Білім және ғылым министрлігі жаңа мектептердің құрылысы туралы хабарлады.", "kk"),
    ("Оқушылар мен мұғалімдер жаңа оқу жылына дайындалып жатыр.", "kk"),
    # Russian quoting a Kazakh programme name stays Russian.
    ("Программа «Біртұтас тәрбие» стартовала во всех школах.", "ru"),
    ("В рамках программы «Біртұтас тәрбие» проведено 5 мероприятий.", "ru"),
])
def test_detects_language(text, lang):
    code, confidence = detector.detect(text)
    assert code == lang
    assert 0.0 < confidence <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "\x00\x01\x02", "!!! ???"])
def test_nothing_to_judge_is_undetermined(text):
    doc = Document(text)
    detector(doc)
    assert doc.lang == "und"
    assert doc.lang_confidence == 0.0
    assert any("could not be determined" in w for w in doc.warnings)


def test_kazakh_is_detected_with_a_warning():
    doc = Document("Түркістан облысында биыл отыз төрт мектеп салынды, оның ішінде жайлы мектеп жобасы бойынша.")
    detector(doc)
    assert doc.lang == "kk"
    assert any("only English and Russian are analysed" in w for w in doc.warnings)


def test_given_language_wins():
    doc = Document("The Minister met teachers.", lang="ru")
    detector(doc)
    assert doc.lang == "ru" and doc.lang_confidence == 1.0


def test_long_text_is_sampled_and_still_right():
    text = "Министр просвещения провел совещание с руководителями управлений образования. " * 20000
    code, _ = detector.detect(text)
    assert code == "ru"
