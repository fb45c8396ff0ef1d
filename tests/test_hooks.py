"""The hooks import on their own (as CI smoke-imports Pydantic's), so a broken hook fails here first."""
import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[1]


def test_every_hook_in_mkdocs_yml_imports():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # no !ENV tags needed
    hooks = config["hooks"]
    assert {Path(h).stem for h in hooks} >= {"variants", "generated_pages", "page_actions"}
    for hook in hooks:
        spec = importlib.util.spec_from_file_location(f"hook_{Path(hook).stem}", ROOT / hook)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert any(name.startswith("on_") for name in dir(module)), hook
