"""The hooks import on their own (as CI smoke-imports Pydantic's), so a broken hook fails here first."""
import importlib.util
from pathlib import Path

HOOKS = Path(__file__).parents[1] / "overrides" / "hooks"


def test_hooks_import():
    for name in ("variants", "generated_pages"):
        spec = importlib.util.spec_from_file_location(f"hook_{name}", HOOKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert hasattr(module, "on_config") and hasattr(module, "on_page_markdown")
