#!/usr/bin/env python3
"""Entry point: `python scripts/speeches.py check|stats|pages|new` (see `--help`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from speechkit.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
