"""Everything the build adds to the site in memory, written into a folder instead (`make export`,
`scripts/speeches.py export OUT/`), so that a site generator without our hooks can build the same site.

The MkDocs hooks (overrides/hooks/) do their work inside MkDocs: they add pages, fill in marker
tables, write each template page from the model, put HTML into pages after Markdown, add the Word
files and collect the search index. MkDocs 1.x ends with 1.6.1 and Material for MkDocs ends support
on 2027-05-05; the announced successor (Zensical) reads mkdocs.yml and overrides/ but ignores
`hooks:`. The export makes the same outputs with the same functions and writes them as files:

    OUT/manifest.json          every file below: what it is, which page it belongs to, what produced it
    OUT/docs/                  a docs folder that needs no hooks: our pages with their markers filled,
                               the generated pages, each template page written from the model with the
                               speech's HTML in place of its marker, and the Word files under downloads/
    OUT/fragments/             the HTML the build puts into a page after Markdown, one file per marker
                               (a template's speech, each version on a comparison page), sanitised
    OUT/docs/search/phrase_index.json   the index our search worker loads (each page's text, ranking
                               data); every exported page tells the engine's own search to leave it out
    OUT/mkdocs.yml             the site's configuration with the export's docs/, the full nav and no hooks

Like the build, the export checks every variant first and writes nothing when the build would refuse;
it writes into a new folder beside OUT and only then puts it in OUT's place.
"""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import markdown
import pathspec
import yaml

from ..base import SPEECHES_URI, html_text
from ..checking import Corpus, load_corpus
from ..history import History
from ..reading import Variant
from .build import CHECK_PAGE, BuildRefused, address_refusals, build_refusal, draft_check_files, findings_by_page, read_history, speech_body, template_markdown
from .changelog import CHANGES_URI, changes_page
from .downloads import docx_script, large_uri, word_files
from .engine_config import MKDOCS_EXCLUDED, export_config, load_engine_config, markdown_extensions
from .folds import fold_hidden
from .markers import excerpts, fill_markers
from .nav import site_nav
from .page_actions import page_actions
from .page_meta import escaped_meta, template_meta
from .pages import generated_pages
from .render import SPEECH_MARKER
from .sanitize import sanitize
from .search_index import PHRASE_INDEX, SearchIndex, index_json, search_links
from .search_ranking import page_kind
from .urls import file_url, page_url

MANIFEST = "manifest.json"
FORMAT = 1
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)  # as MkDocs reads it
FIRST_H1 = re.compile(r"\s*<h1[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")


@dataclass
class Exported:
    """One file of the export."""

    path: str  # inside the export folder
    kind: str  # page, fragment, file, download, asset (a script made from data), search or config
    producer: str  # the function (or the folder) it comes from
    content: bytes
    page: str | None = None  # the page (src_uri under docs/) it belongs to
    site: str | None = None  # where a build publishes it, relative to the site's root
    marker: str | None = None  # a fragment: the HTML comment it takes the place of in its page's HTML
    source: str | None = None  # the repository file it was made from


@dataclass
class ExportedPage:
    """A page as the engine renders it."""

    src_uri: str
    meta: dict  # as the theme reads it: escaped
    markdown: str  # what the engine renders (in MkDocs: the Markdown after every hook's on_page_markdown)
    producer: str
    raw: str  # the page's file as written (front matter and all)
    generated: bool = False
    variant: Variant | None = None
    fragments: dict[str, str] = field(default_factory=dict)  # marker → the sanitised HTML that takes its place after Markdown
    html: str = ""  # as the engine renders it, fragments in and sanitised (what the search hook reads)
    title: str = ""  # page.title as the theme reads it: escaped, or the first heading's HTML


@dataclass
class Export:
    """The export of one site: its configuration, its checked corpus, its pages and files."""

    root: Path
    config_file: Path
    config: dict
    corpus: Corpus
    history: History
    nav: list
    pages: list[ExportedPage]
    files: list[Exported]

    @property
    def docs_dir(self) -> Path:
        return (self.config_file.parent / self.config.get("docs_dir", "docs")).resolve()

    @property
    def directory_urls(self) -> bool:
        return bool(self.config.get("use_directory_urls", True))


def split_front_matter(text: str) -> tuple[dict, str]:
    """(metadata, body) as MkDocs splits a page: YAML between --- lines at the top."""
    m = FRONT_MATTER.match(text)
    if m:
        try:
            data = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            return {}, text
        if isinstance(data, dict):
            return data, text[m.end():].lstrip("\n")
    return {}, text


def docs_files(docs_dir: Path, config: dict) -> list[str]:
    """Every file under docs/ the engine publishes (src_uri), in MkDocs' order: folders sorted, each
    folder's index page first."""
    spec = pathspec.GitIgnoreSpec.from_lines([*MKDOCS_EXCLUDED, *str(config.get("exclude_docs") or "").splitlines()])
    return [uri for uri in _walk(docs_dir, docs_dir) if not spec.match_file(uri)]


def _walk(top: Path, docs_dir: Path) -> Iterator[str]:
    entries = sorted(top.iterdir(), key=lambda p: p.name)
    files = sorted((p for p in entries if p.is_file()), key=lambda p: (p.stem not in ("index", "README"), p.name))
    yield from (p.relative_to(docs_dir).as_posix() for p in files)
    for sub in entries:
        if sub.is_dir():
            yield from _walk(sub, docs_dir)


def load_export(root: Path, config_file: Path, *, progress: Callable[[str], None] = lambda _: None) -> Export:
    """Check the corpus and make every page and file of the export in memory (nothing is written here).
    Raises BuildRefused with the build's own message where the build would refuse."""
    config = load_engine_config(config_file)
    refusal = address_refusals(site_url=config.get("site_url"), repository=(config.get("extra") or {}).get("source_repository"))
    if refusal:  # the same SITE_URL/REPO_URL check as the build's first hook
        raise BuildRefused(refusal)
    docs_dir = (config_file.parent / config.get("docs_dir", "docs")).resolve()
    corpus = load_corpus(docs_dir / SPEECHES_URI, root / "data", docs_dir=docs_dir)
    refusal = build_refusal(corpus, strict=bool(config.get("strict", False)))
    if refusal:
        raise BuildRefused(refusal)
    progress(f"检查通过：{len(corpus.variants)} 篇模板。")
    history, _ = read_history(corpus.registry, root, docs_dir / SPEECHES_URI, serving=False)
    generated = generated_pages(corpus)
    site = Export(root, config_file, config, corpus, history, site_nav(config.get("nav") or [], corpus, generated), [], [])
    site.pages = _pages(site, generated)
    titles = _nav_titles(site.nav)
    for page in site.pages:
        page.html = _page_html(site, page)
        page.title = _title(page, page.html, titles)
    for page in site.pages:
        site.files += _page_files(site, page)
    progress(f"已生成 {len(site.pages)} 个页面。")
    site.files += _static_files(site)
    downloads = _downloads(site)
    site.files += downloads
    progress(f"已生成 {sum(f.path.endswith('.docx') for f in downloads)} 个 Word 文件。")
    site.files.append(_search_index(site))
    progress("已生成搜索索引。")
    return site


def _pages(site: Export, generated: dict[str, str]) -> list[ExportedPage]:
    """Every page in the order the build renders them: docs/ (templates written from the model, our
    own pages with their markers filled), then the generated pages, then the 更新记录 page."""
    corpus, docs_dir = site.corpus, site.docs_dir
    repository = str((site.config.get("extra") or {}).get("source_repository") or "")
    pending = findings_by_page(corpus.pending, docs_dir)
    pages = []
    for uri in docs_files(docs_dir, site.config):
        if not uri.endswith(".md"):
            continue
        raw = (docs_dir / uri).read_text(encoding="utf-8")
        variant = corpus.by_uri.get(uri)
        if variant is not None:
            pages.append(ExportedPage(uri, escaped_meta(template_meta(variant, corpus.registry)),
                                      template_markdown(variant, corpus, site.history, pending.get(uri, [])),
                                      "speechkit.outputs.template_markdown", raw, variant=variant))
        else:
            meta, body = split_front_matter(raw)
            pages.append(ExportedPage(uri, escaped_meta(meta), fill_markers(body, corpus, src_uri=uri, repository=repository),
                                      "speechkit.outputs.fill_markers", raw))
    for uri, content in [*generated.items(), (CHANGES_URI, changes_page(site.history, corpus))]:
        meta, body = split_front_matter(content)
        producer = "speechkit.outputs.changes_page" if uri == CHANGES_URI else "speechkit.outputs.generated_pages"
        pages.append(ExportedPage(uri, escaped_meta(meta), fill_markers(body, corpus, src_uri=uri, repository=repository),
                                  producer, content, generated=True))
    for page in pages:
        page.fragments = _fragments(site, page)
    return pages


def _fragments(site: Export, page: ExportedPage) -> dict[str, str]:
    """The HTML the build puts into this page after Markdown, by the marker it replaces (sanitized; its
    closed blocks are folded where it is written out: _folded)."""
    data_dir = site.root / "data"
    if page.variant is not None:
        url = page_url(page.src_uri, site.directory_urls)
        return {SPEECH_MARKER: sanitize(speech_body(page.variant, site.corpus, url), data_dir)}
    if page.generated:
        return {marker: sanitize(html, data_dir) for marker, html in excerpts(page.markdown, site.corpus).items()}
    return {}


def _folded(page: ExportedPage) -> dict[str, str]:
    """The page's fragments as the build leaves them: closed blocks' bodies in <template> elements
    (folds.py runs after sanitize.py; the sanitizer drops <template>, so this comes last)."""
    return {marker: fold_hidden(html) for marker, html in page.fragments.items()}


def _with_front_matter(meta: dict, body: str) -> str:
    if not meta:
        return body
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def inlined(page: ExportedPage) -> str:
    """The page's Markdown with each fragment in place of its marker (for an engine without hooks)."""
    body = page.markdown
    for marker, html in _folded(page).items():
        body = body.replace(marker, html)
    return body


def _page_files(site: Export, page: ExportedPage) -> list[Exported]:
    stem = PurePosixPath(page.src_uri).with_suffix("").as_posix()
    out = []
    for number, (marker, html) in enumerate(_folded(page).items(), start=1):
        speech = marker == SPEECH_MARKER
        out.append(Exported(f"fragments/{stem}/{'speech' if speech else f'excerpt-{number}'}.html", "fragment",
                            "speechkit.outputs.speech_body" if speech else "speechkit.outputs.section_html",
                            html.encode(), page=page.src_uri, marker=marker))
    source = None if page.generated else f"docs/{page.src_uri}"
    # the engine's own search indexes nothing: our worker's index is docs/search/phrase_index.json;
    # the links under the page (overrides/main.html reads page.meta.page_actions where no hook set them)
    meta = {**page.meta, "search": {**(page.meta.get("search") or {}), "exclude": True}, "page_actions": _page_actions(site, page)}
    out.append(Exported(f"docs/{page.src_uri}", "page", page.producer, _with_front_matter(meta, inlined(page)).encode(),
                        page=page.src_uri, site=_site_path(page.src_uri, site.directory_urls), source=source))
    return out


def _page_actions(site: Export, page: ExportedPage) -> dict[str, str]:
    extra = site.config.get("extra") or {}
    return page_actions(src_uri=page.src_uri, url=page_url(page.src_uri, site.directory_urls), title=page.title,
                        generated=page.generated, repository=str(extra.get("source_repository") or ""),
                        branch=str(extra.get("source_branch") or "main"), site_url=str(site.config.get("site_url") or ""),
                        directory_urls=site.directory_urls)


def _site_path(src_uri: str, directory_urls: bool) -> str:
    url = page_url(src_uri, directory_urls)
    return url + "index.html" if url == "" or url.endswith("/") else url


def _static_files(site: Export) -> list[Exported]:
    """Files under docs/ other than pages (images…), as they are."""
    return [Exported(f"docs/{uri}", "file", "docs/", (site.docs_dir / uri).read_bytes(), site=uri, source=f"docs/{uri}")
            for uri in docs_files(site.docs_dir, site.config) if not uri.endswith(".md")]


def _downloads(site: Export) -> list[Exported]:
    """The Word files and, for file://, each one's twin script (speechkit.outputs.word_files, docx_script)."""
    owners = {f"downloads/{v.slug}.docx": v.src_uri for v in site.corpus.variants}
    owners |= {large_uri(uri): page for uri, page in owners.items()}  # the 大字版 beside each; a meeting's file has no one page
    out = []
    for uri, data in word_files(site.corpus).items():
        page = owners.get(uri)
        out.append(Exported(f"docs/{uri}", "download", "speechkit.outputs.word_files", data, page=page, site=uri))
        out.append(Exported(f"docs/{uri}.js", "download", "speechkit.outputs.docx_script", docx_script(uri, data).encode(),
                            page=page, site=f"{uri}.js"))
    for uri, content in draft_check_files(site.corpus).items():  # the 检查讲话稿 page's rules and blank Word file
        data = content.encode() if isinstance(content, str) else content
        kind = "download" if uri.startswith("downloads/") else "asset"
        out.append(Exported(f"docs/{uri}", kind, "speechkit.outputs.draft_check_files", data, page=CHECK_PAGE, site=uri))
    return out


def render_markdown(text: str, config: dict) -> str:
    """A page's Markdown as HTML, with the extensions and settings the configuration gives the engine."""
    names, settings = markdown_extensions(config)
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(text)


def _nav_uris(nav: list) -> Iterator[str]:
    for item in nav or []:
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                yield from _nav_uris(value)


def _nav_titles(nav: list) -> dict[str, str]:
    titles = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                elif isinstance(value, list):
                    titles |= _nav_titles(value)
    return titles


def _title(page: ExportedPage, html: str, nav_titles: dict[str, str]) -> str:
    """page.title as the search hook reads it (after safe_meta.py): the nav's title or the metadata's
    (both escaped), else the first heading's text."""
    if page.src_uri in nav_titles:
        return html_text(nav_titles[page.src_uri])
    if isinstance(page.meta.get("title"), str):
        return page.meta["title"]
    m = FIRST_H1.match(html)
    return TAGS.sub("", m.group(1)).strip() if m else PurePosixPath(page.src_uri).stem


def _page_html(site: Export, page: ExportedPage) -> str:
    """The page's HTML as the engine renders it, with the fragments in, sanitised and folded (as the hooks leave it)."""
    html = render_markdown(page.markdown, site.config)
    for marker, fragment in page.fragments.items():
        html = html.replace(marker, fragment)
    return fold_hidden(sanitize(html, site.root / "data"))


def _search_index(site: Export) -> Exported:
    """search/phrase_index.json: each page's HTML split into entries as the search hook does
    (speechkit.outputs.SearchIndex)."""
    index = SearchIndex()
    uris = {page.src_uri for page in site.pages}
    index.links = search_links(site.corpus, lambda src: file_url(src, site.directory_urls) if src in uris else None)
    for page in site.pages:
        if (page.meta.get("search") or {}).get("exclude"):
            continue
        kind = page_kind(is_variant=page.variant is not None, generated=page.generated, source="" if page.generated else page.raw)
        index.add_page(page.html, url=page_url(page.src_uri, site.directory_urls), title=page.title, kind=kind, meta=page.meta)
    return Exported(f"docs/{PHRASE_INDEX}", "search", "speechkit.outputs.SearchIndex",
                    index_json(index.phrase_index(site.corpus)).encode(), site=PHRASE_INDEX)


def manifest(site: Export, files: list[Exported]) -> dict:
    """What the export holds, for whatever builds from it."""
    return {
        "format": FORMAT,
        "written_by": "scripts/speeches.py export",
        "config": _shown(site.config_file, site.root),
        "directory_urls": site.directory_urls,
        "markers": {"speech": SPEECH_MARKER, "excerpt": "<!-- excerpt SLUG ANCHOR -->"},
        "files": [
            {key: value for key, value in {
                "path": f.path, "kind": f.kind, "page": f.page, "site": f.site, "marker": f.marker, "producer": f.producer,
                "source": f.source, "bytes": len(f.content), "sha256": hashlib.sha256(f.content).hexdigest(),
            }.items() if value is not None}
            for f in files
        ],
    }


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def target_problem(out: Path) -> str | None:
    """Why the export may not go into `out`: only a new or empty folder, or an earlier export, is replaced."""
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).is_file())):
        return (f"{out} 已经存在，而且不是以前导出的文件夹（里面没有 {MANIFEST}），没有改动它。"
                "改法：换一个不存在的文件夹，或先移走它。")
    return None


def write_export(site: Export, out: Path) -> list[Exported]:
    """Write the export into `out`, replacing an earlier export there. Everything goes into a new folder
    beside `out` first, so a failure leaves `out` as it was; a folder that is not an export is never replaced."""
    problem = target_problem(out)
    if problem:
        raise BuildRefused(problem)
    listed = set(_nav_uris(site.nav))
    outside = [page.src_uri for page in site.pages if page.src_uri not in listed]
    config = Exported("mkdocs.yml", "config", "speechkit.outputs.export_config",
                      export_config(site.config_file, out, nav=site.nav, not_in_nav=outside).encode(),
                      source=_shown(site.config_file, site.root))
    files = [*site.files, config]
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        for f in files:
            target = work / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.content)
        (work / MANIFEST).write_text(json.dumps(manifest(site, files), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    finally:
        if work.exists():
            shutil.rmtree(work)
    return files
