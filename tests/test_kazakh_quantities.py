"""The Kazakh number grammar and cue tables (made-up phrases, not the blind suite's)."""

from __future__ import annotations

import pytest

from edunews_nlp.quantities import find_quantities


def _one(text):
    found = find_quantities(text, "kk")
    assert len(found) == 1, [(q.text, q.value) for q in found]
    return found[0]


@pytest.mark.parametrize("text, value, unit", [
    ("Ауылға 7 мың теңгеден берілді", 7000, "KZT"),
    ("бағасы 45%-ға төмендеді", 45, "percent"),
    ("3,5 млрд теңгеге жөндеу жасалды", 3500000000, "KZT"),
    ("сегіз жүз отыз бір оқушы", 831, None),
    ("он төрт мектеп", 14, None),
    ("екі жарым мың кітап", 2500, None),
    ("төрт бүтін оннан үш пайызға", 4.3, "percent"),
    ("бір бүтін жүзден жиырма бес пайыз", 1.25, "percent"),
    ("200 АЕК-ке дейін емес, 150 АЕК", None, None),
    ("мұғалімдердің 12 пайызы", 12, "percent"),
    ("25 ұпайдан", 25, "point"),
    ("6 айға созылады", 6, "month"),
    ("40 доллардан", 40, "USD"),
])
def test_values_units(text, value, unit):
    if value is None:
        return
    q = _one(text)
    assert (q.value, q.unit) == (value, unit)


def test_case_ending_closes_a_number():
    found = find_quantities("Жалақы 60 мыңнан 75 мың теңгеге дейін көбейді", "kk")
    assert [(q.value, q.unit) for q in found] == [(60000, "KZT"), (75000, "KZT")]
    assert all(q.qualifier is None for q in found)


def test_case_marked_range_with_unit_after():
    q = _one("20-дан 35-ке дейін ұпай жинады")
    assert (q.low, q.high, q.unit, q.text) == (20, 35, "point", "20-дан 35-ке дейін ұпай")


@pytest.mark.parametrize("text, qualifier", [
    ("шамамен 300 бала", "approx"),
    ("кемінде 4 сабақ", "gte"),
    ("700-ден астам оқушы", "gt"),
    ("50-ге тарта мұғалім", "approx"),
    ("30-дан кем емес", "gte"),
    ("15-тен аз", "lt"),
    ("200-ге дейін орын", "lte"),
    # possessive shares of a whole, negated «артық», «дейін» after the counted noun
    ("жастардың 35 пайыздан астамы", "gt"),
    ("ауылдардың 80%-ға жуығы", "approx"),
    ("топтағы бала саны 20-дан артық болмауы тиіс", "lte"),
    ("үйірмедегі бала саны 15-тен артық емес", "lte"),
    ("лагерьде 40 оқушыға дейін демалады", "lte"),
    ("шәкіртақы 20 пайызға дейін артады", "lte"),
])
def test_qualifiers(text, qualifier):
    assert _one(text).qualifier == qualifier


@pytest.mark.parametrize("text", [
    "2026 жылы ашылады", "2025-2026 оқу жылында", "7-сыныпта", "2-ші орын", "№34 гимназия",
    "5 қазанда", "II тоқсанда", "мектептің 80 жылдығы", "бір мектеп салынды",
    "бірнеше мың түлек", "ондаған мың кітап",
])
def test_not_quantities(text):
    assert find_quantities(text, "kk") == []


def test_qualifier_before_a_range():
    (q,) = find_quantities("Шамамен 3-4 мың мұғалім тағылымдамадан өтеді", "kk")
    assert (q.low, q.high, q.qualifier) == (3000, 4000, "approx")


def test_change_to_keeps_no_qualifier():
    found = find_quantities("Жалақы 40 мыңнан 60 мың теңгеге дейін өседі", "kk")
    assert [(q.value, q.qualifier) for q in found] == [(40000, None), (60000, None)]


@pytest.mark.parametrize("text, subject", [
    ("Биыл 8 жаңа балабақша ашылды", "балабақша"),
    ("Облыста 500 оқушы орны бар", "орын"),
    ("мұғалімдер саны 3 мыңнан асты", "мұғалім"),
    ("Мектепте 30 пән кабинеті бар", "кабинет"),
])
def test_subjects_are_lemmas(text, subject):
    assert _one(text).subject == subject


def test_latin_script_gives_the_same_values_with_spans_on_the_text():
    latin = "Bıyl 8 jańa mektep salynady, oǵan 3,5 mlrd teńge bólindi, jalaqy 20 paıyzǵa ósti."
    found = find_quantities(latin, "kk")
    assert [(q.value, q.unit) for q in found] == [(8, None), (3500000000, "KZT"), (20, "percent")]
    assert [latin[q.start:q.end] for q in found] == [q.text for q in found] == ["8", "3,5 mlrd teńge", "20 paıyzǵa"]


# issue #19: the counted noun after the number, by grammar (made-up phrases)
@pytest.mark.parametrize("text, subject", [
    ("Биыл 5 мың жас мұғалім жұмысқа келді.", "мұғалім"),          # an adjective before the noun
    ("Жазда 300 жасөспірім уақытша жұмысқа орналасады.", "жасөспірім"),  # an adverb after it
    ("Тестілеуге 90 мың түлек қатысты.", "түлек"),                  # a verb stem + past tense
    ("Облыста 40 мектеп салу көзделген.", "мектеп"),                # a verbal noun
    ("Ауданда 30 мектеп ауылдық жерлерде орналасқан.", "мектеп"),  # an adjective of the next phrase
    ("Биыл 800 оқушы білім алады.", "оқушы"),                       # a bare object before the verb
    ("Биыл 5 мыңнан астам педагог біліктілігін арттырады.", "педагог"),  # possessive + accusative
    ("Түлектің ең жақсы нәтижесі – 72,4 балл.", "нәтиже"),
    ("Педагогтердің 48 пайызы шекті деңгейден өтті.", "педагог"),   # a partitive share
    ("Салынатын мектептердің төртеуі ауылда.", "мектеп"),           # a partitive collective numeral
    ("Жас мамандарға 100 АЕК көлемінде көтерме жәрдемақы төленеді.", "жәрдемақы"),
])
def test_kazakh_subject_by_grammar(text, subject):
    found = find_quantities(text, "kk")
    assert found and found[0].subject == subject, [(q.text, q.subject) for q in found]


def test_a_possessive_of_a_loan_word_gets_its_double_consonant_back():
    found = find_quantities("Түлектердің орташа балы 72 балға жетті.", "kk")
    assert [q.subject for q in found] == ["балл"]


@pytest.mark.parametrize("text, value, unit", [
    ("Кітаптар 80 мың рубльге алынды", 80000, "RUB"),      # рубль with a Kazakh ending
    ("Педагогтер 9 айлық курстан өтті", 9, "month"),        # -лық adjective of ай
    ("Жобаға жарты миллиард теңге бөлінді", 500000000, "KZT"),  # жарты before a scale
    ("Оқу жарты жылға созылады", 0.5, "year"),
])
def test_train_grammar_values_units(text, value, unit):
    q = _one(text)
    assert (q.value, q.unit) == (value, unit)


def test_ablative_then_azy_is_less_than():
    q = _one("Мектептердің 15 пайыздан азы жөнделді")
    assert (q.value, q.unit, q.qualifier) == (15, "percent", "lt")


@pytest.mark.parametrize("text, low, high, unit", [
    ("Жоба үш-төрт айға созылады", 3, 4, "month"),           # a range of number words
    ("Ауылда жеті-сегіз мектеп бар", 7, 8, None),
    ("Үйірмеге 7 жастан бастап 12 жасқа дейінгі балалар барады", 7, 12, "year"),  # «бастап» inside
])
def test_train_grammar_ranges(text, low, high, unit):
    q = _one(text)
    assert (q.low, q.high, q.unit, q.qualifier) == (low, high, unit, None)


@pytest.mark.parametrize("text", [
    "Ұйымның мекенжайы: Сарыарқа даңғылы, 14.",   # a house number after the street word
    "Мектеп Бейбітшілік көшесі, 7 мекенжайында орналасқан.",
    "Жарты ғасыр бұрын ауылда мектеп ашылды.",     # a bare «жарты» is no count
    "Түлектердің жартысы грант алды.",
])
def test_train_grammar_not_quantities(text):
    assert find_quantities(text, "kk") == []
