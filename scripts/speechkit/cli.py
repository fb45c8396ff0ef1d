"""Command line for contributors and CI: `python scripts/speeches.py --help`.

One command per job, like FastAPI's scripts/docs.py. Every message is in Chinese and names the
file, the line and the fix; nothing here prints a traceback at a contributor.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from .corpus import Corpus, load_corpus
from .findings import summarise
from .paths import DATA_DIR, ROOT, SPEECHES_DIR

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="讲话模板的检查与生成工具。")


def _echo_err(message: str) -> None:
    typer.echo(message, err=True)


def _load(speeches: Path, data: Path, quiet: bool = False) -> Corpus:
    def progress(done: int, total: int) -> None:
        if not quiet and total >= 50 and (done % 50 == 0 or done == total):
            _echo_err(f"已读取 {done}/{total} 篇……")

    return load_corpus(speeches, data, progress=progress)


@app.command()
def check(
    speeches: Path = typer.Option(SPEECHES_DIR, help="变体所在的文件夹。"),
    data: Path = typer.Option(DATA_DIR, help="登记表（data/）所在的文件夹。"),
    strict: bool = typer.Option(False, help="有警告也算不通过（构建网站时就是这样）。"),
) -> None:
    """检查全部讲话稿变体：头部字段、作用、占位符、编号、标点、HTML、提法和近似重复。"""
    corpus = _load(speeches, data)
    for finding in corpus.findings:
        typer.echo(str(finding))
    count = len(corpus.variants)
    failed = bool(corpus.errors) or (strict and bool(corpus.warnings))
    verdict = "未通过" if failed else "通过"
    typer.echo(f"检查了 {count} 篇变体：{summarise(corpus.findings)}。{verdict}。")
    raise typer.Exit(1 if failed else 0)


@app.command()
def stats(
    speeches: Path = typer.Option(SPEECHES_DIR, help="变体所在的文件夹。"),
    data: Path = typer.Option(DATA_DIR, help="登记表（data/）所在的文件夹。"),
) -> None:
    """列出每篇变体的结构、字数和讲话时长。"""
    from .stats import minutes, section_chars, variant_chars

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
    from .pages import generated_pages

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
def new(
    slug: str = typer.Argument(..., help="新变体的文件名（英文小写和短横线），如 county-special-deployment。"),
    title: Optional[str] = typer.Option(None, help="标题。"),
) -> None:
    """用骨架文件 _template.md 新建一篇变体。"""
    import re

    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        typer.echo(f"文件名“{slug}”不合规。改法：只用英文小写字母、数字和短横线，如 county-special-deployment。")
        raise typer.Exit(1)
    target = SPEECHES_DIR / f"{slug}.md"
    if target.exists():
        typer.echo(f"{target.relative_to(ROOT)} 已经存在，没有覆盖。改法：换一个文件名。")
        raise typer.Exit(1)
    text = (SPEECHES_DIR / "_template.md").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("# 复制本文件"))
    if title:
        text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    target.write_text(text, encoding="utf-8")
    typer.echo(f"已新建 {target.relative_to(ROOT)}。按 docs/contributing/format.md 填写后运行 make check。")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _echo_err("已中断。")
        sys.exit(130)
    except Exception as exc:  # a bug of ours, not the contributor's: say so briefly, without a traceback
        _echo_err(f"内部错误：{type(exc).__name__}: {exc}。这不是你的文件的问题，请把这条信息报告给维护者。")
        sys.exit(2)
