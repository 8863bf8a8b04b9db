"""Quantities: numbers, units, spans, qualifiers, ranges, MCI, what is not a quantity,
subjects, the pipeline stage, and property tests (shared/ANNOTATION.md, Quantities)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from edunews_nlp.document import Document, Token
from edunews_nlp.quantities.numbers import parse_value
from edunews_nlp.quantities import QuantityExtractor, find_quantities, mci_table, singular


def quantities(text, lang="en", published_year=None):
    found = find_quantities(text, lang, published_year)
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def summary(text, lang="en", published_year=None):
    """(text, value or (low, high), unit) of each quantity."""
    return [
        (q.text, (q.low, q.high) if q.low is not None else q.value, q.unit)
        for q in quantities(text, lang, published_year)
    ]


def only(text, lang="en", published_year=None):
    found = quantities(text, lang, published_year)
    assert len(found) == 1, found
    return found[0]


# -- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,value",
    [
        ("en", "3,692,000", 3692000),
        ("en", "3.6", Decimal("3.6")),
        ("en", "100,000.0", 100000),
        ("en", "3.6 million", 3600000),
        ("en", "510 thousand", 510000),
        ("en", "1.7 million", 1700000),
        ("en", "2 billion", 2000000000),
        ("en", "1 trillion", 10**12),
        ("en", "two", 2),
        ("en", "twenty-five", 25),
        ("en", "twenty five", 25),
        ("en", "a thousand", 1000),
        ("en", "half a million", 500000),
        ("en", "one hundred and five", 105),
        ("en", "a hundred and two", 102),
        ("en", "seven hundred twenty-one thousand and twelve", 721012),
        ("en", "one and a half", Decimal("1.5")),
        ("en", "two and a half million", 2500000),
        ("en", "two thirds", Decimal(2) / Decimal(3)),
        ("en", "a dozen", 12),
        ("en", "100K", 100000),
        ("en", "1.2M", 1200000),
        ("en", "-504", -504),
        ("en", "minus 1,200,000", -1200000),
        ("en", "1,5 million", 1500000),
        ("ru", "3 692 000", 3692000),
        ("ru", "3\u00a0692\u00a0000", 3692000),
        ("ru", "3\u202f692\u202f000", 3692000),
        ("ru", "1,5", Decimal("1.5")),
        ("ru", "1,5 тыс.", 1500),
        ("ru", "5 тыс.", 5000),
        ("ru", "20 млн", 20000000),
        ("ru", "2,2 млрд", 2200000000),
        ("ru", "3 трлн", 3 * 10**12),
        ("ru", "1 миллион", 1000000),
        ("ru", "2 миллиона", 2000000),
        ("ru", "5 миллиардов", 5000000000),
        ("ru", "20.000", 20000),
        ("ru", "20,000", 20000),
        ("ru", "20,00", 20),
        ("ru", "2 134 472,44", Decimal("2134472.44")),
        ("ru", "два", 2),
        ("ru", "двух", 2),
        ("ru", "тридцати четырех", 34),
        ("ru", "тридцати четырёх", 34),
        ("ru", "полтора", Decimal("1.5")),
        ("ru", "полторы тысячи", 1500),
        ("ru", "сто двадцать пять", 125),
        ("ru", "пятистах", 500),
        ("ru", "три с половиной", Decimal("3.5")),
        ("ru", "тысяча двести", 1200),
        ("ru", "7 тысяч 440", 7440),
        ("ru", "восемьсот восемьдесят одна тысяча девятьсот тринадцать", 881913),
    ],
)
def test_number_values(lang, text, value):
    assert parse_value(text, lang) == Decimal(value)


def test_fractions():
    assert summary("It takes 2 1/2 hours") == [("2 1/2 hours", 2.5, "hour")]
    assert summary("It takes 2½ hours") == [("2½ hours", 2.5, "hour")]
    assert summary("½ of the schools") == [("½", 0.5, None)]
    assert only("a share of 3/15 of all").value == pytest.approx(0.2)
    assert summary("ещё полторы тысячи школ", "ru") == [("полторы тысячи", 1500, None)]


# -- units ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "an award of 3.6 million tenge", ("3.6 million tenge", 3600000, "KZT")),
        ("en", "a budget of KZT 1.5 billion", ("KZT 1.5 billion", 1500000000, "KZT")),
        ("en", "it costs 5,000 ₸", ("5,000 ₸", 5000, "KZT")),
        ("ru", "выделено 12 млрд тенге", ("12 млрд тенге", 12000000000, "KZT")),
        ("ru", "стоимость 500 тг", ("500 тг", 500, "KZT")),
        ("en", "a prize of 1,000 AEK", ("1,000 AEK", 1000, "MCI")),
        ("en", "a reward of 1000 MCI", ("1000 MCI", 1000, "MCI")),
        ("en", "paid 100 monthly calculation indexes", ("100 monthly calculation indexes", 100, "MCI")),
        ("ru", "грант 500 МРП", ("500 МРП", 500, "MCI")),
        ("ru", "грант 500 АЕК", ("500 АЕК", 500, "MCI")),
        ("ru", "премия 100 месячных расчетных показателей", ("100 месячных расчетных показателей", 100, "MCI")),
        ("ru", "премия 100 месячных расчётных показателей", ("100 месячных расчётных показателей", 100, "MCI")),
        ("ru", "штраф в размере 10 месячного расчетного показателя", ("10 месячного расчетного показателя", 10, "MCI")),
        ("ru", "в 1000-кратном размере МРП", ("1000-кратном размере МРП", 1000, "MCI")),
        ("en", "a grant of $4.7 billion", ("$4.7 billion", 4700000000, "USD")),
        ("en", "20 dollars", ("20 dollars", 20, "USD")),
        ("ru", "420 долларов", ("420 долларов", 420, "USD")),
        ("en", "€10M", ("€10M", 10000000, "EUR")),
        ("ru", "20 евро", ("20 евро", 20, "EUR")),
        ("ru", "10 рублей", ("10 рублей", 10, "RUB")),
        ("ru", "20 тыс руб", ("20 тыс руб", 20000, "RUB")),
        ("ru", "2,2 млн.руб.", ("2,2 млн.руб.", 2200000, "RUB")),
        ("ru", "1 ₽", ("1 ₽", 1, "RUB")),
        ("ru", "20 т. р.", ("20 т. р.", 20000, "RUB")),
        ("ru", "124 451 рубль 50 копеек", ("124 451 рубль 50 копеек", 124451.5, "RUB")),
        ("en", "coverage reached 92.5%", ("92.5%", 92.5, "percent")),
        ("en", "up by 30 percent", ("30 percent", 30, "percent")),
        ("en", "up by 30 per cent", ("30 per cent", 30, "percent")),
        ("ru", "рост на 15 процентов", ("15 процентов", 15, "percent")),
        ("ru", "охват 98,4 %", ("98,4 %", 98.4, "percent")),
        ("en", "a course of 360 hours", ("360 hours", 360, "hour")),
        ("en", "holidays of 10 calendar days", ("10 calendar days", 10, "day")),
        ("en", "a two-week camp", ("two-week", 2, "week")),
        ("en", "for 3 months", ("3 months", 3, "month")),
        ("en", "valid for 5 years", ("5 years", 5, "year")),
        ("en", "in five years", ("five years", 5, "year")),
        ("ru", "срок 5 лет", ("5 лет", 5, "year")),
        ("ru", "за 2 года", ("2 года", 2, "year")),
        ("ru", "в течение 6 месяцев", ("6 месяцев", 6, "month")),
        ("ru", "10 дней", ("10 дней", 10, "day")),
        ("ru", "72 часа", ("72 часа", 72, "hour")),
        ("ru", "в течение 3-х лет", ("3-х лет", 3, "year")),
        ("ru", "10-летний опыт", ("10-летний", 10, "year")),
        ("en", "raised to 75 points", ("75 points", 75, "point")),
        ("ru", "набрал 85 баллов", ("85 баллов", 85, "point")),
        ("ru", "набрал 2 балла", ("2 балла", 2, "point")),
        ("en", "89 teachers", ("89", 89, None)),
        ("ru", "34 школы", ("34", 34, None)),
    ],
)
def test_units(lang, text, expected):
    assert summary(text, lang) == [expected]


def test_two_units_side_by_side():
    assert summary("an amount of 1,000 AEK (3,692,000 tenge)") == [
        ("1,000 AEK", 1000, "MCI"),
        ("3,692,000 tenge", 3692000, "KZT"),
    ]


def test_equal_number_in_brackets_is_one_quantity():
    assert summary("881 913 (восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб.", "ru") == [
        ("881 913 (восемьсот восемьдесят одна тысяча девятьсот тринадцать) руб.", 881913, "RUB")
    ]
    assert summary("forty-five (45) schools") == [("forty-five (45)", 45, None)]


# -- spans ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,span",
    [
        ("en", "more than 100,000 places", "100,000"),
        ("en", "received 3.6 million tenge each", "3.6 million tenge"),
        ("en", "about 8 thousand new teachers", "8 thousand"),
        ("en", "Seven winners", "Seven"),
        ("ru", "из расчета 1 к 5 тыс. детей", "5 тыс."),
        ("ru", "около 3 692 000 тенге", "3 692 000 тенге"),
        ("ru", "свыше 2 тыс. учителей", "2 тыс."),
    ],
)
def test_span_has_no_qualifier_and_no_counted_noun(lang, text, span):
    assert span in [q.text for q in quantities(text, lang)]


# -- qualifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,qualifier",
    [
        ("en", "about 500 parents", "approx"),
        ("en", "around 500 parents", "approx"),
        ("en", "approximately 500 parents", "approx"),
        ("en", "almost 90 teachers", "approx"),
        ("en", "nearly 90 teachers", "approx"),
        ("en", "more than 500 parents", "gt"),
        ("en", "over 500 parents", "gt"),
        ("en", "above 500 parents", "gt"),
        ("en", "at least 1 thousand schools", "gte"),
        ("en", "not less than 10 schools", "gte"),
        ("en", "less than 10 schools", "lt"),
        ("en", "under 15 students", "lt"),
        ("en", "below 15 students", "lt"),
        ("en", "up to 3,000 children", "lte"),
        ("en", "no more than 7 euros", "lte"),
        ("en", "500 or more parents", "gte"),
        ("en", "500 parents", None),
        ("ru", "около 500 родителей", "approx"),
        ("ru", "примерно 500 родителей", "approx"),
        ("ru", "почти 500 родителей", "approx"),
        ("ru", "порядка 500 родителей", "approx"),
        ("ru", "более 500 родителей", "gt"),
        ("ru", "свыше 500 родителей", "gt"),
        ("ru", "больше 500 родителей", "gt"),
        ("ru", "не менее 500 родителей", "gte"),
        ("ru", "не меньше 500 родителей", "gte"),
        ("ru", "менее 500 родителей", "lt"),
        ("ru", "меньше 500 родителей", "lt"),
        ("ru", "до 3000 детей", "lte"),
        ("ru", "не более 3000 детей", "lte"),
        ("ru", "500 и более человек", "gte"),
        ("ru", "500 родителей", None),
    ],
)
def test_qualifiers(lang, text, qualifier):
    assert only(text, lang).qualifier == qualifier


def test_do_after_a_verb_of_change_is_not_up_to():
    q = only("Число учителей увеличилось до 406 тысяч.", "ru")
    assert (q.value, q.qualifier) == (406000, None)


# -- ranges and changes --------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "by an average of 7-9%", ("7-9%", (7, 9), "percent")),
        ("en", "children aged 2 to 6 years", ("2 to 6 years", (2, 6), "year")),
        ("en", "children from 2 to 6 years old", ("2 to 6 years", (2, 6), "year")),
        ("en", "between 5 and 10 schools", ("5 and 10", (5, 10), None)),
        ("en", "groups of 2–6 children", ("2–6", (2, 6), None)),
        ("en", "$5-10 million", ("$5-10 million", (5000000, 10000000), "USD")),
        ("ru", "проходной балл от 50 до 75 баллов", ("50 до 75 баллов", (50, 75), "point")),
        ("ru", "детей от 3 до 6 лет", ("3 до 6 лет", (3, 6), "year")),
        ("ru", "от 80 тысяч до 2 миллионов рублей", ("80 тысяч до 2 миллионов рублей", (80000, 2000000), "RUB")),
        ("ru", "20000-30000 рублей", ("20000-30000 рублей", (20000, 30000), "RUB")),
        ("ru", "работает с 9 до 18 часов", ("9 до 18 часов", (9, 18), "hour")),
    ],
)
def test_ranges(lang, text, expected):
    found = summary(text, lang)
    assert found == [expected]
    q = only(text, lang)
    assert q.value is None and q.qualifier is None


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        (
            "en",
            "increasing scholarships from 58 thousand to 67 thousand tenge",
            [("58 thousand", 58000, "KZT"), ("67 thousand tenge", 67000, "KZT")],
        ),
        (
            "en",
            "the scholarship was increased from 58 to 67 thousand tenge",
            [("58", 58000, "KZT"), ("67 thousand tenge", 67000, "KZT")],
        ),
        (
            "en",
            "the increase in the passing score from 50 to 75 points",
            [("50", 50, "point"), ("75 points", 75, "point")],
        ),
        (
            "ru",
            "Стипендия выросла с 58 до 67 тысяч тенге.",
            [("58", 58000, "KZT"), ("67 тысяч тенге", 67000, "KZT")],
        ),
        (
            "ru",
            "Число школ сократилось с 7 550 до 7 440.",
            [("7 550", 7550, None), ("7 440", 7440, None)],
        ),
        (
            "ru",
            "Охват увеличился с 85,3% до 92,5%.",
            [("85,3%", 85.3, "percent"), ("92,5%", 92.5, "percent")],
        ),
    ],
)
def test_changes_are_two_quantities(lang, text, expected):
    assert summary(text, lang) == expected


def test_a_verb_of_change_for_another_number_does_not_make_a_change():
    text = "which allowed to increase coverage to 92.5% of the children from 2 to 6 years old"
    assert summary(text) == [("92.5%", 92.5, "percent"), ("2 to 6 years", (2, 6), "year")]


def test_scale_is_not_shared_when_the_first_number_is_larger():
    assert summary("from 500 to 2 thousand pupils") == [("500 to 2 thousand", (500, 2000), None)]


def test_units_are_shared_along_a_list():
    assert summary("grew by 5, 10 and 15%") == [
        ("5", 5, "percent"),
        ("10", 10, "percent"),
        ("15%", 15, "percent"),
    ]


# -- MCI and tenge -------------------------------------------------------------------------


def test_mci_table_has_every_year_with_a_source():
    table = mci_table()
    assert table.years == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert all(v.source for v in table.values)
    assert table.value(2024) == (3692, 2024)
    assert table.value(2025) == (3932, 2025)
    assert table.value(2026) == (4325, 2026)
    assert table.value(2023) == (3450, 2023)
    assert table.value(2021) == (2917, 2021)


def test_mci_mid_year_changes():
    table = mci_table()
    # a year with a mid-year change: the later value, or the one in force on the date of
    # publication when the text was published that year
    assert table.value(2020) == (2778, 2020)
    assert table.value(2020, dt.date(2020, 2, 1)) == (2651, 2020)
    assert table.value(2022) == (3180, 2022)
    assert table.value(2022, dt.date(2022, 3, 31)) == (3063, 2022)
    assert table.value(2022, dt.date(2022, 4, 1)) == (3180, 2022)
    assert table.value(2022, dt.date(2024, 1, 1)) == (3180, 2022)


def test_mci_year_defaults():
    table = mci_table()
    assert table.value(None) == (4325, 2026)  # no year: the latest in the table
    assert table.value(2019) == (2778, 2020)  # before the table: its first year
    assert table.value(2030) == (4325, 2026)


def test_mci_converted_with_the_year_of_the_sentence():
    q = only("In 2023, the winners received 1000 MCI.", "en", 2024)
    assert (q.kzt, q.kzt_year) == (3450000, 2023)


def test_mci_converted_with_the_publication_year():
    q = only("The winners received a monetary reward of 1000 MCI.", "en", 2024)
    assert (q.kzt, q.kzt_year) == (3692000, 2024)


def test_mci_without_any_year_uses_the_latest_value():
    q = only("The winners received 1000 MCI.", "en")
    assert (q.kzt, q.kzt_year) == (4325000, 2026)


def test_mci_2022_depends_on_the_publication_date():
    text = "Победители получат по 100 МРП."
    early = Document(text=text, lang="ru", published="2022-02-15")
    late = Document(text=text, lang="ru", published="2022-07-01")
    QuantityExtractor()(early)
    QuantityExtractor()(late)
    assert (early.quantities[0].kzt, early.quantities[0].kzt_year) == (306300, 2022)
    assert (late.quantities[0].kzt, late.quantities[0].kzt_year) == (318000, 2022)
    speaking_of = Document(text="В 2022 году победители получили по 100 МРП.", lang="ru", published="2024-05-01")
    QuantityExtractor()(speaking_of)
    assert speaking_of.quantities[0].kzt == 318000


def test_kzt_amounts():
    q = only("В 2023 году выделено 12 млрд тенге.", "ru", 2024)
    assert (q.kzt, q.kzt_year) == (12000000000, 2023)
    q = only("Выделено 12 млрд тенге.", "ru", 2024)
    assert (q.kzt, q.kzt_year) == (12000000000, 2024)
    q = only("Выделено 12 млрд тенге.", "ru")
    assert (q.kzt, q.kzt_year) == (12000000000, None)


def test_other_units_have_no_kzt():
    assert all(q.kzt is None for q in quantities("20 dollars, 15%, 5 years, 89 teachers"))


# -- not quantities ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "in 2024"),
        ("en", "Since 2021, a number of measures have been taken"),
        ("en", "since the beginning of the 2024-2025 academic year"),
        ("en", "the 2023/2024 school year"),
        ("en", "from December 30, 2024 to January 8, 2025 inclusive"),
        ("en", "Dec. 30"),
        ("en", "on 24.12.2024 at 18:45"),
        ("en", "10:23:18"),
        ("en", "a student of the 10th grade"),
        ("en", "the 150th anniversary"),
        ("en", "the II Republican Olympiad"),
        ("en", "diplomas of the I degree"),
        ("en", "she was 1st"),
        ("en", "students of grade 9"),
        ("en", "the boarding school No. 4 in Almaty"),
        ("en", "Article 6 of the Law"),
        ("en", "new articles 52-1 and 52-2 of the Law"),
        ("en", "call +7 701 123 45 67"),
        ("en", "see https://www.gov.kz/memleket/entities/edu/press/news/details/898226"),
        ("en", "see egov.kz/services/123"),
        ("en", 'the project "100 Mediation Schools"'),
        ("en", "the 100 Mediation Schools project"),
        ("en", "three-shift schools"),
        ("en", "one-time state prizes"),
        ("en", "One of them was built"),
        ("en", "one of which"),
        ("en", "no one came"),
        ("en", "a number of teachers"),
        ("en", "COVID-19"),
        ("en", "Kazakhstan-2050"),
        ("en", "4G internet"),
        ("ru", "в 2023-2024 учебном году"),
        ("ru", "в 2024 году"),
        ("ru", "с 2021 г."),
        ("ru", "30 декабря"),
        ("ru", "1 сентября 2024 года"),
        ("ru", "24.12.2024"),
        ("ru", "ученики 11-го класса"),
        ("ru", "учащиеся 1-4 классов"),
        ("ru", "в 9 классе"),
        ("ru", "школа № 34"),
        ("ru", "приказ №123"),
        ("ru", "статьи 52-1 и 52-2 Закона"),
        ("ru", "пункт 5 статьи 6"),
        ("ru", "проект «1000 лидеров изменений в образовании»"),
        ("ru", "трехсменного обучения"),
        ("ru", "Одна из школ"),
        ("ru", "ни одного случая"),
        ("ru", "тысячи школ"),
        ("ru", "Тел.: 8 (7172) 74-25-26"),
        ("ru", "ул. Абая, 52"),
        ("ru", "ЕНТ-2024"),
    ],
)
def test_not_quantities(lang, text):
    assert quantities(text, lang) == []


def test_years_that_count_things_are_quantities():
    assert summary("about 2000 teachers and 2000 students") == [("2000", 2000, None), ("2000", 2000, None)]
    assert summary("в 2000 школах", "ru") == [("2000", 2000, None)]


def test_one_with_a_counted_noun_is_a_quantity():
    assert summary("One school was opened") == [("One", 1, None)]
    assert summary("в одной школе", "ru") == [("одной", 1, None)]
    assert summary("один рубль", "ru") == [("один рубль", 1, "RUB")]


def test_speech_in_quotes_keeps_its_numbers():
    text = '"In five years, more than 1,000 schools have been opened," the minister said.'
    assert [q.value for q in quantities(text)] == [5, 1000]


def test_age_of_is_years():
    assert summary("schoolchildren under the age of 15") == [("15", 15, "year")]


def test_score_without_a_noun_is_points():
    assert summary("the average score of applicants was 115.") == [("115", 115, "point")]


# -- subjects ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,subject",
    [
        ("en", "more than 500 parents from all regions", "parent"),
        ("en", "1.7 million primary school students", "primary school student"),
        ("en", "1 million student places", "student place"),
        ("en", "561 preschool organizations with", "preschool organization"),
        ("en", "eight thousand new teachers", "teacher"),
        ("en", "two more schools of a new format", "school"),
        ("en", "seven criteria", "criterion"),
        ("en", "450 schoolchildren became prize-winners", "schoolchild"),
        ("en", "418 prize-winners received awards", "prize-winner"),
        ("en", "3,000 children daily", "child"),
        ("en", "65 persons were", "person"),
        ("en", "12 facilities", "facility"),
        ("en", "4 classes", "class"),
        ("en", "the awarding of two of our teachers", "teacher"),
        ("en", "the number of teachers has reached 406 thousand", "teacher"),
        ("en", "40 years of experience", "experience"),
        ("en", "3.6 million tenge", None),
        ("ru", "введены в эксплуатацию 34 школы", "школа"),
        ("ru", "построили 20 новых школ", "школа"),
        ("ru", "установили 105 модификационных кабинетов", "модификационный кабинет"),
        ("ru", "из расчета 1 к 5 тыс. детей", "ребенок"),
        ("ru", "740 тысяч ученических мест", "ученическое место"),
        ("ru", "обучаются 500 учащихся", "учащийся"),
        ("ru", "в двух школах", "школа"),
    ],
)
def test_subjects(lang, text, subject):
    assert quantities(text, lang)[-1].subject == subject


@pytest.mark.parametrize(
    "lang,text",
    [
        ("ru", "Охват детей от 3 до 6 лет дошкольным образованием составляет 98,4%."),
        ("ru", "Для детей в возрасте от 2 до 5 лет открыли 12 групп."),
        ("en", "Coverage of children from 3 to 6 years with preschool education reached 98.4%."),
        ("en", "The centre accepts kids aged 7 to 12 years."),
        ("en", "Groups for 2 to 5 years old children were opened."),
    ],
)
def test_an_age_range_has_the_subject_age(lang, text):
    ages = [q for q in quantities(text, lang) if q.unit == "year"]
    assert [q.subject for q in ages] == [{"en": "age", "ru": "возраст"}[lang]]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "Teachers with over 30 years of experience were awarded."),  # more than MAX_AGE_YEARS
        ("en", "The school has trained children for 5 years."),  # a period, no age word before it
        ("ru", "Программа для детей рассчитана на 3 года."),
    ],
)
def test_other_years_are_no_age(lang, text):
    assert all(q.subject not in ("age", "возраст") for q in quantities(text, lang))


@pytest.mark.parametrize("text,subject", [
    ("Инклюзивная среда создана в 72,4% школ.", "школа"),
    ("45% учителей имеют высшую категорию.", "учитель"),
    ("Скидку получили 10% сельских жителей.", "сельский житель"),
    ("Зарплата выросла на 25% с января.", "зарплата"),  # no genitive after: the clause's noun
])
def test_a_share_of_a_genitive_noun_counts_it(text, subject):
    assert [q.subject for q in quantities(text, "ru") if q.unit == "percent"] == [subject]


@pytest.mark.parametrize(
    "lang,text,subject",
    [
        # money spent or allocated: what its purpose phrase names
        ("ru", "На организацию летнего отдыха детей из областного бюджета выделено 1,8 млрд тенге.", "летний отдых"),
        ("ru", "Из них 2,6 млрд тенге направлено на капитальный ремонт школ.", "капитальный ремонт"),
        ("ru", "На оснащение кабинетов робототехники выделят 900 млн тенге.", "оснащение"),
        ("ru", "На эти цели в 2025 году предусмотрено 640 млн тенге.", "средство"),
        ("en", "The akimat allocated 5.1 billion tenge for the construction of three schools.", "construction"),
        ("en", "In total, 700 million tenge was spent on school meals.", "school meal"),
        ("en", "For these purposes 1.3 billion tenge has been allocated.", "funding"),
        # no purpose: a year, a place, a period
        ("ru", "Выделено 3 млрд тенге на 2026 год.", None),
        ("ru", "Выделено 2 млрд тенге на территории района.", None),
        ("en", "The akimat allocated 2 billion tenge for a period of three years.", None),
        # a subject the clause already gives wins; no verb of spending, no purpose
        ("ru", "Бюджет школы вырос на 40 млн тенге на фоне роста цен.", "бюджет"),
        ("en", "The grant of 4 million tenge for the best teacher was paid.", "grant"),
        ("en", "Parents paid 40,000 tenge for textbooks.", None),
    ],
)
def test_money_subject_is_its_purpose(lang, text, subject):
    money = [q for q in quantities(text, lang) if q.unit == "KZT"]
    assert [q.subject for q in money] == [subject]


def test_subject_from_tagger_tokens():
    text = "It has 36 subject rooms and 13 unscheduled inspections."
    tokens = []
    pos = 0
    for word, lemma, tag in [
        ("It", "it", "PRON"), ("has", "have", "VERB"), ("36", "36", "NUM"), ("subject", "subject", "NOUN"),
        ("rooms", "room", "NOUN"), ("and", "and", "CCONJ"), ("13", "13", "NUM"),
        ("unscheduled", "unscheduled", "ADJ"), ("inspections", "inspection", "NOUN"), (".", ".", "PUNCT"),
    ]:
        start = text.index(word, pos)
        tokens.append(Token(start, start + len(word), word, lemma, tag))
        pos = start + len(word)
    doc = Document(text=text, lang="en", tokens=tokens)
    QuantityExtractor()(doc)
    assert [q.subject for q in doc.quantities] == ["subject room", "unscheduled inspection"]


@pytest.mark.parametrize(
    "plural,singular_form",
    [("students", "student"), ("facilities", "facility"), ("classes", "class"), ("children", "child"),
     ("boxes", "box"), ("criteria", "criterion"), ("topics", "topic"), ("physics", "physics"),
     ("prize-winners", "prize-winner"), ("branches", "branch"), ("courses", "course")],
)
def test_singular(plural, singular_form):
    assert singular(plural) == singular_form


# -- the pipeline stage --------------------------------------------------------------------


def test_extractor_reads_analysis_text_and_keeps_offsets():
    text = "Title about 3 schools\n07.12.2024 18:45:44 2541\nMore than 500 parents took part."
    doc = Document(text=text, lang="en", published="2024-12-07")
    line_start = text.index("07.12")
    doc.mask(line_start, text.index("\n", line_start))
    QuantityExtractor()(doc)
    assert [(q.text, q.value) for q in doc.quantities] == [("3", 3), ("500", 500)]
    for q in doc.quantities:
        assert doc.text[q.start : q.end] == q.text
    assert doc.warnings == []
    assert doc.quantities[1].to_dict()["qualifier"] == "gt"


@pytest.mark.parametrize("lang", [None, "kk", "und", "de", ""])
def test_extractor_accepts_any_language(lang):
    doc = Document(text="more than 500 parents", lang=lang)
    QuantityExtractor()(doc)
    assert [q.value for q in doc.quantities] == [500]


def test_extractor_never_raises(monkeypatch):
    import edunews_nlp.quantities.extract as module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "scan_numbers", broken)
    doc = Document(text="500 parents", lang="en")
    QuantityExtractor()(doc)
    assert doc.quantities == [] and "quantities" in doc.warnings[0]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "٣٤ مدرسة", "５００人", "𝟓𝟎𝟎 students", "1" * 5000, "-" * 1000, "1.2.3.4.5", "$", "€ €",
     "\u00a0\u202f", "1e10", "0x1F", "∞", "½ of schools", "№", "((((1))))", "1,,,,2", "1..2", "one-" * 50],
)
def test_odd_inputs(text):
    """Scripts, digits of other scripts, symbols, long runs: no exception, offsets slice."""
    for lang in ("en", "ru"):
        quantities(text, lang)


def test_long_text_is_linear():
    import time

    chunk = "Более 500 учителей из 34 школ получили 100 МРП. In 2024, 1,000 schools with 1 million places. "
    small, large = chunk * 200, chunk * 2000
    start = time.perf_counter()
    find_quantities(small, "ru")
    small_time = time.perf_counter() - start
    start = time.perf_counter()
    found = find_quantities(large, "ru")
    large_time = time.perf_counter() - start
    assert len(found) == 10 * len(find_quantities(small, "ru"))
    assert large_time < 25 * max(small_time, 0.01)


# -- property tests ------------------------------------------------------------------------

_EN_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def en_words(n: int) -> str:
    def below_thousand(m: int) -> str:
        parts = []
        if m >= 100:
            parts.append(_EN_UNITS[m // 100] + " hundred")
            m %= 100
            if m:
                parts.append("and")
        if m >= 20:
            parts.append(_EN_TENS[m // 10] + ("-" + _EN_UNITS[m % 10] if m % 10 else ""))
        elif m or not parts:
            parts.append(_EN_UNITS[m])
        return " ".join(parts)

    if n >= 1000:
        rest = n % 1000
        return below_thousand(n // 1000) + " thousand" + (" " + below_thousand(rest) if rest else "")
    return below_thousand(n)


_RU = {
    "nom": {
        "units": "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать".split(),
        "tens": "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто".split(),
        "hundreds": "_ сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот".split(),
        "thousand_units": {1: "одна", 2: "две"},
    },
    "gen": {
        "units": "ноля одного двух трех четырех пяти шести семи восьми девяти десяти одиннадцати двенадцати тринадцати четырнадцати пятнадцати шестнадцати семнадцати восемнадцати девятнадцати".split(),
        "tens": "_ _ двадцати тридцати сорока пятидесяти шестидесяти семидесяти восьмидесяти девяноста".split(),
        "hundreds": "_ ста двухсот трехсот четырехсот пятисот шестисот семисот восьмисот девятисот".split(),
        "thousand_units": {1: "одной"},
    },
}


def ru_words(n: int, case: str = "nom") -> str:
    forms = _RU[case]

    def below_thousand(m: int, feminine: bool = False) -> list[str]:
        parts = []
        if m >= 100:
            parts.append(forms["hundreds"][m // 100])
            m %= 100
        if m >= 20:
            parts.append(forms["tens"][m // 10])
            m %= 10
        if m or not parts:
            word = forms["units"][m]
            if feminine and m in forms["thousand_units"]:
                word = forms["thousand_units"][m]
            parts.append(word)
        return parts

    if n >= 1000:
        thousands, rest = divmod(n, 1000)
        last_two = thousands % 100
        if case == "gen":
            scale = "тысячи" if thousands % 10 == 1 and last_two != 11 else "тысяч"
        elif thousands % 10 == 1 and last_two != 11:
            scale = "тысяча"
        elif thousands % 10 in (2, 3, 4) and last_two not in (12, 13, 14):
            scale = "тысячи"
        else:
            scale = "тысяч"
        parts = below_thousand(thousands, feminine=True) + [scale]
        if rest:
            parts += below_thousand(rest)
        return " ".join(parts)
    return " ".join(below_thousand(n))


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _values(text, lang):
    return [q.value for q in quantities(text, lang)]


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.integers(min_value=0, max_value=10**12))
def test_property_english_digits_with_commas(n):
    assert n in _values(f"There are {n:,} students.", "en")


@PROPERTY
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([" ", "\u00a0", "\u202f"]))
def test_property_russian_digits_with_spaces(n, sep):
    assert n in _values(f"Обучаются {_group(n, sep)} учеников.", "ru")


@PROPERTY
@given(st.integers(min_value=0, max_value=99999), st.integers(min_value=1, max_value=99))
def test_property_russian_decimal_comma(whole, fraction):
    value = Decimal(f"{whole}.{fraction:02d}")
    found = _values(f"Охват составил {whole},{fraction:02d}%.", "ru")
    assert float(value) in found


@PROPERTY
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12)]),
)
def test_property_english_scale_words(whole, tenth, scale):
    word, factor = scale
    text = f"A budget of {whole}.{tenth} {word} tenge."
    expected = Decimal(f"{whole}.{tenth}") * factor
    q = only(text, "en")
    assert Decimal(str(q.value)) == expected and q.unit == "KZT"


@PROPERTY
@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([("тыс.", 10**3), ("тысяч", 10**3), ("млн", 10**6), ("млрд", 10**9), ("трлн", 10**12)]),
)
def test_property_russian_scale_words(whole, tenth, scale):
    word, factor = scale
    text = f"Выделено {whole},{tenth} {word} тенге."
    expected = Decimal(f"{whole}.{tenth}") * factor
    q = only(text, "ru")
    assert Decimal(str(q.value)) == expected and q.unit == "KZT"


@PROPERTY
@given(st.integers(min_value=0, max_value=999_999))
def test_property_english_number_words(n):
    assert n in _values(f"There are {en_words(n)} students.", "en")


@PROPERTY
@given(st.integers(min_value=0, max_value=999_999))
def test_property_russian_number_words_nominative(n):
    assert n in _values(f"В списке {ru_words(n)} учеников.", "ru")


@PROPERTY
@given(st.integers(min_value=0, max_value=999_999))
def test_property_russian_number_words_genitive(n):
    assert n in _values(f"Более {ru_words(n, 'gen')} учеников.", "ru")


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["en", "ru", "kk", None]))
def test_property_never_raises_and_offsets_slice(text, lang):
    for q in find_quantities(text, lang):
        assert text[q.start : q.end] == q.text
        assert q.start < q.end


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-–%$€₸()/:\u00a0\nabctysячмлнрдотиАЕКМРП№"))), st.sampled_from(["en", "ru"]))
def test_property_number_like_noise(text, lang):
    found = find_quantities(text, lang)
    for q in found:
        assert text[q.start : q.end] == q.text
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start  # sorted, never overlapping


# -- context rules -------------------------------------------------------------------------


def test_russian_collective_numerals():
    assert summary("из них трое заняли первое место", "ru") == [("трое", 3, None)]
    assert summary("воспитывает троих детей", "ru") == [("троих", 3, None)]


def test_number_words_before_klass_count_classes():
    assert summary("ведет уроки в восьми классах", "ru") == [("восьми", 8, None)]
    assert summary("учится в 8 классе", "ru") == []


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "call the 111 hotline"),
        ("en", "the hotline 150 works around the clock"),
        ("ru", "на телефон доверия 111 поступило"),
        ("en", "call the hotline 8 7212 56 34 10"),
        ("en", "held in Bangkok from December 3 to 12"),
        ("ru", "пройдет с 1 по 30 августа"),
    ],
)
def test_hotlines_phones_and_date_ranges_are_not_quantities(lang, text):
    assert quantities(text, lang) == []


@pytest.mark.parametrize(
    "lang,text",
    [
        ("ru", "стоимость одного горячего обеда"),
        ("ru", "на одного воспитанника"),
        ("en", "the annual cost of training one scholar"),
        ("en", "a voucher for one shift"),
    ],
)
def test_one_as_a_price_per_unit_is_not_a_count(lang, text):
    assert quantities(text, lang) == []


def test_one_more_is_a_count():
    assert summary("Еще один мини-центр открыт", "ru") == [("один", 1, None)]
    assert quantities("Еще один мини-центр открыт", "ru")[0].subject == "мини-центр"


def test_singular_unit_word_before_a_noun_is_no_unit():
    assert summary("312 school day camps will work") == [("312", 312, None)]


def test_units_carried_to_a_bare_number_that_refers_back():
    assert summary("Общая сумма составила 8,7 млрд тенге, из них 5,9 млрд – из бюджета.", "ru") == [
        ("8,7 млрд тенге", 8700000000, "KZT"),
        ("5,9 млрд", 5900000000, "KZT"),
    ]
    assert summary("надбавку 50% к окладу вместо 25.", "ru") == [("50%", 50, "percent"), ("25", 25, "percent")]
    assert summary("138 баллов из 140 возможных", "ru") == [("138 баллов", 138, "point"), ("140", 140, "point")]


@pytest.mark.parametrize(
    "lang,text,subject",
    [
        ("en", "teachers received state awards of 3.6 million tenge each", "award"),
        ("en", "the coverage of children with preschool education in the region is 97.8%", "coverage"),
        ("en", "the average salary of a school teacher increased from 318 thousand to 397 thousand tenge", "salary"),
        ("en", "The test lasts 4 hours", "test"),
        ("ru", "Стоимость обеда составляет 1 050 тенге.", "стоимость обеда"),
        ("ru", "Средняя заработная плата составила 398 тысяч тенге.", "средняя заработная плата"),
        ("ru", "педагоги получают надбавку в размере 25% к окладу", "надбавка"),
        ("ru", "Размер стипендии составит 84 тысячи тенге.", "стипендия"),
        ("ru", "Продолжительность базового курса составляет 72 часа.", "продолжительность курса"),
        ("ru", "в Шымкенте проживают 146 детей-сирот", "ребенок-сирота"),
        ("ru", "работают 23 столовых Актюбинской области", "столовая"),
    ],
)
def test_subjects_named_before_the_number(lang, text, subject):
    assert quantities(text, lang)[-1].subject == subject


def test_second_of_a_change_shares_the_subject():
    found = quantities("the average salary of a school teacher increased from 318 thousand to 397 thousand tenge")
    assert [q.subject for q in found] == ["salary", "salary"]


def test_a_currency_sign_between_two_amounts_is_used_once():
    found = quantities("one $ one")
    assert [q.text for q in found] == ["one $", "one"]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("en", "The event starts at 10 a.m."),
        ("en", "She took 1st place"),
        ("en", "24/7 support"),
        ("ru", "Начало в 10 часов утра."),
        ("ru", "Команда заняла 1 место"),
    ],
)
def test_times_and_rankings_are_not_quantities(lang, text):
    assert quantities(text, lang) == []


def test_temperatures_are_not_quantities():
    assert quantities("Погода в Шымкенте +7°С, ночью 2 °C", "ru") == []


@pytest.mark.parametrize("text,subject", [
    ("В области 146 детей-сирот.", "ребенок-сирота"),  # a compound pymorphy3 takes for a name
    ("Модернизированы 23 столовых Актюбинской области.", "столовая"),  # the place is no part of it
])
def test_russian_subject_from_the_pipeline_tokens(text, subject):
    import edunews_nlp

    doc = edunews_nlp.extract(text, lang="ru")
    assert doc.tokens and [q.subject for q in doc.quantities] == [subject]


@pytest.mark.parametrize("lang,text,subjects", [
    ("ru", "Сборная привезла 4 золотых, 9 серебряных и 11 бронзовых медалей.",
     ["золотая медаль", "серебряная медаль", "бронзовая медаль"]),
    ("ru", "В районе 14 государственных и 6 частных детских садов.",
     ["государственный детский сад", "частный детский сад"]),
    ("en", "The team won 2 gold, 4 silver and 6 bronze medals.", ["gold medal", "silver medal", "bronze medal"]),
    ("en", "Most of them hold gold medals, 12 silver and 30 bronze.", ["silver medal", "bronze medal"]),
    ("en", "The team won 31 medals: 6 gold, 11 silver and 14 bronze.", ["medal", "gold medal", "silver medal", "bronze medal"]),
    ("ru", "Команда завоевала 24 медали: 5 золотых, 8 серебряных и 11 бронзовых.",
     ["медаль", "золотая медаль", "серебряная медаль", "бронзовая медаль"]),
    # items that name their own nouns keep them
    ("ru", "Открыто 5 столовых и 3 спортивных зала.", ["столовая", "спортивный зал"]),
    ("ru", "Построено 5 школ, 3 детских сада и 2 колледжа.", ["школа", "детский сад", "колледж"]),
    ("en", "They built 1 school and 2 preschool organizations.", ["school", "preschool organization"]),
    # a bare number joined to the next one takes its noun; a comma does not join
    ("ru", "Каждая школа рассчитана на 1 200 или 2 000 учащихся.", ["учащийся", "учащийся"]),
    ("ru", "За год очередь сократилась с 18 200 до 9 700 детей.", ["ребенок", "ребенок"]),
    ("en", "The network of special organizations has grown to 496, 96 support rooms were opened.",
     [None, "support room"]),
])
def test_listed_counts_share_the_list_noun(lang, text, subjects):
    import edunews_nlp

    assert [q.subject for q in edunews_nlp.extract(text, lang=lang).quantities] == subjects


def test_the_email_pattern_is_linear_on_long_runs_of_address_characters():
    """An e-mail address after a long run of word characters and dots: the address pattern
    starts only where such a run starts (it used to try every position of the run again)."""
    import time

    from edunews_nlp.quantities import _BLOCKED_PATTERNS

    (email,) = [pattern for trigger, pattern in _BLOCKED_PATTERNS if trigger == "@"]

    def seconds(run_length):
        text = "a." * run_length + " mail@edu.gov.kz"
        start = time.process_time()
        assert [m.group() for m in email.finditer(text)] == ["mail@edu.gov.kz"]
        return time.process_time() - start

    seconds(1000)
    assert seconds(40_000) < 20 * max(seconds(4_000), 1e-3)
