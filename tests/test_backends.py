"""Optional NER backends (backends.py, docs/backends.md), offline.

The transformers backend runs its real loading and inference code on a tiny
BertForTokenClassification built here (random weights, or weights that always give one
label), saved with save_pretrained. stanza has no model small enough to build here, so its
adapter is run against stanza's real Pipeline constructor (errors), stanza Documents built
by hand from tagged tokens, and a fake pipeline object injected into the adapter.
Tests that need torch, transformers or stanza are skipped when they are not installed.
"""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys

import pytest

from edunews_nlp.backends import (
    BackendError, BackendImportError, StanzaBackend, check_labels, decode_bio, label_maps, load_backend,
    merge_windows, split_tag, stanza_spans, stanza_type, transformers_type, windows, word_items,
)
from edunews_nlp.document import ENTITY_TYPES, Document
from edunews_nlp.segment import ModelSpan

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
OUR_TYPES = {"PERSON", "PLACE", "ORG"}
WORD = re.compile(r"\w+|[^\w\s]")  # what BERT's pre-tokeniser calls a word, for the texts below

EN_TEXT = ("The Ministry of Education of Kazakhstan opened 20 new schools in Almaty, said minister "
           "Zhenis Beisembayev.\nAstana will build 5 more schools in 2025.")
RU_TEXT = "Министр просвещения Гани Бейсембаев открыл 20 новых школ в Алматы.\nВ Астане построят еще 5 школ."


def needs_transformers():
    pytest.importorskip("torch", reason="the transformers backend tests need torch: pip install 'edunews-nlp[transformers]'")
    return pytest.importorskip("transformers", reason="the transformers backend tests need transformers: "
                                                      "pip install 'edunews-nlp[transformers]'")


def needs_stanza():
    return pytest.importorskip("stanza", reason="the stanza backend tests need stanza: pip install 'edunews-nlp[stanza]'")


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    def refuse(self, address, *args, **kwargs):
        if self.family == socket.AF_UNIX:
            return real_connect(self, address, *args, **kwargs)
        raise AssertionError(f"network access attempted: {address!r}")

    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


# --- label maps and tag parsing (no optional dependency needed) ---------------------------
def test_label_maps_give_our_types_and_drop_the_rest():
    maps = label_maps()
    assert set(maps["stanza"].values()) <= set(ENTITY_TYPES)
    assert set(maps["transformers"]["types"].values()) <= set(ENTITY_TYPES)
    assert [stanza_type(t) for t in ("PER", "PERSON", "LOC", "GPE", "FAC", "ORG", "MISC", "NORP", "DATE")] == \
        ["PERSON", "PERSON", "PLACE", "PLACE", "PLACE", "ORG", None, None, None]
    assert [transformers_type(t) for t in ("PER", "per", "LOC", "ORG", "MISC", None)] == \
        ["PERSON", "PERSON", "PLACE", "ORG", None, None]


@pytest.mark.parametrize("tag, expected", [
    ("B-PER", ("B", "PER")), ("I-LOC", ("I", "LOC")), ("b-org", ("B", "ORG")), ("I_ORG", ("I", "ORG")),
    ("S-LOC", ("S", "LOC")), ("E-PER", ("E", "PER")), ("PER", (None, "PER")), ("O", (None, None)),
    ("B-GEO-POL", ("B", "GEO-POL")), ("LABEL_3", (None, "LABEL_3")),
])
def test_split_tag(tag, expected):
    assert split_tag(tag) == expected


def test_check_labels_refuses_generic_and_useless_label_sets():
    assert check_labels({"0": "O", "1": "B-PER"}, "config.json") == {0: "O", 1: "B-PER"}
    with pytest.raises(BackendError, match=r"LABEL_0.*id2label"):
        check_labels({0: "LABEL_0", 1: "LABEL_1"}, "config.json")
    with pytest.raises(BackendError, match="maps to"):
        check_labels({0: "O", 1: "B-MISC", 2: "B-DATE"}, "config.json")
    with pytest.raises(BackendError, match="no id2label"):
        check_labels({}, "config.json")


# --- BIO decoding, word pieces and windows: hand-made sequences ----------------------------
def _words(text):
    return [(m.start(), m.end()) for m in WORD.finditer(text)]


def _decode(text, tags):
    words = _words(text)
    assert len(words) == len(tags), (words, tags)
    return [(text[s.start:s.end], s.label) for s in decode_bio([(a, b, t) for (a, b), t in zip(words, tags)], text)]


def test_decode_bio_iob2():
    text = "Minister Gani Beisembayev visited Almaty Region today"
    tags = ["O", "B-PER", "I-PER", "O", "B-LOC", "I-LOC", "O"]
    assert _decode(text, tags) == [("Gani Beisembayev", "PERSON"), ("Almaty Region", "PLACE")]


def test_decode_bio_i_without_b_starts_a_span_and_b_splits():
    text = "Gani Beisembayev Aida Balayeva met"
    assert _decode(text, ["I-PER", "I-PER", "B-PER", "I-PER", "O"]) == \
        [("Gani Beisembayev", "PERSON"), ("Aida Balayeva", "PERSON")]
    # An I- of another type starts a new span; an I- after O too.
    assert _decode(text, ["B-PER", "I-LOC", "O", "I-PER", "O"]) == \
        [("Gani", "PERSON"), ("Beisembayev", "PLACE"), ("Balayeva", "PERSON")]


def test_decode_bio_drops_other_types_but_keeps_their_boundaries():
    text = "Kazakh Almaty schools"
    assert _decode(text, ["B-MISC", "I-LOC", "O"]) == [("Almaty", "PLACE")]
    assert _decode(text, ["B-MISC", "I-MISC", "I-MISC"]) == []


def test_decode_bioes_and_io():
    text = "Almaty and Nazarbayev University"
    assert _decode(text, ["S-LOC", "O", "B-ORG", "E-ORG"]) == [("Almaty", "PLACE"), ("Nazarbayev University", "ORG")]
    assert _decode(text, ["U-LOC", "O", "B-ORG", "L-ORG"]) == [("Almaty", "PLACE"), ("Nazarbayev University", "ORG")]
    assert _decode(text, ["S-LOC", "I-LOC", "ORG", "ORG"]) == [("Almaty", "PLACE"), ("and", "PLACE"),
                                                               ("Nazarbayev University", "ORG")]
    assert _decode("Almaty Astana", ["LOC", "LOC"]) == [("Almaty Astana", "PLACE")]


def test_decode_bio_never_crosses_a_line_break_and_trims_whitespace():
    text = "Gani\nBeisembayev"
    assert _decode(text, ["B-PER", "I-PER"]) == [("Gani", "PERSON"), ("Beisembayev", "PERSON")]
    # Word offsets that include spaces (sentencepiece tokenisers) are trimmed.
    assert decode_bio([(0, 7, "B-LOC"), (7, 14, "I-LOC")], " Almaty Region ") == [ModelSpan(1, 14, "PLACE")]
    assert decode_bio([(0, 3, "B-LOC")], "   ") == []


def test_word_items_join_pieces_and_take_the_first_piece_tag():
    # "Almaty," as BERT pieces: al ##ma ##ty ,
    offsets = [(0, 2), (2, 4), (4, 6), (6, 7), (0, 0)]
    assert word_items(offsets, [0, 0, 0, 1, None], ["B-LOC", "I-LOC", "O", "O", "B-PER"]) == \
        [(0, 6, "B-LOC"), (6, 7, "O")]
    assert word_items([(0, 2), (2, 4)], [None, None], ["B-LOC", "I-LOC"]) == [(0, 2, "B-LOC"), (2, 4, "I-LOC")]


def test_windows_cover_every_token_with_the_overlap():
    assert windows(0, 10, 2) == []
    assert windows(7, 10, 2) == [(0, 7)]
    assert windows(10, 10, 2) == [(0, 10)]
    assert windows(20, 10, 2) == [(0, 10), (8, 18), (10, 20)]
    for n in (11, 57, 500, 1001):
        for size, overlap in ((10, 2), (62, 16), (5, 4), (3, 7)):
            spans = windows(n, size, overlap)
            covered = set()
            for k, (s, e) in enumerate(spans):
                assert 0 <= s < e <= n and e - s == min(size, n)
                covered.update(range(s, e))
                if k:
                    assert spans[k - 1][0] < s and spans[k - 1][1] - s >= min(overlap, size - 1)
            assert covered == set(range(n)) and spans[-1][1] == n


def test_merge_windows_takes_the_window_where_the_token_is_farthest_from_an_edge():
    spans = [(0, 6), (4, 10)]
    first = ["a0", "a1", "a2", "a3", "a4", "a5"]
    second = ["b4", "b5", "b6", "b7", "b8", "b9"]
    # token 4: 1 from the end of the first window, 0 from the start of the second -> a4;
    # token 5: 0 from the end of the first, 1 from the start of the second -> b5.
    assert merge_windows(10, spans, [first, second]) == ["a0", "a1", "a2", "a3", "a4", "b5", "b6", "b7", "b8", "b9"]
    three = [(0, 8), (4, 12), (8, 16)]
    preds = [[f"{k}:{i}" for i in range(s, e)] for k, (s, e) in enumerate(three)]
    merged = merge_windows(16, three, preds)
    assert merged[:4] == ["0:0", "0:1", "0:2", "0:3"] and merged[6:10] == ["1:6", "1:7", "1:8", "1:9"]
    assert merged[-1] == "2:15"
    with pytest.raises(ValueError):
        merge_windows(12, [(0, 6)], [first])  # tokens 6..11 not covered
    with pytest.raises(ValueError):
        merge_windows(6, [(0, 6)], [first[:3]])


# --- loading errors that need no optional dependency ---------------------------------------
def test_unknown_backend_and_bad_paths(tmp_path):
    with pytest.raises(BackendError, match="unknown NER backend"):
        load_backend("spacy-trf", str(tmp_path))
    for name in ("stanza", "transformers"):
        with pytest.raises(BackendError, match="does not exist"):
            load_backend(name, str(tmp_path / "missing"))
        with pytest.raises(BackendError, match="needs ner_model"):
            load_backend(name, None)
        (tmp_path / "file.txt").write_text("x")
        with pytest.raises(BackendError, match="not a directory"):
            load_backend(name, str(tmp_path / "file.txt"))
    assert issubclass(BackendError, ValueError) and issubclass(BackendImportError, ImportError)


def test_transformers_dir_without_config_or_weights(tmp_path):
    with pytest.raises(BackendError, match="no config.json"):
        load_backend("transformers", str(tmp_path))
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(BackendError, match="no model weights"):
        load_backend("transformers", str(tmp_path))


def test_errors_are_one_sentence(tmp_path):
    with pytest.raises(BackendError) as info:
        load_backend("transformers", str(tmp_path))
    message = str(info.value)
    assert "\n" not in message and message.count(". ") == 0


def test_missing_extras_say_what_to_install(tmp_path, monkeypatch):
    needs_transformers()
    from safetensors.torch import save_file
    import torch

    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    save_file({"x": torch.zeros(1)}, str(tmp_path / "model.safetensors"))
    monkeypatch.setitem(sys.modules, "transformers", None)  # `import transformers` now fails
    with pytest.raises(BackendImportError, match=r"pip install 'edunews-nlp\[transformers\]' \(with the CPU build of torch\)"):
        load_backend("transformers", str(tmp_path))
    stanza_dir = tmp_path / "stanza"
    (stanza_dir / "en" / "ner").mkdir(parents=True)
    (stanza_dir / "en" / "ner" / "ontonotes.pt").write_bytes(b"")
    (stanza_dir / "resources.json").write_text("{}")
    monkeypatch.setitem(sys.modules, "stanza", None)
    with pytest.raises(BackendImportError, match=r"pip install 'edunews-nlp\[stanza\]'"):
        load_backend("stanza", str(stanza_dir))


def test_default_extract_imports_no_backend():
    """The default install has no torch: edunews_nlp never imports torch, transformers or
    stanza unless an optional backend is asked for."""
    code = (
        "import sys\n"
        "import edunews_nlp, edunews_nlp.backends\n"
        "edunews_nlp.extract('x')\n"
        "bad = [m for m in ('torch', 'transformers', 'stanza') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_default_pipeline_runs_with_torch_unimportable():
    """spaCy's thinc imports torch when it is installed; the default pipeline must not need it."""
    code = (
        "import sys\n"
        "for m in ('torch', 'transformers', 'stanza'):\n"
        "    sys.modules[m] = None\n"
        "import edunews_nlp\n"
        f"en = edunews_nlp.extract({EN_TEXT!r}, lang='en')\n"
        f"ru = edunews_nlp.extract({RU_TEXT!r}, lang='ru')\n"
        "assert en.entities and ru.entities and not en.warnings and not ru.warnings, (en.warnings, ru.warnings)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


# --- transformers: a tiny BERT built here ----------------------------------------------------
VOCAB_WORDS = (
    "the of and in to a new more will said minister ministry education school schools opened build "
    "almaty astana kazakhstan region university , . - 20 5 2025 "
    "министр просвещения открыл новых школ школы в алматы астане построят еще казахстан"
).split()
WORDPIECES = ["##s", "##a", "##ov", "##ev", "##yev", "##ы", "##е", "##ов", "al", "##ma", "##ty", "zhen", "##is",
              "gani", "be", "##isem", "##bay", "гани", "бейсем", "##баев"]


def _save_tiny(transformers, out, *, constant=None, seed=0, architecture="BertForTokenClassification"):
    import torch

    out.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + VOCAB_WORDS + WORDPIECES
    (out / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast.from_pretrained(str(out), model_max_length=64)
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64,
        max_position_embeddings=64, id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})
    torch.manual_seed(seed)
    model = getattr(transformers, architecture)(config)
    if constant is not None:  # always predict this label: the spans show the word alignment
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.copy_(torch.tensor([10.0 if l == constant else 0.0 for l in LABELS]))
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    return out


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory):
    """{"random", "B-LOC", "I-PER", "pickle"}: directories of tiny checkpoints."""
    transformers = needs_transformers()
    import torch
    from safetensors.torch import load_file

    root = tmp_path_factory.mktemp("tiny_bert")
    models = {"random": _save_tiny(transformers, root / "random")}
    for label in ("B-LOC", "I-PER"):
        models[label] = _save_tiny(transformers, root / label, constant=label)
    # Old-style pickle weights: the same model as pytorch_model.bin (what
    # save_pretrained(safe_serialization=False) wrote before transformers 5).
    pickled = root / "pickle"
    pickled.mkdir()
    for f in models["random"].iterdir():
        if f.name != "model.safetensors":
            (pickled / f.name).write_bytes(f.read_bytes())
    torch.save(load_file(str(models["random"] / "model.safetensors")), str(pickled / "pytorch_model.bin"))
    models["pickle"] = pickled
    return models


@pytest.fixture(scope="session")
def random_backend(tiny_models):
    return load_backend("transformers", str(tiny_models["random"]))


def _doc(text, lang="en"):
    return Document(text=text, lang=lang)


def _long_text(n_words=500):
    words = ("The ministry of education opened 20 new schools in Almaty , said minister Zhenis Beisembayev . "
             "Astana will build 5 more schools in 2025 . Министр просвещения открыл 20 новых школ в Алматы .").split()
    return " ".join(words[i % len(words)] for i in range(n_words))


def test_transformers_spans_have_valid_offsets(tiny_models, random_backend, offline):
    backend = load_backend("transformers", str(tiny_models["random"]))  # loads with the network refused
    assert backend.window == 64 and backend.overlap == 16 and backend.content == 62
    for text, lang in ((EN_TEXT, "en"), (RU_TEXT, "ru")):
        spans = backend(_doc(text, lang))
        assert spans, "the random model tags something"
        words = _words(text)
        starts, ends = {a for a, _ in words}, {b for _, b in words}
        for span in spans:
            assert span.label in OUR_TYPES
            assert 0 <= span.start < span.end <= len(text)
            piece = text[span.start:span.end]
            assert piece == piece.strip() and "\n" not in piece
            assert span.start in starts and span.end in ends, piece  # whole words, never part of one


def test_transformers_reads_analysis_text(random_backend):
    doc = _doc("HEADER LINE Almaty\n" + EN_TEXT)
    doc.mask(0, 18)
    assert all(span.start >= 19 for span in random_backend(doc))
    assert random_backend(_doc("   \n ")) == []


def test_constant_label_models_show_word_alignment(tiny_models):
    b_loc = load_backend("transformers", str(tiny_models["B-LOC"]))
    text = "Zhenis Beisembayev visited Almaty, Kazakhstan.\nАлматы и Бейсембаев"
    spans = b_loc(_doc(text))
    # Every word is its own PLACE, pieces joined back ("Be ##isem ##bay ##ev"), [UNK] words whole.
    assert [(text[s.start:s.end], s.label) for s in spans] == [(w, "PLACE") for w in WORD.findall(text)]
    i_per = load_backend("transformers", str(tiny_models["I-PER"]))
    assert [text[s.start:s.end] for s in i_per(_doc(text))] == text.split("\n")  # one span per line


def test_text_longer_than_the_window(tiny_models, random_backend):
    text = _long_text(500)
    tokens = len(random_backend.tokenizer(text, add_special_tokens=False)["input_ids"])
    assert tokens > 5 * random_backend.content
    b_loc = load_backend("transformers", str(tiny_models["B-LOC"]))
    spans = b_loc(_doc(text))
    # Every word of the whole text exactly once, in order: windows merged without loss or overlap.
    assert [(s.start, s.end) for s in spans] == _words(text)
    i_per = load_backend("transformers", str(tiny_models["I-PER"]))
    assert [(s.start, s.end) for s in i_per(_doc(text))] == [(0, len(text))]
    # The random model: valid offsets across the whole text, the same whatever the batch size.
    spans = random_backend(_doc(text))
    assert spans and all(0 <= s.start < s.end <= len(text) and s.label in OUR_TYPES for s in spans)
    assert max(s.end for s in spans) > 0.8 * len(text)
    one_by_one = load_backend("transformers", str(tiny_models["random"]))
    one_by_one.batch_windows = 1
    assert one_by_one(_doc(text)) == spans


def test_pickle_weights_need_allow_pickle(tiny_models, random_backend, offline):
    with pytest.raises(BackendError, match=r"pickle weights \(pytorch_model.bin\).*allow_pickle=True"):
        load_backend("transformers", str(tiny_models["pickle"]))
    backend = load_backend("transformers", str(tiny_models["pickle"]), allow_pickle=True)
    assert backend(_doc(EN_TEXT)) == random_backend(_doc(EN_TEXT))  # the same weights


def test_wrong_model_types_are_refused(tiny_models, tmp_path):
    transformers = needs_transformers()
    seq = _save_tiny(transformers, tmp_path / "seq", architecture="BertForSequenceClassification")
    with pytest.raises(BackendError, match="BertForSequenceClassification checkpoint, not a token-classification"):
        load_backend("transformers", str(seq))
    base = _save_tiny(transformers, tmp_path / "base", architecture="BertModel")
    with pytest.raises(BackendError, match="BertModel checkpoint"):
        load_backend("transformers", str(base))
    # Generic labels: the same model whose config.json lost its label names.
    generic = tmp_path / "generic"
    generic.mkdir()
    for f in tiny_models["random"].iterdir():
        (generic / f.name).write_bytes(f.read_bytes())
    config = json.loads((generic / "config.json").read_text())
    config["id2label"] = {str(i): f"LABEL_{i}" for i in range(len(LABELS))}
    config["label2id"] = {f"LABEL_{i}": i for i in range(len(LABELS))}
    (generic / "config.json").write_text(json.dumps(config))
    with pytest.raises(BackendError, match="LABEL_0"):
        load_backend("transformers", str(generic))
    # No tokenizer files.
    no_tok = tmp_path / "no_tokenizer"
    no_tok.mkdir()
    for name in ("config.json", "model.safetensors"):
        (no_tok / name).write_bytes((tiny_models["random"] / name).read_bytes())
    with pytest.raises(BackendError, match="tokenizer"):
        load_backend("transformers", str(no_tok))


# --- end to end: extract() and the CLI --------------------------------------------------------
@pytest.mark.slow
def test_extract_with_the_transformers_backend(tiny_models):
    import edunews_nlp

    for text, lang in ((EN_TEXT, "en"), (RU_TEXT, "ru")):
        doc = edunews_nlp.extract(text, lang=lang, ner_backend="transformers", ner_model=str(tiny_models["random"]))
        record = doc.to_dict()
        assert set(record) >= {"schema", "lang", "entities", "quantities", "claims", "warnings"}
        assert not [w for w in doc.warnings if "NER" in w], doc.warnings
        assert all(m.label in OUR_TYPES for m in doc.model_spans)  # the backend's spans, not spaCy's
        for ent in record["entities"]:
            assert ent["type"] in ENTITY_TYPES and text[ent["start"]:ent["end"]] == ent["text"]
        assert [q["value"] for q in record["quantities"]][:1] == [20]


@pytest.mark.slow
def test_backend_spans_fuse_with_the_rules(tiny_models):
    """Model spans replace spaCy's; the gazetteer and trigger rules still win over them."""
    import edunews_nlp

    text = EN_TEXT + " Volunteers from Zhelkorgan helped."
    doc = edunews_nlp.extract(text, lang="en", ner_backend="transformers", ner_model=str(tiny_models["B-LOC"]))
    found = {(e.text, e.type) for e in doc.entities}
    # The model says every word is a place: "Zhelkorgan" (unknown to the KB) is one...
    assert ("Zhelkorgan", "PLACE") in found
    # ...but the KB's organisation wins over the model's one-word places inside it, and the
    # name after the role word "minister" is a person, whatever the model says.
    assert any(e.type == "ORG" and e.text.startswith("Ministry of Education") for e in doc.entities), found
    assert ("Zhenis Beisembayev", "OFFICIAL") in found
    assert all(m.label == "PLACE" for m in doc.model_spans)


@pytest.mark.slow
def test_cli_with_the_transformers_backend(tiny_models, tmp_path, capsys):
    from edunews_nlp.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "en.txt").write_text(EN_TEXT, encoding="utf-8")
    (folder / "ru.txt").write_text(RU_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(folder), "-o", str(out), "--ner-backend", "transformers",
                 "--ner-model", str(tiny_models["random"])]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["lang"] for r in records) == ["en", "ru"]
    for record in records:
        assert not [w for w in record["warnings"] if "NER" in w]
        for ent in record["entities"]:
            assert record["text"][ent["start"]:ent["end"]] == ent["text"]
    # The same from a config file; a wrong model directory stops the run with exit status 2.
    config = tmp_path / "ner.yaml"
    config.write_text(f"ner_backend: transformers\nner_model: {tiny_models['pickle']}\nallow_pickle: true\n")
    assert main(["extract", str(folder), "-o", str(tmp_path / "out2.jsonl"), "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["extract", str(folder), "-o", str(tmp_path / "out3.jsonl"), "--ner-backend", "transformers",
                 "--ner-model", str(tiny_models["pickle"])]) == 2
    assert "allow_pickle" in capsys.readouterr().err


# --- stanza ------------------------------------------------------------------------------------
def _stanza_dir(root, langs=("en",), resources="{}"):
    root.mkdir(parents=True, exist_ok=True)
    (root / "resources.json").write_text(resources)
    for lang in langs:
        (root / lang / "ner").mkdir(parents=True, exist_ok=True)
        (root / lang / "ner" / "ontonotes_charlm.pt").write_bytes(b"not a model")
    return root


def stanza_document(text, entities):
    """A real stanza Document of `text` with BIOES NER tags on its tokens: `entities` maps
    a phrase to its stanza type; tokens are words and punctuation, one sentence a line."""
    from stanza.models.common.doc import Document as StanzaDocument

    tags = {}
    for phrase, type_ in entities.items():
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
            toks = list(WORD.finditer(text, m.start(), m.end()))
            for k, tok in enumerate(toks):
                tag = "S" if len(toks) == 1 else "B" if k == 0 else "E" if k == len(toks) - 1 else "I"
                tags[tok.start()] = f"{tag}-{type_}"
    sentences, line_start = [], 0
    for line in text.split("\n"):
        sentence = []
        for k, tok in enumerate(WORD.finditer(line)):
            start, end = line_start + tok.start(), line_start + tok.end()
            sentence.append({"id": k + 1, "text": tok.group(), "ner": tags.get(start, "O"),
                             "misc": f"start_char={start}|end_char={end}"})
        if sentence:
            sentences.append(sentence)
        line_start += len(line) + 1
    doc = StanzaDocument(sentences, text=text)
    doc.build_ents()
    return doc


STANZA_EN = {"Zhenis Beisembayev": "PERSON", "Almaty": "GPE", "Astana": "GPE", "Kazakhstan": "GPE",
             "Ministry of Education": "ORG", "2025": "DATE", "20": "CARDINAL"}


class FakeStanzaPipeline:
    """Stands in for stanza.Pipeline: tags known phrases in whatever text it is given."""

    def __init__(self, lang, entities):
        self.lang, self.entities, self.calls = lang, entities, []

    def __call__(self, text):
        self.calls.append(text)
        return stanza_document(text, self.entities)


def test_stanza_entities_mapped_from_a_stanza_document():
    needs_stanza()
    parsed = stanza_document(EN_TEXT, STANZA_EN)
    assert {(e.text, e.type) for e in parsed.ents} >= {("Zhenis Beisembayev", "PERSON"), ("2025", "DATE")}
    spans = stanza_spans(parsed)
    assert [(EN_TEXT[s.start:s.end], s.label) for s in spans] == [
        ("Ministry of Education", "ORG"), ("Kazakhstan", "PLACE"), ("Almaty", "PLACE"),
        ("Zhenis Beisembayev", "PERSON"), ("Astana", "PLACE")]  # DATE and CARDINAL dropped
    ru = stanza_document(RU_TEXT, {"Гани Бейсембаев": "PER", "Алматы": "LOC", "Астане": "LOC", "просвещения": "MISC"})
    assert [(RU_TEXT[s.start:s.end], s.label) for s in stanza_spans(ru)] == [
        ("Гани Бейсембаев", "PERSON"), ("Алматы", "PLACE"), ("Астане", "PLACE")]


def test_stanza_adapter_maps_offsets_onto_the_document(tmp_path, monkeypatch):
    needs_stanza()
    fakes = {}

    def factory(lang):
        fakes[lang] = FakeStanzaPipeline(lang, STANZA_EN)
        return fakes[lang]

    backend = StanzaBackend(_stanza_dir(tmp_path / "stanza"), pipeline_factory=factory, allow_pickle=True)
    header = "Astana Times | 12.03.2025\n"
    doc = _doc(header + EN_TEXT)
    doc.mask(0, len(header) - 1)
    spans = backend(doc)
    assert [(doc.text[s.start:s.end], s.label) for s in spans] == [
        ("Ministry of Education", "ORG"), ("Kazakhstan", "PLACE"), ("Almaty", "PLACE"),
        ("Zhenis Beisembayev", "PERSON"), ("Astana", "PLACE")]  # not the masked header's "Astana"
    assert fakes["en"].calls == [doc.analysis_text]
    # Long texts go to stanza in pieces; offsets are shifted back onto the whole text.
    monkeypatch.setattr("edunews_nlp.backends.CHUNK_CHARS", 60)
    long_doc = _doc("\n".join([EN_TEXT] * 5))
    long_spans = backend(long_doc)
    assert len(fakes["en"].calls) > 5
    assert [long_doc.text[s.start:s.end] for s in long_spans] == \
        ["Ministry of Education", "Kazakhstan", "Almaty", "Zhenis Beisembayev", "Astana"] * 5
    # One pipeline per language, built once; a language without a NER model is a clear error.
    backend(_doc(EN_TEXT))
    assert list(fakes) == ["en"]
    with pytest.raises(BackendError, match="no stanza NER model for 'ru'"):
        backend(_doc(RU_TEXT, "ru"))
    assert list(fakes) == ["en"]


def test_stanza_directory_checks(tmp_path):
    needs_stanza()
    no_resources = tmp_path / "a"
    (no_resources / "en" / "ner").mkdir(parents=True)
    with pytest.raises(BackendError, match="no resources.json"):
        load_backend("stanza", str(no_resources))
    no_ner = tmp_path / "b"
    (no_ner / "en" / "tokenize").mkdir(parents=True)
    (no_ner / "en" / "tokenize" / "combined.pt").write_bytes(b"")
    (no_ner / "resources.json").write_text("{}")
    with pytest.raises(BackendError, match="has no stanza NER model"):
        load_backend("stanza", str(no_ner))
    stanza_dir = _stanza_dir(tmp_path / "c", ("en", "ru"))
    # stanza's .pt models are pickles: loaded only when the caller allows pickle.
    with pytest.raises(BackendError, match="allow_pickle=True"):
        load_backend("stanza", str(stanza_dir))
    assert load_backend("stanza", str(stanza_dir), allow_pickle=True).ner_languages() == ["en", "ru"]


def test_stanza_pipeline_is_built_offline_and_failures_are_clear(tmp_path, monkeypatch, offline):
    """The real stanza.Pipeline constructor, called as the adapter calls it, on a directory
    whose models are not real: it must not download, and its error becomes a BackendError."""
    stanza = needs_stanza()
    calls = []
    real = stanza.Pipeline

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(stanza, "Pipeline", spy)
    resources = json.dumps({"en": {"lang_name": "English", "default_processors": {
        "tokenize": "combined", "ner": "ontonotes_charlm"}, "tokenize": {"combined": {}},
        "ner": {"ontonotes_charlm": {}}}})
    backend = load_backend("stanza", str(_stanza_dir(tmp_path / "stanza", resources=resources)), allow_pickle=True)
    for _ in range(2):
        with pytest.raises(BackendError, match="cannot build the stanza 'en' pipeline"):
            backend(_doc(EN_TEXT))
    assert len(calls) == 1  # the failure is remembered, not retried for every document
    assert calls[0] == {"lang": "en", "dir": str(tmp_path / "stanza"), "processors": "tokenize,ner",
                        "download_method": None, "use_gpu": False, "logging_level": "WARN"}


@pytest.mark.slow
def test_pipeline_with_a_fake_stanza_model(tmp_path, monkeypatch):
    needs_stanza()
    from edunews_nlp.pipeline import Pipeline

    monkeypatch.setattr(StanzaBackend, "_stanza_pipeline", lambda self, lang: FakeStanzaPipeline(lang, STANZA_EN))
    pipeline = Pipeline(ner_backend="stanza", ner_model=str(_stanza_dir(tmp_path / "stanza")), allow_pickle=True)
    doc = pipeline(EN_TEXT, lang="en")
    assert not [w for w in doc.warnings if "NER" in w], doc.warnings
    assert {(e.text, e.type) for e in doc.entities} >= {("Almaty", "PLACE"), ("Astana", "PLACE")}
    assert any(e.type == "OFFICIAL" and e.text == "Zhenis Beisembayev" for e in doc.entities)
    for ent in doc.entities:
        assert doc.text[ent.start:ent.end] == ent.text
    # A Russian document has no stanza model here: a warning, and natasha's spans stay.
    ru = pipeline(RU_TEXT, lang="ru")
    assert any("stanza NER stage failed" in w and "'ru'" in w for w in ru.warnings)
    assert ru.entities


# --- stanza with a real (tiny) model ------------------------------------------------------------
# A stanza NER model trained here for two steps on four sentences (a few seconds), in a
# resources directory whose English tokenizer is stanza's spaCy variant (no tokenizer model to
# train). The real stanza.Pipeline loads it offline and tags text through the adapter.
STANZA_TRAIN = [
    [("Zhenis", "B-PER"), ("Beisembayev", "E-PER"), ("visited", "O"), ("Almaty", "S-LOC"), (".", "O")],
    [("The", "O"), ("Ministry", "B-ORG"), ("of", "I-ORG"), ("Education", "E-ORG"), ("opened", "O"), ("schools", "O"),
     (".", "O")],
]
TINY_STANZA_RESOURCES = {"en": {
    "lang_name": "English", "tokenize": {}, "ner": {"tiny": {}},
    "default_processors": {"tokenize": "spacy", "ner": "tiny"},
    "packages": {"default": {"tokenize": "spacy", "ner": "tiny"}}}}


@pytest.fixture(scope="session")
def tiny_stanza(tmp_path_factory):
    """{"random", "S-LOC"}: stanza resources directories with a tiny English NER model;
    "S-LOC" has its classifier and CRF set to tag every token S-LOC."""
    needs_stanza()
    import torch
    from stanza.models import ner_tagger

    root = tmp_path_factory.mktemp("tiny_stanza")
    data = [[{"text": w, "ner": t} for w, t in sentence] for sentence in STANZA_TRAIN]
    (root / "train.json").write_text(json.dumps(data * 4), encoding="utf-8")
    (root / "dev.json").write_text(json.dumps(data), encoding="utf-8")
    ner_tagger.main(["--train_file", str(root / "train.json"), "--eval_file", str(root / "dev.json"),
                     "--no_pretrain", "--shorthand", "en_tiny", "--hidden_dim", "16", "--char_hidden_dim", "8",
                     "--word_emb_dim", "8", "--char_emb_dim", "8", "--max_steps", "2", "--eval_interval", "2",
                     "--batch_size", "4", "--save_dir", str(root), "--save_name", "tiny.pt", "--cpu"])
    checkpoint = torch.load(str(root / "tiny.pt"), weights_only=False)
    dirs = {}
    for name in ("random", "S-LOC"):
        if name == "S-LOC":
            tags = checkpoint["vocab"]["tag"]["_unit2id"][0]
            state = checkpoint["model"]
            state["tag_clfs.0.weight"].zero_()
            state["tag_clfs.0.bias"].copy_(torch.tensor([10.0 if i == tags["S-LOC"] else -10.0
                                                          for i in range(len(state["tag_clfs.0.bias"]))]))
            state["crits.0._transitions"].zero_()
        (root / name / "en" / "ner").mkdir(parents=True)
        torch.save(checkpoint, str(root / name / "en" / "ner" / "tiny.pt"))
        (root / name / "resources.json").write_text(json.dumps(TINY_STANZA_RESOURCES), encoding="utf-8")
        dirs[name] = root / name
    return dirs


def test_real_stanza_pipeline_tags_through_the_adapter(tiny_stanza, offline):
    constant = load_backend("stanza", str(tiny_stanza["S-LOC"]), allow_pickle=True)
    header = "Astana Times\n"
    doc = _doc(header + EN_TEXT)
    doc.mask(0, len(header) - 1)
    spans = constant(doc)
    # Every stanza token of the unmasked text is a PLACE: offsets land on whole words.
    expected = [(m.start() + len(header), m.end() + len(header)) for m in WORD.finditer(EN_TEXT)]
    assert [(s.start, s.end) for s in spans] == expected and {s.label for s in spans} == {"PLACE"}
    random_model = load_backend("stanza", str(tiny_stanza["random"]), allow_pickle=True)
    spans = random_model(_doc(EN_TEXT))
    parsed = random_model.pipeline("en")(EN_TEXT)  # the real stanza.Pipeline, built once
    assert spans == stanza_spans(parsed, 0, EN_TEXT)
    for span in spans:
        assert span.label in OUR_TYPES and 0 <= span.start < span.end <= len(EN_TEXT)


@pytest.mark.slow
def test_pipeline_with_a_real_tiny_stanza_model(tiny_stanza):
    from edunews_nlp.pipeline import Pipeline

    text = EN_TEXT + " Volunteers from Zhelkorgan helped."
    doc = Pipeline(ner_backend="stanza", ner_model=str(tiny_stanza["S-LOC"]), allow_pickle=True)(text, lang="en")
    assert not [w for w in doc.warnings if "NER" in w], doc.warnings
    assert doc.model_spans and all(m.label == "PLACE" for m in doc.model_spans)
    assert ("Zhelkorgan", "PLACE") in {(e.text, e.type) for e in doc.entities}
    assert any(e.type == "ORG" and e.text.startswith("Ministry of Education") for e in doc.entities)
    for ent in doc.entities:
        assert doc.text[ent.start:ent.end] == ent.text
