"""Claims at article scope (ANNOTATION.md, Claims): the article structure, each key's
article-level rules in English and Russian, and the evidence of every filled key."""

import pytest

import edunews_nlp


def claim_for(doc, figure):
    return next(c for c in doc.claims if doc.quantities[c.quantity].text == figure)


def entity_id(doc, type_, surface):
    return next(e.id for e in doc.entities if e.type == type_ and e.text == surface)


def evidence_text(doc, claim, key):
    evidence = claim.evidence[key]
    return doc.text[evidence["start"]:evidence["end"]]


def assert_year(doc, figure, year, rule):
    claim = claim_for(doc, figure)
    assert claim.time.start[:4] == year and claim.evidence["year"]["rule"] == rule
    return claim


def assert_bound(doc, figure, key, value, rule):
    """The figure's claim has `value` for `key`, tied by `rule`; returns the claim."""
    claim = claim_for(doc, figure)
    assert getattr(claim, key) == value
    assert claim.evidence[key]["rule"] == rule
    return claim


# -- structure ------------------------------------------------------------------------------
def test_structure_finds_headline_lead_and_paragraphs_lost_in_scraping():
    text = ("Schools get new equipment\n\n"
            "The akimat bought 40 interactive panels. They went to rural schools.Addressing the "
            "teachers, the akim thanked them. The panels cost 12 million tenge.")
    doc = edunews_nlp.extract(text, lang="en", published="2024-10-01")
    structure = doc.structure
    assert structure.headline == 0
    sentences = [doc.sentences[at].text for at in structure.lead]
    assert sentences[0] == "Schools get new equipment"
    assert sentences[-1] == "They went to rural schools."  # "schools.Addressing" ends the paragraph
    starts = [start for start, _ in structure.paragraphs]
    assert text.index("Addressing") in starts


def test_structure_is_not_serialised():
    doc = edunews_nlp.extract("В 2024 году открыто 5 школ.", lang="ru")
    assert doc.structure is not None
    assert "structure" not in doc.to_dict()


# -- official -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, official, stated, unstated", [
    ("en", "Vice minister reports on grants\n\n"
           "Vice Minister of Education Kanat Ermekov spoke at a briefing in the Central Communications Service.\n\n"
           "The state order amounts to 82,600 grants. Of them, 1,500 are for doctoral studies.\n\n"
           "Recall that last year 75,000 grants were allocated.",
     "Kanat Ermekov", "1,500", "75,000"),
    ("ru", "Бейсембаев рассказал о строительстве школ\n\n"
           "Министр просвещения Гани Бейсембаев выступил на брифинге в СЦК.\n\n"
           "В этом году построят 217 школ. Также он сообщил, что на ремонт направят 50 млрд тенге.\n\n"
           "Напомним, в прошлом году было построено 180 школ.",
     "Гани Бейсембаев", "217", "180"),
])
def test_a_speech_report_covers_the_body_until_background(lang, text, official, stated, unstated):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-09-01")
    claim = assert_bound(doc, stated, "official", entity_id(doc, "OFFICIAL", official), "speech report")
    assert official in evidence_text(doc, claim, "official")  # the reporting sentence
    assert claim_for(doc, unstated).official is None  # «Напомним» / "Recall that" ends it


@pytest.mark.parametrize("lang, text, official, figure", [
    ("ru", "В области откроют 12 детских садов\n\n"
           "В 2025 году в области откроют 12 детских садов на 2 400 мест. Об этом сообщил заместитель "
           "акима области Куаныш Абдрахманов на брифинге.",
     "Куаныш Абдрахманов", "2 400"),
    ("en", "Twelve kindergartens to open\n\n"
           "In 2025, 12 kindergartens with 2,400 places are to be opened in the region. This was announced by "
           "Deputy Akim Kuanysh Abdrakhmanov at a briefing.",
     "Kuanysh Abdrakhmanov", "2,400"),
])
def test_an_attribution_after_the_figures_relays_them(lang, text, official, figure):
    doc = edunews_nlp.extract(text, lang=lang, published="2025-03-06")
    assert_bound(doc, figure, "official", entity_id(doc, "OFFICIAL", official), "speech report")


def test_according_to_an_official_is_reported_speech_not_a_speech_report():
    text = ("Vouchers issued\n\nSince January, 3,177 families received vouchers, the department reports.\n\n"
            "According to the head of the department Aliya Zhunusova, vouchers are issued for children.\n\n"
            "The department opened 14 kindergartens.")
    doc = edunews_nlp.extract(text, lang="en", published="2024-10-02")
    assert claim_for(doc, "14").official is None


# -- place ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, place, figure", [
    ("en", "New school opened in Uralsk\n\nA new school opened in the city of Uralsk today.\n\n"
           "It has 36 subject rooms and a gym for 200 pupils.", "Uralsk", "36"),
    ("ru", "В селе Шаян открылась школа\n\nВ селе Шаян открылась новая школа.\n\n"
           "В ней 36 предметных кабинетов.", "Шаян", "36"),
])
def test_the_leads_place_frames_the_body(lang, text, place, figure):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-09-01")
    claim = assert_bound(doc, figure, "place", entity_id(doc, "PLACE", place), "lead")
    assert evidence_text(doc, claim, "place") == place


@pytest.mark.parametrize("lang, text, kazakhstan, total, per_person", [
    ("en", "Teachers awarded\n\nSupport for teachers in Kazakhstan has grown.\n\n"
           "Across the country, 89 teachers received state prizes of 3.6 million tenge each.",
     "Kazakhstan", "89", "3.6 million tenge"),
    ("ru", "Педагоги получили награды\n\nВ Казахстане растет поддержка учителей.\n\n"
           "По республике 89 педагогов получили премии в размере 1000 МРП.",
     "Казахстане", "89", "1000 МРП"),
])
def test_a_country_wide_figure_takes_the_articles_kazakhstan(lang, text, kazakhstan, total, per_person):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-12-24")
    assert_bound(doc, total, "place", entity_id(doc, "PLACE", kazakhstan), "country-wide")
    assert claim_for(doc, per_person).place is None


def test_no_kazakhstan_mention_no_country_wide_place():
    doc = edunews_nlp.extract("Teachers awarded\n\nAcross the country, 89 teachers received prizes.", lang="en")
    assert claim_for(doc, "89").place is None


@pytest.mark.parametrize("lang, text, figure", [
    ("en", "Best teachers awarded\n\nThe ceremony of the republican contest was held in Astana.\n\n"
           "This year, 1,146 teachers applied for the contest.", "1,146"),
    ("ru", "Названы лучшие педагоги\n\nЦеремония награждения прошла в Астане.\n\n"
           "В этом году в конкурсе участвовали 1 146 педагогов.", "1 146"),
])
def test_an_events_venue_is_no_lead_place(lang, text, figure):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-10-04")
    assert claim_for(doc, figure).place is None


def test_a_ministers_figures_are_the_countrys_not_the_venues():
    text = ("Minister met teachers of Almaty\n\n"
            "Minister of Education Gani Beisembayev met teachers in Almaty.\n\n"
            "Addressing them, Gani Beisembayev noted that in Kazakhstan 1,000 schools are modernised annually.")
    doc = edunews_nlp.extract(text, lang="en", published="2024-11-16")
    assert claim_for(doc, "1,000").place == "place:kz"


# -- programme ------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, deliveries, context", [
    ("en", "Three comfortable schools to be built in Aktau\n\n"
           "Three schools are to be built in Aktau next year.\n\n"
           "Two of them will have 1,200 places each. Today 18 schools of the city are overcrowded.",
     "1,200", "18"),
    ("ru", "В Актау построят три комфортные школы\n\n"
           "В Актау в следующем году построят три школы.\n\n"
           "Две из них рассчитаны на 1 200 мест. Сейчас 18 школ города переполнены, дефицит мест растет.",
     "1 200", "18"),
])
def test_the_headlines_programme_is_the_topic_of_its_deliveries(lang, text, deliveries, context):
    doc = edunews_nlp.extract(text, lang=lang, published="2025-02-18")
    assert_bound(doc, deliveries, "programme", "programme:comfortable-school", "topic")
    assert claim_for(doc, context).programme is None  # the deficit the programme answers


# -- year -----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, figure", [
    ("en", "The school has 36 subject rooms.", "36"),
    ("ru", "В школе 36 предметных кабинетов.", "36"),
])
def test_no_default_year(lang, text, figure):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-12-01")
    claim = claim_for(doc, figure)
    assert claim.time is None and "year" not in claim.evidence


@pytest.mark.parametrize("lang, text, figure, year, phrase", [
    ("en", "The number of children decreased from 412 in 2020 to 305 in 2023.", "305", "2023", "2023"),
    ("en", "This year 1.2 billion tenge was allocated, 15 percent more than in 2024.", "1.2 billion tenge",
     "2025", "This year"),
    ("en", "The school for 320 pupils, built in 1968, will be reconstructed this year.", "320", "2025", "this year"),
    ("ru", "На сегодняшний день в области работают 540 школ.", "540", "2025", "На сегодняшний день"),
])
def test_the_time_phrase_governing_the_figure(lang, text, figure, year, phrase):
    doc = edunews_nlp.extract(text, lang=lang, published="2025-02-17")
    claim = assert_year(doc, figure, year, "time phrase")
    assert evidence_text(doc, claim, "year") == phrase


def test_the_leads_framing_time_covers_the_article():
    text = ("Results of the year\n\nAs of the end of 2023, the region has 540 schools.\n\n"
            "Of them, 120 are rural.\n\nThe schools employ 18 thousand teachers.")
    doc = edunews_nlp.extract(text, lang="en", published="2024-02-01")
    assert_year(doc, "18 thousand", "2023", "lead")


@pytest.mark.parametrize("lang, text, result, rule_figure", [
    ("en", "UNT results\n\nIn 2024, 120 thousand graduates took the UNT.\n\n"
           "The average score was 72 points. Applicants must score at least 50 points.", "72 points", "50 points"),
    ("ru", "Итоги ЕНТ\n\nВ области подведены итоги ЕНТ 2024 года.\n\n"
           "Средний балл составил 72 балла. Пороговый балл для поступления – 50 баллов.", "72 балла", "50 баллов"),
])
def test_the_leads_time_frames_results_not_a_rules_threshold(lang, text, result, rule_figure):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-07-01")
    assert_year(doc, result, "2024", "lead")
    assert claim_for(doc, rule_figure).time is None


# -- modality -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, figure, modality", [
    ("en", "Participants of the programme will receive 60 MCI.", "60 MCI", "fact"),
    ("en", "From 2025 the payment will rise to 60 MCI.", "60 MCI", "plan"),
    ("ru", "Участники программы получат подъемное пособие в размере 100 МРП.", "100 МРП", "fact"),
    ("ru", "В 2025 году в области построят 12 школ.", "12", "plan"),
    ("ru", "С 1 января стипендия вырастет с 52 372 до 58 500 тенге.", "52 372", "fact"),
    ("ru", "С 1 января стипендия вырастет с 52 372 до 58 500 тенге.", "58 500 тенге", "plan"),
    ("en", "The project will cover 180 schools this year, up from 64 last year.", "64", "fact"),
    ("ru", "Школы получат 8 комплектов цифровых лабораторий.", "8", "plan"),  # a delivery, no rule
])
def test_a_rules_terms_in_the_future_are_a_fact(lang, text, figure, modality):
    doc = edunews_nlp.extract(text, lang=lang, published="2024-12-01")
    claim = claim_for(doc, figure)
    assert claim.modality == modality
    assert ("modality" in claim.evidence) == (modality != "fact")


# -- evidence -------------------------------------------------------------------------------
def test_evidence_in_the_json_names_rule_and_span():
    doc = edunews_nlp.extract("In the Turkestan region 34 schools were built in 2023.", lang="en")
    record = doc.to_dict()["claims"][0]
    assert set(record["evidence"]) == {"place", "year"}
    assert record["evidence"]["place"]["rule"] == "clause"
    span = record["evidence"]["year"]
    assert doc.text[span["start"]:span["end"]] == "2023"


# -- subjects -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang, text, figure, subject", [
    ("en", "The akimat allocated 2 billion tenge to the construction of kindergartens.", "2 billion tenge",
     "construction"),
    ("ru", "На ремонт школ выделено 2,5 млрд тенге.", "2,5 млрд тенге", "ремонт"),
    ("en", "Three schools for 1,200 places are being built. Two of them will open in May.", "Two", "school"),
    ("ru", "Продолжается строительство 11 школ на 27 600 мест. Семь из них введут в этом году.", "Семь", "школа"),
    ("ru", "Победителям назначено поощрение в размере 100 МРП, призерам – 50 МРП.", "50 МРП", "поощрение"),
    ("ru", "Стоимость обеда выросла с 870 до 1 050 тенге.", "870", "стоимость обеда"),
    ("en", "The coverage rate for children has reached 92.5%.", "92.5%", "coverage"),
    ("en", "Winter holidays in schools will last 10 calendar days.", "10 calendar days", "holiday"),
    ("en", "Applicants must score at least 50 points.", "50 points", "score"),
    ("ru", "Кредит выдается сроком на 15 лет.", "15 лет", "срок"),
])
def test_subjects_at_article_scope(lang, text, figure, subject):
    doc = edunews_nlp.extract(text, lang=lang)
    assert next(q for q in doc.quantities if q.text == figure).subject == subject
