"""Validation of the knowledge base in src/edunews_nlp/data/*.yaml.

Checks the schema, id uniqueness, parent links, required languages, that no written
form (name or alias) points to two entities of the same type, that regions carry ISO
3166-2 codes known to pycountry, and a few identities the library relies on
(Nur-Sultan = Astana, Almaty != Almaty region, ...).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "edunews_nlp" / "data"

FILES = {
    "places.yaml": "PLACE",
    "programmes.yaml": "PROGRAMME",
    "organisations.yaml": "ORG",
    "officials.yaml": "OFFICIAL",
}
PREFIX = {"PLACE": "place", "PROGRAMME": "programme", "ORG": "org", "OFFICIAL": "official"}
KINDS = {
    "PLACE": {"country", "region", "city", "district", "village", "residential_area",
              "foreign_country", "foreign_city"},
    "PROGRAMME": {"national_project", "state_programme", "programme", "project", "scholarship"},
    "ORG": {"ministry", "committee", "national_centre", "akimat", "department", "university",
            "agency", "international", "company", "foundation", "school"},
    "OFFICIAL": {"official"},
}
COMMON_KEYS = {"id", "type", "kind", "parent", "en", "ru", "kk", "aliases", "note"}
EXTRA_KEYS = {
    "PLACE": {"iso"},
    "PROGRAMME": {"ordinary_words"},
    "ORG": set(),
    "OFFICIAL": {"role_en", "role_ru", "org", "since", "until"},
}
REQUIRED = {
    "PLACE": {"id", "type", "kind", "en", "ru"},
    "PROGRAMME": {"id", "type", "kind", "en", "ru"},
    "ORG": {"id", "type", "kind", "en", "ru"},
    "OFFICIAL": {"id", "type", "kind", "en", "ru", "role_en", "role_ru"},
}
# Kazakh name required for these (type, kind) pairs, besides every PROGRAMME whose note
# does not say that no official Kazakh name was found.
KK_REQUIRED = {
    ("PLACE", "country"), ("PLACE", "region"), ("PLACE", "city"),
    ("ORG", "ministry"), ("ORG", "akimat"), ("ORG", "department"),
}
ID_RE = re.compile(r"^(place|programme|org|official):[a-z0-9][a-z0-9_.-]*$")
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
KZ_CITIES_WITH_ISO = {"KZ-71", "KZ-75", "KZ-79"}  # Astana, Almaty, Shymkent


# ----------------------------------------------------------------------------- helpers
@lru_cache(maxsize=None)
def load(name: str) -> list:
    with open(DATA / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


def all_entries() -> list[dict]:
    out = []
    for name in FILES:
        out.extend(load(name))
    return out


def by_id() -> dict[str, dict]:
    return {e["id"]: e for e in all_entries()}


def forms(entry: dict) -> list[str]:
    """Every written form of an entity: canonical names and aliases."""
    out = [entry[k] for k in ("en", "ru", "kk") if entry.get(k)]
    out.extend(entry.get("aliases") or [])
    return out


_QUOTES = re.compile(r"[«»\"“”„‟'’‘`]")
_DASH = re.compile(r"\s*[-‐‑‒–—―]\s*")


def norm(s: str) -> str:
    """Comparison key: case, quotes, dash style and spacing do not distinguish names."""
    s = unicodedata.normalize("NFKC", s).casefold().replace("ё", "е")
    s = _QUOTES.sub("", s)
    s = _DASH.sub("-", s)
    return " ".join(s.split())


def collisions(key) -> dict[tuple[str, str], set[str]]:
    """(type, key(form)) -> ids, only where more than one id shares the form."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in all_entries():
        for f in forms(e):
            k = key(f)
            if k:
                index[(e["type"], k)].add(e["id"])
    return {k: ids for k, ids in index.items() if len(ids) > 1}


def lookup(form: str, type_: str | None = None) -> set[str]:
    k = norm(form)
    return {e["id"] for e in all_entries()
            if (type_ is None or e["type"] == type_) and k in {norm(f) for f in forms(e)}}


# ----------------------------------------------------------------------------- schema
@pytest.mark.parametrize("name", list(FILES))
def test_file_is_a_nonempty_list_of_mappings(name):
    data = load(name)
    assert isinstance(data, list) and data, f"{name}: expected a non-empty YAML list"
    bad = [i for i, e in enumerate(data) if not isinstance(e, dict)]
    assert not bad, f"{name}: entries {bad} are not mappings"


@pytest.mark.parametrize("name", list(FILES))
def test_schema(name):
    type_ = FILES[name]
    problems = []
    for e in load(name):
        eid = e.get("id", "<no id>")
        missing = REQUIRED[type_] - set(e)
        if missing:
            problems.append(f"{eid}: missing {sorted(missing)}")
        unknown = set(e) - COMMON_KEYS - EXTRA_KEYS[type_]
        if unknown:
            problems.append(f"{eid}: unknown keys {sorted(unknown)}")
        if e.get("type") != type_:
            problems.append(f"{eid}: type {e.get('type')!r}, expected {type_}")
        if e.get("kind") not in KINDS[type_]:
            problems.append(f"{eid}: kind {e.get('kind')!r} not in {sorted(KINDS[type_])}")
        if not isinstance(eid, str) or not ID_RE.match(eid) or not eid.isascii():
            problems.append(f"{eid}: id is not lower-case ascii 'prefix:slug'")
        elif eid.split(":", 1)[0] != PREFIX[type_]:
            problems.append(f"{eid}: id prefix should be {PREFIX[type_]}:")
        for k in ("en", "ru", "kk", "note", "role_en", "role_ru", "parent", "org", "iso"):
            v = e.get(k)
            if v is not None and (not isinstance(v, str) or not v.strip() or v != v.strip()):
                problems.append(f"{eid}: {k} must be a non-empty trimmed string, got {v!r}")
        for k in ("since", "until"):
            v = e.get(k)
            if v is not None and not isinstance(v, str):
                problems.append(f"{eid}: {k} {v!r} must be a quoted string ('2023' or '2023-01')")
            elif v is not None and not DATE_RE.match(v):
                problems.append(f"{eid}: {k} {v!r} is not YYYY or YYYY-MM (quote it if YAML made it a date)")
        al = e.get("aliases", [])
        if not isinstance(al, list):
            problems.append(f"{eid}: aliases must be a list")
        else:
            for a in al:
                if not isinstance(a, str) or not a.strip() or a != a.strip() or "  " in a:
                    problems.append(f"{eid}: bad alias {a!r}")
        if e.get("en") and CYRILLIC.search(e["en"]):
            problems.append(f"{eid}: en name contains Cyrillic: {e['en']!r}")
        if type_ in ("PLACE", "OFFICIAL") and e.get("ru") and not CYRILLIC.search(e["ru"]):
            problems.append(f"{eid}: ru name has no Cyrillic: {e['ru']!r}")
        if type_ in ("PLACE", "OFFICIAL") and e.get("kk") and not CYRILLIC.search(e["kk"]):
            problems.append(f"{eid}: kk name has no Cyrillic: {e['kk']!r}")
    assert not problems, "\n".join(problems)


def test_ids_unique_across_files():
    counts = Counter(e["id"] for e in all_entries())
    dups = sorted(i for i, n in counts.items() if n > 1)
    assert not dups, f"duplicate ids: {dups}"


def test_required_languages():
    problems = []
    for e in all_entries():
        for k in ("en", "ru"):
            if not e.get(k):
                problems.append(f"{e['id']}: no {k}")
        kazakh_required = (e["type"], e["kind"]) in KK_REQUIRED or \
            e["type"] == "PROGRAMME" and "no Kazakh name" not in (e.get("note") or "")
        if kazakh_required and not e.get("kk"):
            problems.append(f"{e['id']}: no kk (required for {e['type']}/{e['kind']})")
    assert not problems, "\n".join(problems)


def test_parents_resolve_and_make_sense():
    ids = by_id()
    problems = []
    for e in all_entries():
        p = e.get("parent")
        if p is None:
            continue
        if p not in ids:
            problems.append(f"{e['id']}: parent {p} does not exist")
            continue
        parent = ids[p]
        t, k = e["type"], e["kind"]
        if t == "PLACE" and parent["type"] != "PLACE":
            problems.append(f"{e['id']}: a place's parent must be a place, got {p}")
        if (t, k) == ("PLACE", "region") and parent["kind"] != "country":
            problems.append(f"{e['id']}: a region's parent must be the country")
        if (t, k) == ("PLACE", "foreign_city") and parent["kind"] != "foreign_country":
            problems.append(f"{e['id']}: a foreign city's parent must be a foreign country")
        if (t, k) == ("ORG", "committee") and parent["kind"] != "ministry":
            problems.append(f"{e['id']}: a committee's parent must be a ministry, got {p}")
        if (t, k) == ("ORG", "akimat") and parent["type"] != "PLACE":
            problems.append(f"{e['id']}: an akimat's parent must be its place, got {p}")
        # no cycles
        seen, cur = {e["id"]}, parent
        while cur is not None:
            if cur["id"] in seen:
                problems.append(f"{e['id']}: parent cycle through {cur['id']}")
                break
            seen.add(cur["id"])
            cur = ids.get(cur.get("parent")) if cur.get("parent") else None
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------- aliases
def test_no_form_shared_by_two_entities_of_a_type():
    """A written form (after case/quote/dash normalisation) must name one entity per type."""
    found = collisions(norm)
    report = [f"{t} {k!r}: {sorted(ids)}" for (t, k), ids in sorted(found.items())]
    assert not report, "alias collisions:\n" + "\n".join(report)


def test_no_russian_form_collides_after_lemmatisation():
    """The matcher lemmatises Russian, so lemma sequences must be unique too."""
    pymorphy3 = pytest.importorskip("pymorphy3")
    morph = pymorphy3.MorphAnalyzer()
    word = re.compile(r"[\w]+(?:-[\w]+)*")

    @lru_cache(maxsize=None)
    def lemma(tok: str) -> str:
        return morph.parse(tok)[0].normal_form

    def key(form: str) -> str | None:
        if not CYRILLIC.search(form):
            return None
        return " ".join(lemma(t) for t in word.findall(norm(form)))

    found = collisions(key)
    report = [f"{t} {k!r}: {sorted(ids)}" for (t, k), ids in sorted(found.items())]
    assert not report, "lemma collisions:\n" + "\n".join(report)


def _project_phrase_key():
    knowledge = pytest.importorskip("edunews_nlp.knowledge")
    key = getattr(knowledge, "phrase_key", None)
    if key is None:
        pytest.skip("edunews_nlp.knowledge.phrase_key not available")
    return key


def test_no_form_collides_under_the_matchers_key():
    """The library matches mentions by edunews_nlp.knowledge.phrase_key (lemmas, case,
    English plurals, Latin look-alikes): no two entities of a type may share a key."""
    phrase_key = _project_phrase_key()
    found = collisions(lambda f: phrase_key(f) or None)
    report = [f"{t} {k!r}: {sorted(ids)}" for (t, k), ids in sorted(found.items())]
    assert not report, "phrase_key collisions:\n" + "\n".join(report)


INFLECTED = [
    ("PLACE", "Туркестанской области", "place:kz-61"), ("PLACE", "Атырауской области", "place:kz-23"),
    ("PLACE", "Мангистауской области", "place:kz-47"), ("PLACE", "области Абай", "place:kz-10"),
    ("PLACE", "области Жетісу", "place:kz-33"), ("PLACE", "Улытауской области", "place:kz-62"),
    ("PLACE", "Turkestan regions", "place:kz-61"), ("PLACE", "Астану", "place:kz-71"),
    ("PLACE", "Нур-Султане", "place:kz-71"), ("PLACE", "Шымкенте", "place:kz-79"),
    ("PLACE", "Усть-Каменогорске", "place:city-oskemen"), ("PLACE", "Семее", "place:city-semey"),
    ("PLACE", "Семея", "place:city-semey"), ("PLACE", "Талдыкоргана", "place:city-taldykorgan"),
    ("PLACE", "Костаная", "place:city-kostanay"), ("PLACE", "Караганде", "place:city-karaganda"),
    ("PLACE", "Жанакорганском районе", "place:district-zhanakorgan"),
    ("PLACE", "Каркаралинском районе", "place:district-karkaraly"),
    ("PLACE", "Медеуском районе", "place:almaty-medeu"),
    ("PROGRAMME", "Комфортной школы", "programme:comfortable-school"),
    ("PROGRAMME", "Бiртұтас тәрбие", "programme:birtutas-tarbie"),
    ("ORG", "Министерства просвещения РК", "org:edu-ministry"),
    ("ORG", "акимата Туркестанской области", "org:akimat-kz-61"),
    ("ORG", "управления образования Акмолинской области", "org:edu-dept-kz-11"),
    ("ORG", "Назарбаев Интеллектуальных школ", "org:nis"),
]


@pytest.mark.parametrize("type_,text,expected", INFLECTED, ids=[x[1] for x in INFLECTED])
def test_inflected_mentions_meet_their_entry(type_, text, expected):
    phrase_key = _project_phrase_key()
    key = phrase_key(text)
    ids = {e["id"] for e in all_entries()
           if e["type"] == type_ and key in {phrase_key(f) for f in forms(e)}}
    assert ids == {expected}, f"{text!r} (key {key}) -> {sorted(ids)}"


# ----------------------------------------------------------------------------- ISO codes
def test_regions_have_iso_codes_known_to_pycountry():
    pycountry = pytest.importorskip("pycountry")
    subs = {s.code: s for s in pycountry.subdivisions.get(country_code="KZ")}
    places = load("places.yaml")
    problems = []
    regions = [e for e in places if e["kind"] == "region"]
    for e in regions:
        iso = e.get("iso")
        if not iso:
            problems.append(f"{e['id']}: region without iso")
        elif iso not in subs:
            problems.append(f"{e['id']}: {iso} unknown to pycountry")
        elif subs[iso].type != "Region":
            problems.append(f"{e['id']}: pycountry says {iso} is a {subs[iso].type}")
        elif e["id"] != "place:" + iso.lower():
            problems.append(f"{e['id']}: id should be place:{iso.lower()}")
    covered = Counter(e.get("iso") for e in regions)
    for code, s in subs.items():
        if s.type == "Region" and covered[code] != 1:
            problems.append(f"pycountry region {code} ({s.name}) listed {covered[code]} times")
    country = [e for e in places if e["kind"] == "country"]
    if [e.get("iso") for e in country] != ["KZ"] or pycountry.countries.get(alpha_2="KZ") is None:
        problems.append("exactly one country entry, with iso KZ, expected")
    for e in places:
        iso = e.get("iso")
        if iso and e["kind"] == "city":
            if iso not in subs or subs[iso].type != "City":
                problems.append(f"{e['id']}: {iso} is not a pycountry City")
            elif e["id"] != "place:" + iso.lower():
                problems.append(f"{e['id']}: id should be place:{iso.lower()}")
    cities_iso = {e.get("iso") for e in places if e["kind"] == "city"}
    for code in KZ_CITIES_WITH_ISO:
        if code not in cities_iso:
            problems.append(f"city of republican significance {code} missing")
    assert not problems, "\n".join(problems)


def test_iso_only_on_country_regions_and_republican_cities():
    bad = [e["id"] for e in load("places.yaml")
           if e.get("iso") and not (e["kind"] in ("country", "region")
                                    or (e["kind"] == "city" and e["iso"] in KZ_CITIES_WITH_ISO))]
    assert not bad, f"iso given where not expected: {bad}"


# ----------------------------------------------------------------------------- officials
def test_officials_are_dated_and_linked():
    ids = by_id()
    problems = []
    for e in load("officials.yaml"):
        org = e.get("org")
        if org is not None and (org not in ids or ids[org]["type"] != "ORG"):
            problems.append(f"{e['id']}: org {org} is not an ORG id")
        if e.get("since") is None and "unverified" not in (e.get("note") or ""):
            problems.append(f"{e['id']}: undated; give since (YYYY or YYYY-MM) or mark the note 'unverified'")
        since, until = str(e.get("since", "")), e.get("until")
        if until is not None and str(until) < since:
            problems.append(f"{e['id']}: until {until} before since {since}")
        surname = e["id"].split(":", 1)[1].split("_", 1)[0]
        if surname not in e["en"].lower().replace("-", "_").replace(" ", "_") and surname not in norm(e["en"]).replace("-", ""):
            problems.append(f"{e['id']}: id surname {surname!r} not in en name {e['en']!r}")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------- coverage
def test_coverage():
    kinds = Counter((e["type"], e["kind"]) for e in all_entries())
    assert kinds[("PLACE", "country")] == 1
    assert kinds[("PLACE", "region")] == 17
    assert kinds[("PLACE", "district")] >= 80
    assert kinds[("PLACE", "city")] >= 40
    assert kinds[("PLACE", "foreign_country")] >= 10
    assert kinds[("PLACE", "foreign_city")] >= 8


def test_every_region_and_republican_city_has_an_akimat_and_an_education_department():
    orgs = load("organisations.yaml")
    akimat_of = {e["parent"]: e["id"] for e in orgs if e["kind"] == "akimat"}
    dept_parents = {e.get("parent") for e in orgs if e["kind"] == "department"}
    problems = []
    for e in load("places.yaml"):
        if e["kind"] == "region" or (e["kind"] == "city" and e.get("iso")):
            ak = akimat_of.get(e["id"])
            if not ak:
                problems.append(f"{e['id']}: no akimat")
            elif ak not in dept_parents:
                problems.append(f"{e['id']}: no education department under {ak}")
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------- identities
SAME = [
    ("PLACE", ["Turkestan region", "Туркестанская область", "Түркістан облысы", "Turkistan region",
               "South Kazakhstan region", "ЮКО"]),
    ("PLACE", ["Astana", "Nur-Sultan", "Нур-Султан", "Астана", "Нұр-Сұлтан"]),
    ("PLACE", ["Oskemen", "Ust-Kamenogorsk", "Усть-Каменогорск", "Өскемен"]),
    ("PLACE", ["Almaty", "Алматы", "Alma-Ata", "Алма-Ата"]),
    ("PLACE", ["Konaev", "Қонаев", "Kapchagay", "Капшагай"]),
    ("PLACE", ["Semey", "Семей", "Semipalatinsk"]),
    ("PLACE", ["Uralsk", "Oral city", "Уральск", "Орал"]),
    ("PLACE", ["Kazakhstan", "Казахстан", "Қазақстан", "Republic of Kazakhstan", "Республика Казахстан", "РК"]),
    ("PLACE", ["Zhambyl region", "Jambyl region", "Жамбылская область"]),
    ("PLACE", ["Kostanay region", "Qostanay region", "Костанайская область", "Кустанайская область"]),
    ("PLACE", ["Abai region", "Abay region", "область Абай"]),
    ("PLACE", ["Zhetysu region", "Zhetisu region", "область Жетісу", "Жетысуская область"]),
    ("PLACE", ["Ulytau region", "область Ұлытау", "Улытауская область"]),
    ("PLACE", ["Zhanakorgan district", "Жанакорганский район"]),
    ("PROGRAMME", ["Comfortable School", "Комфортная школа", "Жайлы мектеп", "Zhaily mektep"]),
    ("PROGRAMME", ["Birtutas Tarbieh", "Біртұтас тәрбие", "Бiртұтас тәрбие", "Birtutas tarbie"]),
    ("PROGRAMME", ["Bolashak", "Болашак"]),
    ("ORG", ["Ministry of Education of the Republic of Kazakhstan", "Министерство просвещения Республики Казахстан",
             "Оқу-ағарту министрлігі", "Ministry of Education"]),
    ("ORG", ["Orleu", "Өрлеу", "НЦПК «Өрлеу»"]),
    ("ORG", ["UNESCO", "ЮНЕСКО"]),
    ("ORG", ["Akimat of Turkestan region", "акимат Туркестанской области"]),
    ("ORG", ["Department of Education of Akmola region", "управление образования Акмолинской области"]),
    ("OFFICIAL", ["Gani Beisembayev", "Гани Бейсембаев", "Ғани Бейсембаев", "Gani Beisembaev"]),
    ("OFFICIAL", ["Kassym-Jomart Tokayev", "Касым-Жомарт Токаев", "Қасым-Жомарт Тоқаев"]),
]


@pytest.mark.parametrize("type_,names", SAME, ids=[n[0] for _, n in SAME])
def test_same_entity_in_every_language_and_spelling(type_, names):
    found = {n: lookup(n, type_) for n in names}
    missing = [n for n, ids in found.items() if not ids]
    assert not missing, f"not in the KB: {missing}"
    ids = set().union(*found.values())
    assert len(ids) == 1, f"should be one entity: {found}"


DIFFERENT = [
    ("Almaty", "Almaty region"), ("Алматы", "Алматинская область"),
    ("Turkestan", "Turkestan region"), ("Туркестан", "Туркестанская область"),
    ("Karaganda", "Karaganda region"), ("Kostanay", "Kostanay region"),
    ("Aktobe", "Aktobe region"), ("Kyzylorda", "Kyzylorda region"), ("Atyrau", "Atyrau region"),
    ("Pavlodar", "Pavlodar region"), ("Astana", "Akmola region"), ("Talgar", "Talgar district"),
    ("Balkhash", "Balkhash district"), ("Baikonur", "Baikonur district"),
    ("Zhetysu region", "Zhetysu district"), ("Mangystau", "Mangystau district"),
]


@pytest.mark.parametrize("a,b", DIFFERENT, ids=[f"{a}|{b}" for a, b in DIFFERENT])
def test_distinct_places_stay_distinct(a, b):
    ia, ib = lookup(a, "PLACE"), lookup(b, "PLACE")
    assert len(ia) == 1 and len(ib) == 1, (a, ia, b, ib)
    assert ia != ib
