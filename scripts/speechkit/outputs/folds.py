"""What a reader does not see at load is not in the DOM at load: the bodies of closed blocks go into
<template> elements (parsed, inert, outside the document) that the page's scripts put in on demand.

The renderer marks such blocks data-lazy (render.LAZY): a `details[data-lazy]` (a section's guidance,
the long tables of a template page), whose body after its <summary> becomes a <template> inside it
(folds.js puts it in when the details opens), and a `div.speech-notes[data-lazy]`, which becomes a
<template class="speech-notes"> (notes.js copies a note from it into the speech's one popover).

This runs on the sanitized page (overrides/hooks/folds.py, after sanitize.py): the allow-list drops
<template> with its content, and everything moved here has passed it. Our renderer writes these blocks
with no nested <details> (a lazy details) and no <div> (the notes), which the patterns rely on.
"""
from __future__ import annotations

import re

LAZY_DETAILS = re.compile(r"(<details\b[^>]*\sdata-lazy\b[^>]*>\s*<summary\b[^>]*>.*?</summary>)(.*?)(</details>)", re.S)
LAZY_DIV = re.compile(r'<div\b([^>]*?)\sdata-lazy(?:="")?([^>]*)>(.*?)</div>', re.S)  # nh3 writes data-lazy=""


def fold_hidden(html: str) -> str:
    """`html` (sanitized) with the bodies of its lazy blocks moved into <template> elements."""
    if "data-lazy" not in html:
        return html
    html = LAZY_DETAILS.sub(lambda m: f"{m.group(1)}<template>{m.group(2).strip()}</template>{m.group(3)}", html)
    return LAZY_DIV.sub(lambda m: f"<template{m.group(1)}{m.group(2)}>{m.group(3)}</template>", html)
