"""The one HTML sanitiser: every stored piece of user HTML (TwinSpace pages and posts, and the
legacy import path) passes through `sanitize_html` on every write.

An allow-list (nh3, the Rust `ammonia` library): formatting, lists, tables, links and images only.
No scripts, no styles, no event handlers, no forms or frames; links and images only over
http(s)/mailto (links) or http(s) (images), so `javascript:` and `data:` URLs are dropped.
"""

import re
from html import escape

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "abbr": {"title"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# Built once: nh3.clean() converts the allow-lists on every call, which cost the import (1.8 million
# TwinSpace items at full scale) more than the cleaning itself.
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def sanitize_html(html: str) -> str:
    """Clean user HTML to the allow-list. Links open safely (rel="noopener noreferrer nofollow")."""
    if not html:
        return ""
    return _CLEANER.clean(html)


_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")


def text_to_html(text: str) -> str:
    """A message typed in a plain text box, as HTML that keeps what the writer saw: paragraphs
    (blank lines), line breaks, and lists (lines starting with "-", "*", "•" or "1.", "2)"…).
    The text is escaped first, so what was typed is shown, never run; the caller still sanitises."""
    blocks: list[str] = []
    lines: list[str] = []  # the paragraph being read
    items: list[str] = []  # the list being read
    list_tag = ""

    def close_paragraph() -> None:
        if lines:
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
            lines.clear()

    def close_list() -> None:
        nonlocal list_tag
        if items:
            blocks.append(f"<{list_tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = escape(raw.rstrip())
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if not line.strip():
            close_paragraph()
            close_list()
        elif bullet or numbered:
            tag = "ul" if bullet else "ol"
            close_paragraph()
            if list_tag != tag:
                close_list()
                list_tag = tag
            items.append((bullet or numbered).group(1))
        else:
            close_list()
            lines.append(line.strip())
    close_paragraph()
    close_list()
    return "".join(blocks)
