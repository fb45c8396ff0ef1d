"""What a reader does not see at load is not in the DOM at load: the bodies of closed blocks go into
one <template> at the end of the HTML folded (parsed, inert, outside the document), which the page's
scripts take them from on demand. One template for a page, not one per block: each <template> is an
element of the DOM at load too (issue 19).

The renderer marks such blocks data-lazy (render.LAZY): a `details[data-lazy]` (a section's guidance,
the long tables of a template page), whose body after its <summary> moves into the template as
`div[data-fold=KEY]` while the details keeps `data-lazy="KEY"` (folds.js puts it back when the details
opens), and a `div.speech-notes[data-lazy]` (notes of a section without guidance), which moves there
whole (notes.js copies a note from the template into the speech's one popover, by its id). KEY comes
from the body itself, not its position, so a fragment folded on its own (the export) keeps the keys
it has in the whole page the build folds.

The template sits in `div.speech-folds[hidden]`: a <template> on its own after a block of HTML is not
block-level to Python-Markdown, which an engine without our hooks would run over the export's fragments.

This runs on the sanitized page (overrides/hooks/folds.py, after sanitize.py): the allow-list drops
<template> with its content, and everything moved here has passed it. Our renderer writes these blocks
with no nested <details> (a lazy details) and no <div> (the notes), which the patterns rely on.
"""
from __future__ import annotations

import hashlib
import re

LAZY_DETAILS = re.compile(r"(<details\b[^>]*\sdata-lazy\b[^>]*>\s*<summary\b[^>]*>.*?</summary>)(.*?)(</details>)", re.S)
LAZY_DIV = re.compile(r'<div\b([^>]*?)\sdata-lazy(?:="")?([^>]*)>(.*?)</div>', re.S)  # nh3 writes data-lazy=""
LAZY_ATTRIBUTE = re.compile(r'\sdata-lazy(?:="[^"]*")?')
FOLDS = "speech-folds"


def fold_key(body: str) -> str:
    """A closed block's key: from its body, so it is the same wherever the block is folded."""
    return hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]


def fold_hidden(html: str) -> str:
    """`html` (sanitized) with the bodies of its lazy blocks moved into one <template> at its end."""
    if "data-lazy" not in html:
        return html
    bodies: dict[str, str] = {}

    def details(m: re.Match) -> str:
        body = m.group(2).strip()
        key = fold_key(body)
        bodies.setdefault(key, f'<div data-fold="{key}">{body}</div>')
        return LAZY_ATTRIBUTE.sub(f' data-lazy="{key}"', m.group(1), count=1) + m.group(3)

    def notes(m: re.Match) -> str:
        body = f"<div{m.group(1)}{m.group(2)}>{m.group(3)}</div>"
        bodies.setdefault(fold_key(body), body)
        return ""

    html = LAZY_DIV.sub(notes, LAZY_DETAILS.sub(details, html))
    return f'{html}\n<div class="{FOLDS}" hidden><template>{"".join(bodies.values())}</template></div>\n'
