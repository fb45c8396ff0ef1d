"""Where the project keeps its inputs; everything resolves from the repository root."""
import re
import unicodedata
from pathlib import Path

from .chars import TERMINAL_UNSAFE, code_point, invisible_name

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


# Names Windows reserves for devices, whatever the extension (CON.md, nul.yml, com1.txt): a clone on
# Windows fails or writes to the device. Contributors clone on Windows, so these never enter the tree.
_RESERVED = re.compile(r"(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)", re.I)
_NOT_ON_WINDOWS = re.compile(r'[<>:"\\|?*]')


def portable_name_problem(name: str) -> str | None:
    """Why a file or folder name cannot be checked out everywhere (None if it can)."""
    if _RESERVED.fullmatch(name.split(".", 1)[0].rstrip(" ")):
        return f"“{name.split('.', 1)[0]}”是 Windows 保留的设备名，在 Windows 上无法检出这个文件"
    if name.endswith((".", " ")):
        return "名字以点或空格结尾，Windows 会悄悄去掉它们"
    hidden = TERMINAL_UNSAFE.search(name)  # invisible characters, and line breaks and tabs too
    if hidden:
        return f"名字里有看不见的{invisible_name(hidden.group(0))}（{code_point(hidden.group(0))}）"
    m = _NOT_ON_WINDOWS.search(name)
    if m:
        return f"名字里有 Windows 不允许的字符“{m.group(0)}”"
    return None


def case_key(relative: str) -> str:
    """Two paths that differ only in case (or Unicode normal form) are one file on Windows and macOS."""
    return unicodedata.normalize("NFC", relative).casefold()
