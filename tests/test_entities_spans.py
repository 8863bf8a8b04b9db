"""Entity spans: line breaks, bracketed abbreviations, joined fragments, precision filters."""

import pytest

import edunews_nlp

pytestmark = pytest.mark.slow


def ents(doc, type_=None):
    return [(e.type, e.text) for e in doc.entities if type_ is None or e.type == type_]


@pytest.mark.parametrize("text", [
    "Department of Education\nAkmola region announced new rules.",
    "Министр просвещения Гани Бейсембаев\n\nВ регионе открыли школу.",
    "Встреча с Бейсембаевым\n\nВ Кызылорде открыли школу.",
])
def test_no_span_crosses_a_line_break_the_name_does_not_continue_over(text):
    doc = edunews_nlp.extract(text)
    assert doc.entities
    for e in doc.entities:
        assert "\n" not in e.text, e


def test_a_name_continues_over_a_line_break_after_a_joining_word():
    from edunews_nlp.document import Document, Entity
    from edunews_nlp.entities.spans import cut_at_line_breaks

    text = "the Department of\nPreschool Education said"
    doc = Document(text=text, lang="en")
    kept = cut_at_line_breaks(doc, [Entity("ORG", text[4:37], 4, 37)], {"of"})
    assert [e.text for e in kept] == ["Department of\nPreschool Education"]


def test_abbreviation_in_brackets_is_its_own_mention():
    doc = edunews_nlp.extract("Национальный центр повышения квалификации (НЦПК) провел курсы для учителей.")
    orgs = ents(doc, "ORG")
    assert ("ORG", "Национальный центр повышения квалификации") in orgs
    assert ("ORG", "НЦПК") in orgs


def test_fragments_joined_by_and_make_one_organisation():
    doc = edunews_nlp.extract("Experts of the Republican Scientific and Practical Center reviewed the books.")
    assert ("ORG", "Republican Scientific and Practical Center") in ents(doc)


@pytest.mark.parametrize("text, not_wanted", [
    ("Об этом сообщает tengrinews.kz со ссылкой на министерство.", "tengrinews.kz"),
    ("Новую школу открыли на улице Абая в Астане.", "Абая"),
    ("Стоимость оборудования составила 100 тысяч долларов США.", "США"),
    ("The video was posted on YouTube by the school.", "YouTube"),
    ("Teachers met at the August Republican Conference of Educators in Astana.",
     "August Republican Conference of Educators"),
    ("Local Police Departments will patrol schools.", "Police Departments"),
    ("Graduates with the Altyn Belgi badge get grants.", "Altyn Belgi"),
])
def test_what_annotation_excludes_is_no_entity(text, not_wanted):
    doc = edunews_nlp.extract(text)
    assert not_wanted not in [e.text for e in doc.entities], ents(doc)


def test_genitive_place_after_a_body_is_inside_its_name():
    doc = edunews_nlp.extract("Министерство сельского хозяйства Германии и правительство Китая подписали меморандум.")
    orgs = [e.text for e in doc.entities if e.type == "ORG"]
    assert "Министерство сельского хозяйства Германии" in orgs
    assert "правительство Китая" in orgs
    assert not [e for e in doc.entities if e.type == "PLACE"]


@pytest.mark.parametrize("text, ids", [
    ("Учащиеся Павлодарской, Костанайской и Акмолинской областей сдали тест.",
     ["place:kz-55", "place:kz-39", "place:kz-11"]),
    ("New schools opened in Turkestan, Atyrau and Pavlodar regions.", ["place:kz-61", "place:kz-23", "place:kz-55"]),
])
def test_names_sharing_a_plural_generic_word_link_to_regions(text, ids):
    doc = edunews_nlp.extract(text)
    assert [e.id for e in doc.entities if e.type == "PLACE"] == ids


def test_cities_then_their_region_are_no_list():
    doc = edunews_nlp.extract("Two kindergartens opened in the cities of Kostanay and Arkalyk, Kostanay region.")
    assert [e.id for e in doc.entities if e.type == "PLACE"][0].startswith("place:city-")


def test_role_with_a_bracketed_gloss_makes_an_official():
    doc = edunews_nlp.extract("The Akim (Mayor) of Shymkent, Murat Aitenov, opened the school.")
    assert ("OFFICIAL", "Murat Aitenov") in ents(doc)


@pytest.mark.parametrize("text, name", [
    ("Students joined the Smart Library for Rural Schools project in 2024.", "Smart Library for Rural Schools"),
    ("В рамках кампании «Біз біргеміз» волонтеры помогли детям.", "Біз біргеміз"),
])
def test_programme_names_the_kb_lacks(text, name):
    assert ("PROGRAMME", name) in ents(edunews_nlp.extract(text))


def test_one_type_per_name_in_an_article():
    doc = edunews_nlp.extract("The Otp project covers 50 schools. Teachers of Otp met in Aktau.")
    assert [e.type for e in doc.entities if e.text == "Otp"] == ["PROGRAMME", "PROGRAMME"]


def test_a_platform_is_a_web_site_where_posted_and_an_organisation_as_a_company():
    doc = edunews_nlp.extract("Компания Facebook купила стартап. Видео опубликовали на YouTube.")
    assert [e.text for e in doc.entities] == ["Facebook"]


def test_russian_names_with_initials_and_inflected_full_names():
    doc = edunews_nlp.extract("Грамоты вручили Ахметовой К.Ж. и учителю Сапаровой Айгерим Болатовной. "
                              "Айгерим Сапарова поблагодарила коллег.")
    people = [e for e in doc.entities if e.type == "PERSON"]
    assert "Ахметовой К.Ж." in [e.text for e in people]
    saparova = [e for e in people if "Сапаров" in e.text]
    assert len(saparova) == 2 and len({e.id for e in saparova}) == 1
    assert saparova[0].canonical == "Сапарова Айгерим Болатовна"


@pytest.mark.parametrize("text, org", [
    ("The Department of Preschool Education at the Ministry of Education of the Republic of Kazakhstan reported.",
     "Department of Preschool Education at the Ministry of Education of the Republic of Kazakhstan"),
    ("Комитет по охране прав детей при Министерстве просвещения РК сообщил о проверке.",
     "Комитет по охране прав детей при Министерстве просвещения РК"),
])
def test_a_unit_at_its_parent_is_one_organisation(text, org):
    assert ("ORG", org) in ents(edunews_nlp.extract(text))


@pytest.mark.parametrize("text, org", [
    ("Students of specialized boarding school No. 4 won the contest.", "specialized boarding school No. 4"),
    ("В школе-лицее № 73 открыли читальный зал.", "школе-лицее № 73"),
])
def test_numbered_schools_by_grammar(text, org):
    assert ("ORG", org) in ents(edunews_nlp.extract(text))


@pytest.mark.parametrize("text, place", [
    ("В ауыле Жанатурмыс открыли новую школу.", "Жанатурмыс"),
    ("Дом сдали в мкр. Самал-2 в прошлом году.", "Самал-2"),
])
def test_villages_and_residential_areas_by_their_generic_word(text, place):
    assert ("PLACE", place) in ents(edunews_nlp.extract(text))


def test_a_numbered_residential_area_is_no_place_name():
    doc = edunews_nlp.extract("В Актау в 14-м микрорайоне открылся детский сад.")
    assert [e.text for e in doc.entities] == ["Актау"]


def test_a_bare_name_of_several_places_resolves_by_the_article_then_by_level():
    doc = edunews_nlp.extract("Schools in Aktobe and Zhambyl were repaired.")
    assert [e.id for e in doc.entities if e.text == "Zhambyl"] == ["place:kz-31"]


def test_two_transliterations_of_one_minister_share_an_id():
    doc = edunews_nlp.extract("Minister of Education Gani Beisembayev visited. Later Beysenbayev met teachers.")
    assert len({e.id for e in doc.entities if e.type == "OFFICIAL"}) == 1


def test_an_abbreviated_generic_word_counts_only_with_its_dot():
    doc = edunews_nlp.extract("Аким встретился с Бейбитом Исабаевым. В с. Шаян открыли школу.")
    assert ("PLACE", "Шаян") in ents(doc)
    assert not [e for e in doc.entities if e.type == "PLACE" and "Исабаев" in e.text]


@pytest.mark.parametrize("text, not_wanted", [
    ('The successful implementation of the Law "On the Status of Teachers" raised salaries.', "Status of Teachers"),
    ("Министр принял руководителей управлений образования города Шымкент.",
     "управлений образования города Шымкент"),
])
def test_law_titles_and_plural_bodies_are_no_organisations(text, not_wanted):
    assert not_wanted not in [e.text for e in edunews_nlp.extract(text).entities]


def test_every_quoted_item_of_a_programme_list_is_a_programme():
    doc = edunews_nlp.extract('The country implements regional initiatives such as: "Development of rural schools" in '
                              'Aktobe region, "Improving the quality of education" in Almaty region and "Reading '
                              'Nation" in Mangystau region.')
    assert [e.text for e in doc.entities if e.type == "PROGRAMME"] == [
        "Development of rural schools", "Improving the quality of education", "Reading Nation"]


def test_a_school_name_goes_on_through_its_genitive_qualifier():
    doc = edunews_nlp.extract("Ученики Назарбаев Интеллектуальной школы физико-математического направления победили.")
    assert ("ORG", "Назарбаев Интеллектуальной школы физико-математического направления") in ents(doc)


def test_a_kind_of_body_at_a_sentence_start_is_no_person():
    doc = edunews_nlp.extract("News of the week\n\nKindergartens, schools and creative centers have appeared in Astana.")
    assert not [e for e in doc.entities if e.type == "PERSON"]


def test_a_glued_sentence_end_ends_a_name():
    doc = edunews_nlp.extract("Об этом сообщает Kazinform.Today школа открылась после ремонта.")
    assert [e.text for e in doc.entities] == ["Kazinform"]


def test_a_post_before_a_generic_place_word_is_no_place():
    doc = edunews_nlp.extract("Аким района Ерлан Жумабеков открыл школу.")
    assert not [e for e in doc.entities if e.type == "PLACE"]
    assert ("OFFICIAL", "Ерлан Жумабеков") in ents(doc)


def test_a_first_name_comes_along_with_a_repeated_surname():
    doc = edunews_nlp.extract("Deputy Akim of East Kazakhstan region Saltanat Mukanova said at a briefing. "
                              '"Every camp has been checked," Saltanat Mukanova noted.')
    assert [e.text for e in doc.entities if e.type == "OFFICIAL"] == ["Saltanat Mukanova", "Saltanat Mukanova"]


def test_an_org_shaped_like_a_full_name_is_a_person_and_dashes_stay_in_programme_names():
    doc = edunews_nlp.extract("The bronze went to Temirlan Abilov from Aktobe. Schools will be repaired under the "
                              "Auyl – El Besigi project.")
    assert ("PERSON", "Temirlan Abilov") in ents(doc)
    assert ("PROGRAMME", "Auyl – El Besigi") in ents(doc)


@pytest.mark.parametrize("text, entity", [
    ("The school was built in 1968. Its director Gulmira Aitkulova said the works take 5 months.",
     ("PERSON", "Gulmira Aitkulova")),
    ("This was announced by Vice Minister of Science and Higher Education of the Republic of Kazakhstan "
     "Kanat Ermekov at a briefing.", ("OFFICIAL", "Kanat Ermekov")),
    ("Winners include primary school teacher Aliya Nurtazina from Petropavl.", ("PERSON", "Aliya Nurtazina")),
])
def test_names_after_posts_and_person_words(text, entity):
    assert entity in ents(edunews_nlp.extract(text))


def test_legal_forms_and_names_cut_inside_their_quotes():
    doc = edunews_nlp.extract("Семинар провели совместно с НАО имени И. Алтынсарина. Обучение проведет АО «Национальный "
                              "центр повышения квалификации «Өрлеу»». Об этом сообщает МИА «Казинформ».")
    assert [e.text for e in doc.entities if e.type == "ORG"] == ["НАО имени И. Алтынсарина", "Өрлеу", "Казинформ"]


def test_a_capitalised_word_after_a_count_is_no_organisation():
    doc = edunews_nlp.extract("The city opened 12 Kindergartens this year.")
    assert not [e for e in doc.entities if e.type == "ORG"]


@pytest.mark.parametrize("text, name", [
    ("Выпускники трудоустроены в рамках «Ұшқыр ой» в прошлом году.", "Ұшқыр ой"),
    ('Schools were built within the framework of the "Ulagatty Ustaz" initiative.', "Ulagatty Ustaz"),
])
def test_a_quoted_name_right_after_within_the_framework_of_is_a_programme(text, name):
    assert ("PROGRAMME", name) in ents(edunews_nlp.extract(text))


def test_names_in_apposition_to_plural_place_words_are_places():
    doc = edunews_nlp.extract("Three towns of the Pavlodar region, Aksu and Ekibastuz, received new kindergartens.")
    assert ("PLACE", "Aksu") in ents(doc) and ("PLACE", "Ekibastuz") in ents(doc)


def test_a_lone_head_noun_names_no_organisation():
    doc = edunews_nlp.extract('Today, a modern House of children\'s Creativity "Samgau" was opened in the village.')
    assert "House" not in [e.text for e in doc.entities]


def test_an_organisation_goes_on_over_its_coordinated_complement():
    doc = edunews_nlp.extract("The National Center for Human and Children's Rights was founded. "
                              "The Ministry of Education and Kazinform reported.")
    orgs = [e.text for e in doc.entities if e.type == "ORG"]
    assert "National Center for Human and Children's Rights" in orgs and "Kazinform" in orgs


def test_an_organisation_split_at_a_hyphen_is_one_name():
    from edunews_nlp.document import Document, Entity
    from edunews_nlp.entities import EntityRecognizer

    text = "Students of Bilim-Innovation lyceum won."
    doc = Document(text=text, lang="en")
    parts = [Entity("ORG", "Bilim", 12, 17, source="model"), Entity("ORG", "Innovation", 18, 28, source="model")]
    assert [e.text for e in EntityRecognizer().join_orgs(doc, parts)] == ["Bilim-Innovation"]


@pytest.mark.parametrize("text, entity", [
    ("Одна из них – школа-гимназия имени Ы. Алтынсарина в Кентау – уже открыта.",
     ("ORG", "школа-гимназия имени Ы. Алтынсарина")),
    ("Специалисты приехали работать в села Акмолинской области.", ("PLACE", "Акмолинской области")),
])
def test_named_schools_and_regions_after_a_village_word(text, entity):
    assert entity in ents(edunews_nlp.extract(text))


def test_with_no_authority_the_models_majority_type_wins():
    from edunews_nlp.document import Entity
    from edunews_nlp.entities.spans import one_type_per_name

    mentions = [Entity("ORG", "Mankent", 0, 7, source="model"), Entity("PLACE", "Mankent", 10, 17, source="model"),
                Entity("PLACE", "Mankent", 20, 27, source="model")]
    assert [e.type for e in one_type_per_name(mentions)] == ["PLACE", "PLACE", "PLACE"]


def test_a_persons_name_with_its_latin_gloss_is_two_mentions():
    doc = edunews_nlp.extract("Об этом сообщил видео-блоггер Джошуа Вольф (Joshua Wolf), который отказался передать записи.")
    persons = ents(doc, "PERSON")
    assert ("PERSON", "Джошуа Вольф") in persons and ("PERSON", "Joshua Wolf") in persons


def test_a_bullet_ends_a_model_span():
    from edunews_nlp.entities.russian import split_at_bullets
    from edunews_nlp.segment import ModelSpan

    text = "Страны: Монако • Намибия • Йемен"
    spans = list(split_at_bullets(text, [ModelSpan(8, len(text), "LOC")]))
    assert [text[s.start:s.end].strip() for s in spans] == ["Монако", "Намибия", "Йемен"]


def test_a_model_place_that_reads_as_a_name_is_a_person():
    from edunews_nlp.entities import EntityRecognizer, reader

    recognizer, russian = EntityRecognizer(), reader("ru")
    assert russian.place_reads_as_person(recognizer, "Ахмат-Хаджи Кадырова")
    assert russian.place_reads_as_person(recognizer, "Свиридове")
    assert not russian.place_reads_as_person(recognizer, "Туркестанской области")
    assert not russian.place_reads_as_person(recognizer, "Москвы")
    assert not reader("en").place_reads_as_person(recognizer, "Свиридове")


@pytest.mark.parametrize("text, name", [
    ("В школах области внедряется проект Smart Bala, его поддержали родители.", "Smart Bala"),
    ("Программа Серпін действует с 2014 года.", "Серпін"),
    ("Подробнее о проекте Біртұтас тәрбие рассказали в министерстве.", "Біртұтас тәрбие"),
])
def test_an_unquoted_name_in_another_script_after_a_russian_trigger_is_a_programme(text, name):
    assert ("PROGRAMME", name) in ents(edunews_nlp.extract(text, lang="ru"))


@pytest.mark.parametrize("text", [
    "Фонд купил ещё 5% акций Facebook в мае.",
    "В рамках проекта USAID учителя прошли курсы.",
])
def test_no_programme_from_shares_or_a_funders_abbreviation(text):
    assert not ents(edunews_nlp.extract(text, lang="ru"), "PROGRAMME")


@pytest.mark.parametrize("text, expected", [
    ("Первое рабочее место он получил в 2010 году.", []),
    ("«Первое рабочее место» охватило 5 тысяч выпускников.", [("PROGRAMME", "Первое рабочее место")]),
    ("По проекту «Серебряный возраст» трудоустроены 12 тысяч человек.", [("PROGRAMME", "Серебряный возраст")]),
])
def test_a_programme_named_by_ordinary_words_opening_a_sentence_unquoted_is_the_phrase(text, expected):
    assert ents(edunews_nlp.extract(text, lang="ru")) == expected


def test_a_programme_of_distinct_words_opening_a_sentence_stays_a_programme():
    # only names the KB marks `ordinary_words` are read as the everyday phrase there
    doc = edunews_nlp.extract("Комфортная школа: в области построено 40 школ.", lang="ru")
    assert ("PROGRAMME", "Комфортная школа") in ents(doc)
    doc = edunews_nlp.extract("Bolashak scholarship recipients return to work in Kazakhstan.", lang="en")
    assert ents(doc, "PROGRAMME")


def test_a_quoted_phrase_in_lower_case_after_a_trigger_is_no_programme():
    doc = edunews_nlp.extract("Требования акции: «немедленная отставка мэра Москвы Юрия Лужкова, расследование его дел».",
                              lang="ru")
    assert not ents(doc, "PROGRAMME") and ("PERSON", "Юрия Лужкова") in ents(doc)


def test_a_name_the_tagger_cut_at_a_web_address_dot_is_a_web_site():
    assert not ents(edunews_nlp.extract("Как пишет «Gzt.Ru», 23 июля дело передали в суд.", lang="ru"), "ORG")
