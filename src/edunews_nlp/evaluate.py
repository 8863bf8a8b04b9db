"""Score extraction results against a gold file (format: shared/ANNOTATION.md).

    python -m edunews_nlp.evaluate GOLD.jsonl ARTICLES_DIR [--json] [--errors]

`score()` is the pure part: gold records and predicted `Document.to_dict()` results in,
a `Report` out. `run()` reads the articles, runs the pipeline (timed) and scores it.
`format_table()` / `format_errors()` render a report for the terminal; the table always
ends with one `summary:` line so scripts can `tail -1` it.

An article that could not be scored normally (file missing or unreadable, the pipeline
raised, an error record instead of a result) is listed in `Report.errors` and scored
as an empty prediction, so that failures lower the figures instead of hiding.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from edunews_nlp.document import ENTITY_TYPES
# The project's headline entity figure: the types claims are built from.
HEADLINE_TYPES = ("OFFICIAL", "PLACE", "PROGRAMME")
CLAIM_KEYS = ("programme", "place", "official", "year", "modality")
ENTITY_CLAIM_KEYS = ("programme", "place", "official")

_QUOTES = "«»“”„‟\"'’‘‚‛‹›"
_DASHES = "‐‑‒–—―−﹘﹣－"
_SURFACE_TABLE = str.maketrans({**{q: None for q in _QUOTES}, **{d: "-" for d in _DASHES}})
_RELATIVE_TOLERANCE = 1e-6


# -- counting --------------------------------------------------------------------------------


@dataclass
class Counts:
    """Precision/recall counts. For claim keys: tp = hits, pred = system fills, gold = gold fills.

    A rate with nothing under it (no predictions, no gold) is None, not 0 or 1.
    """

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float | None:
        return self.tp / self.pred if self.pred else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        if self.pred == 0 and self.gold == 0:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "pred": self.pred, "gold": self.gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def add(self, right: bool) -> None:
        self.total += 1
        self.correct += int(right)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass
class ArticleResult:
    """What went wrong in one article, for `format_errors()`."""

    id: str
    gold_lang: str | None = None
    pred_lang: str | None = None
    error: str | None = None
    missed_entities: list[tuple[str, str]] = field(default_factory=list)
    false_entities: list[tuple[str, str]] = field(default_factory=list)
    # (gold type, predicted type, surface) for false mentions that a missed gold mention explains
    confusions: list[tuple[str, str, str]] = field(default_factory=list)
    missed_quantities: list[dict] = field(default_factory=list)
    false_quantities: list[dict] = field(default_factory=list)
    subject_errors: list[dict] = field(default_factory=list)
    claim_errors: list[dict] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return bool(self.error or self.gold_lang != self.pred_lang or self.missed_entities
                    or self.false_entities or self.missed_quantities or self.false_quantities
                    or self.subject_errors or self.claim_errors)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "gold_lang": self.gold_lang,
            "pred_lang": self.pred_lang,
            "error": self.error,
            "missed_entities": [list(e) for e in self.missed_entities],
            "false_entities": [list(e) for e in self.false_entities],
            "confusions": [list(c) for c in self.confusions],
            "missed_quantities": self.missed_quantities,
            "false_quantities": self.false_quantities,
            "subject_errors": self.subject_errors,
            "claim_errors": self.claim_errors,
        }


@dataclass
class Report:
    entities: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in ENTITY_TYPES})
    entities_all: Counts = field(default_factory=Counts)
    entities_headline: Counts = field(default_factory=Counts)  # OFFICIAL + PLACE + PROGRAMME
    type_confusion: Counter = field(default_factory=Counter)  # (gold type, predicted type) -> n
    quantities: Counts = field(default_factory=Counts)
    subject: Accuracy = field(default_factory=Accuracy)
    claim_keys: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in CLAIM_KEYS})
    claims_all: Counts = field(default_factory=Counts)
    language: Accuracy = field(default_factory=Accuracy)
    chars: int = 0
    seconds: float = 0.0
    articles: list[ArticleResult] = field(default_factory=list)

    @property
    def chars_per_s(self) -> float | None:
        return self.chars / self.seconds if self.seconds > 0 else None

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(a.id, a.error) for a in self.articles if a.error]

    def summary(self) -> dict[str, float | int | None]:
        return {
            "entity_f1_opp": self.entities_headline.f1,
            "entity_f1_all": self.entities_all.f1,
            "quantity_f1": self.quantities.f1,
            "subject_acc": self.subject.value,
            "claim_f1": self.claims_all.f1,
            "lang_acc": self.language.value,
            "chars_per_s": self.chars_per_s,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": len(self.articles),
            "errors": [{"id": i, "error": e} for i, e in self.errors],
            "summary": self.summary(),
            "entities": {
                **{t: c.to_dict() for t, c in self.entities.items()},
                "micro_all": self.entities_all.to_dict(),
                "micro_opp": self.entities_headline.to_dict(),
            },
            "type_confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.type_confusion.items())},
            "quantities": self.quantities.to_dict(),
            "subject": self.subject.to_dict(),
            "claims": {**{k: c.to_dict() for k, c in self.claim_keys.items()},
                       "all": self.claims_all.to_dict()},
            "language": self.language.to_dict(),
            "speed": {"chars": self.chars, "seconds": self.seconds, "chars_per_s": self.chars_per_s},
            "per_article": [a.to_dict() for a in self.articles],
        }


# -- normalisation ---------------------------------------------------------------------------


def normalise_surface(text: str) -> str:
    """The form in which entity surfaces are compared: quotes, dashes, spacing, case and a
    leading "the" do not count (gold copies the text; systems may keep quotes or articles)."""
    text = unicodedata.normalize("NFKC", text).translate(_SURFACE_TABLE)
    text = " ".join(text.split()).casefold()
    return text[4:] if text.startswith("the ") else text


def normalise_subject(text: str | None) -> str | None:
    return None if text is None else " ".join(str(text).split()).casefold()


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _close(gold: Any, predicted: Any) -> bool:
    if not (_is_number(gold) and _is_number(predicted)):
        return False
    return math.isclose(gold, predicted, rel_tol=_RELATIVE_TOLERANCE, abs_tol=1e-12)


# -- entities --------------------------------------------------------------------------------


def _mention_counter(pairs: Iterable[tuple[str, str]], originals: dict) -> Counter:
    counter: Counter = Counter()
    for entity_type, surface in pairs:
        key = (entity_type, normalise_surface(surface))
        originals.setdefault(key, surface)
        counter[key] += 1
    return counter


def _score_entities(gold_record: dict, predicted: dict, report: Report, article: ArticleResult) -> None:
    gold_originals: dict = {}
    pred_originals: dict = {}
    gold = _mention_counter(((t, s) for t, s in gold_record.get("entities") or []), gold_originals)
    pred = _mention_counter(((e.get("type"), e.get("text") or "") for e in predicted.get("entities") or []),
                            pred_originals)
    for entity_type in ENTITY_TYPES:
        counts = Counts(
            tp=sum(min(n, pred[k]) for k, n in gold.items() if k[0] == entity_type),
            pred=sum(n for k, n in pred.items() if k[0] == entity_type),
            gold=sum(n for k, n in gold.items() if k[0] == entity_type),
        )
        report.entities[entity_type].add(counts)
        report.entities_all.add(counts)
        if entity_type in HEADLINE_TYPES:
            report.entities_headline.add(counts)

    missed, false = gold - pred, pred - gold
    article.missed_entities = [(k[0], gold_originals[k]) for k, n in missed.items() for _ in range(n)]
    article.false_entities = [(k[0], pred_originals[k]) for k, n in false.items() for _ in range(n)]
    # A confusion is a false mention that a missed gold mention of another type explains;
    # each missed mention explains at most one.
    unexplained = Counter(missed)
    for (pred_type, surface), n in false.items():
        for gold_type in ENTITY_TYPES:
            if gold_type == pred_type or n == 0:
                continue
            k = min(n, unexplained[(gold_type, surface)])
            if k:
                unexplained[(gold_type, surface)] -= k
                n -= k
                report.type_confusion[(gold_type, pred_type)] += k
                article.confusions += [(gold_type, pred_type, pred_originals[(pred_type, surface)])] * k


# -- quantities ------------------------------------------------------------------------------


def same_amount(gold_quantity: dict, predicted_quantity: dict) -> bool:
    """Same unit and value; a gold [low, high] range needs a predicted range (value null)."""
    if gold_quantity.get("unit") != predicted_quantity.get("unit"):
        return False
    value = gold_quantity.get("value")
    if isinstance(value, (list, tuple)):
        return (len(value) == 2 and predicted_quantity.get("value") is None
                and _close(value[0], predicted_quantity.get("low"))
                and _close(value[1], predicted_quantity.get("high")))
    return _close(value, predicted_quantity.get("value"))


def match_quantities(gold_quantities: list[dict], predicted_quantities: list[dict]) -> dict[int, int]:
    """One-to-one gold index -> predicted index, greedy in text order.

    The first pass pairs only predictions whose text also equals the gold text, so that a
    gold "1,000" is not paired with a "1 thousand" elsewhere when a "1,000" was predicted.
    """
    def position(i: int):
        start = predicted_quantities[i].get("start")
        return (start if _is_number(start) else math.inf, i)

    order = sorted(range(len(predicted_quantities)), key=position)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for need_same_text in (True, False):
        for g, gold_quantity in enumerate(gold_quantities):
            if g in pairs:
                continue
            gold_text = normalise_surface(str(gold_quantity.get("text") or ""))
            for p in order:
                candidate = predicted_quantities[p]
                if p in used or not same_amount(gold_quantity, candidate):
                    continue
                if need_same_text and normalise_surface(str(candidate.get("text") or "")) != gold_text:
                    continue
                pairs[g] = p
                used.add(p)
                break
    return pairs


def _describe_quantity(quantity: dict) -> dict:
    keep = ("text", "value", "low", "high", "unit", "subject")
    return {k: quantity.get(k) for k in keep if k in quantity}


# -- claims ----------------------------------------------------------------------------------


def _fills(key: str, value: Any) -> bool:
    """Slot filling: null (and "fact" for modality) is the empty value."""
    if value is None or value == "":
        return False
    return not (key == "modality" and value == "fact")


def _claim_year(claim: dict) -> int | None:
    start = (claim.get("time") or {}).get("start")
    if isinstance(start, str) and start[:4].isdigit():
        return int(start[:4])
    return None


def _predicted_slot(key: str, claim: dict | None) -> Any:
    if claim is None:
        return None
    return _claim_year(claim) if key == "year" else claim.get(key)


def _slot_hit(key: str, gold_value: Any, predicted_value: Any, ids_by_surface: dict[str, set]) -> bool:
    if key in ENTITY_CLAIM_KEYS:
        # The prediction names entities by id: right when its id is the one it gives to a
        # mention with the gold surface anywhere in the article.
        return predicted_value in ids_by_surface.get(normalise_surface(str(gold_value)), set())
    if key == "year":
        try:
            return int(gold_value) == predicted_value
        except (TypeError, ValueError):
            return False
    return gold_value == predicted_value


def _score_claim_keys(gold_quantity: dict, claim: dict | None, ids_by_surface: dict[str, set],
                      surfaces_by_id: dict[str, str], report: Report, article: ArticleResult) -> None:
    for key in CLAIM_KEYS:
        if key not in gold_quantity:  # not annotated
            continue
        gold_value = gold_quantity[key]
        predicted_value = _predicted_slot(key, claim)
        gold_fills, system_fills = _fills(key, gold_value), _fills(key, predicted_value)
        hit = gold_fills and system_fills and _slot_hit(key, gold_value, predicted_value, ids_by_surface)
        counts = Counts(tp=int(hit), pred=int(system_fills), gold=int(gold_fills))
        report.claim_keys[key].add(counts)
        report.claims_all.add(counts)
        if (gold_fills or system_fills) and not hit:
            error = {"text": gold_quantity.get("text"), "key": key,
                     "gold": gold_value, "predicted": predicted_value}
            if key in ENTITY_CLAIM_KEYS and predicted_value is not None:
                error["predicted_surface"] = surfaces_by_id.get(predicted_value)
            article.claim_errors.append(error)


def _score_quantities(gold_record: dict, predicted: dict, report: Report, article: ArticleResult) -> None:
    gold_quantities = list(gold_record.get("quantities") or [])
    predicted_quantities = list(predicted.get("quantities") or [])
    pairs = match_quantities(gold_quantities, predicted_quantities)
    report.quantities.add(Counts(tp=len(pairs), pred=len(predicted_quantities), gold=len(gold_quantities)))
    article.missed_quantities = [_describe_quantity(q) for g, q in enumerate(gold_quantities) if g not in pairs]
    matched = set(pairs.values())
    article.false_quantities = [_describe_quantity(q) for p, q in enumerate(predicted_quantities)
                                if p not in matched]

    claim_by_quantity: dict[int, dict] = {}
    for claim in predicted.get("claims") or []:
        index = claim.get("quantity")
        if isinstance(index, int):
            claim_by_quantity.setdefault(index, claim)
    ids_by_surface: dict[str, set] = {}
    surfaces_by_id: dict[str, str] = {}
    for entity in predicted.get("entities") or []:
        if entity.get("id") is not None:
            ids_by_surface.setdefault(normalise_surface(entity.get("text") or ""), set()).add(entity["id"])
            surfaces_by_id.setdefault(entity["id"], entity.get("text"))

    for g, p in sorted(pairs.items()):
        gold_quantity, predicted_quantity = gold_quantities[g], predicted_quantities[p]
        claim = claim_by_quantity.get(p)
        _score_subject(gold_quantity, predicted_quantity, claim, report, article)
        _score_claim_keys(gold_quantity, claim, ids_by_surface, surfaces_by_id, report, article)


def _score_subject(gold_quantity: dict, predicted_quantity: dict, claim: dict | None,
                   report: Report, article: ArticleResult) -> None:
    # The quantity carries the subject; a claim's subject is used only if the quantity has no
    # such field at all (an explicit null stays null).
    if "subject" in predicted_quantity:
        predicted = predicted_quantity["subject"]
    else:
        predicted = (claim or {}).get("subject")
    gold = gold_quantity.get("subject")
    if gold is None:
        right = predicted is None
    else:
        right = normalise_subject(predicted) in {normalise_subject(a) for a in str(gold).split("|")}
    report.subject.add(right)
    if not right:
        article.subject_errors.append({"text": gold_quantity.get("text"), "gold": gold, "predicted": predicted})


# -- scoring ---------------------------------------------------------------------------------


def score(gold_records: list[dict], predictions: dict[str, dict]) -> Report:
    """Score predicted results (id -> Document.to_dict(), plus optional "seconds"/"chars")."""
    report = Report()
    for record in gold_records:
        article_id = record.get("id")
        article = ArticleResult(id=article_id, gold_lang=record.get("lang"))
        predicted = predictions.get(article_id)
        if predicted is None:
            article.error = "no prediction"
            predicted = {}
        elif predicted.get("error"):
            article.error = _describe_error(predicted["error"])
            predicted = {}
        article.pred_lang = predicted.get("lang")
        report.language.add(article.gold_lang == article.pred_lang)
        _score_entities(record, predicted, report, article)
        _score_quantities(record, predicted, report, article)
        if _is_number(predicted.get("seconds")) and _is_number(predicted.get("chars")):
            report.seconds += predicted["seconds"]
            report.chars += predicted["chars"]
        report.articles.append(article)
    return report


def _describe_error(error: Any) -> str:
    if isinstance(error, dict):
        return ": ".join(str(error[k]) for k in ("type", "message") if error.get(k))
    return str(error)


# -- running the pipeline --------------------------------------------------------------------


class GoldFileError(ValueError):
    """The gold file cannot be read as JSON lines."""


def read_gold(gold_path: str | Path) -> list[dict]:
    records = []
    with open(gold_path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFileError(f"{gold_path}:{number}: not JSON ({exc})") from None
            if not isinstance(record, dict) or "id" not in record:
                raise GoldFileError(f"{gold_path}:{number}: not a gold record with an id")
            records.append(record)
    return records


def _article_path(record: dict, articles_dir: Path) -> Path:
    return articles_dir / Path(record.get("file") or f"{record['id']}.txt").name


def _read_article(record: dict, articles_dir: Path) -> str | None:
    try:
        return _article_path(record, articles_dir).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _warm_up(extract: Callable, records: list[dict], articles_dir: Path) -> None:
    """One untimed call per language so model loading does not count as extraction time."""
    seen: set = set()
    for record in records:
        if record.get("lang") in seen:
            continue
        text = _read_article(record, articles_dir)
        if text is None:
            continue
        seen.add(record.get("lang"))
        try:
            extract(text)
        except Exception:  # the timed call reports it
            pass


def run(gold_path: str | Path, articles_dir: str | Path, *,
        extract: Callable[[str], Any] | None = None, warm_up: bool = True) -> Report:
    """Run `extract` (default: edunews_nlp.extract) on each gold article, timed, and score it."""
    records = read_gold(gold_path)  # first, so a bad gold file fails before models load
    if extract is None:
        from edunews_nlp import extract  # lazily: scoring alone needs no pipeline
    articles_dir = Path(articles_dir)
    if warm_up:
        _warm_up(extract, records, articles_dir)
    predictions: dict[str, dict] = {}
    for record in records:
        path = _article_path(record, articles_dir)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            predictions[record["id"]] = {"error": f"cannot read {path}: {exc.__class__.__name__}: {exc}"}
            continue
        began = time.perf_counter()
        try:
            result = extract(text)
        except Exception as exc:  # one failing article must not stop the evaluation
            predictions[record["id"]] = {"error": f"extract raised {exc.__class__.__name__}: {exc}"}
            continue
        seconds = time.perf_counter() - began
        result = result.to_dict() if hasattr(result, "to_dict") else dict(result)
        predictions[record["id"]] = {**result, "seconds": seconds, "chars": len(text)}
    return score(records, predictions)


# -- rendering -------------------------------------------------------------------------------


def _rate(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _counts_row(label: str, counts: Counts) -> str:
    return (f"{label:<14}{_rate(counts.precision):>7}{_rate(counts.recall):>7}{_rate(counts.f1):>7}"
            f"{counts.gold:>7}{counts.pred:>7}{counts.tp:>7}")


def summary_line(report: Report) -> str:
    parts = []
    for name, value in report.summary().items():
        if value is None:
            parts.append(f"{name}=n/a")
        elif name == "chars_per_s":
            parts.append(f"{name}={value:.0f}")
        else:
            parts.append(f"{name}={value:.2f}")
    if report.errors:
        parts.append(f"errors={len(report.errors)}")
    return "summary: " + " ".join(parts)


def format_table(report: Report) -> str:
    header = f"{'':<14}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}{'tp':>7}"
    lines = [f"articles: {len(report.articles)}  errors: {len(report.errors)}"]
    lines += [f"  error {article_id}: {message}" for article_id, message in report.errors]
    lines += ["", "entities" + header[8:]]
    lines += [_counts_row(t, report.entities[t]) for t in ENTITY_TYPES]
    lines += [_counts_row("micro all", report.entities_all),
              _counts_row("micro O+P+P", report.entities_headline)]
    if report.type_confusion:
        pairs = ", ".join(f"{g}->{p} {n}" for (g, p), n in report.type_confusion.most_common())
        lines.append(f"type confusion (gold->predicted): {pairs}")
    lines += ["", header, _counts_row("quantities", report.quantities)]
    lines.append(f"subject accuracy {_rate(report.subject.value)} "
                 f"({report.subject.correct}/{report.subject.total} matched quantities)")
    lines += ["", "claim keys" + header[10:].replace("   gold   pred     tp", "  gfill  sfill   hits")]
    lines += [_counts_row(k, report.claim_keys[k]) for k in CLAIM_KEYS]
    lines.append(_counts_row("all keys", report.claims_all))
    lines += ["", f"language accuracy {_rate(report.language.value)} "
                  f"({report.language.correct}/{report.language.total})"]
    speed = report.chars_per_s
    lines.append("speed: n/a" if speed is None else
                 f"speed: {speed:.0f} chars/s ({report.chars} chars in {report.seconds:.2f} s)")
    lines.append(summary_line(report))
    return "\n".join(lines)


def _show_value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _show_quantity(quantity: dict) -> str:
    value = quantity.get("value")
    if value is None and ("low" in quantity or "high" in quantity):
        value = [quantity.get("low"), quantity.get("high")]
    return (f"{_show_value(quantity.get('text'))} = {_show_value(value)} unit={quantity.get('unit')}"
            f" subject={_show_value(quantity.get('subject'))}")


def format_errors(report: Report) -> str:
    blocks = []
    for article in report.articles:
        if not article.has_errors:
            continue
        lines = [f"== {article.id}"]
        if article.error:
            lines.append(f"  ERROR {article.error}")
        if article.gold_lang != article.pred_lang:
            lines.append(f"  language: gold {article.gold_lang}, predicted {article.pred_lang}")
        confused = Counter((p, s) for _, p, s in article.confusions)
        gold_type_of = {(p, s): g for g, p, s in article.confusions}
        lines += [f"  entity missed: {t} {_show_value(s)}" for t, s in article.missed_entities]
        for entity_type, surface in article.false_entities:
            note = ""
            if confused[(entity_type, surface)]:
                confused[(entity_type, surface)] -= 1
                note = f"  (gold type {gold_type_of[(entity_type, surface)]})"
            lines.append(f"  entity false: {entity_type} {_show_value(surface)}{note}")
        lines += [f"  quantity missed: {_show_quantity(q)}" for q in article.missed_quantities]
        lines += [f"  quantity false: {_show_quantity(q)}" for q in article.false_quantities]
        lines += [f"  subject wrong: {_show_value(e['text'])} gold {_show_value(e['gold'])}, "
                  f"predicted {_show_value(e['predicted'])}" for e in article.subject_errors]
        for e in article.claim_errors:
            surface = f" ({e['predicted_surface']})" if e.get("predicted_surface") else ""
            lines.append(f"  claim {e['key']} wrong: {_show_value(e['text'])} gold {_show_value(e['gold'])}, "
                         f"predicted {_show_value(e['predicted'])}{surface}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks) if blocks else "no errors"


# -- command line ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", help="gold JSONL file")
    parser.add_argument("articles_dir", help="folder holding the gold articles")
    parser.add_argument("--json", action="store_true", help="print the report as JSON only")
    parser.add_argument("--errors", action="store_true", help="list every error before the table")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="time the first article of each language with model loading")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m edunews_nlp.evaluate",
        description="Score edunews_nlp against a gold JSONL file (shared/ANNOTATION.md).")
    add_arguments(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits; main() returns its status instead
        return int(exc.code or 0)
    return run_command(args)


def run_command(args) -> int:
    """`evaluate` with parsed arguments (from main() or the edunews-nlp CLI)."""
    if not Path(args.gold).is_file():
        print(f"error: gold file not found: {args.gold}", file=sys.stderr)
        return 2
    if not Path(args.articles_dir).is_dir():
        print(f"error: articles folder not found: {args.articles_dir}", file=sys.stderr)
        return 2
    try:
        report = run(args.gold, args.articles_dir, warm_up=not args.no_warm_up)
    except GoldFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ImportError as exc:  # the pipeline itself is missing or broken
        print(f"error: cannot load the pipeline: {exc}", file=sys.stderr)
        return 1

    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        if args.errors:
            print(format_errors(report))
            print()
        print(format_table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
