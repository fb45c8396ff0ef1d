"""Everything under docs/ is accounted for: the variants, our own pages, our own assets.

MkDocs publishes every file under docs/ as it is, so a stray file is a hole: an .html page runs
on our origin, a .md.txt is published raw, a folder named `templates` vanishes silently, a
symbolic link publishes whatever it points at. The allowed layout is data/docs_layout.yml; every
other file is a finding with its path and fix. Our own pages are read with the same bounded reader
and front-matter parser as variants, since MkDocs parses their front matter too.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..base import SLUG, Finding, case_key, portable_name_problem
from .frontmatter import parse_front_matter
from .markup import active_markup
from .source import Limits, read_source

ACTIVE = {".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".svg", ".css", ".xml", ".php", ".swf", ".wasm"}
WRONG_MARKDOWN = re.compile(r"\.(markdown|mdown|mkd|mkdn|md\.txt|txt|text|mdx)$", re.I)
LAYOUT_FILE = "data/docs_layout.yml"
NAME_RULE = "文件名只用英文小写字母、数字和短横线，如 county-special-deployment.md"


@dataclass(frozen=True)
class Layout:
    pages: frozenset[str]
    variants: str
    assets: tuple[str, ...] = ()
    ignore: frozenset[str] = frozenset()


@dataclass
class DocsContents:
    variants: list[Path] = field(default_factory=list)  # published variants, sorted
    findings: list[Finding] = field(default_factory=list)


def suggest_slug(stem: str) -> str:
    """A name that follows the rule, for the fix: Bad Name → bad-name (empty if nothing is left)."""
    return "-".join(re.findall(r"[a-z0-9]+", stem.lower()))


def _rename_fix(stem: str) -> str:
    suggestion = suggest_slug(stem)
    return f"{NAME_RULE}；可改名为 {suggestion}.md。" if suggestion else f"{NAME_RULE}。中文标题写在头部的 title 里。"


def _judge_variant_file(path: Path, limits: Limits) -> tuple[bool, list[Finding]]:
    """Whether `path` (directly in the variants folder) is a published variant, and what is wrong with it."""
    name = path.name
    if name.endswith(".md"):
        stem = name[:-3]
        draft = stem.startswith("_")
        bare = stem[1:] if draft else stem
        if not SLUG.fullmatch(bare):
            return False, [Finding(path, 1, f"文件名“{name}”不合规。", _rename_fix(bare))]
        if len(bare) > limits.max_file_name_chars:
            return False, [Finding(path, 1, f"文件名太长（{len(bare)} 个字符，上限 {limits.max_file_name_chars} 个）。", "用几个英文词概括会议和讲话人即可，如 county-special-deployment.md。")]
        return not draft, []
    if path.suffix.lower() in ACTIVE:
        return False, [Finding(path, 1, f"讲话稿文件夹里不能放 {path.suffix} 文件：它会原样发布到网站上，可能执行脚本。", "删去这个文件；讲话稿模板一律写成 .md 文件。")]
    m = WRONG_MARKDOWN.search(name)
    if m:
        stem = name[: m.start()]
        target = f"{suggest_slug(stem) or 'new-variant'}.md"
        return False, [Finding(path, 1, f"文件“{name}”的扩展名不对，不会作为模板发布。", f"改名为 {target}（扩展名必须是 .md）。")]
    return False, [Finding(path, 1, f"讲话稿文件夹里不能放“{name}”这样的文件。", "这里只放讲话稿模板（.md 文本文件）；Word 文档、图片和其他文件请删去。")]


def _judge_other_file(path: Path, rel: str, layout: Layout, limits: Limits) -> list[Finding]:
    if rel in layout.pages:
        text, findings = read_source(path, limits)
        if text is None:
            return findings
        findings = parse_front_matter(path, text.split("\n"), limits, required=False).findings
        return findings + [Finding(path, line, f"{what}，我们自己的页面里也不允许。", "删去它；页面上需要的交互写进 overrides/assets/ 的脚本，由维护者审核。")
                           for line, what in active_markup(text)]
    if any(fnmatch.fnmatchcase(rel, pattern) for pattern in layout.assets):
        if path.suffix.lower() in ACTIVE:
            return [Finding(path, 1, f"静态文件不能是 {path.suffix} 文件：它会在本站执行脚本。", f"删去它，或换成图片等不含脚本的文件（{LAYOUT_FILE}）。")]
        return []
    if path.suffix.lower() in ACTIVE:
        return [Finding(path, 1, f"docs/ 下不能放 {path.suffix} 文件：它会原样发布到网站上，可以在本站执行脚本。", "删去这个文件；页面一律用 Markdown 写，样式和脚本由维护者放在 overrides/assets/。")]
    if path.suffix == ".md" or WRONG_MARKDOWN.search(path.name):
        return [Finding(path, 1, f"页面 docs/{rel} 没有登记，不能发布。", f"讲话稿模板放在 docs/{layout.variants}/ 下（{NAME_RULE}）；其他页面由维护者在 {LAYOUT_FILE} 登记。")]
    return [Finding(path, 1, f"docs/ 下不能放文件 {rel}。", f"删去它；确需发布的静态文件由维护者在 {LAYOUT_FILE} 的 assets 中登记。")]


def scan_docs(docs_dir: Path | None, speeches_dir: Path, layout: Layout, limits: Limits) -> DocsContents:
    """Every file under `docs_dir` (if given) and `speeches_dir`, judged against the layout."""
    out = DocsContents()
    seen: dict[str, Path] = {}  # case_key of each path → the first path with it
    roots = [speeches_dir] if docs_dir is None else [docs_dir]
    if docs_dir is not None and not _is_within(speeches_dir, docs_dir):
        roots.append(speeches_dir)
    for root in roots:
        if not root.is_dir():
            continue
        for folder, dirs, files in os.walk(root, followlinks=False):
            here = Path(folder)
            refused = set()
            for name in sorted(dirs):
                sub = here / name
                if sub.is_symlink():
                    out.findings.append(Finding(sub, 1, "不能提交指向别处的文件夹链接（符号链接）。", "删去这个链接；文件直接放在 docs/ 下的相应位置。"))
                    refused.add(name)
                elif _portable(sub, root, seen, out):
                    refused.add(name)
            dirs[:] = sorted(d for d in dirs if d not in refused and not (d.startswith(".") and d in layout.ignore))
            for name in sorted(files):
                path = here / name
                if name in layout.ignore or not _portable(path, root, seen, out):
                    out.findings += _judge(path, root, docs_dir, speeches_dir, layout, limits, out)
    out.variants.sort()
    return out


def _portable(path: Path, root: Path, seen: dict[str, Path], out: DocsContents) -> bool:
    """Record a finding (and return True) if `path` cannot be checked out on Windows or macOS:
    a reserved or unportable name, or a name that differs from another only in case."""
    problem = portable_name_problem(path.name)
    if problem:
        out.findings.append(Finding(path, 1, f"文件名“{path.name}”不能用：{problem}。", "改一个只用英文小写字母、数字和短横线的名字。"))
        return True
    key = case_key(path.relative_to(root).as_posix())
    if key in seen:
        other = seen[key].relative_to(root).as_posix()
        out.findings.append(Finding(path, 1, f"“{path.name}”与 {other} 只有大小写不同：在 Windows 和 macOS 上它们是同一个文件，检出时会互相覆盖。",
                                    "删去其中一个，或给它改一个不同的名字（文件名一律用小写）。"))
        return True
    seen[key] = path
    return False


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _judge(path: Path, root: Path, docs_dir: Path | None, speeches_dir: Path, layout: Layout, limits: Limits, out: DocsContents) -> list[Finding]:
    name = path.name
    if name in layout.ignore:
        return []
    if path.is_symlink():
        return [Finding(path, 1, "不能提交符号链接：网站会发布它指向的文件。", "删去这个链接，换成普通文件。")]
    if name.startswith("."):
        return [Finding(path, 1, f"隐藏文件 {name} 不属于网站。", "删去这个文件。")]
    parts = path.relative_to(root).parts
    if any(part == "templates" for part in parts[:-1]):
        return [Finding(path, 1, "MkDocs 会悄悄忽略名为 templates 的文件夹，这里的文件不会发布。", f"把文件移到 docs/{layout.variants}/ 下；文件夹不要叫 templates。")]
    in_speeches = _is_within(path.parent, speeches_dir)
    if in_speeches and path.parent.resolve() != speeches_dir.resolve():
        return [Finding(path, 1, f"docs/{layout.variants}/ 下不能有子文件夹，这里的文件不会作为模板发布。", f"把文件移到 docs/{layout.variants}/ 下，删去子文件夹。")]
    if in_speeches:
        rel = f"{layout.variants}/{name}"
        if name == "index.md" and rel in layout.pages:
            return _judge_other_file(path, rel, layout, limits)
        published, findings = _judge_variant_file(path, limits)
        if published:
            out.variants.append(path)
        return findings
    rel = path.relative_to(docs_dir).as_posix() if docs_dir is not None else name
    return _judge_other_file(path, rel, layout, limits)
