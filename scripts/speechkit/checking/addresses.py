"""Addresses a deployer gives the build (SITE_URL, REPO_URL): input like any file.

SITE_URL reaches every page raw (Material prints the canonical link and the sitemap from it), so a
quote or `javascript:` in it would put markup or script on every page. Only an http(s) address with
a host, and nothing but the characters an address is made of, is accepted; anything else is refused
in Chinese before a page is built, by the build itself and by `make build`/`make offline` first
(MkDocs would refuse some of them itself, in English).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..base import terminal_text

# The characters of an address: unreserved, reserved and percent signs; no quotes, spaces, <>, \, `, {}.
ADDRESS_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
MAX_ADDRESS_CHARS = 500
SHOWN_CHARS = 80

EXAMPLES = {"SITE_URL": "SITE_URL=https://example.org/xuncha/", "REPO_URL": "REPO_URL=https://github.com/机构/仓库"}


def address_problem(value: str) -> str | None:
    """Why `value` cannot be the site's (or the repository's) address, in Chinese; None if it can."""
    if len(value) > MAX_ADDRESS_CHARS:
        return f"太长（{len(value)} 个字符，上限 {MAX_ADDRESS_CHARS}）"
    if not ADDRESS_CHARS.fullmatch(value):
        bad = next(ch for ch in value if not ADDRESS_CHARS.fullmatch(ch))
        return f"含有网址里不能有的字符“{terminal_text(bad)}”（引号、空格、尖括号、反斜杠和控制字符都不行）"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return "不是有效的网址（端口或方括号写错了）"
    if parts.scheme.lower() not in ("http", "https"):
        return f"以“{parts.scheme or value[:10]}:”开头，只接受 http:// 或 https:// 开头的网址" if parts.scheme else "没有以 http:// 或 https:// 开头"
    if not parts.hostname:
        return "没有主机名（如 example.org）"
    if parts.username is not None or parts.password is not None:
        return "带有用户名或密码，它们会写进每个页面"
    if parts.query or parts.fragment or "?" in value or "#" in value:
        return "带有 ? 或 # 之后的部分，网站地址只写到路径为止"
    return None


def address_refusal(name: str, value: str | None) -> str | None:
    """The whole Chinese message for a refused SITE_URL or REPO_URL (None when it is unset or fine)."""
    if not value:
        return None
    problem = address_problem(value)
    if problem is None:
        return None
    shown = terminal_text(value[:SHOWN_CHARS]) + ("……" if len(value) > SHOWN_CHARS else "")
    return (f"{name}“{shown}”不能用：{problem}。没有生成网站。"
            f"改法：写成带主机名的 http:// 或 https:// 网址，如 {EXAMPLES[name]}；不设 {name} 也能构建。")
