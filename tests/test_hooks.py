"""The hooks import on their own (as CI smoke-imports Pydantic's), so a broken hook fails here first."""
import importlib.util
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]
# The security hooks and the events they must handle; the order in mkdocs.yml matters for them.
SECURITY_EVENTS = {
    "safe_meta": ("on_page_content",),
    "sanitize": ("on_page_content",),
    "csp": ("on_post_page",),
}


def test_every_hook_in_mkdocs_yml_imports():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # no !ENV tags needed
    hooks = config["hooks"]
    assert {Path(h).stem for h in hooks} >= {"variants", "generated_pages", "page_actions", *SECURITY_EVENTS}
    assert {p.stem for p in (ROOT / "overrides" / "hooks").glob("*.py")} == {Path(h).stem for h in hooks}, "a hook file not in mkdocs.yml"
    for hook in hooks:
        spec = importlib.util.spec_from_file_location(f"hook_{Path(hook).stem}", ROOT / hook)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert any(name.startswith("on_") for name in dir(module)), hook
        for event in SECURITY_EVENTS.get(Path(hook).stem, ()):
            assert callable(getattr(module, event)), f"{hook}: {event}"
    # variants.py checks everything first; the escaping and sanitising run after every content hook
    stems = [Path(h).stem for h in hooks]
    assert stems[0] == "variants" and stems.index("sanitize") > stems.index("safe_meta") > stems.index("generated_pages")


# --- the engine seam: hooks stay thin adapters over speechkit ---------------------------------------
# Material for MkDocs ends support on 2027-05-05 and its successor ignores `hooks:`; what a hook does
# must live in speechkit, where `scripts/speeches.py export` (speechkit.outputs.export) can call it too.
# A hook may import only what adapts MkDocs to speechkit: the bootstrap (sys, pathlib), MkDocs' own
# types and speechkit's layer packages. No function of a hook is longer than this:
MAX_HOOK_FUNCTION_LINES = 30
HOOK_IMPORTS = ("__future__", "sys", "pathlib", "mkdocs", "speechkit")
# Hooks another branch is rewriting; their logic moves into speechkit once that branch is merged.
NOT_YET_THIN: dict[str, str] = {}


def hook_problems(path: Path) -> list[str]:
    """Why the hook at `path` is more than a thin adapter, one sentence per breach."""
    import ast

    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            for name in names:
                if name.split(".")[0] not in HOOK_IMPORTS:
                    out.append(f"{path.name}:{node.lineno}: imports {name}; logic belongs in speechkit, the hook only calls it")
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            if length > MAX_HOOK_FUNCTION_LINES:
                out.append(f"{path.name}:{node.lineno}: {node.name} has {length} lines (at most {MAX_HOOK_FUNCTION_LINES}); move the logic into speechkit")
    return out


def test_hooks_are_thin_adapters_over_speechkit():
    found = []
    for path in sorted((ROOT / "overrides" / "hooks").glob("*.py")):
        if path.name not in NOT_YET_THIN:
            found += hook_problems(path)
    assert found == []


def test_the_thinness_check_finds_logic_in_a_hook(tmp_path):
    planted = tmp_path / "fat.py"
    body = "\n".join(f"    x = {n}" for n in range(MAX_HOOK_FUNCTION_LINES))
    planted.write_text(f"import re\nfrom mkdocs.plugins import event_priority\n\n\ndef on_page_content(html, **kw):\n{body}\n    return html\n",
                       encoding="utf-8")
    assert hook_problems(planted) == [
        "fat.py:1: imports re; logic belongs in speechkit, the hook only calls it",
        f"fat.py:5: on_page_content has {MAX_HOOK_FUNCTION_LINES + 2} lines (at most {MAX_HOOK_FUNCTION_LINES}); move the logic into speechkit",
    ]


# Material's globals: its observables (document$ …), its storage helpers (__md_get …) and `app`.
MATERIAL_GLOBALS = re.compile(
    r"\b(?:document|location|target|keyboard|viewport|tablet|screen|print|component)\$|\b__md_\w+|\bwindow\.app\b|\bapp\.(?:document|location)")


def test_our_scripts_wait_for_no_global_of_materials():
    """Our page scripts set a page up on their own DOM signal (speech-kit.js: the script element that
    instant navigation runs again), never on Material's observables or storage, which a successor
    theme need not have (overrides/assets/javascripts/README.md)."""
    assert MATERIAL_GLOBALS.search("document$.subscribe(setup)") and MATERIAL_GLOBALS.search('__md_get("__palette")')
    material = MATERIAL_GLOBALS
    found = []
    for path in sorted((ROOT / "overrides" / "assets" / "javascripts").rglob("*.js")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("//")[0]
            if material.search(code) and not code.lstrip().startswith("*"):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
