"""Pages to look at: render's HTML, checked as text and in a real headless Chromium.

The browser test needs Debian's `chromium` (installed by .ci/run) and the `playwright`
package (dev extra, which drives that binary; no browser is downloaded). It skips, saying
why, only when no chromium binary is on PATH. Screenshots go to results/render/.
"""

from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from edunews_nlp.document import Claim, Document, Entity, LanguageSpan, Quantity, TimeSpan
from edunews_nlp.output import article_record
from edunews_nlp.render import COLORS, marked_text, to_displacy, write_pages

REPO = pathlib.Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "results" / "render"
TEXT = ("Schools <b>& canteens</b>\r\n"
        "Minister Gani Beisembayev said: \"In 2024, 34 schools opened in Almaty region.\"\n\n"
        "The award is 1,000 AEK (3,692,000 tenge).")


def sample_document() -> Document:
    doc = Document(TEXT, lang="en", title="Schools <b>& canteens</b>", source="https://x.kz/news/1",
                   published="2024-12-24")

    def at(fragment: str, occurrence: int = 0) -> tuple[int, int]:
        start = [m.start() for m in re.finditer(re.escape(fragment), TEXT)][occurrence]
        return start, start + len(fragment)

    headline_end = TEXT.index("Minister")
    doc.languages = [LanguageSpan("en", headline_end, len(TEXT))]  # as if the headline were masked
    doc.entities += [Entity("OFFICIAL", "Gani Beisembayev", *at("Gani Beisembayev"), canonical="Gani Beisembayev",
                            id="official:beisembayev_gani", role="Minister of Education"),
                     Entity("PLACE", "Almaty region", *at("Almaty region"), id="place:kz-19")]
    doc.quantities += [Quantity("34 schools", *at("34 schools"), 34, subject="school"),
                       Quantity("1,000 AEK", *at("1,000 AEK"), 1000, unit="MCI", kzt=3692000, kzt_year=2024),
                       Quantity("3,692,000 tenge", *at("3,692,000 tenge"), 3692000, unit="KZT", kzt=3692000)]
    sentence = at("\"In 2024, 34 schools opened in Almaty region.\"")
    award = at("The award is 1,000 AEK (3,692,000 tenge).")
    doc.claims += [Claim(TEXT[slice(*sentence)], *sentence, 0, subject="school", place="place:kz-19",
                         official="official:beisembayev_gani", time=TimeSpan("2024", "2024-01-01", "2024-12-31"),
                         evidence={"official": {"rule": "quotation", "start": at("Minister")[0], "end": sentence[1]},
                                   "place": {"rule": "same clause", "start": at("Almaty region")[0],
                                             "end": at("Almaty region")[1]}}),
                   Claim(TEXT[slice(*award)], *award, 1, subject="award"),
                   Claim(TEXT[slice(*award)], *award, 2, subject="award")]
    return doc


def test_displacy_manual_mode_renders():
    displacy = pytest.importorskip("spacy.displacy")
    data = sample_document().to_displacy()
    assert data == to_displacy(article_record(sample_document(), "a.txt", 0))
    labels = [(TEXT[s["start"]:s["end"]], s["label"]) for s in data["ents"]]
    assert ("Gani Beisembayev", "OFFICIAL") in labels and ("1,000 AEK", "QUANTITY") in labels
    markup = displacy.render(data, style="ent", manual=True, options={"colors": COLORS}, page=True)
    assert "Gani Beisembayev" in markup and COLORS["QUANTITY"] in markup


def test_page_is_self_contained_and_escaped():
    page = sample_document().to_html()
    assert "<b>&" not in page and "&lt;b&gt;&amp; canteens" in page
    assert not re.search(r"""<(script|link|img|iframe)\b|src=|url\(|@import""", page)  # nothing to fetch
    assert 'href="#claim-1"' in page and 'href="#q-1"' in page and 'id="q-1"' in page
    assert "quotation" in page and "Minister of Education" in page and "3,692,000 tenge (2024)" in page


def test_render_cli_writes_pages_and_an_index(tmp_path):
    records = tmp_path / "records.jsonl"
    good = article_record(sample_document(), "in/a.txt", 0)
    error = {"path": "in/bad.txt", "index": None, "error": {"type": "OSError", "message": "gone"}}
    records.write_text("".join(json.dumps(r) + "\n" for r in (good, error)), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "edunews_nlp", "render", str(records), "-o", str(tmp_path / "out")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert pages == ["0000-a-0.html", "0001-bad-None.html", "index.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert 'href="0000-a-0.html"' in index and "OSError: gone" in index and "<td>3</td>" in index
    missing = subprocess.run([sys.executable, "-m", "edunews_nlp", "render", str(tmp_path / "nothing"), "-o",
                              str(tmp_path / "out2")], capture_output=True, text=True)
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr


@pytest.mark.slow
def test_render_cli_analyses_article_files(tmp_path):
    article = REPO / "corpora" / "sample" / "en_sample_01.txt"
    result = subprocess.run([sys.executable, "-m", "edunews_nlp", "render", str(article), "-o", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "0000-en_sample_01-0.html").read_text(encoding="utf-8")
    assert 'data-label="PROGRAMME"' in page and 'class="claim"' in page and "Comfortable School" in page


def browser_or_skip():
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        pytest.skip("no chromium binary on PATH (apt-get install chromium; .ci/run does)")
    from playwright import sync_api  # the dev extra: missing, it is an install error, not a skip

    return binary, sync_api


CHECK_MARKS = """() => {
  const box = document.getElementById("text");
  const offsetOf = (node) => { const r = document.createRange(); r.setStart(box, 0); r.setEndBefore(node);
                               return r.toString().length; };
  return {text: box.textContent,
          marks: [...box.querySelectorAll("[data-start]")].map(m => ({
            id: m.id, tag: m.tagName, start: +m.dataset.start, end: +m.dataset.end, at: offsetOf(m),
            text: m.textContent, title: m.title, background: getComputedStyle(m).backgroundColor}))};
}"""


def test_pages_in_a_headless_browser(tmp_path):
    binary, sync_api = browser_or_skip()
    doc = sample_document()
    write_pages([article_record(doc, "in/sample.txt", 0)], tmp_path)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            problems = []
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: problems.append(request.url)
                    if not request.url.startswith("file://") else None)
            page.goto((tmp_path / "0000-sample-0.html").as_uri())
            found = page.evaluate(CHECK_MARKS)
            page.screenshot(path=str(SCREENSHOTS / "sample.png"), full_page=True)
            page.click('a[href="#q-1"]')  # a claims-table row links to its figure
            assert page.evaluate("location.hash") == "#q-1"
            page.goto((tmp_path / "index.html").as_uri())
            assert page.locator('a[href="0000-sample-0.html"]').count() == 1
            page.screenshot(path=str(SCREENSHOTS / "index.png"))
        finally:
            browser.close()
    assert problems == []
    assert found["text"] == doc.text  # CRLF included: offsets into the page are offsets into the text
    marks = {m["id"]: m for m in found["marks"] if m["id"]}
    greyed = [m for m in found["marks"] if m["tag"] == "SPAN" and not m["id"]]
    assert [(m["start"], m["end"], m["at"]) for m in greyed] == [(0, TEXT.index("Minister"), 0)]
    expected = {f"e-{n}": e for n, e in enumerate(doc.entities)} | {f"q-{n}": q for n, q in enumerate(doc.quantities)}
    expected |= {"claim-0": doc.claims[0], "claim-1": doc.claims[1]}  # claims 1 and 2 share one sentence
    assert set(marks) == set(expected)
    for mark_id, span in expected.items():
        mark = marks[mark_id]
        assert (mark["start"], mark["end"], mark["at"]) == (span.start, span.end, span.start)
        assert mark["text"] == span.text
    colours = {marks[i]["background"] for i in ("e-0", "e-1", "q-0")}
    assert len(colours) == 3  # official, place and quantity in distinct colours
    assert "3,692,000 tenge" in marks["q-1"]["title"] and "official:beisembayev_gani" in marks["e-0"]["title"]
    assert "quantity 1" in marks["q-1"]["title"] and "value 1,000 MCI" in marks["q-1"]["title"]
    assert "claim 0: 34 schools · subject school · place place:kz-19" in marks["claim-0"]["title"]
    assert (SCREENSHOTS / "sample.png").stat().st_size > 10_000


def test_marks_nest_when_spans_cross():
    from html.parser import HTMLParser

    text = "Kazakhstan opened 34 schools. Kazakhstan Almaty region."
    doc = Document(text, lang="en")
    doc.entities += [Entity("PLACE", "schools. Kazakhstan", 21, 40),  # crosses the sentence's end
                     Entity("PLACE", "Almaty region", 41, 54)]
    doc.quantities.append(Quantity("34", 18, 20, 34))
    doc.claims += [Claim(text[:29], 0, 29, 0), Claim("", 5, 5, 0)]  # an empty claim span is not drawn

    class Nesting(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.ids, self.ok = [], [], True

        def handle_starttag(self, tag, attrs):
            if tag in ("span", "mark"):
                self.stack.append(tag)
                self.ids.append(dict(attrs).get("id"))

        def handle_endtag(self, tag):
            if tag in ("span", "mark"):
                self.ok &= bool(self.stack) and self.stack.pop() == tag

    body, anchors = marked_text(article_record(doc, "a.txt", 0))
    parser = Nesting()
    parser.feed(body)
    assert parser.ok and parser.stack == []
    assert parser.ids == ["claim-0", "q-0", "e-1"] and anchors == {0: "claim-0"}
