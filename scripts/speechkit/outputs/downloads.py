"""Where the Word downloads live in the site and how the page names them; shared by the hook that
writes them, the page that links them and the tests."""
from __future__ import annotations

import base64
import json
import re
from pathlib import PurePosixPath

from ..checking import Corpus
from ..reading import Variant
from .docx_export import speech_docx

DOWNLOADS_URI = "downloads"
# Front-end files copied from npm by `make vendor` (under overrides/assets/); the build needs them.
VENDORED = ("vendor/fflate.js", "vendor/fflate.LICENSE.txt")
UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


# The blank document the 检查讲话稿 page sets a draft in (docx_export.draft_docx); its key in
# window.__speechDocx is docx_key(DRAFT_DOCX_URI), "draft_check" (no template slug has an underscore).
DRAFT_DOCX_URI = f"{DOWNLOADS_URI}/draft_check.docx"


def docx_uri(variant: Variant) -> str:
    return f"{DOWNLOADS_URI}/{variant.slug}.docx"


def download_name(title: str) -> str:
    """A file name a Windows user can save: the title without characters Windows refuses."""
    return (UNSAFE_IN_FILE_NAME.sub("", title).strip() or "讲话稿") + ".docx"


def docx_key(uri: str) -> str:
    """What a .docx.js registers its bytes under: the file's name without .docx (docx-fill.js derives it
    from the URL the same way)."""
    return PurePosixPath(uri).name.removesuffix(".docx")


def docx_script(uri: str, data: bytes) -> str:
    """The .docx at `uri` as a script that registers its bytes (base64) under docx_key(uri)."""
    return (f"(window.__speechDocx = window.__speechDocx || {{}})[{json.dumps(docx_key(uri))}] = "
            f"\"{base64.b64encode(data).decode('ascii')}\";\n")


def word_files(corpus: Corpus) -> dict[str, bytes]:
    """Every Word file of the site by its path: one per template."""
    return {docx_uri(variant): speech_docx(variant, corpus.registry) for variant in corpus.variants}
