"""What a reader does not see at load is not in the DOM at load: the bodies of closed blocks go into
one <template id="speech-folds"> at the end of the page (parsed, inert, outside the document), which
the page's scripts take them from on demand. One template for the page, not one per block: each
<template> is an element of the DOM at load too (issue 19).

The renderer marks such blocks data-lazy (render.LAZY): a `details[data-lazy]` (a section's guidance,
the long tables of a template page), whose body after its <summary> moves into the template as
`div[data-fold=N]` while the details keeps `data-lazy="N"` (folds.js moves it back when the details
opens), and a `div.speech-notes[data-lazy]` (notes of a section without guidance), which moves there
whole (notes.js copies a note from the template into the speech's one popover, by its id).

This runs on the sanitized page (overrides/hooks/folds.py, after sanitize.py): the allow-list drops
<template> with its content, and everything moved here has passed it. Our renderer writes these blocks
with no nested <details> (a lazy details) and no <div> (the notes), which the patterns rely on.
"""
from __future__ import annotations

import re

LAZY_DETAILS = re.compile(r"(<details\b[^>]*\sdata-lazy\b[^>]*>\s*<summary\b[^>]*>.*?</summary>)(.*?)(</details>)", re.S)
LAZY_DIV = re.compile(r'<div\b([^>]*?)\sdata-lazy(?:="")?([^>]*)>(.*?)</div>', re.S)  # nh3 writes data-lazy=""
LAZY_ATTRIBUTE = re.compile(r'\sdata-lazy(?:="[^"]*")?')
FOLDS_ID = "speech-folds"


def fold_hidden(html: str) -> str:
    """`html` (sanitized) with the bodies of its lazy blocks moved into one <template> at its end."""
    if "data-lazy" not in html:
        return html
    bodies: list[str] = []

    def details(m: re.Match) -> str:
        bodies.append(f'<div data-fold="{len(bodies)}">{m.group(2).strip()}</div>')
        return LAZY_ATTRIBUTE.sub(f' data-lazy="{len(bodies) - 1}"', m.group(1), count=1) + m.group(3)

    def notes(m: re.Match) -> str:
        bodies.append(f"<div{m.group(1)}{m.group(2)}>{m.group(3)}</div>")
        return ""

    html = LAZY_DIV.sub(notes, LAZY_DETAILS.sub(details, html))
    return f'{html}\n<template id="{FOLDS_ID}">{"".join(bodies)}</template>\n'
