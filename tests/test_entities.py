"""Entities: model NER mapped to our types, gazetteer, programmes, officials, canonical ids."""

import pytest

import edunews_nlp

pytestmark = pytest.mark.slow


def ents(doc, type_=None):
    return [(e.type, e.text) for e in doc.entities if type_ is None or e.type == type_]


def test_offsets_slice_to_text():
    text = "Gani Beisembayev, Minister of Education, visited the Turkestan region and Shymkent."
    doc = edunews_nlp.extract(text)
    assert doc.entities
    for e in doc.entities:
        assert text[e.start:e.end] == e.text


def test_official_by_apposition_and_role_before():
    doc = edunews_nlp.extract('"Children matter," said Edil Ospan, Vice Minister of Education of the '
                              'Republic of Kazakhstan. Later Vice Minister Edil Ospan met parents.')
    officials = [e for e in doc.entities if e.type == "OFFICIAL"]
    assert [e.text for e in officials] == ["Edil Ospan", "Edil Ospan"]
    assert officials[0].role.startswith("Vice Minister of Education")
    assert officials[0].id == officials[1].id


def test_teacher_is_a_person_not_an_official():
    doc = edunews_nlp.extract("The Minister presented the award to teacher Kulyash Rakhmetova in Almaty.")
    assert ("PERSON", "Kulyash Rakhmetova") in ents(doc)


def test_surname_alone_joins_the_official():
    doc = edunews_nlp.extract("Deputy Akim of Pavlodar region Nurlan Akhmetov opened the school. "
                              "Akhmetov said the school has 600 places.")
    people = [e for e in doc.entities if e.type in ("OFFICIAL", "PERSON")]
    assert {e.type for e in people} == {"OFFICIAL"}
    assert len({e.id for e in people}) == 1


def test_programme_after_trigger_without_quotes_or_generic_word():
    doc = edunews_nlp.extract('The National project "Comfortable School" is being implemented. '
                              'Centres opened under the Birtutas Tarbieh program.')
    assert ("PROGRAMME", "Comfortable School") in ents(doc)
    assert ("PROGRAMME", "Birtutas Tarbieh") in ents(doc)


def test_russian_programme_in_quotes():
    doc = edunews_nlp.extract("Работа ведется в рамках национального проекта «Комфортная школа» "
                              "и программы «Біртұтас тәрбие».")
    assert ("PROGRAMME", "Комфортная школа") in ents(doc)
    assert ("PROGRAMME", "Біртұтас тәрбие") in ents(doc)


@pytest.mark.parametrize("lang, text, programme, org", [
    ("en", 'The government launched a project to develop a network of support schools "Otp" in April. '
           'Teachers will get post-project support from JSC NPCC "Orleu".', "Otp", "Orleu"),
    ("ru", "В области стартовал проект по развитию сети опорных школ «Отан». Методическую поддержку "
           "окажет АО «Өрлеу».", "Отан", "Өрлеу"),
])
def test_quoted_name_governed_by_a_trigger_is_a_programme_unless_a_legal_form_names_it(lang, text, programme, org):
    doc = edunews_nlp.extract(text, lang=lang)
    assert ("PROGRAMME", programme) in ents(doc)
    assert ("ORG", org) in ents(doc)


def test_quoted_title_without_trigger_is_not_a_programme():
    doc = edunews_nlp.extract('The teacher received the honorary title "Best Teacher of the Year".')
    assert not ents(doc, "PROGRAMME")


def test_org_keeps_its_territory():
    doc = edunews_nlp.extract("The bill was initiated by the Ministry of Education of the Republic of "
                              "Kazakhstan last year.")
    assert ("ORG", "Ministry of Education of the Republic of Kazakhstan") in ents(doc)


def test_same_person_same_id_across_languages():
    en = edunews_nlp.extract("Minister of Education Gani Beisembayev met teachers in Almaty.")
    ru = edunews_nlp.extract("Министр просвещения Гани Бейсембаев встретился с учителями Алматы.")
    en_id = next(e.id for e in en.entities if e.text == "Gani Beisembayev")
    ru_id = next(e.id for e in ru.entities if e.text == "Гани Бейсембаев")
    assert en_id == ru_id


def test_russian_inflections_share_an_id():
    doc = edunews_nlp.extract("В Туркестанской области открыли школу. Туркестанская область "
                              "получила еще две школы.")
    ids = {e.id for e in doc.entities if e.type == "PLACE"}
    assert len(ids) == 1


def test_masked_regions_give_no_entities():
    from edunews_nlp.document import Document
    from edunews_nlp.pipeline import default_pipeline

    text = "Погода в Шымкенте\nМинистр Гани Бейсембаев посетил Шымкент."
    doc = Document(text, lang="ru")
    doc.mask(0, text.index("\n"))
    pipeline = default_pipeline()
    pipeline.analyser("ru")(doc)
    pipeline.recognizer(doc)
    assert all(e.start > text.index("\n") for e in doc.entities)


def place_ids(text, lang=None):
    return {e.text: e.id for e in edunews_nlp.extract(text, lang=lang).entities if e.type == "PLACE"}


def test_city_and_region_of_the_same_name_stay_apart():
    en = place_ids("Schools opened in Almaty and in the Almaty region, in Turkestan and the Turkestan region.")
    assert en["Almaty"] != en["Almaty region"]
    assert en["Turkestan"] != en["Turkestan region"]
    ru = place_ids("Школы открыли в Алматы и в Алматинской области, в Туркестане и Туркестанской области.")
    assert ru["Алматы"] == en["Almaty"] and ru["Алматинской области"] == en["Almaty region"]
    assert ru["Туркестане"] == en["Turkestan"] and ru["Туркестанской области"] == en["Turkestan region"]


@pytest.mark.parametrize("text, surface", [
    ("A school opened in Oskemen.", "Oskemen"),
    ("A school opened in Ust-Kamenogorsk.", "Ust-Kamenogorsk"),
    ("В Усть-Каменогорске открыли школу.", "Усть-Каменогорске"),
    ("В Өскемене открыли новую школу на 600 мест для учеников города.", "Өскемене"),
])
def test_transliterations_and_old_names_share_an_id(text, surface):
    assert place_ids(text)[surface] == place_ids("A school opened in Oskemen.")["Oskemen"]


def test_old_capital_name_is_astana():
    assert place_ids("Teachers met in Nur-Sultan.")["Nur-Sultan"] == place_ids("Teachers met in Astana.")["Astana"]


def test_programme_ids_meet_across_languages_and_spellings():
    ids = {e.text: e.id for text in ('The Birtutas Tarbieh programme is implemented.',
                                     'Реализуется программа «Біртұтас тәрбие».',
                                     'Реализуется программа «Бiртұтас тәрбие».',
                                     'The National project "Comfortable School" goes on.',
                                     'Национальный проект «Комфортная школа» продолжается.')
           for e in edunews_nlp.extract(text).entities if e.type == "PROGRAMME"}
    assert ids["Birtutas Tarbieh"] == ids["Біртұтас тәрбие"] == ids["Бiртұтас тәрбие"]
    assert ids["Comfortable School"] == ids["Комфортная школа"]


@pytest.mark.parametrize("text,surface,place_id", [
    ("Аким области Абай встретился с учителями в Семее.", "области Абай", "place:kz-10"),
    ("В области Ұлытау открыли две школы.", "области Ұлытау", "place:kz-62"),
    ("Педагоги области Жетісу прошли курсы.", "области Жетісу", "place:kz-33"),
])
def test_a_region_named_after_its_generic_word(text, surface, place_id):
    doc = edunews_nlp.extract(text, lang="ru")
    places = [(e.text, e.id) for e in doc.entities if e.type == "PLACE"]
    assert (surface, place_id) in places


@pytest.mark.parametrize("text,place,person", [
    ("Об этом рассказала психолог школы № 11 Темиртау Жанна Ким.", "Темиртау", "Жанна Ким"),
    ("Девятиклассник Алихан Сейткали занял первое место.", None, "Алихан Сейткали"),
])
def test_a_place_or_common_noun_before_a_name_is_no_part_of_it(text, place, person):
    doc = edunews_nlp.extract(text, lang="ru")
    persons = [e.text for e in doc.entities if e.type in ("PERSON", "OFFICIAL")]
    assert person in persons and not any(p != person and person in p for p in persons)
    if place:
        assert place in [e.text for e in doc.entities if e.type == "PLACE"]


@pytest.mark.parametrize("lang,text,name,official", [
    ("en", '"Allowances stay," noted Dariga Sultanbekova, Director of the Department of Teacher Education.',
     "Dariga Sultanbekova", True),  # "teacher" inside a body's name
    ("en", '"It fell by 15%," said Ardak Zhumabekova, Deputy Chairperson of the Committee.', "Ardak Zhumabekova", True),
    ("ru", "Как рассказала председатель правления АО «Центр международных программ» Айгерим Сагадиева, "
           "приоритет отдан инженерам.", "Айгерим Сагадиева", True),  # a quoted name inside the role
    ("en", "Head teacher Anna Lee said the school was ready.", "Anna Lee", False),
    ("en", "Director of School No. 5 Anna Lee said the school was ready.", "Anna Lee", False),
    ("ru", "Директор школы № 5 Айгуль Серикова рассказала о ремонте.", "Айгуль Серикова", False),
])
def test_role_phrases_with_names_inside(lang, text, name, official):
    doc = edunews_nlp.extract(text, lang=lang)
    found = {e.text: e.type for e in doc.entities if e.type in ("PERSON", "OFFICIAL")}
    assert found[name] == ("OFFICIAL" if official else "PERSON")


def test_a_first_name_the_tagger_left_out_joins_the_surname():
    doc = edunews_nlp.extract("According to the head of the department Aliya Zhunusova, vouchers are issued.", lang="en")
    assert ("OFFICIAL", "Aliya Zhunusova") in ents(doc)
    titled = edunews_nlp.extract("Minister of Education Gani Beisembayev visited Almaty.", lang="en")
    assert ("OFFICIAL", "Gani Beisembayev") in ents(titled)  # "Education" is no first name


def test_an_official_in_one_mention_is_an_official_in_all():
    text = ("Vice Minister of Science and Higher Education Asset Zhanbyrbayev noted at a briefing that "
            "the selection will be open. \"Today 67 percent choose engineering,\" Asset Zhanbyrbayev said.")
    doc = edunews_nlp.extract(text, lang="en")
    mentions = [e for e in doc.entities if "Zhanbyrbayev" in e.text]
    assert len(mentions) == 2 and {e.type for e in mentions} == {"OFFICIAL"}
    assert len({e.id for e in mentions}) == 1 and mentions[0].id.startswith("official:")


@pytest.mark.parametrize("text,official", [
    ("Akim of Kyzylorda region Murat Yesimov presented the awards to the winners.", "Murat Yesimov"),
    ("Deputy Akim of Atyrau region Beibit Shakhanov noted that 68% of graduates work.", "Beibit Shakhanov"),
    ("Vice Minister of Education Yerbol Tastanbekov congratulated the winners.", "Yerbol Tastanbekov"),
])
def test_a_name_after_a_role_phrase_that_the_tagger_missed(text, official):
    assert ("OFFICIAL", official) in ents(edunews_nlp.extract(text, lang="en"))


def test_no_name_from_capitalised_words_after_a_role():
    doc = edunews_nlp.extract("The Minister of Education Almaty Schools Forum opened.", lang="en")
    assert not [e for e in doc.entities if e.type in ("PERSON", "OFFICIAL")]


def test_an_exam_or_an_amount_is_no_organisation():
    doc = edunews_nlp.extract("Graduates passed the Unified National Testing (UNT). The fee is KZT 4,680 per attempt.",
                              lang="en")
    assert not [e for e in doc.entities if e.type == "ORG"]


@pytest.mark.parametrize("lang,text,expected", [
    ("ru", "В Шымкенте откроют семь школ по нацпроекту «Комфортная школа».", ("PROGRAMME", "Комфортная школа")),
    ("ru", "Школы построят по программе «Комфортная школа».", ("PROGRAMME", "Комфортная школа")),
    ("en", 'In the village, the private kindergarten "Balapan" for 90 children opened.', ("ORG", "Balapan")),
])
def test_a_known_programme_in_quotes_unless_an_organisation_word_names_it(lang, text, expected):
    assert expected in ents(edunews_nlp.extract(text, lang=lang))


def test_a_role_after_a_headline_and_a_place_before_the_name():
    text = ("В области Абай программа охватила более 300 школ\nДата: 19.04.2024\n"
            "Руководитель управления образования области Абай Ерлан Мусин провел совещание.")
    doc = edunews_nlp.extract(text, lang="ru")
    assert ("OFFICIAL", "Ерлан Мусин") in ents(doc)  # «школ» of the headline does not cancel the role
    assert ("ORG", "управления образования области Абай") in ents(doc)


def test_a_later_mention_the_tagger_calls_an_organisation_is_the_official():
    text = ("According to Deputy Akim of Jambyl region Talgat Zhunisbekov, 155 specialists arrived.\n\n"
            '"Next year we plan to extend this measure to Sarysu district," Talgat Zhunisbekov said.')
    doc = edunews_nlp.extract(text, lang="en")
    assert [e.type for e in doc.entities if e.text == "Talgat Zhunisbekov"] == ["OFFICIAL", "OFFICIAL"]
    assert ("PERSON", "Akim") not in ents(doc)


@pytest.mark.parametrize("lang,text,org", [
    ("en", "Students of the Atyrau University of Oil and Gas named after S. Utebayev won.",
     "Atyrau University of Oil and Gas named after S. Utebayev"),
    ("en", "The Caspian University named after Sh. Yesenov opened a lab.", "Caspian University named after Sh. Yesenov"),
])
def test_an_organisation_named_after_a_person_keeps_the_name(lang, text, org):
    doc = edunews_nlp.extract(text, lang=lang)
    assert ("ORG", org) in ents(doc)
    assert not [e for e in doc.entities if e.type in ("PERSON", "OFFICIAL")]
