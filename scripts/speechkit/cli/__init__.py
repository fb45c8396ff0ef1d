"""The command line behind scripts/speeches.py and `make` (cli, a Typer app), `make lint` (lint) and
the port check before `mkdocs serve` (devserver). Top layer: may import every other.
"""
from .cli import RELEASE_ASSET, app, main
from .lint import lint_file
