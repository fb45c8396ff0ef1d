"""The hooks import on their own (as CI smoke-imports Pydantic's), so a broken hook fails here first."""
import importlib.util
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
