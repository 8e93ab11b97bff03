"""Docs that cannot drift: the guide shows every schema, the README every command."""

from __future__ import annotations

import re

from archive.model import schema


def test_guide_documents_every_kind_of_record(root):
    guide = (root / "docs/veiledning/index.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'\{\{ field_table\("([a-z_]+)"\) \}\}', guide))
    # The agenda items and follow-ups are written in the body; the guide explains their syntax in words.
    assert shown == set(schema.ALL_SCHEMAS) - {"agenda_item", "action_item"}
    for label in (
        "Vedtak:",
        "- [ ]",
        "- [x]",
        "Ansvar:",
        "Frist:",
        "Fra:",
        "Status: utgår",
        "Klynger:",
        "Satsingsområde:",
        "Gjelder:",
        "## [4]",
        "## Sak 38/25",
    ):
        assert label in guide, label


def test_every_part_a_page_can_show_is_a_documented_macro(root):
    """macros/main.py registers every part of archive/views/page_parts.py, and
    docs-dev/pages.md and the macros' own docstring name each of them."""
    import importlib

    from archive.views.page_parts import PARTS

    macros = importlib.import_module("macros.main")

    class Env:
        def __init__(self):
            self.macros = {}

        def macro(self, function, name):
            self.macros[name] = function

    env = Env()
    macros.define_env(env)
    assert set(env.macros) == set(PARTS)
    guide = (root / "docs-dev" / "pages.md").read_text(encoding="utf-8")
    for name in PARTS:
        assert f"{name}(" in guide, name
        assert f"{name}(" in macros.__doc__, name


def test_readme_documents_every_script_and_make_target(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    scripts = sorted(p.name for p in (root / "scripts").glob("*.py") if not p.name.startswith("_"))
    assert scripts
    for script in scripts:
        assert f"scripts/{script}" in readme, script
    targets = re.findall(r"^([a-z][a-z-]*):", (root / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert "serve" in targets and "test" in targets
    for target in targets:
        if target != "clean":
            assert f"make {target}" in readme, target
