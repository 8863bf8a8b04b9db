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


def by_quantity(doc, key):
    return {doc.quantities[c.quantity].text: getattr(c, key) for c in doc.claims}


def only_id(doc, type_, text=None):
    return next(e.id for e in doc.entities if e.type == type_ and (text is None or e.text == text))


def test_narration_after_an_attributed_quote_is_nobodys():
    doc = edunews_nlp.extract('"The network has grown: 96 support rooms have been opened," said Laura Butabayeva, '
                              "Director of the Department of Inclusive Education. There are currently 221 support "
                              "rooms in the country.", lang="en")
    officials = by_quantity(doc, "official")
    assert officials["96"] == only_id(doc, "OFFICIAL")
    assert officials["221"] is None


def test_quote_followed_by_the_minister_said_is_the_ministers():
    doc = edunews_nlp.extract("Minister of Education Gani Beisembayev visited Beineu. He met teachers there. "
                              '"The results already show an improvement in quality by 7-9%," the minister said.',
                              lang="en")
    assert by_quantity(doc, "official")["7-9%"] == only_id(doc, "OFFICIAL")


def test_russian_role_reference_speaks_for_the_official_named_long_before():
    doc = edunews_nlp.extract(
        "Министр просвещения Гани Бейсембаев провел совещание с регионами.\n\n"
        "Регионы доложили о проделанной работе. Также была представлена информация о питании.\n\n"
        "Заслушав отчет, министр заострил внимание на безопасности. Глава ведомства указал на "
        "недостаточную работу органов опеки. Он поручил исключить подобные факты. В частности, "
        "регионам необходимо увеличить численность специалистов из расчета 1 к 5 тыс. детей.", lang="ru")
    assert by_quantity(doc, "official")["5 тыс."] == only_id(doc, "OFFICIAL")


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "A new school for 400 students has been commissioned in the city of Uralsk, West Kazakhstan region. "
           "It has three workshops and 36 subject rooms.", "Uralsk"),
    ("ru", "В городе Уральске Западно-Казахстанской области открылась школа на 400 мест. "
           "В ней 36 предметных кабинетов.", "Уральске"),
])
def test_a_sentence_naming_no_place_takes_the_place_before_it(lang, text, expected):
    doc = edunews_nlp.extract(text, lang=lang)
    assert by_quantity(doc, "place")["36"] == only_id(doc, "PLACE", expected)


def test_no_place_is_carried_from_a_list_from_the_country_or_into_a_country_wide_sentence():
    listed = edunews_nlp.extract("Diplomas went to the teams of Turkestan, Atyrau and Mangystau regions. "
                                 "Seven winners received grants.", lang="en")
    assert by_quantity(listed, "place")["Seven"] is None
    abroad = edunews_nlp.extract("The olympiad was held in Thailand. 312 students took part.", lang="en")
    assert by_quantity(abroad, "place")["312"] is None  # a foreign country is no scope
    scope = edunews_nlp.extract("В Актюбинской области открыли 12 детских садов. Всего в стране работает "
                                "11,6 тыс. дошкольных организаций.", lang="ru")
    assert by_quantity(scope, "place")["11,6 тыс."] is None


def test_places_in_one_place_and_clauses():
    doc = edunews_nlp.extract(
        "Two more schools with 1,500 places each were opened in the city of Kaskelen and the village of "
        "Kemertogan in the Almaty region, and 1 comfortable school with 2,000 places in the Turkestan region.",
        lang="en")
    places = by_quantity(doc, "place")
    assert places["1,500"] == only_id(doc, "PLACE", "Almaty region")
    assert places["2,000"] == only_id(doc, "PLACE", "Turkestan region")


def test_headline_place_frames_the_narrators_figures_not_the_quotes():
    doc = edunews_nlp.extract(
        "В Костанайской области отремонтируют 34 школы\n\n"
        "На ремонт выделено 4,6 млрд тенге.\n\n"
        "«В стране ежегодно модернизируется не менее 1000 школ», – отметил министр просвещения Гани Бейсембаев.",
        lang="ru")
    places = by_quantity(doc, "place")
    assert places["4,6 млрд тенге"] == only_id(doc, "PLACE")
    assert places["1000"] is None


@pytest.mark.parametrize("lang, text, figure", [
    ("en", 'The "Comfortable School" project goes on. Since September, 41 comfortable schools have been opened.', "41"),
    ("ru", "Продолжается реализация проекта «Комфортная школа». С сентября открыто 12 комфортных школ.", "12"),
])
def test_programme_named_in_lower_case_is_bound(lang, text, figure):
    doc = edunews_nlp.extract(text, lang=lang)
    assert by_quantity(doc, "programme")[figure] == only_id(doc, "PROGRAMME")


def test_programme_carried_only_when_the_sentence_refers_back_to_it():
    doc = edunews_nlp.extract("Education news of the week\n\nTeachers met in the capital.\n\n"
                              'The government launched the "Comfortable School" project in April. '
                              "The project covers 50 schools. Another 20 kindergartens were opened.", lang="en")
    programmes = by_quantity(doc, "programme")
    assert programmes["50"] == only_id(doc, "PROGRAMME")
    assert programmes["20"] is None


def test_time_of_the_figures_clause_and_of_the_previous_sentence():
    doc = edunews_nlp.extract("For example, last year 1,500 graduates chose the profession, and this year "
                              "their number has increased to 1,800.", lang="en", published="2024-12-11")
    years = {doc.quantities[c.quantity].text: c.time.start[:4] for c in doc.claims}
    assert years == {"1,500": "2023", "1,800": "2024"}
    ru = edunews_nlp.extract("Регионы доложили о работе в 2023-2024 учебном году. В Туркестанской области "
                             "введены в эксплуатацию 34 школы.", lang="ru", published="2024-08-20")
    assert claim_for(ru, "34").time.start == "2023-09-01"


def test_academic_year_and_end_of_year_phrases():
    doc = edunews_nlp.extract("Since the beginning of the academic year, 41 schools have been put into operation. "
                              "By the end of the year, 1,000 schools are being upgraded.", lang="en",
                              published="2024-12-24")
    assert claim_for(doc, "41").time.start == "2024-09-01"
    assert claim_for(doc, "1,000").time.start == "2024-01-01"
    assert claim_for(doc, "1,000").modality == "target"


def test_a_met_deadline_reports_a_fact():
    doc = edunews_nlp.extract("By the end of 2024, canteens have been modernized in 600 schools.", lang="en",
                              published="2024-12-24")
    assert claim_for(doc, "600").modality == "fact"
    ahead = edunews_nlp.extract("By the end of 2026, canteens will be modernized in 600 schools.", lang="en",
                                published="2024-12-24")
    assert claim_for(ahead, "600").modality == "target"


@pytest.mark.parametrize("lang, text, first, second, first_place, second_place", [
    ("en", "Three schools opened in Almaty while Shymkent got 2 kindergartens.", "Three", "2", "Almaty", "Shymkent"),
    ("ru", "В Алматы открыли 3 школы, в Шымкенте построили 2 детских сада.", "3", "2", "Алматы", "Шымкенте"),
])
def test_each_clause_of_the_parse_binds_its_own_place(lang, text, first, second, first_place, second_place):
    doc = edunews_nlp.extract(text, lang=lang)
    places = by_quantity(doc, "place")
    assert places[first] == only_id(doc, "PLACE", first_place)
    assert places[second] == only_id(doc, "PLACE", second_place)


def test_russian_sentences_are_parsed_only_where_binding_is_ambiguous():
    doc = edunews_nlp.extract("В Алматы открыли 3 школы. В Алматы открыли 2 школы, в Шымкенте построили "
                              "4 детских сада.", lang="ru")
    first_sentence, second_sentence = doc.sentences[:2]
    assert all(t.head is None for t in doc.tokens if t.end <= first_sentence.end)
    parsed = [t for t in doc.tokens if t.start >= second_sentence.start]
    assert parsed and all(t.head is not None and t.dep for t in parsed)


def test_headline_programme_covers_the_figures_naming_none():
    doc = edunews_nlp.extract('Five schools under the "Comfortable School" project opened in Abai region\n\n'
                              "The total cost of construction exceeded 92 billion tenge.", lang="en")
    assert by_quantity(doc, "programme")["92 billion tenge"] == only_id(doc, "PROGRAMME")
    plain = edunews_nlp.extract("Five schools opened in Abai region\n\nThe total cost exceeded 92 billion tenge.",
                                lang="en")
    assert by_quantity(plain, "programme")["92 billion tenge"] is None


@pytest.mark.parametrize("lang,text,figure,expected", [
    ("ru", "Аким Павлодарской области провел совещание.\n\nОн рассказал о планах на лето.\n\n"
           "По итогам года в регионе открыли 14 детских садов.", "14", "place:kz-55"),
    ("ru", "В Туркестанской области прошла проверка.\n\nСредний балл по региону составил 71,5.", "71,5", "place:kz-61"),
    ("en", "The akim of Kostanay region met teachers.\n\nHe spoke about salaries.\n\n"
           "This year 1,200 young teachers came to the region's schools.", "1,200", "place:kz-39"),
    ("ru", "В Шымкенте прошел форум.\n\nВ городе построят 9 школ.", "9", "place:kz-79"),
])
def test_in_the_region_takes_the_region_named_before(lang, text, figure, expected):
    doc = edunews_nlp.extract(text, lang=lang)
    assert claim_for(doc, figure).place == expected


def test_a_plural_or_generic_region_is_no_place_of_the_article():
    text = ("Вчера прошло совещание.\n\nОбсуждали ваучеры для детей.\n\nВ Павлодарской области прошла проверка.\n\n"
            "Ваучеры действуют в шести пилотных регионах.\n\n"
            "Размер ваучера будет зависеть от региона и составит 45 тысяч тенге.")
    doc = edunews_nlp.extract(text, lang="ru")
    assert claim_for(doc, "шести").place is None
    assert claim_for(doc, "45 тысяч тенге").place is None


@pytest.mark.parametrize("lang,text,modality", [
    ("ru", "На эти цели из местного бюджета выделено 312 млн тенге.", "fact"),
    ("ru", "На эти цели будет направлено 41 млрд тенге.", "plan"),
    ("ru", "Цель – охватить 100% детей.", "target"),
    ("en", "For these purposes 2 billion tenge was allocated.", "fact"),
])
def test_a_purpose_is_no_target(lang, text, modality):
    doc = edunews_nlp.extract(text, lang=lang)
    assert [c.modality for c in doc.claims] == [modality]


@pytest.mark.parametrize("lang,text,figure,place", [
    ("ru", "АСТАНА. KAZINFORM – Министр просвещения сообщил, что в 2024 году построено 217 школ.", "217", None),
    ("en", "ASTANA. KAZINFORM – The minister said 217 schools were built in 2024.", "217", None),
    ("ru", "ШЫМКЕНТ – В городе открыли 3 школы.", "3", "place:kz-79"),  # "in the city": the dateline's
])
def test_a_dateline_is_where_the_news_was_filed(lang, text, figure, place):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-09-01")
    assert claim_for(doc, figure).place == place


@pytest.mark.parametrize("lang, text, figure, expected", [
    ("en", "58 inspectors work in the city; by the end of 2030, their number is planned to be increased to 70.",
     "58", "fact"),
    ("en", "The cost is estimated at 62 billion tenge, which will be financed from the budget.",
     "62 billion tenge", "fact"),
    ("en", "The school for 900 pupils will open in 2030.", "900", "plan"),
    ("ru", "После открытия мы уйдем от трехсменного обучения, а наполняемость снизится до 25 человек», – сказала она.",
     "25", "plan"),
])
def test_a_plan_of_another_clause_leaves_a_present_figure_a_fact(lang, text, figure, expected):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-05-01")
    assert claim_for(doc, figure).modality == expected


@pytest.mark.parametrize("lang, text", [
    ("en", 'Ten schools to be repaired under the "Comfortable School" project\n\n'
           "This year 10 schools will be repaired under the Comfortable School project in the region.\n\n"
           "The director of school No. 12 said that 1,150 students study there. The school received 14 new classrooms."),
    ("ru", "Десять школ отремонтируют по проекту «Комфортная школа»\n\n"
           "В этом году по проекту «Комфортная школа» в регионе отремонтируют 10 школ.\n\n"
           "В школе-гимназии № 5 обучаются 1 150 детей. Школа получила 14 новых кабинетов."),
])
def test_topic_programme_stops_at_a_particular_institution(lang, text):
    doc = edunews_nlp.extract(text, lang=lang)
    programmes = by_quantity(doc, "programme")
    assert programmes["1,150" if lang == "en" else "1 150"] is None
    assert programmes["14"] is None


def test_topic_programme_stops_at_a_private_persons_story():
    doc = edunews_nlp.extract("Пять школ отремонтируют по проекту «Комфортная школа»\n\n"
                              "В этом году по проекту «Комфортная школа» в регионе отремонтируют 5 школ.\n\n"
                              "Общая стоимость ремонта составит 8 млрд тенге.\n\n"
                              "Учитель истории Гульмира Сейтказиева, проработавшая в школе 28 лет, рассказала о ремонте. "
                              "Сейчас в ней обучаются 900 детей.", lang="ru")
    programmes = by_quantity(doc, "programme")
    assert programmes["8 млрд тенге"] == only_id(doc, "PROGRAMME")
    assert programmes["28 лет"] is None and programmes["900"] is None
