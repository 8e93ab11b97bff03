"""Docs that cannot drift: the guide shows every schema, the README every command."""

from __future__ import annotations

import re

from archive import schema


def test_guide_documents_every_kind_of_record(root):
    guide = (root / "pages/veiledning/index.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'schema_reference\("([a-z_]+)"\)', guide))
    assert shown == set(schema.ALL_SCHEMAS)


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
