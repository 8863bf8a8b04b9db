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


def test_kazakh_is_detected_and_analysed_without_a_warning():
    doc = Document("Түркістан облысында биыл отыз төрт мектеп салынды, оның ішінде жайлы мектеп жобасы бойынша.")
    detector(doc)
    assert doc.lang == "kk"
    assert not any("analysed" in w for w in doc.warnings)  # Kazakh has an analyser (issue #19)


def test_given_language_wins():
    doc = Document("The Minister met teachers.", lang="ru")
    detector(doc)
    assert doc.lang == "ru" and doc.lang_confidence == 1.0


def test_long_text_is_sampled_and_still_right():
    text = "Министр просвещения провел совещание с руководителями управлений образования. " * 20000
    code, _ = detector.detect(text)
    assert code == "ru"


def test_latin_script_kazakh_is_kazakh_not_english():
    doc = Document("Bıyl Túrkistan oblysynda 12 jańa mektep paıdalanýǵa berildi. "
                   "Jańa mektepterde 7 myńnan astam oqýshy bilim alady, dep habarlady oblys ákimdigi.")
    detector(doc)
    assert doc.lang == "kk" and [p.lang for p in doc.languages] == ["kk"]


def test_each_part_of_a_mixed_text_gets_its_language():
    text = ("The Ministry of Education reported that twelve new schools opened in Turkestan region.\n\n"
            "Министр просвещения сообщил, что в Карагандинской области открыли восемь новых школ.\n\n"
            "Түркістан облысында биыл он екі жаңа мектеп пайдалануға берілді, онда жеті мың оқушы оқиды.\n")
    doc = Document(text)
    detector(doc)
    assert [(p.lang, text[p.start:p.end][:12]) for p in doc.languages] == [
        ("en", "The Ministry"), ("ru", "Министр прос"), ("kk", "Түркістан об")]
    assert not any("not analysed" in w for w in doc.warnings)  # each part has its analyser


def test_short_lines_take_the_language_around_them_and_masked_text_is_no_part():
    text = "Министр просвещения провел совещание с руководителями управлений образования.\nАстана\n" \
           "Menu Home News\nВ совещании приняли участие представители всех регионов страны и городов."
    doc = Document(text)
    doc.mask(text.index("Menu"), text.index("Menu") + len("Menu Home News"))
    detector(doc)
    assert [p.lang for p in doc.languages] == ["ru", "ru"]  # split at the masked menu, "Астана" kept
    assert all(not (p.start < text.index("Menu") + 5 < p.end) for p in doc.languages)


def test_forcing_a_language_the_text_is_not_in_warns():
    doc = Document("Министр просвещения провел совещание с руководителями управлений образования.", lang="en")
    detector(doc)
    assert doc.lang == "en" and [p.lang for p in doc.languages] == ["en"]
    assert any("reads as 'ru'" in w for w in doc.warnings)


def test_a_forced_language_covers_the_text_in_one_span_between_masks():
    text = ("The Ministry of Education reported that twelve new schools opened in Turkestan region.\n\n"
            "Министр просвещения сообщил, что в Карагандинской области открыли восемь новых школ.\n")
    doc = Document(text, lang="en")
    detector(doc)
    assert [(p.lang, p.start, p.end) for p in doc.languages] == [("en", 0, len(text) - 1)]
