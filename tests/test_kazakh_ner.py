"""The Kazakh NER (models/kazakh_ner/, trained on KazNERD; docs/kazakh.md)."""

from __future__ import annotations

import importlib.util
import pathlib
import sys

import pytest

from conftest import requires_shared
from edunews_nlp.kazakh_latin import is_latin_kazakh, map_span, to_cyrillic
from edunews_nlp.kazakh_ner import KazakhNER, pair_officials

REPO = pathlib.Path(__file__).resolve().parents[1]
MODEL = REPO / "models" / "kazakh_ner"
MAX_MODEL_BYTES = 30 * 1024 * 1024  # issue #19: the model is at most 30 MB

# Exact-span F1 on KazNERD test as measured for the committed model (docs/kazakh.md),
# minus 0.02 so that a retrain with the same settings passes and a worse one does not.
# Measured: PERSON 0.868, PLACE 0.833, ORG 0.614, PROGRAMME 0.677, OFFICIAL 0.773.
TEST_F1_FLOOR = {"PERSON": 0.848, "PLACE": 0.813, "ORG": 0.594, "PROGRAMME": 0.657, "OFFICIAL": 0.753}

requires_model = pytest.mark.skipif(not (MODEL / "meta.json").is_file(),
                                    reason="models/kazakh_ner not built (python scripts/train_kazakh_ner.py)")


@pytest.fixture(scope="module")
def ner() -> KazakhNER:
    return KazakhNER(REPO / "models")


def _found(tags) -> list[tuple[str, str, str | None]]:
    return [(e.type, e.text, e.role) for e in tags.entities]


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@requires_model
def test_model_is_small_and_has_no_big_file():
    files = [f for f in MODEL.rglob("*") if f.is_file()]
    assert sum(f.stat().st_size for f in files) <= MAX_MODEL_BYTES
    assert {f.name for f in MODEL.iterdir()} >= {"config.cfg", "meta.json", "tokenizer", "vocab", "tok2vec", "ner"}
    assert "model-last" not in {f.name for f in MODEL.iterdir()}


@requires_model
def test_minister_with_role_becomes_official_with_exact_offsets(ner):
    text = "Қазақстан Республикасының Оқу-ағарту министрі Ғани Бейсембаев мұғалімдермен кездесті."
    tags = ner(text)
    assert _found(tags) == [("OFFICIAL", "Ғани Бейсембаев", "Қазақстан Республикасының Оқу-ағарту министрі")]
    official = tags.entities[0]
    assert (official.start, official.end) == _at(text, "Ғани Бейсембаев")
    assert official.source == "kazakh_ner"
    assert [(r.start, r.end, r.label) for r in tags.roles] == [
        (*_at(text, "Қазақстан Республикасының Оқу-ағарту министрі"), "POSITION")]


@requires_model
def test_prime_minister_and_the_city_he_visits(ner):
    text = "Премьер-министр Асқар Мамин Шымкент қаласына барды."
    tags = ner(text)
    assert [(e.type, e.start, e.end, e.role) for e in tags.entities] == [
        ("OFFICIAL", *_at(text, "Асқар Мамин"), "Премьер-министр"), ("PLACE", *_at(text, "Шымкент"), None)]


@requires_model
def test_region_is_a_place_with_its_generic_word(ner):
    text = "Алматы облысында 15 жаңа мектеп ашылды."
    assert [(e.type, e.start, e.end) for e in ner(text).entities] == [("PLACE", *_at(text, "Алматы облысында"))]


@requires_model
def test_ministry_is_an_org(ner):
    text = "Білім және ғылым министрлігі жаңа бағдарлама әзірледі."
    assert [(e.type, e.start, e.end) for e in ner(text).entities] == [("ORG", *_at(text, "Білім және ғылым министрлігі"))]


@requires_model
def test_programme_in_quotes_is_named_without_the_quotes(ner):
    text = "«Цифрлық Қазақстан» мемлекеттік бағдарламасы аясында мектептерге интернет жүргізілді."
    assert [(e.type, e.start, e.end) for e in ner(text).entities] == [("PROGRAMME", *_at(text, "Цифрлық Қазақстан"))]


@requires_model
def test_teacher_is_a_person_not_an_official(ner):
    text = "Мұғалім Айгүл Сейітова оқушылармен бірге жоба қорғады."
    tags = ner(text)
    assert _found(tags) == [("PERSON", "Айгүл Сейітова", None)]
    assert tags.roles == []


@requires_model
def test_latin_kazakh_is_tagged_with_offsets_into_the_latin_text(ner):
    text = "Almaty oblysynda 15 jańa mektep ashyldy."
    assert [(e.type, e.text, e.start, e.end) for e in ner(text).entities] == [
        ("PLACE", "Almaty oblysynda", *_at(text, "Almaty oblysynda"))]


@requires_model
def test_only_the_classes_we_map_are_trained(ner):
    text = "2023 жылы 15 мың оқушы емтихан тапсырды."
    assert ner(text).entities == []
    assert set(ner.class_spans(text)) == set()
    labels = set(__import__("json").loads((MODEL / "meta.json").read_text(encoding="utf-8"))["labels"]["ner"])
    assert labels == {"PERSON", "GPE", "LOCATION", "ORGANISATION", "POSITION", "PROJECT"}


def test_latin_to_cyrillic_letters_and_offsets():
    text = "Ǵanı Beısembaev Túrkistan oblysynda shyqty."
    cyrillic, offsets = to_cyrillic(text)
    assert cyrillic == "Ғани Бейсембаев Түркістан облысында шықты."
    assert len(offsets) == len(cyrillic) + 1
    start = cyrillic.index("шықты")
    assert text[slice(*map_span(offsets, start, start + len("шықты")))] == "shyqty"
    assert is_latin_kazakh(text)
    assert not is_latin_kazakh("Minister of Education visited Almaty.")
    assert not is_latin_kazakh("Алматы облысында")


def test_missing_model_gives_nothing(tmp_path):
    ner = KazakhNER(tmp_path)
    assert not ner.available()
    assert ner("Астана қаласы").entities == []


def test_title_before_the_name_wins_and_serves_one_name():
    text = "Президент Қасым-Жомарт Тоқаев, министр Ғани Бейсембаев келді."
    spans = [(*_at(text, "Президент"), "POSITION"), (*_at(text, "Қасым-Жомарт Тоқаев"), "PERSON"),
             (*_at(text, "министр"), "POSITION"), (*_at(text, "Ғани Бейсембаев"), "PERSON")]
    pairs = pair_officials(text, spans)
    assert [(text[p[0]:p[1]], text[r[0]:r[1]]) for p, r in pairs] == [
        ("Қасым-Жомарт Тоқаев", "Президент"), ("Ғани Бейсембаев", "министр")]


def test_title_after_the_name_with_a_comma_pairs_but_not_across_words():
    text = "Ғани Бейсембаев, оқу-ағарту министрі, сөз сөйледі. Асқар Мамин бүгін премьер-министр болды."
    spans = [(*_at(text, "Ғани Бейсембаев"), "PERSON"), (*_at(text, "оқу-ағарту министрі"), "POSITION"),
             (*_at(text, "Асқар Мамин"), "PERSON"), (*_at(text, "премьер-министр"), "POSITION")]
    pairs = pair_officials(text, spans)
    assert [(text[p[0]:p[1]], text[r[0]:r[1]]) for p, r in pairs] == [("Ғани Бейсембаев", "оқу-ағарту министрі")]


def _training_script():
    spec = importlib.util.spec_from_file_location("train_kazakh_ner", REPO / "scripts" / "train_kazakh_ner.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_kazakh_ner", module)
    spec.loader.exec_module(module)
    return module


def test_iob2_reading_repairs_stray_inside_tags():
    script = _training_script()
    assert script.tag_spans(["B-PERSON", "I-PERSON", "O", "I-GPE", "I-GPE", "B-GPE"]) == [
        (0, 2, "PERSON"), (3, 5, "GPE"), (5, 6, "GPE")]
    assert script.token_spaces(["«", "Жайлы", "мектеп", "»", "жобасы", "."]) == [False, True, False, True, False, False]


@pytest.mark.slow
@pytest.mark.shared
@requires_shared
@requires_model
def test_kaznerd_test_scores_stay_near_the_measured_ones():
    script = _training_script()
    result = script.evaluate(MODEL, "test")
    for our_type, floor in TEST_F1_FLOOR.items():
        counts = result["official" if our_type == "OFFICIAL" else "mapped"].get(our_type, [0, 0, 0])
        f1 = script.prf(*counts)[2]
        assert f1 >= floor, (our_type, f1)
