"""The site generator's configuration (mkdocs.yml), read the way MkDocs and Zensical read it, for the
export: the nav, the URL style, the Markdown extensions, the pages left out, the repository address.

MkDocs' loader is the full YAML loader plus `!ENV` (the file names Python functions, such as toc's
slugify), and INHERIT merges a parent file into the child: mappings merge, everything else the child
replaces. The export also writes a configuration of its own (export_config) that builds the exported
folder with no hooks: the same YAML nodes, tags kept, with the paths and the nav changed.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")  # MkDocs adds these to every list
MKDOCS_EXCLUDED = (".*", "/templates/")  # left out of every MkDocs site, whatever exclude_docs says


class _Loader(yaml.Loader):  # noqa: S506 -- our own configuration file, read as MkDocs reads it
    pass


def _env(loader: yaml.Loader, node: yaml.Node):
    """`!ENV NAME` or `!ENV [NAME, …, default]`: the first variable set, else the default."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else None
    default = None
    if names is None:
        items = node.value
        default = loader.construct_object(items[-1]) if len(items) > 1 else None
        names = [loader.construct_scalar(item) for item in (items[:-1] if len(items) > 1 else items)]
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_Loader.add_constructor("!ENV", _env)


def _merge(parent: dict, child: dict) -> dict:
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def load_engine_config(path: Path) -> dict:
    """The configuration file as a dict, its INHERIT resolved."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506
    parent = data.pop("INHERIT", None)
    if parent:
        data = _merge(load_engine_config((path.parent / parent).resolve()), data)
    return data


def markdown_extensions(config: dict) -> tuple[list, dict]:
    """The extensions Python-Markdown runs for a page, and their settings, as MkDocs passes them."""
    names, settings = list(MKDOCS_BUILTIN_EXTENSIONS), {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            settings[name] = options
    return names, settings


def _node_tree(path: Path) -> yaml.MappingNode:
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    parent = next((value for key, value in node.value if key.value == "INHERIT"), None)
    node.value = [(key, value) for key, value in node.value if key.value != "INHERIT"]
    if parent is None:
        return node
    return _merge_nodes(_node_tree((path.parent / parent.value).resolve()), node)


def _merge_nodes(parent: yaml.MappingNode, child: yaml.MappingNode) -> yaml.MappingNode:
    merged = list(parent.value)
    for key, value in child.value:
        at = next((i for i, (k, _) in enumerate(merged) if k.value == key.value), None)
        if at is None:
            merged.append((key, value))
        elif isinstance(value, yaml.MappingNode) and isinstance(merged[at][1], yaml.MappingNode):
            merged[at] = (merged[at][0], _merge_nodes(merged[at][1], value))
        else:
            merged[at] = (merged[at][0], value)
    return yaml.MappingNode(parent.tag, merged, flow_style=False)


def _set(node: yaml.MappingNode, path: tuple[str, ...], value) -> None:
    """Set `value` (plain data) at `path` in the node tree, adding mappings where missing."""
    *parents, last = path
    for name in parents:
        child = next((v for k, v in node.value if k.value == name), None)
        if child is None:
            child = yaml.MappingNode("tag:yaml.org,2002:map", [])
            node.value.append((yaml.ScalarNode("tag:yaml.org,2002:str", name), child))
        node = child
    new = yaml.representer.SafeRepresenter().represent_data(value)
    at = next((i for i, (k, _) in enumerate(node.value) if k.value == last), None)
    if at is None:
        node.value.append((yaml.ScalarNode("tag:yaml.org,2002:str", last), new))
    else:
        node.value[at] = (node.value[at][0], new)


def export_config(config_file: Path, out: Path, *, nav: list, not_in_nav: list[str]) -> str:
    """A configuration that builds `out`/docs into `out`/site with any MkDocs-compatible engine and no
    hooks: `config_file` with its INHERIT resolved, tags kept (!ENV, toc's slugify), and the paths,
    the hooks and the nav replaced; `not_in_nav` are the pages reached from other pages only."""
    root = config_file.resolve().parent
    node = _node_tree(config_file.resolve())
    theme_dir = (load_engine_config(config_file).get("theme") or {}).get("custom_dir")
    changes: dict[tuple[str, ...], object] = {
        ("docs_dir",): "docs",
        ("site_dir",): "site",
        ("hooks",): [],  # the export has done their work
        ("nav",): nav,
        ("watch",): [],
    }
    if not_in_nav:
        changes[("not_in_nav",)] = "".join(f"/{uri}\n" for uri in not_in_nav)
    if theme_dir:
        theme = (root / theme_dir).resolve()
        inside = out.resolve().is_relative_to(root)  # an export inside the repository moves with it
        changes[("theme", "custom_dir")] = os.path.relpath(theme, out.resolve()) if inside else str(theme)
    for path, value in changes.items():
        _set(node, path, value)
    header = f"# Written by `scripts/speeches.py export` from {config_file.name}: builds docs/ into site/ with no hooks.\n"
    return header + yaml.serialize(node, allow_unicode=True)
