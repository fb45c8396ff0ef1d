"""Search index entries from a page's HTML, for our search worker (phrase-search.js).

One entry per heading that has an id (the first is the page itself), each with its plain text in
blocks, one per line (paragraph, list item, table cell…), HTML-escaped like Material's own index.
Elements marked data-search-exclude (note markers, section lengths) and permalinks are left out.
Regular expressions instead of an HTML parser: our pages are well-formed output of Python-Markdown,
and this runs for every page of a 1,000-variant build.
"""
from __future__ import annotations

import re

HEADING = re.compile(r"<h([1-6])(\s[^>]*)?>(.*?)</h\1>", re.S)
ID = re.compile(r'\bid="([^"]*)"')
DROP = re.compile(
    r"<(\w+)\b[^>]*\bdata-search-exclude\b[^>]*>.*?</\1>"  # our excluded elements (never nested in themselves)
    r'|<a class="headerlink"[^>]*>.*?</a>'
    r"|<(script|style)\b.*?</\2>",
    re.S,
)
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|td|th|tr|table|thead|tbody|div|section|details|summary|blockquote|pre|br|hr|dl|dt|dd|form|label|h[1-6])\b[^>]*>")
ANY_TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _text(html: str) -> str:
    text = ANY_TAG.sub("", BLOCK_TAG.sub("\n", html.replace("\n", " ")))  # a line break in HTML is a space
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def entries(html: str, url: str, page_title: str) -> list[dict]:
    """[{location, title, text}] for one page: the page itself, then one per heading with an id."""
    html = DROP.sub("", html)
    out, cut, current = [], 0, {"location": url, "title": page_title}
    first = True
    for m in HEADING.finditer(html):
        heading_id = ID.search(m.group(2) or "")
        if not heading_id:
            continue
        title = _text(m.group(3)).replace("\n", " ")
        if first and cut == 0 and not _text(html[: m.start()]):
            current["title"] = title or page_title  # the page's own heading: no section of its own
        else:
            out.append({**current, "text": _text(html[cut : m.start()])})
            current = {"location": f"{url}#{heading_id.group(1)}", "title": title}
        first = False
        cut = m.end()
    out.append({**current, "text": _text(html[cut:])})
    return out
