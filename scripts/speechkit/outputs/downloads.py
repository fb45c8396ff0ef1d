"""Where the Word downloads live in the site and how the page names them; shared by the hook that
writes them, the page that links them and the tests."""
from __future__ import annotations

import base64
import json
import re

from ..reading import Variant

DOWNLOADS_URI = "downloads"
# Front-end files copied from npm by `make vendor` (under overrides/assets/); the build needs them.
VENDORED = ("vendor/fflate.js", "vendor/fflate.LICENSE.txt")
UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


DRAFT_DOCX_URI = f"{DOWNLOADS_URI}/draft_check.docx"  # the blank document the 检查讲话稿 page sets a draft in (docx_export.draft_docx)
DRAFT_DOCX_KEY = "draft_check"  # its key in window.__speechDocx (no template slug has an underscore)


def docx_uri(variant: Variant) -> str:
    return f"{DOWNLOADS_URI}/{variant.slug}.docx"


def download_name(title: str) -> str:
    """A file name a Windows user can save: the title without characters Windows refuses."""
    return (UNSAFE_IN_FILE_NAME.sub("", title).strip() or "讲话稿") + ".docx"


def docx_script(variant: Variant | None, data: bytes) -> str:
    """The .docx as a script that registers its bytes (base64) under the template's slug (or, for
    the draft checker's blank document, under DRAFT_DOCX_KEY)."""
    key = variant.slug if variant is not None else DRAFT_DOCX_KEY
    return (f"(window.__speechDocx = window.__speechDocx || {{}})[{json.dumps(key)}] = "
            f"\"{base64.b64encode(data).decode('ascii')}\";\n")
