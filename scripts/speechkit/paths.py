"""Where the project keeps its inputs; everything resolves from the repository root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
DOCS_DIR = ROOT / "docs"
SPEECHES_DIR = DOCS_DIR / "speeches"
SPEECHES_URI = "speeches"  # folder of variant pages inside docs/ (never "templates": MkDocs drops it)
