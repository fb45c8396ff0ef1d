"""Where text from variants and data files becomes HTML or Markdown: the only place that escapes.

Every value that comes from a variant's front matter, its body or a data file under data/ and ends
up in a page goes through one of these functions, at the point where it enters the page:

- `html_text(value)`: text into HTML, as element content or a quoted attribute value
  (`<span title="…">…</span>`). Escapes & < > " and '.
- `markdown_text(value)`: text into Markdown source that is then rendered by MkDocs. The same HTML
  escaping, plus a backslash before every character Markdown would read as syntax, so the text
  renders as exactly the characters that were written, never as a tag, a link or emphasis.

MkDocs does not autoescape its Jinja templates, and Material prints page titles and front-matter
values raw (`{{ page.title }}`, `{{ page.meta.description }}`), so the page-level values are escaped
once by overrides/hooks/safe_meta.py with `html_text`. Do not escape twice: a value goes through
exactly one of these functions, at the boundary where it enters HTML or Markdown.
"""
from __future__ import annotations

import html
import re

# HTML-escape and Markdown-escape prose in one pass. `|` splits table cells (the tables extension
# reads `\|` as a literal bar); `#`, `+`, `-`, `!`, `(`, `)` need no escape mid-line and are left
# alone so that 9:00、3.5亿元、95% and （一） stay as written.
_MARKDOWN_SPECIAL = "\\`*_[]{}|"
_NEEDS_ESCAPE = re.compile(r"[&<>\"'\\`*_\[\]{}|]")
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"} | {ch: "\\" + ch for ch in _MARKDOWN_SPECIAL}
)


def html_text(value: object) -> str:
    """`value` as HTML text or a quoted attribute value: & < > " ' escaped."""
    return html.escape(str(value), quote=True)


# A value is one line of a page: a line break in it would let the rest start a heading (`\n# …`), a
# list or a quote. It becomes a space; a character that opens a block is written so Markdown reads it as
# text wherever the value lands, at the start of a line or not (`\#`, `1\.` and entities render as written).
_LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")
_BLOCK_OPENERS = {"-": "\\-", "+": "\\+", "#": "\\#", "!": "\\!", "?": "&#63;", "=": "&#61;", ":": "&#58;", "~": "&#126;"}
_NUMBERED = re.compile(r"^(\d+)([.)])")


def markdown_text(value: object) -> str:
    """`value` as Markdown that renders as exactly this text (HTML-escaped, syntax backslashed), on one line."""
    text = str(value)
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub(" ", text)
    if _NEEDS_ESCAPE.search(text):  # Chinese prose rarely needs it
        text = text.translate(_ESCAPES)
    if text[:1] in _BLOCK_OPENERS:
        text = _BLOCK_OPENERS[text[0]] + text[1:]
    elif text[:1].isdigit() and _NUMBERED.match(text):
        text = _NUMBERED.sub(lambda m: m.group(1) + "\\" + m.group(2), text, count=1)
    return text
