"""Word keys and name skeletons: the basis of inflection- and spelling-proof ids."""

import pytest

from edunews_nlp.knowledge import KBEntry, KnowledgeBase, name_skeleton, phrase_key


@pytest.mark.parametrize("a, b", [
    ("Туркестанской области", "Туркестанская область"),
    ("в Карагандинской области", "в Карагандинская область"),
    ("Turkestan regions", "Turkestan region"),
    ("Бiртұтас тәрбие", "Біртұтас тәрбие"),  # a Latin i typed inside a Kazakh word
])
def test_phrase_keys_meet(a, b):
    assert phrase_key(a) == phrase_key(b)


def test_different_places_keep_different_keys():
    assert phrase_key("Almaty") != phrase_key("Almaty region")
    assert phrase_key("Turkestan") != phrase_key("Turkestan region")


@pytest.mark.parametrize("a, b", [
    ("Beisembayev", "Бейсембаев"),
    ("Beysembaev", "Beisembayev"),
    ("Tugzhanov", "Тугжанов"),
    ("Yeraly", "Ералы"),
    ("Zhumashev", "Жумашев"),
])
def test_name_skeletons_meet_across_scripts(a, b):
    assert name_skeleton(a) == name_skeleton(b)


def test_person_lookup_by_any_spelling_and_case():
    kb = KnowledgeBase([KBEntry(id="official:test_person", type="OFFICIAL", en="Aidar Kassymov",
                                ru="Айдар Касымов")])
    assert kb.lookup_person("Kasymov").id == "official:test_person"
    assert kb.lookup_person("Айдара Касымова").id == "official:test_person"
    assert kb.lookup_person("Aidar Nurlanov") is None


def test_alias_lookup_by_type():
    kb = KnowledgeBase([KBEntry(id="place:kz-tur", type="PLACE", en="Turkestan region",
                                ru="Туркестанская область"),
                        KBEntry(id="place:city-turkestan", type="PLACE", en="Turkestan", ru="Туркестан")])
    assert kb.lookup(phrase_key("Туркестанской области"), "PLACE").id == "place:kz-tur"
    assert kb.lookup(phrase_key("Туркестане"), "PLACE").id == "place:city-turkestan"
    assert kb.lookup(phrase_key("Turkestan region"), "ORG") is None


# --- the alias index cache ------------------------------------------------------------------


def _index_items(kb):
    return (list(kb.by_key.items()), list(kb.by_name_word.items()), list(kb.entries.items()), kb.max_words)


def test_kb_cache_is_written_then_read_back_equal(tmp_path, monkeypatch):
    import edunews_nlp.knowledge as knowledge

    monkeypatch.setenv(knowledge.CACHE_ENV, str(tmp_path))
    built = KnowledgeBase.load()
    assert len(list(tmp_path.glob("kb-index-*.json"))) == 1
    monkeypatch.setattr(knowledge, "build_index", lambda entries: pytest.fail("index rebuilt despite the cache"))
    cached = KnowledgeBase.load()
    assert _index_items(cached) == _index_items(built)


def test_kb_cache_turned_off_or_unwritable_still_loads(tmp_path, monkeypatch):
    import edunews_nlp.knowledge as knowledge

    monkeypatch.setenv(knowledge.CACHE_ENV, "")
    assert knowledge.cache_dir() is None
    reference = _index_items(KnowledgeBase.load())
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(knowledge.CACHE_ENV, str(blocker / "cache"))  # cannot be created
    assert _index_items(KnowledgeBase.load()) == reference


def test_kb_cache_ignores_a_corrupt_file(tmp_path, monkeypatch):
    import edunews_nlp.knowledge as knowledge

    monkeypatch.setenv(knowledge.CACHE_ENV, str(tmp_path))
    reference = _index_items(KnowledgeBase.load())
    (cache_file,) = tmp_path.glob("kb-index-*.json")
    cache_file.write_text("{ not json", encoding="utf-8")
    assert _index_items(KnowledgeBase.load()) == reference


def test_a_namesake_named_in_full_keeps_a_known_officials_surname_a_person():
    import edunews_nlp

    doc = edunews_nlp.extract("Учитель Ержан Сапаров провел урок. Сапаров отметил успехи детей.")
    assert {e.type for e in doc.entities if "Сапаров" in e.text} == {"PERSON"}
    doc = edunews_nlp.extract("Кумар Аксакалов открыл школу в Костанае.")
    assert [(e.type, e.id) for e in doc.entities if e.text == "Кумар Аксакалов"] == \
        [("OFFICIAL", "official:aksakalov_kumar")]


def test_a_masculine_surname_in_the_genitive_joins_its_official():
    import edunews_nlp

    doc = edunews_nlp.extract("Руководитель отдела образования района Нурлан Абдиев рассказал о программе. "
                              "По словам Абдиева, школы подключат к интернету.")
    people = [e for e in doc.entities if "Абдиев" in e.text]
    assert [e.type for e in people] == ["OFFICIAL", "OFFICIAL"] and len({e.id for e in people}) == 1
