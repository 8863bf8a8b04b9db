"""The speed work of docs/benchmarks.md changes no result: batched natasha NER, the domain
NER on sentence windows and its batch prefetch, the short language sample, spaCy without
torch, several files per CLI task, pymorphy3's C dictionary reader, the fuzzy-link memo, the
gazetteer's alias-length index, batches in extract_many's workers."""

import subprocess
import sys

import pytest

import edunews_nlp
from edunews_nlp.document import Document, Sentence
from edunews_nlp.entities import sentence_windows

RU_TEXTS = [
    "Министр просвещения Гани Бейсембаев посетил школу № 44 в Шымкенте. Там учатся 1 200 детей.",
    "В Туркестанской области построят 12 школ по проекту «Комфортная школа».",
    "",
    "   ",
    "Аким Алматы Ерболат Досаев открыл гимназию № 7 имени Абая. На строительство выделено 3,5 млрд тенге. "
    "В Астане и Караганде откроют ещё 5 школ.",
]


@pytest.mark.slow
def test_batched_natasha_equals_natasha_doc_by_doc():
    from natasha import Doc, Segmenter

    from edunews_nlp.segment import NatashaAnalyser

    analyser = NatashaAnalyser()
    docs = [Document(text=t, lang="ru") for t in RU_TEXTS]
    analyser.pipe(docs)
    segmenter = Segmenter()
    for text, doc in zip(RU_TEXTS, docs):
        reference = Doc(text)
        reference.segment(segmenter)
        reference.tag_ner(analyser.models["ner"])
        assert [(t.start, t.end) for t in doc.tokens] == [(t.start, t.stop) for t in reference.tokens]
        assert [(s.start, s.end, s.label) for s in doc.model_spans] == \
               [(s.start, s.stop, s.type) for s in reference.spans]


def _russian_word_lists(repo, shared) -> list[list[str]]:
    """razdel's words of every Russian text of the corpora, and of factRuEval-2016's
    test texts when ../shared is present."""
    import json

    from edunews_nlp.segment import _segment_ru

    texts = [p.read_text(encoding="utf-8") for p in sorted((repo / "corpora").glob("*/ru_*.txt"))]
    suite = shared / "peer" / "factrueval2016_test.jsonl" if shared else None
    if suite and suite.is_file():
        texts += [json.loads(line)["text"] for line in suite.open(encoding="utf-8")]
    return [[t.text for t in _segment_ru(text)[1]] for text in texts if text.strip()]


@pytest.mark.slow
def test_flat_cnn_tagger_gives_slovnets_tags():
    """slovnet_flat runs natasha's NER weights with three matrix products per convolution
    instead of slovnet's window copies: the same tags, on thousands of sentences."""
    from conftest import REPO, SHARED

    from edunews_nlp.segment import NatashaAnalyser
    from edunews_nlp.slovnet_flat import FlatCNNTagger

    infer = NatashaAnalyser().models["ner"].infer
    words = _russian_word_lists(REPO, SHARED if SHARED.is_dir() else None)
    assert sum(map(len, words)) > 20_000
    reference = [list(tags) for tags in infer.decoder(infer.process(infer.encoder(words)))]
    flat = FlatCNNTagger(infer)
    got = []
    for at in range(0, len(words), 16):  # batches as the pipeline sends them, an empty text among them
        got.extend(flat(words[at:at + 16] + [[]])[:-1])
    assert got == reference
    assert flat([[], []]) == [[], []]
    assert any(tag != "O" for tags in got for tag in tags)


@pytest.mark.slow
def test_flat_syntax_parser_gives_natashas_parses():
    from natasha import NewsSyntaxParser
    from razdel import sentenize, tokenize

    from conftest import REPO, SHARED

    from edunews_nlp.segment import NatashaAnalyser

    analyser = NatashaAnalyser()
    texts = [" ".join(words) for words in _russian_word_lists(REPO, SHARED if SHARED.is_dir() else None)]
    sentences = [[t.text for t in tokenize(s.text)] for text in texts[:60] for s in sentenize(text)]
    sentences = [words for words in sentences if words]
    assert len(sentences) > 500
    natasha = NewsSyntaxParser(analyser.models["embedding"])
    reference = [[(int(t.head_id), t.rel) for t in markup.tokens] for markup in natasha.map(sentences)]
    got = []
    for at in range(0, len(sentences), 40):
        got.extend(analyser.syntax_parser(sentences[at:at + 40]))
    assert got == reference
    assert analyser.syntax_parser([[]]) == [[]]


def test_chunked_tokenizer_gives_razdels_tokens():
    """tokenize_ru remembers the tokens of each space-free chunk; razdel's rules that look
    across a space ("2024. 5", "a -b") are kept by remembering the kind of atom beyond."""
    import random

    from razdel import tokenize

    from conftest import REPO

    from edunews_nlp.segment import tokenize_ru

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpora").glob("*/*.txt"))]
    texts += ["a -b", "2024. 5", "2024. в", "1 ,5 и 2, 3", "x_ y _z", "1/ 2 3 /4", ":-) yahoo !", "— Да, —сказал он.",
              "т.е. и т. д.", "10 - 15", "А-а", "-", " - ", "", "   ", "...", "?!", "«Біртұтас тәрбие»", "ΔP mβж",
              "1.5. 6", "3 ,,4", "a\u00a0-b", "x\x1c-y", "5\u3000.6"]
    rng = random.Random(7)
    alphabet = list("аб яzq019 .,-_/\\!?«»()—–\u00a0\n§Әә:;")
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    for text in texts:
        assert [(t.start, t.stop, t.text) for t in tokenize_ru(text)] == \
               [(t.start, t.stop, t.text) for t in tokenize(text)], text


def test_sentence_windows_merge_and_fall_back_to_the_line():
    text = "One № 1 here. Two. Three № 2 and № 3.\nNo sentence № 4 line\nLast."
    doc = Document(text=text)
    pieces = ["One № 1 here.", "Two.", "Three № 2 and № 3.", "Last."]  # the line with № 4 has none
    doc.sentences = [Sentence(text.index(p), text.index(p) + len(p), p) for p in pieces]
    first, _, third, _ = [(s.start, s.end) for s in doc.sentences]
    line = (text.index("No sentence"), text.index(" line") + len(" line"))
    numbers = [(text.index(n), text.index(n) + 3) for n in ("№ 1", "№ 2", "№ 3", "№ 4")]
    assert sentence_windows(doc, numbers, 0) == [first, third, line]
    # One sentence either side: the third sentence's window reaches "Last.", over the line.
    assert sentence_windows(doc, numbers, 1) == [(0, len(text))]


@pytest.mark.slow
def test_numbered_school_found_in_its_sentence():
    text = ("Ремонт идёт в трёх районах. В школе-гимназии № 5 в Караганде уже завершен ремонт спортзала "
            "и столовой на 450 млн тг. Работы закончат к сентябрю.")
    doc = edunews_nlp.extract(text, lang="ru")
    # the numbered-school grammar (entities) finds it first; the domain model, reading only the
    # sentence with the number, finds it too
    assert [e.text for e in doc.entities if e.type == "ORG"] == ["школе-гимназии № 5"]
    from edunews_nlp.entities import EntityRecognizer
    from edunews_nlp.entities.institutions import numbered_windows

    model = EntityRecognizer().domain_model
    spans = model.spans_in(doc, numbered_windows(doc)) if model.available("ru") else []
    assert not model.available("ru") or "школе-гимназии № 5" in [doc.text[s.start:s.end] for s in spans]


def test_language_short_sample_first(monkeypatch):
    from edunews_nlp import language

    detector = language.LanguageDetector()
    sizes = []
    original = detector._detect_sample
    monkeypatch.setattr(detector, "_detect_sample", lambda sample: sizes.append(len(sample)) or original(sample))
    text = "Министр просвещения посетил новую школу в Шымкенте. " * 100
    assert detector.detect(text)[0] == "ru"
    assert sizes == [language.QUICK_SAMPLE_CHARS]


@pytest.mark.slow
def test_spacy_loads_without_torch_and_torch_still_imports_after():
    code = (
        "import sys\n"
        "import edunews_nlp\n"
        "doc = edunews_nlp.extract('Minister Gani Beisembayev visited school No. 34 in Almaty.', lang='en')\n"
        "assert doc.entities and not doc.warnings, doc.warnings\n"
        "assert 'torch' not in sys.modules\n"
        "import torch\n"
        "assert torch.zeros(2).sum().item() == 0\n"
    )
    pytest.importorskip("torch")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_process_files_equals_process_file(tmp_path):
    from edunews_nlp.batch import group_tasks, process_file, process_files

    paths = []
    for n, text in enumerate(RU_TEXTS + ["The akimat of Almaty opened 3 new schools in 2024.", "\ufffd"]):
        path = tmp_path / f"{n:02}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    paths.append(str(tmp_path / "missing.txt"))
    config = ("default", None, False)
    tasks = [(p, None, frozenset(), config) for p in paths]
    assert process_files(tasks) == [process_file(t) for t in tasks]
    assert [t for group in group_tasks(tasks, 2) for t in group] == tasks


def test_group_tasks_keeps_every_worker_busy(tmp_path):
    from edunews_nlp.batch import MAX_FILES_PER_TASK, group_tasks

    tasks = [(str(tmp_path / f"{n}.txt"), None, frozenset(), None) for n in range(1000)]
    assert max(len(g) for g in group_tasks(tasks, 1)) == MAX_FILES_PER_TASK
    assert len(group_tasks(tasks[:16], 2)) == 8  # 2 workers x 4 tasks each, at least


def test_pymorphy3_reads_its_dictionaries_with_the_c_extension():
    # pymorphy3[fast]: DAWG2's C reader, 5x faster than dawg-python with the same parses.
    import pymorphy3.dawg

    assert pymorphy3.dawg.DAWG.__module__ == "dawg"


def test_fuzzy_link_is_remembered_and_equal_to_a_fresh_scan():
    from edunews_nlp.document import Entity
    from edunews_nlp.linking import EntityLinker

    linker = EntityLinker()
    first, again = Entity("PLACE", "Turkestn region", 0, 15), Entity("PLACE", "Turkestn region", 40, 55)
    linker._link_named(first)
    assert first.id == "place:kz-61" and ("turkestn region", "PLACE") in linker._fuzzy_memo
    linker._link_named(again)
    fresh = Entity("PLACE", "Turkestn region", 0, 15)
    EntityLinker()._link_named(fresh)
    assert (again.id, again.canonical) == (first.id, first.canonical) == (fresh.id, fresh.canonical)


def test_longest_alias_from_each_first_word():
    from edunews_nlp.knowledge import default_kb

    kb = default_kb()
    for key in kb.by_key:
        assert kb.longest_from[key[0]] >= len(key)
    assert max(kb.longest_from.values()) == kb.max_words


def test_extract_many_workers_get_whole_batches(monkeypatch):
    from edunews_nlp import pipeline

    texts = [f"В Шымкенте открыли {n} школ." for n in range(1, 8)]
    sizes = []
    original = pipeline._batches
    monkeypatch.setattr(pipeline, "_batches", lambda docs, size: (sizes.append(len(b)) or b for b in original(docs, size)))
    docs = list(edunews_nlp.extract_many(texts, n_process=2, batch_size=3))
    assert sizes == [3, 3, 1]
    assert [d.text for d in docs] == texts
    assert [q.value for d in docs for q in d.quantities] == list(range(1, 8))


def test_first_cue_equals_trying_every_cue_in_order():
    from edunews_nlp.claims import ClaimBuilder, Words, _find, _first_cue
    from edunews_nlp.knowledge import word_key

    builder = ClaimBuilder()
    sentences = ["В этом году в новом учебном году откроют 5 школ, сообщил министр.",
                 "This year and next year the akimat plans to build 3 schools, the minister said.",
                 "Ежегодно в стране выделяют 2 млрд тенге.", ""]
    groups = [builder.cues[name] for name in ("plan", "target", "speech", "scope", "anaphora")]
    groups += list(builder.cues["time"].values())
    checked = 0
    for text in sentences:
        surfaces = text.replace(",", " ,").replace(".", " .").split()
        words = Words((word_key(s), s) for s in surfaces)
        for by_lang in groups:
            for cues in by_lang.values():
                expected = next(filter(None, (_find(words, cue) for cue in cues)), None)
                assert _first_cue(words, cues) == expected
                assert _first_cue(list(words), cues) == expected  # a plain list of pairs too
                checked += expected is not None
    assert checked >= 4  # the sentences do hit cues: the test compares real matches


def test_pickled_document_is_the_same_document():
    """Documents travel back from worker processes as token columns, not Token objects."""
    import pickle

    from edunews_nlp.document import Token

    doc = edunews_nlp.extract(RU_TEXTS[4])
    assert doc.tokens and doc.entities and doc.quantities
    doc.tokens[0].head, doc.tokens[0].dep = 1, "nsubj"
    copy = pickle.loads(pickle.dumps(doc))
    assert copy == doc and copy.tokens == doc.tokens
    assert copy.analysis_text == doc.analysis_text and copy.to_dict() == doc.to_dict()
    doc.tokens.append(Token(0, 3, "not its slice", "x"))  # a token from elsewhere keeps its text
    assert pickle.loads(pickle.dumps(doc)).tokens[-1].text == "not its slice"
    assert len(pickle.dumps(doc)) < len(pickle.dumps(doc.__dict__))
