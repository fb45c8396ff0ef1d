"""Command line for contributors and CI: `python scripts/speeches.py --help`.

One command per job, like FastAPI's scripts/docs.py. Every message is in Chinese and names the
file, the line and the fix; nothing here prints a traceback at a contributor.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Optional

import click
import typer

from ..base import DATA_DIR, DOCS_DIR, ROOT, SPEECHES_DIR, shown_path, summarise, terminal_text
from ..checking import Corpus, load_corpus

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="讲话模板的检查与生成工具。")


def _echo_err(message: str) -> None:
    typer.echo(terminal_text(message), err=True)  # values quoted back never carry raw control characters


def _load(speeches: Path, data: Path, quiet: bool = False, docs: Path | None = None) -> Corpus:
    def progress(done: int, total: int) -> None:
        if not quiet and total >= 50 and (done % 50 == 0 or done == total):
            _echo_err(f"已读取 {done}/{total} 篇……")

    return load_corpus(speeches, data, progress=progress, docs_dir=docs)


@app.command()
def check(
    speeches: Optional[Path] = typer.Option(None, help="变体所在的文件夹（默认 docs/speeches/）。"),
    data: Path = typer.Option(DATA_DIR, help="登记表（data/）所在的文件夹。"),
    docs: Optional[Path] = typer.Option(None, help="网站页面所在的文件夹：其中每个文件都按 data/docs_layout.yml 检查（只给 --speeches 时不检查）。"),
    strict: bool = typer.Option(False, help="有警告也算不通过（构建网站时就是这样）。"),
) -> None:
    """检查 docs/ 下的每个文件和全部讲话稿变体：文件名、编码、大小、头部字段、作用、占位符、编号、标点、HTML、提法和近似重复。"""
    if speeches is None:
        docs = docs or DOCS_DIR
        speeches = docs / "speeches"
    corpus = _load(speeches, data, docs=docs)
    for finding in corpus.findings:
        typer.echo(str(finding))
    count = len(corpus.variants)
    failed = bool(corpus.errors) or (strict and bool(corpus.warnings))
    verdict = "未通过" if failed else "通过"
    typer.echo(f"检查了 {count} 篇变体：{summarise(corpus.findings)}。{verdict}。")
    typer.echo(_next_step(corpus, failed))
    raise typer.Exit(1 if failed else 0)


def _next_step(corpus: Corpus, failed: bool) -> str:
    """What the contributor does next, so that every run of `make check` ends with a clear step."""
    if failed:
        return "下一步：按上面每一条的“改法”修改（行号是文件里的行），改完再运行 make check。"
    drafts = sorted({f.display_path() for f in corpus.pending})
    if drafts:
        return (f"下一步：{len(drafts)} 篇草稿还有待完成的地方（上面标“待完成”的各条），可以先用 make serve 在浏览器里看；"
                "全部完成后把头部的 status 改为“可用”，再运行 make check。")
    return "下一步：运行 make serve 在浏览器里预览，或提交合并请求。"


@app.command()
def stats(
    speeches: Path = typer.Option(SPEECHES_DIR, help="变体所在的文件夹。"),
    data: Path = typer.Option(DATA_DIR, help="登记表（data/）所在的文件夹。"),
) -> None:
    """列出每篇变体的结构、字数和讲话时长。"""
    from ..reading import minutes, section_chars, variant_chars

    corpus = _load(speeches, data)
    if corpus.registry is None:
        typer.echo(str(corpus.findings[0]))
        raise typer.Exit(1)
    for variant in corpus.variants:
        total = variant_chars(variant, corpus.registry)
        typer.echo(f"{variant.slug}　{variant.title}　{total} 字，约 {minutes(total, corpus.registry)} 分钟")
        for section in variant.sections:
            typer.echo(f"    {section.title}（{section.effective_role or ''}）{section_chars(section, corpus.registry)} 字")


@app.command()
def pages(
    out: Path = typer.Argument(..., help="把生成的页面写到这个文件夹（用于查看；构建时不需要）。"),
) -> None:
    """把构建时生成的页面（共性段落、结构对照表、占位符索引、提法）写成文件，便于查看。"""
    from ..outputs import generated_pages

    corpus = _load(SPEECHES_DIR, DATA_DIR)
    if corpus.errors:
        for finding in corpus.errors:
            typer.echo(str(finding))
        typer.echo("有错误，没有生成页面。先运行 make check 修正。")
        raise typer.Exit(1)
    for uri, content in generated_pages(corpus).items():
        target = out / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        typer.echo(f"已写入 {target}")


@app.command()
def export(
    out: Path = typer.Argument(..., help="写到这个文件夹（不存在的，或以前导出过的）。"),
    config: Path = typer.Option(ROOT / "mkdocs.yml", "--config", "-f", help="网站配置（默认 mkdocs.yml；内网离线版用 mkdocs.offline.yml）。"),
) -> None:
    """把构建时在内存里生成的一切（生成的页面、页面里的讲话稿 HTML、Word 文件、搜索索引）写成文件夹和 manifest.json，不用我们的钩子也能构建网站。"""
    from ..outputs import BuildRefused, load_export, target_problem, write_export

    problem = target_problem(out)
    if problem:
        _echo_err(problem)
        raise typer.Exit(1)
    if not config.is_file():
        _echo_err(f"找不到网站配置 {shown_path(config)}。改法：用 --config 给出 mkdocs.yml 的路径。")
        raise typer.Exit(1)
    try:
        site = load_export(ROOT, config, progress=_echo_err)
        files = write_export(site, out)
    except BuildRefused as exc:
        _echo_err(str(exc))
        raise typer.Exit(1) from None
    except OSError as exc:
        _echo_err(f"无法写入 {shown_path(out)}（{exc.strerror}），没有改动它。改法：确认上一级文件夹存在并且可以写入。")
        raise typer.Exit(1) from None
    typer.echo(f"已导出 {len(site.pages)} 个页面、{len(files)} 个文件到 {shown_path(out)}（清单：{shown_path(out / 'manifest.json')}）。")
    typer.echo(f"下一步：用不带钩子的配置构建它，例如 mkdocs build -f {shown_path(out / 'mkdocs.yml')}，或 zensical build -f 同一个文件。")


def _choose(label: str, given: str | None, choices: tuple[str, ...], interactive: bool) -> str:
    """A registered value: the one given, else asked for (terminal), else the first choice."""
    if given is not None:
        if given not in choices:
            _echo_err(f"{label}“{given}”不在登记的范围内。改法：改为以下之一：{'、'.join(choices)}。")
            raise typer.Exit(1)
        return given
    if not interactive:
        return choices[0]
    typer.echo(f"{label}：")
    for number, choice in enumerate(choices, start=1):
        typer.echo(f"  {number}. {choice}")
    while True:  # our own check: the pinned typer cannot prompt with click.IntRange (AssertionError)
        answer = _ask("请输入序号", "1").strip()
        if answer in choices:
            return answer
        if answer.isdigit() and 1 <= int(answer) <= len(choices):
            return choices[int(answer) - 1]
        _echo_err(f"“{answer[:MAX_SHOWN]}”不是 1 到 {len(choices)} 之间的序号，请重新输入。")


def _ask(question: str, default: str) -> str:
    """One answer typed at the terminal; Ctrl+C or Ctrl+D ends the command without writing anything."""
    try:
        return typer.prompt(question, default=default, type=str)
    except (click.Abort, typer.Abort, EOFError):  # this typer has an Abort of its own
        _echo_err("已取消，没有新建任何文件。")
        raise typer.Exit(1) from None


@app.command()
def new(
    slug: Optional[str] = typer.Argument(None, envvar="NAME", help="新变体的文件名（英文小写和短横线），如 county-special-deployment。"),
    title: Optional[str] = typer.Option(None, envvar="TITLE", help="标题：写会议名称和讲话人，不写年份。"),
    meeting: Optional[str] = typer.Option(None, envvar="MEETING", help="会议类型（data/front_matter.yml 中登记的一种）。"),
    speaker: Optional[str] = typer.Option(None, envvar="SPEAKER", help="讲话人（data/front_matter.yml 中登记的一种）。"),
) -> None:
    """用骨架文件 _template.md 新建一篇草稿：在终端里会逐项询问，也可以用参数给出；从不覆盖已有文件。"""
    from ..base import SLUG
    from ..importer import SKELETON_NAME, free_slug, scaffold_text, title_problem, unique_title, write_new

    corpus = _load(SPEECHES_DIR, DATA_DIR, quiet=True)
    if corpus.registry is None:
        typer.echo(str(corpus.findings[0]))
        raise typer.Exit(1)
    interactive = sys.stdin.isatty() and None in (slug, title, meeting, speaker)
    fields = corpus.registry.fields
    meeting = _choose(fields["meeting"].label, meeting, fields["meeting"].choices, interactive)
    speaker = _choose(fields["speaker"].label, speaker, fields["speaker"].choices, interactive)
    taken = {v.title for v in corpus.variants}
    if title is None:
        suggested = unique_title(f"{meeting}讲话（{speaker}）", taken)
        title = _ask("标题（写会议名称和讲话人，不写年份）", suggested) if interactive else suggested
    problem = title_problem(title) or ("已有一篇模板用了这个标题" if title in taken else None)
    if problem:
        _echo_err(f"标题“{title[:MAX_SHOWN]}”不能用：{problem}。改法：换一个能区分各篇的标题（会议名称和讲话人）。")
        raise typer.Exit(1)
    if slug is None:
        suggested = free_slug(SPEECHES_DIR, "new-speech")
        slug = _ask("文件名（英文小写字母、数字和短横线）", suggested) if interactive else suggested
    if not SLUG.fullmatch(slug):
        _echo_err(f"文件名“{slug[:MAX_SHOWN]}”不合规。改法：只用英文小写字母、数字和短横线，如 county-special-deployment。")
        raise typer.Exit(1)
    if len(slug) > corpus.registry.limits.max_file_name_chars:
        _echo_err(f"文件名“{slug[:MAX_SHOWN]}…”太长（{len(slug)} 个字符，上限 {corpus.registry.limits.max_file_name_chars} 个）。改法：用几个英文词概括会议和讲话人。")
        raise typer.Exit(1)
    target = SPEECHES_DIR / f"{slug}.md"
    skeleton = (SPEECHES_DIR / SKELETON_NAME).read_text(encoding="utf-8")
    text = scaffold_text(skeleton, title=title, meeting=meeting, speaker=speaker, today=dt.date.today())
    try:
        write_new(target, text)
    except FileExistsError:
        _echo_err(f"{shown_path(target)} 已经存在，没有覆盖。改法：换一个文件名。")
        raise typer.Exit(1) from None
    typer.echo(terminal_text(f"已新建草稿 {shown_path(target)}（标题：{title}；{meeting}；{speaker}）。"))
    typer.echo("下一步：按 docs/contributing/format.md 把“……”处写成正文，每部分加“> 用途：”；"
               "然后运行 make check（草稿的未完成处列为“待完成”，不算错误），再用 make serve 预览。")


MAX_SHOWN = 40  # characters of a rejected value quoted back


@app.command("import")
def import_(
    src: Optional[Path] = typer.Argument(None, envvar="SRC", help="要导入的讲话稿：.txt（UTF-8 或 GB18030）、.docx，或保存下来的 .html 网页。"),
    out: Path = typer.Option(SPEECHES_DIR, "--out", envvar="OUT", help="草稿和导入报告写到这个文件夹。"),
    name: Optional[str] = typer.Option(None, "--name", help="草稿的文件名（英文小写和短横线）；默认为 imported-日期。"),
) -> None:
    """把一篇讲话稿（或一页多篇的合集）转成草稿，并写一份逐行核对的导入报告；从不覆盖已有文件。"""
    from ..base import SLUG
    from ..importer import ImportRefused, import_file, load_rules, next_steps, printable
    from ..reading import DataFileError

    if src is None:
        _echo_err("没有给出要导入的文件。改法：make import SRC=文件路径，例如 make import SRC=~/下载/巡察讲话.txt。")
        raise typer.Exit(1)
    if name is not None and not SLUG.fullmatch(name):
        _echo_err(f"文件名“{name[:MAX_SHOWN]}”不合规。改法：只用英文小写字母、数字和短横线，如 county-special-deployment。")
        raise typer.Exit(1)
    corpus = _load(SPEECHES_DIR, DATA_DIR, quiet=True)
    if corpus.registry is None:
        typer.echo(str(corpus.findings[0]))
        raise typer.Exit(1)
    try:
        rules = load_rules(corpus.registry)
    except DataFileError as exc:
        typer.echo(str(exc.finding))
        raise typer.Exit(1) from None
    existing = {v.slug: v.spoken_text for v in corpus.variants}
    titles = {v.title for v in corpus.variants}
    try:
        result = import_file(src, out, corpus.registry, rules, existing=existing, taken_titles=titles, name=name, progress=_echo_err)
    except ImportRefused as exc:
        _echo_err(f"{printable(str(src), 200)}：{exc.message}改法：{exc.fix}")  # a file name may carry ANSI escapes or NEL
        raise typer.Exit(1) from None
    except FileExistsError as exc:
        _echo_err(f"{shown_path(Path(str(exc)))} 已经存在，没有覆盖，也没有写入任何文件。改法：用 --name 换一个文件名，或先移走旧文件。")
        raise typer.Exit(1) from None
    except OSError as exc:
        _echo_err(f"无法写入 {printable(str(out), 200)}（{exc.strerror}），没有写入任何文件。改法：确认这个文件夹存在并且可以写入。")
        raise typer.Exit(1) from None
    for draft in result.drafts:
        pending = sum(f.is_pending for f in draft.findings)
        errors = sum(f.is_error for f in draft.findings)
        reviews = sum(len(p.notes) for p in draft.outline.all_paras())
        typer.echo(f"已写入草稿 {printable(shown_path(draft.path), 200)}：{draft.title}（逐行核对 {reviews} 处，待完成 {pending} 项" + (f"，错误 {errors} 个" if errors else "") + "）")
    typer.echo(f"已写入导入报告 {printable(shown_path(result.report_path), 200)}")
    if not result.drafts:
        typer.echo("没有生成草稿：原因见导入报告第二部分。")
        return
    typer.echo("下一步：")
    for number, step in enumerate(next_steps(result), start=1):
        typer.echo(f"  {number}. {step}")


@app.command()
def lint(
    file: Optional[Path] = typer.Argument(None, envvar="FILE", help="要检查的讲话稿：.txt（UTF-8、UTF-16 或 GB18030）、.docx、.md。"),
    data: Path = typer.Option(DATA_DIR, help="登记表（data/）所在的文件夹。"),
    date: Optional[str] = typer.Option(None, "--date", envvar="DATE", help="按这一天核对提法的时效（默认今天），例如讲话的日期 2027-03-01。"),
) -> None:
    """检查一篇讲话稿，与网站的“检查讲话稿”页相同：过时的提法、遮挡符号、残缺的固定表述、网页杂项、标点、重复的词、编号；有问题时退出码为 1。"""
    from ..reading import DataFileError, load_registry, load_rulebook
    from .lint import lint_file

    if file is None:
        _echo_err("没有给出要检查的文件。改法：make lint FILE=文件路径，例如 make lint FILE=~/下载/巡察讲话.docx。")
        raise typer.Exit(1)
    try:
        today = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        _echo_err(f"日期“{date[:MAX_SHOWN]}”不对。改法：写成 2027-03-01 这样的日期，或不写（按今天检查）。")
        raise typer.Exit(1) from None
    try:
        rulebook = load_rulebook(load_registry(data), data)
    except DataFileError as exc:
        typer.echo(str(exc.finding))
        raise typer.Exit(1) from None
    lines, failed = lint_file(file, rulebook, today)
    for line in lines:
        typer.echo(line)
    raise typer.Exit(1 if failed else 0)


@app.command()
def serve(
    port: int = typer.Option(8000, envvar="PORT", help="预览用的端口。"),
) -> None:
    """在 http://127.0.0.1:端口 预览网站，改动后自动刷新；端口被占用时给出可用的端口。"""
    from .devserver import HOST, exec_mkdocs, free_port, port_problem

    from ..checking import address_refusal

    for name in ("SITE_URL", "REPO_URL"):
        refusal = address_refusal(name, os.environ.get(name))
        if refusal:
            _echo_err(refusal)
            raise typer.Exit(1)
    problem = port_problem(port)
    if problem:
        other = free_port(port)
        hint = f"make serve PORT={other}" if other else "make serve PORT=另一个端口号"
        _echo_err(f"{problem}改法：关掉正在运行的预览（在它的终端里按 Ctrl+C），或换一个端口：{hint}")
        raise typer.Exit(1)
    typer.echo(f"正在检查并构建，然后在 http://{HOST}:{port}/ 预览（按 Ctrl+C 停止）。有问题的模板页会直接显示问题清单。")
    exec_mkdocs(port)


@app.command("fix-level")
def fix_level(
    files: list[Path] = typer.Argument(..., help="要改的模板文件，如 docs/speeches/district-entry-chair.md；可以写多个。"),
    data: Path = typer.Option(DATA_DIR, help="登记表（data/）所在的文件夹。"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只列出要改的地方，不写文件。"),
) -> None:
    """把区（县）级模板讲话正文里的本级“区”字写成 {区}（区委 → {区}委、我区 → 我{区}），页面上才能一键换成县、市、旗。
    只改讲话正文、讲话标题和注释所指的原文，不改注释、说明和占位符的名称。"""
    from ..checking import fix_levels
    from ..reading import DataFileError, load_registry

    try:
        registry = load_registry(data)
    except DataFileError as exc:
        typer.echo(str(exc.finding))
        raise typer.Exit(1) from None
    missing = [f for f in files if not f.is_file()]
    if missing:
        _echo_err(f"找不到 {'、'.join(str(f) for f in missing)}，没有改任何文件。改法：写模板文件的路径，如 docs/speeches/district-entry-chair.md。")
        raise typer.Exit(1)
    total = 0
    for path in files:
        try:
            fixed = fix_levels(path, registry)
        except UnicodeDecodeError:
            _echo_err(f"{shown_path(path)}：不是 UTF-8 编码，没有改动。改法：用 UTF-8 编码另存后再运行。")
            raise typer.Exit(1) from None
        if not fixed.applies:
            typer.echo(f"{shown_path(path)}：层级不是“{registry.levels.applies_to}”，不标 {{区}}，没有改动。")
            continue
        for line, before, after in fixed.changes:
            typer.echo(f"{shown_path(path)}:{line}: {before.strip()}\n    → {after.strip()}")
        total += len(fixed.changes)
        if fixed.changes and not dry_run:
            path.write_bytes(fixed.text.encode("utf-8"))
        verdict = "没有要改的地方" if not fixed.changes else f"{'要改' if dry_run else '改了'} {len(fixed.changes)} 行"
        typer.echo(f"{shown_path(path)}：{verdict}。")
    if total and not dry_run:
        typer.echo("下一步：用 git diff 看一遍改动（讲话里说的是上级或别处的“区委”时改回去），再运行 make check。")


@app.command("check-addresses", hidden=True)
def check_addresses() -> None:
    """检查环境变量 SITE_URL 和 REPO_URL：只接受带主机名的 http(s) 网址（make build 和 make offline 先运行它）。"""
    from ..checking import address_refusal

    refusals = [r for r in (address_refusal(name, os.environ.get(name)) for name in ("SITE_URL", "REPO_URL")) if r]
    for refusal in refusals:
        _echo_err(refusal)
    raise typer.Exit(1 if refusals else 0)


RELEASE_ASSET = "xuncha-speech-templates-offline.zip"  # what `make offline` leaves in dist/


@app.command("release-notes")
def release_notes_command(
    tag: str = typer.Argument(..., help="要发布的标签，如 v1.2。"),
    repo: Path = typer.Option(ROOT, help="仓库所在的文件夹。"),
    out: Optional[Path] = typer.Option(None, help="写到这个文件（不给则输出到屏幕）。"),
) -> None:
    """写出一次发布的说明：自上一个 v* 标签以来模板、提法和登记表的修改（用于 GitHub 发布页）。"""
    from ..history import GitUnavailable, Repository, load_history
    from ..outputs import release_notes
    from ..reading import DataFileError

    try:
        repository = Repository.open(repo)
    except GitUnavailable as exc:
        typer.echo(f"{exc}，无法生成发布说明。改法：在完整克隆的仓库里运行（CI 里 actions/checkout 要设 fetch-depth: 0）。")
        raise typer.Exit(1)
    if not repository.has_commit(tag):
        typer.echo(f"找不到标签“{terminal_text(tag)}”。改法：先用 git tag {tag} 打上标签（或 git fetch --tags 取回标签），再生成发布说明。")
        raise typer.Exit(1)
    previous = repository.previous_tag(tag, "v*")
    corpus = _load(repo / "docs" / "speeches", repo / "data", quiet=True)
    if corpus.registry is None:
        typer.echo(str(corpus.findings[0]))
        raise typer.Exit(1)
    try:
        history = load_history(corpus.registry, repo, revisions=f"{previous}..{tag}" if previous else tag)
    except DataFileError as exc:
        typer.echo(str(exc.finding))
        raise typer.Exit(1)
    notes = release_notes(history, corpus, previous=previous, asset=RELEASE_ASSET)
    if out is None:
        typer.echo(notes)
    else:
        out.write_text(notes, encoding="utf-8")
        since = f"自 {previous} 以来" if previous else "自第一次提交以来"
        typer.echo(f"发布说明已写入 {out}（{tag}，{since}的修改）。")


@app.command("tifa-due")
def tifa_due(days: int = typer.Option(90, "--days", help="列出多少天内到期的提法（已经到期的也列出）。")) -> None:
    """列出 data/tifa.yml 中即将到期的提法，以及用到它们的模板（文件:行号）。"""
    from .tifa_due import report

    raise typer.Exit(report(days, typer.echo))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _echo_err("已中断。")
        sys.exit(130)
    except Exception as exc:  # a bug of ours, not the contributor's: say so briefly, without a traceback
        _echo_err(f"内部错误：{type(exc).__name__}: {exc}。这不是你的文件的问题，请把这条信息报告给维护者。")
        sys.exit(2)
