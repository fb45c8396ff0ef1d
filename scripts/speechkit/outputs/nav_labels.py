"""Material wraps the text of every navigation link in a `span.md-ellipsis` (for a tooltip when the
text is cut off) and watches each of them on every page load. Our navigation text wraps instead of
being cut off (long Chinese titles differ only at their end), so the spans only cost: on the largest
template page about 40 elements of the DOM and as many observers (issue 19). Their text goes straight
into the link; Material's flex layout of the link (text, then the chevron) is unchanged.
"""
from __future__ import annotations

import re

NAV_LABEL = re.compile(r'(<(?:a|label) [^>]*class="md-nav__link[^"]*"[^>]*>)\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>')


def plain_nav_labels(html: str) -> str:
    """A built page with the text of its navigation links unwrapped from their `span.md-ellipsis`."""
    return NAV_LABEL.sub(r"\1\2", html) if "md-ellipsis" in html else html
