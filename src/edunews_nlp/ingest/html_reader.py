"""An .html file as one article: trafilatura's main text (a plain selectolax walk over the
text blocks when it finds none), the title, date and canonical address from the markup."""

from __future__ import annotations

import pathlib

from .article import Article, collapse_spaces
from .dates import parse_date

_HTML_DATE_SELECTORS = (
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="date"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dcterms.created"]',
)
_HTML_NON_CONTENT_TAGS = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template",
)
_HTML_BLOCK_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"})
_HTML_BLOCK_SELECTOR = ", ".join(sorted(_HTML_BLOCK_TAGS))


def read_html(text: str, path: pathlib.Path) -> list[Article]:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    title = _html_title(tree)
    body = _html_main_text(text, tree)
    warnings = [] if body.strip() else ["no article text found in the HTML"]
    return [
        Article(
            text=_with_title(title, body),
            title=title,
            published=_html_published(tree),
            source=_html_source(tree),
            warnings=warnings,
        )
    ]


def _html_main_text(html: str, tree) -> str:
    """The article's text: trafilatura first, a plain selectolax walk when it finds nothing."""
    body = ""
    try:
        import trafilatura

        body = trafilatura.extract(html, favor_precision=True, include_comments=False) or ""
    except Exception:  # trafilatura failing on odd markup must not lose the file
        body = ""
    if not body.strip():
        body = _html_fallback_text(tree)
    return body.replace("\r\n", "\n").strip()


def _html_fallback_text(tree) -> str:
    tree = tree.clone()
    tree.strip_tags(list(_HTML_NON_CONTENT_TAGS))
    root = tree.css_first("article") or tree.css_first("main") or tree.css_first('[role="main"]') or tree.body
    if root is None:
        return ""
    blocks = [collapse_spaces(node.text(deep=True)) for node in root.css(_HTML_BLOCK_SELECTOR)
              if not _inside_block(node, root)]
    blocks = [b for b in blocks if b]
    return "\n".join(blocks) if blocks else collapse_spaces(root.text(deep=True))


def _inside_block(node, root) -> bool:
    """Whether `node` lies in another text block (a <p> in an <li>): that one gives its text."""
    parent = node.parent
    while parent is not None and parent is not root and parent.tag != "html":
        if parent.tag in _HTML_BLOCK_TAGS:
            return True
        parent = parent.parent
    return False


def _html_title(tree) -> str | None:
    candidates = [
        _meta_content(tree, 'meta[property="og:title"]'),
        _node_text(tree.css_first("h1")),
        _node_text(tree.css_first("title")),
    ]
    return next((c for c in candidates if c), None)


def _html_published(tree) -> str | None:
    for selector in _HTML_DATE_SELECTORS:
        value = _meta_content(tree, selector)
        if value and (iso := parse_date(value)):
            return iso
    for node in tree.css("time"):
        value = node.attributes.get("datetime") or node.text(deep=True)
        if value and (iso := parse_date(value)):
            return iso
    return None


def _html_source(tree) -> str | None:
    node = tree.css_first('link[rel="canonical"]')
    href = (node.attributes.get("href") or "").strip() if node else ""
    return href or _meta_content(tree, 'meta[property="og:url"]')


def _meta_content(tree, selector: str) -> str | None:
    node = tree.css_first(selector)
    value = collapse_spaces(node.attributes.get("content") or "") if node else ""
    return value or None


def _node_text(node) -> str | None:
    return (collapse_spaces(node.text(deep=True)) or None) if node is not None else None


def _with_title(title: str | None, body: str) -> str:
    """Put the title on the first line, as in a plain-text article, unless it is there."""
    if not title or collapse_spaces(body).startswith(title):
        return body
    return f"{title}\n\n{body}" if body else title
