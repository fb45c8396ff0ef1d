"""Our own scripts and styles, minified in the built site: comments and spaces cost bytes on every
page (issue 19: our CSS+JS ≤ 20 KB gzipped per page), while the source in overrides/assets/ keeps its
comments for the people who change it. rjsmin and rcssmin only drop comments and whitespace (no
renaming, no rewriting), so what runs is what was written.

Only files that come from our own source folders are touched: Material's hashed bundles, the vendored
libraries (assets/vendor/) and the Word files' .docx.js (base64 data) are left as they are.
"""
from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

# Folders of the built site holding our own code, as under overrides/assets/
OWN_FOLDERS = ("assets/javascripts", "assets/stylesheets")
# Written by our hooks rather than copied from overrides/ (outputs/draft_rules_json.py)
GENERATED = ("assets/javascripts/draft-check-data.js",)


def minified(text: str, suffix: str) -> str:
    """`text` of a .js or .css file with comments and needless whitespace removed."""
    return rjsmin.jsmin(text) if suffix == ".js" else rcssmin.cssmin(text)


def own_assets(site_dir: Path, source_dir: Path) -> list[Path]:
    """The built copies of our files: those under OWN_FOLDERS whose source is in `source_dir`
    (overrides/), and those our hooks wrote there (GENERATED). Material's files (its bundles, lunr
    languages, search worker) have no source there and are left alone."""
    found = []
    for folder in OWN_FOLDERS:
        for path in sorted((site_dir / folder).rglob("*")):
            relative = path.relative_to(site_dir).as_posix()
            if path.suffix in (".js", ".css") and ((source_dir / relative).is_file() or relative in GENERATED):
                found.append(path)
    return found


def minify_site(site_dir: Path, source_dir: Path) -> int:
    """Minify our files in the built site in place; returns the bytes saved (before gzip)."""
    saved = 0
    for path in own_assets(site_dir, source_dir):
        text = path.read_text(encoding="utf-8")
        small = minified(text, path.suffix)
        if len(small) < len(text):
            path.write_text(small, encoding="utf-8")
            saved += len(text.encode("utf-8")) - len(small.encode("utf-8"))
    return saved
