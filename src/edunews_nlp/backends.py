"""Optional NER backends: a stanza model directory or a Hugging Face token-classification
checkpoint, run in place of the default statistical NER (docs/backends.md).

`load_backend(name, model_path, allow_pickle=False)` returns a callable
`(Document) -> list[segment.ModelSpan]` whose labels are already our entity types
(PERSON, PLACE, ORG; PROGRAMME for a model trained on it). The entities stage then runs the
gazetteer, programme-trigger and official rules on top, as for the default models.

Both backends work offline only: they read a local directory and never download. A wrong
path, a wrong kind of model or a missing optional dependency is a `BackendError`
(a ValueError) or a `BackendImportError` (an ImportError) with one sentence that says what
to pass or install. torch, transformers and stanza are imported only here, and only when a
backend is loaded.
"""

from __future__ import annotations

import contextlib
import functools
import pathlib
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from . import datafiles
from .segment import CHUNK_CHARS, ModelSpan, chunk_bounds, strip_span

BACKENDS = ("stanza", "transformers")
LABEL_FILE = "backend_labels.yaml"

INSTALL_HINT = {
    "stanza": "the stanza backend needs: pip install 'edunews-nlp[stanza]' (with the CPU build of torch)",
    "transformers": "the transformers backend needs: pip install 'edunews-nlp[transformers]' "
                    "(with the CPU build of torch)",
}

# Windows of the transformers backend: at most this many tokens (the model's own limit if
# smaller), consecutive windows overlapping by a quarter of that, this many windows a batch.
MAX_WINDOW = 512
BATCH_WINDOWS = 8

_GENERIC_LABEL = re.compile(r"^LABEL_\d+$")
_TAG = re.compile(r"^([^-_]+)[-_](.+)$")
_SAFE_WEIGHTS = ("*.safetensors",)
_PICKLE_WEIGHTS = ("*.bin", "*.pt", "*.pth", "*.ckpt", "*.pkl")
_TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "vocab.json", "spiece.model",
                    "sentencepiece.bpe.model", "tokenizer.model")


class BackendError(ValueError):
    """A backend cannot be loaded from what was passed (path, kind of model, labels)."""


class BackendImportError(ImportError):
    """The optional dependencies of a backend are not installed."""


def load_backend(name: str, model_path, *, allow_pickle: bool = False) -> Callable[[object], list[ModelSpan]]:
    """The NER backend `name` ("stanza" or "transformers") loaded from the local directory
    `model_path`. `allow_pickle` lets a backend load pickle weights (the transformers
    backend's pytorch_model.bin; every stanza model, whose .pt files are pickles), which can
    run arbitrary code: pass it for models you trust."""
    if name not in BACKENDS:
        raise BackendError(f"unknown NER backend {name!r}: use one of {', '.join(BACKENDS)}")
    path = _model_dir(name, model_path)
    if name == "stanza":
        return StanzaBackend(path, allow_pickle=allow_pickle)
    return TransformersBackend(path, allow_pickle=allow_pickle)


def _model_dir(name: str, model_path) -> pathlib.Path:
    what = "a stanza resources directory" if name == "stanza" else "a Hugging Face checkpoint directory"
    if model_path is None or str(model_path).strip() == "":
        raise BackendError(f"the {name} backend needs ner_model (--ner-model DIR), the path of {what}")
    path = pathlib.Path(model_path).expanduser()
    if not path.exists():
        raise BackendError(f"the {name} model directory {str(path)!r} does not exist: pass {what}")
    if not path.is_dir():
        raise BackendError(f"the {name} model path {str(path)!r} is not a directory: pass {what}")
    return path


# --- label maps ----------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def label_maps() -> dict:
    return datafiles.load(LABEL_FILE)


def stanza_type(label: str) -> str | None:
    """Our entity type for a stanza entity type ("PER", "GPE", ...), None to drop it."""
    return label_maps()["stanza"].get(str(label).upper())


@functools.lru_cache(maxsize=4096)
def split_tag(tag: str) -> tuple[str | None, str | None]:
    """("B", "PER") for "B-PER"; (None, "PER") for IO-style "PER"; (None, None) for "O"."""
    tags = label_maps()["transformers"]
    tag = str(tag).strip()
    if tag.upper() in tags["outside"] or tag == "":
        return None, None
    m = _TAG.match(tag)
    if m and m.group(1).upper() in tags["prefixes"]:
        return m.group(1).upper(), m.group(2).upper()
    return None, tag.upper()


def transformers_type(entity_type: str | None) -> str | None:
    """Our entity type for the type part of a BIO tag ("PER" of "B-PER"), None to drop it."""
    if entity_type is None:
        return None
    return label_maps()["transformers"]["types"].get(entity_type.upper())


def check_labels(id2label: dict, where: str) -> dict[int, str]:
    """The model's id2label as {int: tag}; refuses generic names (LABEL_0) and label sets
    that give none of our types."""
    labels = {int(k): str(v) for k, v in (id2label or {}).items()}
    if not labels:
        raise BackendError(f"{where} has no id2label: the token-classification model must name its BIO tags")
    generic = sorted(v for v in labels.values() if _GENERIC_LABEL.match(v))
    if generic:
        raise BackendError(
            f"{where} names its labels {', '.join(generic[:3])}{', ...' if len(generic) > 3 else ''} "
            "instead of BIO tags: set id2label in config.json to the tags the model was trained on "
            "(e.g. {\"0\": \"O\", \"1\": \"B-PER\", ...}) so that they can be mapped to entity types")
    if not any(transformers_type(split_tag(v)[1]) for v in labels.values()):
        raise BackendError(
            f"none of the labels of {where} ({', '.join(sorted(set(labels.values()))[:8])}) maps to "
            f"PERSON, PLACE or ORG: see edunews_nlp/data/{LABEL_FILE}")
    return labels


# --- BIO decoding and windows (pure functions, unit-tested) --------------------------------
def decode_bio(words: Iterable[tuple[int, int, str]], text: str | None = None) -> list[ModelSpan]:
    """Entity spans from (start, end, tag) items in text order, tags in BIO/IOB2/BIOES/IO.

    An I- (or E-) tag continues the open span of the same type and otherwise starts one
    (a model's I- without B- is not lost); B-/S- always start one; O ends it. A span never
    runs across a line break of `text`. Types are mapped to ours; spans of other types
    (MISC, DATE, ...) are dropped, and spans are trimmed of surrounding whitespace."""
    spans: list[list] = []  # [start, end, raw type]
    open_span: list | None = None
    for start, end, tag in words:
        prefix, type_ = split_tag(tag)
        if type_ is None:
            open_span = None
            continue
        continues = (open_span is not None and open_span[2] == type_ and prefix not in ("B", "S", "U")
                     and (text is None or "\n" not in text[open_span[1]:start]))
        if continues:
            open_span[1] = max(open_span[1], end)
        else:
            open_span = [start, end, type_]
            spans.append(open_span)
        if prefix in ("E", "L", "S", "U"):
            open_span = None
    out = []
    for start, end, raw in spans:
        label = transformers_type(raw)
        if label is None:
            continue
        if text is not None:
            start, end = strip_span(text, start, end)
        if end > start:
            out.append(ModelSpan(start, end, label))
    return out


def windows(n_tokens: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """[start, end) token ranges of at most `size` tokens covering 0..n_tokens, consecutive
    ones overlapping by `overlap` tokens (the last one is moved back to end at n_tokens)."""
    if size < 1:
        raise ValueError("window size must be positive")
    overlap = max(0, min(overlap, size - 1))
    if n_tokens <= size:
        return [(0, n_tokens)] if n_tokens else []
    step = size - overlap
    out = []
    start = 0
    while True:
        if start + size >= n_tokens:
            out.append((max(0, n_tokens - size), n_tokens))
            break
        out.append((start, start + size))
        start += step
    return out


def merge_windows(n_tokens: int, spans: Sequence[tuple[int, int]], predictions: Sequence[Sequence]) -> list:
    """One prediction per token from overlapping windows: a token seen by several windows
    takes the prediction of the window where it is farthest from an edge (ties: the earlier
    window). `predictions[k][i]` is the prediction for token spans[k][0] + i."""
    best: list = [None] * n_tokens
    margin = [-1] * n_tokens
    for (start, end), preds in zip(spans, predictions):
        if len(preds) != end - start:
            raise ValueError(f"window {start}:{end} has {len(preds)} predictions")
        for i in range(start, end):
            m = min(i - start, end - 1 - i)
            if m > margin[i]:
                margin[i], best[i] = m, preds[i - start]
    if any(m < 0 for m in margin):
        raise ValueError("the windows do not cover every token")
    return best


def word_items(offsets: Sequence[tuple[int, int]], word_ids: Sequence[int | None], tags: Sequence[str]
               ) -> list[tuple[int, int, str]]:
    """Word pieces → words: (start, end, tag) per word, the span of all its pieces and the
    tag of its first piece. Pieces with no word id, or an empty offset, stand alone/are skipped."""
    items: list[list] = []
    last_word = object()
    for (start, end), word, tag in zip(offsets, word_ids, tags):
        if end <= start:
            continue
        if word is not None and word == last_word and items:
            items[-1][1] = max(items[-1][1], end)
        else:
            items.append([start, end, tag])
        last_word = word if word is not None else object()
    return [tuple(x) for x in items]


# --- transformers --------------------------------------------------------------------------
def _import_transformers():
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:
        raise BackendImportError(f"{INSTALL_HINT['transformers']} ({exc})") from exc
    return torch, transformers


def _weight_files(path: pathlib.Path) -> tuple[list[str], list[str]]:
    safe = sorted({p.name for pattern in _SAFE_WEIGHTS for p in path.glob(pattern)})
    pickle = sorted({p.name for pattern in _PICKLE_WEIGHTS for p in path.glob(pattern)}
                    - {"training_args.bin", "optimizer.pt", "scheduler.pt", "rng_state.pth"})
    return safe, pickle


class TransformersBackend:
    """A local Hugging Face token-classification checkpoint run on CPU, in windows of at most
    the model's length that overlap by a quarter; labels decoded word by word (first piece)."""

    def __init__(self, path, allow_pickle: bool = False, batch_windows: int = BATCH_WINDOWS):
        path = _model_dir("transformers", path)
        self.path = path
        self.batch_windows = batch_windows
        config_file = path / "config.json"
        if not config_file.is_file():
            raise BackendError(f"{str(path)!r} has no config.json, so it is not a Hugging Face checkpoint directory: "
                               "save one with model.save_pretrained(DIR) and tokenizer.save_pretrained(DIR)")
        safe, pickle = _weight_files(path)
        if not safe and not pickle:
            raise BackendError(f"{str(path)!r} holds no model weights (model.safetensors): "
                               "pass the directory that model.save_pretrained wrote")
        if not safe and not allow_pickle:
            raise BackendError(
                f"{str(path)!r} has only pickle weights ({', '.join(pickle)}), which can run code when loaded: "
                "convert them to model.safetensors, or pass allow_pickle=True (--allow-pickle) for a checkpoint you trust")
        torch, transformers = _import_transformers()
        self._torch = torch
        common = {"local_files_only": True, "trust_remote_code": False}
        try:
            config = transformers.AutoConfig.from_pretrained(str(path), **common)
        except Exception as exc:  # noqa: BLE001 - transformers raises ValueError/OSError/KeyError
            raise BackendError(f"cannot read {config_file}: {_first_line(exc)}") from exc
        architectures = list(getattr(config, "architectures", None) or [])
        if architectures and not any(a.endswith("ForTokenClassification") for a in architectures):
            raise BackendError(f"{str(path)!r} is a {', '.join(architectures)} checkpoint, not a token-classification "
                               "(NER) model: pass a *ForTokenClassification checkpoint")
        self.id2label = check_labels(getattr(config, "id2label", None), str(config_file))
        # transformers 5 builds an empty tokenizer when there are no tokenizer files.
        if not any((path / name).is_file() for name in _TOKENIZER_FILES):
            raise BackendError(f"{str(path)!r} has no tokenizer files (tokenizer.json): "
                               "save them there with tokenizer.save_pretrained(DIR)")
        try:
            self.tokenizer = transformers.AutoTokenizer.from_pretrained(str(path), **common)
        except Exception as exc:  # noqa: BLE001
            raise BackendError(f"cannot load the tokenizer from {str(path)!r} ({_first_line(exc)}): "
                               "save it there with tokenizer.save_pretrained(DIR)") from exc
        if not getattr(self.tokenizer, "is_fast", False):
            raise BackendError(f"the tokenizer in {str(path)!r} is not a fast tokenizer (tokenizer.json), "
                               "which the backend needs for character offsets")
        try:
            with _no_progress_bar(transformers):
                model = transformers.AutoModelForTokenClassification.from_pretrained(
                    str(path), use_safetensors=bool(safe), **common)
        except Exception as exc:  # noqa: BLE001
            raise BackendError(f"cannot load a token-classification model from {str(path)!r}: "
                               f"{_first_line(exc)}") from exc
        if next(model.parameters()).dtype in (torch.float16, torch.bfloat16):
            model = model.float()
        self.model = model.to("cpu").eval()
        self.window = self._window_length(config)
        self.prefix, self.suffix = self._special_tokens()
        self.content = self.window - len(self.prefix) - len(self.suffix)
        if self.content < 2:
            raise BackendError(f"the model in {str(path)!r} has a window of {self.window} tokens, too short to tag text")
        self.overlap = self.window // 4
        pad = self.tokenizer.pad_token_id
        self.pad_id = pad if pad is not None else 0

    def _window_length(self, config) -> int:
        limits = [MAX_WINDOW]
        tokenizer_max = getattr(self.tokenizer, "model_max_length", None)
        if isinstance(tokenizer_max, int) and 0 < tokenizer_max < 1_000_000:
            limits.append(tokenizer_max)
        positions = getattr(config, "max_position_embeddings", None)
        if isinstance(positions, int) and positions > 0:
            if getattr(config, "model_type", "") in ("roberta", "xlm-roberta", "camembert", "xlm-roberta-xl"):
                positions -= (getattr(config, "pad_token_id", 1) or 1) + 1  # positions start after padding_idx
            limits.append(positions)
        return min(limits)

    def _special_tokens(self) -> tuple[list[int], list[int]]:
        """The ids the tokenizer puts before and after a single sequence ([CLS] … [SEP])."""
        sample = "word"
        bare = self.tokenizer(sample, add_special_tokens=False)["input_ids"]
        full = self.tokenizer(sample, add_special_tokens=True)["input_ids"]
        for k in range(len(full) - len(bare) + 1):
            if full[k:k + len(bare)] == bare:
                return list(full[:k]), list(full[k + len(bare):])
        return [], []

    def __call__(self, doc) -> list[ModelSpan]:
        return self.tag(doc.analysis_text)

    def tag(self, text: str) -> list[ModelSpan]:
        """Entity spans of `text` (character offsets into it), labels of our types."""
        if not text.strip():
            return []
        encoding = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        ids = list(encoding["input_ids"])
        offsets = [tuple(o) for o in encoding["offset_mapping"]]
        try:
            word_ids = encoding.word_ids()
        except Exception:  # noqa: BLE001 - tokenizers without word ids: each piece is a word
            word_ids = list(range(len(ids)))
        spans = windows(len(ids), self.content, self.overlap)
        predictions = self._predict([ids[s:e] for s, e in spans])
        labels = merge_windows(len(ids), spans, predictions)
        tags = [self.id2label.get(int(label), "O") for label in labels]
        return decode_bio(word_items(offsets, word_ids, tags), text)

    def _predict(self, chunks: list[list[int]]) -> list[list[int]]:
        """Label ids per content token of each window, run in batches."""
        torch = self._torch
        out: list[list[int]] = []
        before = len(self.prefix)
        for b in range(0, len(chunks), self.batch_windows):
            batch = [self.prefix + c + self.suffix for c in chunks[b:b + self.batch_windows]]
            width = max(len(x) for x in batch)
            input_ids = torch.tensor([x + [self.pad_id] * (width - len(x)) for x in batch], dtype=torch.long)
            mask = torch.tensor([[1] * len(x) + [0] * (width - len(x)) for x in batch], dtype=torch.long)
            with torch.inference_mode():
                logits = self.model(input_ids=input_ids, attention_mask=mask).logits
            best = logits.argmax(-1).tolist()
            for row, chunk in zip(best, chunks[b:b + self.batch_windows]):
                out.append(row[before:before + len(chunk)])
        return out


@contextlib.contextmanager
def _no_progress_bar(transformers):
    """transformers 5 shows a progress bar while it loads weights: not on a batch run's stderr."""
    logging = getattr(getattr(transformers, "utils", None), "logging", None)
    enabled = getattr(logging, "is_progress_bar_enabled", lambda: False)()
    if enabled:
        logging.disable_progress_bar()
    try:
        yield
    finally:
        if enabled:
            logging.enable_progress_bar()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


# --- stanza --------------------------------------------------------------------------------
def _import_stanza():
    try:
        import stanza
    except ImportError as exc:
        raise BackendImportError(f"{INSTALL_HINT['stanza']} ({exc})") from exc
    return stanza


def stanza_spans(parsed, offset: int = 0, text: str | None = None) -> list[ModelSpan]:
    """ModelSpans of a stanza Document's entities (ent.start_char/end_char, relative to the
    text stanza was given, shifted by `offset`); types mapped to ours, others dropped."""
    out = []
    for ent in parsed.ents:
        label = stanza_type(ent.type)
        if label is None or ent.start_char is None or ent.end_char is None:
            continue
        start, end = offset + ent.start_char, offset + ent.end_char
        if text is not None:
            start, end = strip_span(text, start, end)
        if end > start:
            out.append(ModelSpan(start, end, label))
    return out


@dataclass
class _Failed:
    error: Exception


class StanzaBackend:
    """A stanza resources directory (resources.json, en/…, ru/…, as stanza.download(...,
    model_dir=DIR) leaves it). One stanza pipeline (tokenize, ner) per language, built on
    the first document in that language, never downloading, on CPU."""

    def __init__(self, path, pipeline_factory: Callable[[str], object] | None = None, allow_pickle: bool = False):
        path = _model_dir("stanza", path)
        self.path = path
        if not (path / "resources.json").is_file():
            raise BackendError(f"{str(path)!r} has no resources.json, so it is not a stanza resources directory: "
                               "pass the model_dir given to stanza.download(lang, model_dir=DIR, processors='tokenize,ner')")
        if not self.ner_languages():
            raise BackendError(f"{str(path)!r} has no stanza NER model (DIR/en/ner/*.pt or DIR/ru/ner/*.pt): "
                               "fetch one with stanza.download('en', model_dir=DIR, processors='tokenize,ner')")
        if pipeline_factory is None:
            _import_stanza()
        if not allow_pickle:
            # stanza's .pt models are Python pickles (torch.load): loading one can run code.
            raise BackendError(f"{str(path)!r} holds stanza models, which are pickle (.pt) files and can run code "
                               "when loaded: pass allow_pickle=True (--allow-pickle) for models you trust")
        self._factory = pipeline_factory or self._stanza_pipeline
        self._pipelines: dict[str, object] = {}

    def ner_languages(self) -> list[str]:
        return sorted(p.parent.name for p in self.path.glob("*/ner") if p.is_dir() and any(p.iterdir()))

    def _stanza_pipeline(self, lang: str):
        stanza = _import_stanza()
        return stanza.Pipeline(lang=lang, dir=str(self.path), processors="tokenize,ner", download_method=None,
                               use_gpu=False, logging_level="WARN")

    def pipeline(self, lang: str):
        if lang not in self._pipelines:
            if lang not in self.ner_languages():
                self._pipelines[lang] = _Failed(BackendError(
                    f"{str(self.path)!r} has no stanza NER model for {lang!r} (DIR/{lang}/ner/*.pt): fetch one with "
                    f"stanza.download({lang!r}, model_dir=DIR, processors='tokenize,ner')"))
            else:
                try:
                    self._pipelines[lang] = self._factory(lang)
                except Exception as exc:  # noqa: BLE001 - stanza raises FileNotFoundError, ValueError, ...
                    self._pipelines[lang] = _Failed(BackendError(
                        f"cannot build the stanza {lang!r} pipeline from {str(self.path)!r}: {_first_line(exc)}"))
                    self._pipelines[lang].error.__cause__ = exc
        found = self._pipelines[lang]
        if isinstance(found, _Failed):
            raise found.error
        return found

    def __call__(self, doc) -> list[ModelSpan]:
        text = doc.analysis_text
        if not text.strip():
            return []
        nlp = self.pipeline(doc.lang)
        spans: list[ModelSpan] = []
        for start, end in chunk_bounds(text, CHUNK_CHARS):
            if text[start:end].strip():
                spans.extend(stanza_spans(nlp(text[start:end]), start, text))
        return spans
