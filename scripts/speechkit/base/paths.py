"""Where the project keeps its inputs; everything resolves from the repository root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = ROOT / "data"
DOCS_DIR = ROOT / "docs"
SPEECHES_DIR = DOCS_DIR / "speeches"
SPEECHES_URI = "speeches"  # folder of variant pages inside docs/ (never "templates": MkDocs drops it)


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the repository root when inside it."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)
