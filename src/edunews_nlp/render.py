"""A page to look at: one self-contained HTML page per article, and an index.

The article text is shown exactly (white-space: pre-wrap), with entities and quantities
marked in displaCy's manner (coloured marks, the label after the text) inside the claims'
sentences; hovering a mark shows its type, id, value and tenge. Below it, the claims
table: each row links to its sentence and figure and shows the evidence of each key. All
CSS is inline and nothing is fetched when the page is viewed.

Marks carry `data-start`/`data-end`, offsets into the text: a mark's text is
`text[start:end]`, and labels are CSS pseudo-elements, so the page's text stays the
article's text (tests check both in a browser).
"""

from __future__ import annotations

import html
import json
import pathlib
import re
from typing import Any, Iterable, Iterator

from .document import register_view
from .tables import as_record, claim_year

# displaCy's palette where a type has a counterpart (ORG, PERSON, LOC), distinct otherwise.
COLORS = {"OFFICIAL": "#aa9cfc", "PERSON": "#ddd4ff", "PLACE": "#feca74", "PROGRAMME": "#bfeeb7",
          "ORG": "#7aecec", "QUANTITY": "#ff9fa8"}
CLAIM_COLOR = "#fff4c2"
EVIDENCE_QUOTE_CHARS = 160

STYLE = """
body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:2em auto;max-width:60em;
 color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.4em} .meta{color:#666;font-size:.9em} .legend mark{margin-right:.5em}
.text{white-space:pre-wrap;line-height:2.4;border:1px solid #eee;padding:1em;border-radius:6px}
mark{padding:.2em .35em;border-radius:.35em;line-height:1;color:inherit}
mark[data-label]::after{content:attr(data-label);font-size:.6em;font-weight:bold;
 text-transform:uppercase;margin-left:.4em;vertical-align:middle}
.unanalysed{color:#999} .claim{background:""" + CLAIM_COLOR + """;border-bottom:2px solid #e0b400}
.claim:target,mark:target{outline:3px solid #e63946}
table{border-collapse:collapse;font-size:.85em;margin-top:1em;width:100%}
th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f5f5f5} .index td:first-child{width:55%} .claims td:last-child{min-width:16em} tr:target{background:#ffe8ea} .ev{color:#555}
"""


def to_displacy(doc) -> dict[str, Any]:
    """displaCy's manual-mode dict (style "ent"): entities and quantities as labelled spans,
    for `spacy.displacy.render(doc.to_displacy(), style="ent", manual=True,
    options={"colors": COLORS})`. displaCy draws no overlaps, so a span overlapping an
    earlier one is left out."""
    record = as_record(doc)
    spans = [{"start": s["start"], "end": s["end"], "label": s["type"]} for s in _marks(record)]
    return {"text": record.get("text") or "", "ents": spans, "title": record.get("title")}


def _marks(record: dict) -> list[dict]:
    """Entities and quantities as non-overlapping marks, in text order, each with its
    hover text."""
    candidates = [{"kind": "e", "number": n, "type": e["type"], "start": e["start"], "end": e["end"],
                   "hover": _entity_hover(e)} for n, e in enumerate(record.get("entities", []))]
    candidates += [{"kind": "q", "number": n, "type": "QUANTITY", "start": q["start"], "end": q["end"],
                    "hover": _quantity_hover(q, n)} for n, q in enumerate(record.get("quantities", []))]
    chosen, last_end = [], -1
    for mark in sorted(candidates, key=lambda m: (m["start"], -m["end"], m["kind"] == "e")):
        if mark["start"] >= last_end and mark["end"] > mark["start"]:
            chosen.append(mark)
            last_end = mark["end"]
    return chosen


def _entity_hover(entity: dict) -> str:
    parts = [entity["type"], entity.get("id") or "(no id)"]
    parts += [f"{key}: {entity[key]}" for key in ("canonical", "role", "org") if entity.get(key)]
    return " · ".join(parts)


def _quantity_hover(quantity: dict, number: int) -> str:
    value = quantity.get("value")
    shown = _number(value) if value is not None else f"{_number(quantity.get('low'))}–{_number(quantity.get('high'))}"
    # quantities have no entity id: their number in the record, as claims' `quantity` says
    parts = ["QUANTITY", f"quantity {number}", f"value {shown} {quantity.get('unit') or '(count)'}"]
    if quantity.get("qualifier"):
        parts.append(quantity["qualifier"])
    if quantity.get("kzt") is not None:
        parts.append(f"{_number(quantity['kzt'])} tenge ({quantity.get('kzt_year')})")
    if quantity.get("subject"):
        parts.append(f"subject: {quantity['subject']}")
    return " · ".join(parts)


def _number(value) -> str:
    if value is None:
        return "?"
    return f"{value:,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,.3f}".rstrip("0")


def marked_text(record: dict) -> tuple[str, dict[int, str]]:
    """The text as HTML: claim sentences (outer) holding entity and quantity marks (inner),
    and claim number -> id of the element drawn for its sentence. A mark that crosses a
    sentence's edge is left out rather than split, so that the elements nest."""
    text = record.get("text") or ""
    sentences: dict[tuple[int, int], list[int]] = {}
    for number, claim in enumerate(record.get("claims", [])):
        sentences.setdefault((claim["start"], claim["end"]), []).append(number)
    anchors: dict[int, str] = {}
    events: list[tuple[int, int, str]] = []  # (offset, order, tag): closings before openings
    drawn: list[tuple[int, int]] = []
    for (start, end), numbers in sorted(sentences.items()):
        if end <= start or (drawn and start < drawn[-1][1]):  # of overlapping sentences, the first
            continue
        drawn.append((start, end))
        anchors.update((n, f"claim-{numbers[0]}") for n in numbers)
        hover = html.escape(" | ".join(_claim_hover(record, n) for n in numbers))
        events.append((start, 2, f'<span class="claim" id="claim-{numbers[0]}" data-start="{start}" '
                                 f'data-end="{end}" title="{hover}">'))
        events.append((end, 1, "</span>"))
    marks = _marks(record)
    for mark in marks:
        if any(s < mark["end"] and mark["start"] < e and not s <= mark["start"] < mark["end"] <= e
               for s, e in drawn):
            continue
        label = mark["type"]
        events.append((mark["start"], 3, f'<mark id="{mark["kind"]}-{mark["number"]}" class="{label.lower()}" '
                                         f'style="background:{COLORS[label]}" data-label="{label}" '
                                         f'data-start="{mark["start"]}" data-end="{mark["end"]}" '
                                         f'title="{html.escape(mark["hover"])}">'))
        events.append((mark["end"], 0, "</mark>"))
    taken = drawn + [(m["start"], m["end"]) for m in marks]
    for start, end in unanalysed(record):
        if not any(s < end and start < e for s, e in taken):
            events.append((start, 2, f'<span class="unanalysed" data-start="{start}" data-end="{end}" '
                                     'title="not analysed: site boilerplate or header">'))
            events.append((end, 1, "</span>"))
    pieces, cursor = [], 0
    for offset, _, tag in sorted(events, key=lambda event: (event[0], event[1])):
        pieces += [_exact(text[cursor:offset]), tag]
        cursor = offset
    pieces.append(_exact(text[cursor:]))
    return "".join(pieces), anchors


def _claim_hover(record: dict, number: int) -> str:
    claim = record["claims"][number]
    keys = [f"{key} {claim[key]}" for key in ("subject", "programme", "place", "official") if claim.get(key)]
    year = claim_year(claim)
    return " · ".join([f"claim {number}: {record['quantities'][claim['quantity']]['text']}", *keys,
                       *([f"year {year}"] if year else []), claim.get("modality") or ""])


def unanalysed(record: dict) -> list[tuple[int, int]]:
    """The stretches outside every `languages` span: what ingest set aside (menus, weather,
    header lines), shown greyed. Blank stretches are left alone."""
    text, parts = record.get("text") or "", sorted((p["start"], p["end"]) for p in record.get("languages", []))
    if not parts:
        return []
    gaps, cursor = [], 0
    for start, end in parts + [(len(text), len(text))]:
        if start > cursor and text[cursor:start].strip():
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    return gaps


def _exact(text: str) -> str:
    # HTML parsers turn a raw CR (and CRLF) into LF, which would shift every offset after
    # it; a CR written as a character reference stays a CR in the page's text.
    return html.escape(text, quote=False).replace("\r", "&#13;")


def to_html(doc) -> str:
    """The page of one article (a Document or a record) as a string."""
    record = as_record(doc)
    if "error" in record:
        return _page(f"error: {record.get('path')}", f"<p>{html.escape(json.dumps(record['error']))}</p>")
    body, anchors = marked_text(record)
    title = record.get("title") or record.get("path") or "article"
    legend = "".join(f'<mark style="background:{color}" data-label="{label}"></mark>' for label, color in COLORS.items())
    languages = ", ".join(f"{part['lang']} {part['start']}–{part['end']}" for part in record.get("languages", []))
    meta = [record.get("source") and f'<a href="{html.escape(record["source"])}">{html.escape(record["source"])}</a>',
            record.get("published"), record.get("path") and f"{html.escape(str(record['path']))}#{record.get('index')}",
            f"lang {record.get('lang')}" + (f" ({languages})" if languages else "")]
    warnings = "".join(f"<li>{html.escape(w)}</li>" for w in record.get("warnings", []))
    return _page(title, f"""<h1>{html.escape(title)}</h1>
<p class="meta">{" · ".join(m for m in meta if m)}</p>
<p class="legend">{legend}<span class="claim">claim sentence</span>
 <span class="unanalysed">not analysed</span></p>
<div class="text" id="text">{body}</div>
{warnings and f'<details><summary>{len(record["warnings"])} warnings</summary><ul>{warnings}</ul></details>'}
<h2>Claims ({len(record.get("claims", []))})</h2>
{claims_table_html(record, anchors)}""")


CLAIM_COLUMNS = ("#", "figure", "value", "unit", "tenge", "subject", "programme", "place", "official", "year",
                 "modality", "evidence")


def claims_table_html(record: dict, anchors: dict[int, str]) -> str:
    text = record.get("text") or ""
    names = {e["id"]: e.get("canonical") or e["text"] for e in record.get("entities", []) if e.get("id")}
    rows = []
    for number, claim in enumerate(record.get("claims", [])):
        quantity = record["quantities"][claim["quantity"]]
        value = quantity["value"] if quantity.get("value") is not None else (quantity.get("low"), quantity.get("high"))
        mark = f"q-{claim['quantity']}"
        cells = [f'<a href="#{anchors.get(number, mark)}">{number}</a>',
                 f'<a href="#{mark}">{html.escape(quantity["text"])}</a>',
                 html.escape(_number(value) if not isinstance(value, tuple) else "–".join(map(_number, value))),
                 html.escape(quantity.get("unit") or ""),
                 "" if quantity.get("kzt") is None else _number(quantity["kzt"]),
                 html.escape(claim.get("subject") or "")]
        for key in ("programme", "place", "official"):
            entity_id = claim.get(key)
            cells.append("" if not entity_id else
                         f'{html.escape(names.get(entity_id, entity_id))}<br><small>{html.escape(entity_id)}</small>')
        cells += [str(claim_year(claim) or ""), html.escape(claim.get("modality") or ""),
                  _evidence_html(claim.get("evidence") or {}, text)]
        rows.append(f'<tr id="row-{number}">' + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    header = "".join(f"<th>{column}</th>" for column in CLAIM_COLUMNS)
    return f'<table class="claims"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _evidence_html(evidence: dict, text: str) -> str:
    lines = []
    for key, why in evidence.items():
        quote = " ".join(text[why.get("start", 0):why.get("end", 0)].split())
        if len(quote) > EVIDENCE_QUOTE_CHARS:
            quote = quote[:EVIDENCE_QUOTE_CHARS] + "…"
        lines.append(f'<span class="ev"><b>{html.escape(key)}</b>: {html.escape(str(why.get("rule")))} '
                     f'[{why.get("start")}–{why.get("end")}] <q>{html.escape(quote)}</q></span>')
    return "<br>".join(lines)


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n')


# --- a folder of pages ------------------------------------------------------------------
def page_name(number: int, record: dict) -> str:
    stem = pathlib.Path(str(record.get("path") or "article")).stem
    return f"{number:04d}-{re.sub(r'[^A-Za-z0-9_.-]+', '_', stem)[:60]}-{record.get('index')}.html"


def write_pages(records: Iterable[dict], folder: pathlib.Path) -> int:
    """A page per record and folder/index.html listing them; returns the number of pages.
    Records are written as they come (only the index rows are kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for number, record in enumerate(records):
        record = as_record(record)
        name = page_name(number, record)
        (folder / name).write_text(to_html(record), encoding="utf-8")
        rows.append(_index_row(name, record))
    header = "".join(f"<th>{c}</th>" for c in ("article", "file", "lang", "entities", "quantities", "claims",
                                              "warnings"))
    (folder / "index.html").write_text(_page("edunews_nlp: articles", f"""<h1>Articles ({len(rows)})</h1>
<table class="index"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table>"""), encoding="utf-8")
    return len(rows)


def _index_row(name: str, record: dict) -> str:
    where = html.escape(f"{record.get('path')}#{record.get('index')}")
    if "error" in record:
        error = record["error"]
        message = html.escape(f"{error.get('type')}: {error.get('message')}")
        return f'<tr><td><a href="{name}">error</a>: {message}</td><td>{where}</td><td colspan="5"></td></tr>'

    counts = "".join(f"<td>{len(record.get(key, []))}</td>" for key in ("entities", "quantities", "claims", "warnings"))
    title = html.escape(record.get("title") or record.get("source") or name)
    return f'<tr><td><a href="{name}">{title}</a></td><td>{where}</td><td>{record.get("lang")}</td>{counts}</tr>'


def records_for(paths: list[str]) -> Iterator[dict]:
    """Records of `extract` JSONL files as they are; articles through the pipeline."""
    from .batch import process_files
    from .ingest import iter_input_files

    for path in iter_input_files([pathlib.Path(p) for p in paths]):
        if is_records_file(path):
            from .output import read_records

            yield from read_records(path)
        else:
            for records in process_files([(str(path), None, frozenset(), ("default", None, False))]):
                yield from records


def is_records_file(path: pathlib.Path) -> bool:
    if path.suffix != ".jsonl":
        return False
    with open(path, encoding="utf-8", errors="replace") as f:
        first = f.readline()
    try:
        return isinstance(json.loads(first), dict) and "entities" in json.loads(first)
    except json.JSONDecodeError:
        return False


def run_render(paths: list[str], folder: pathlib.Path) -> int:
    """`edunews-nlp render`: 0 when every page was written, 2 when a PATH does not exist."""
    import sys

    missing = [p for p in paths if not pathlib.Path(p).exists()]
    if missing:
        print(f"edunews-nlp: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    pages = write_pages(records_for(paths), folder)
    print(f"{pages} pages and index.html in {folder}", file=sys.stderr)
    return 0


register_view("html", to_html)
register_view("displacy", to_displacy)
