"""The web form's configuration cannot drift from the validator (archive/admin/config.py).

It is generated from the one schema per kind of record; these tests walk the
schemas and the configuration both ways: a form field for every schema field
(but true/false), and no form field the schema does not have. And the
configuration is one Sveltia accepts, by Sveltia's own JSON Schema.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from archive.admin.build import MissingBundle, write_form
from archive.admin.config import (
    BODY_FIELD,
    FORM_REQUIRED,
    MEETINGS_FOLDER,
    TextsError,
    config_yaml,
    data_collection_name,
    form_config,
    load_texts,
)
from archive.model import schema
from archive.model.records import TIME_RE

SVELTIA_SCHEMA = "node_modules/@sveltia/cms/schema/sveltia-cms.json"


@pytest.fixture(scope="module")
def texts(root):
    return load_texts(root / "admin" / "tekster.yml")


@pytest.fixture(scope="module")
def config(texts):
    return form_config(texts, repo="osloregionen/naeringsgruppen")


def _collection(config, name):
    (found,) = [c for c in config["collections"] if c["name"] == name]
    return found


def _record_fields(config, kind: schema.Schema) -> list[dict]:
    collection = _collection(config, data_collection_name(kind))
    (file,) = collection["files"]
    (root_list,) = file["fields"]
    assert root_list["root"] is True and root_list["widget"] == "list"
    return root_list["fields"]


def _schema_keys(kind: schema.Schema) -> set[str]:
    return {f.key for f in kind.fields if f.kind != "bool"}


def test_the_minutes_have_a_form_field_for_every_schema_field_and_no_other(config):
    fields = _collection(config, "referater")["fields"]
    names = [f["name"] for f in fields]
    assert len(names) == len(set(names))
    assert set(names) == _schema_keys(schema.MEETING) | {BODY_FIELD}
    (attachments,) = [f for f in fields if f["name"] == "vedlegg"]
    assert {f["name"] for f in attachments["fields"]} == _schema_keys(schema.ATTACHMENT)


@pytest.mark.parametrize("kind", list(schema.RECORD_SCHEMAS.values()), ids=lambda k: k.name)
def test_each_data_file_has_a_form_field_for_every_schema_field_and_no_other(config, kind):
    assert {f["name"] for f in _record_fields(config, kind)} == _schema_keys(kind)


def test_true_false_fields_are_left_out_everywhere(config):
    """An empty true/false field would be saved as false: `navn_bekreftet: false` on every person."""
    left_out = {f.key for kind in schema.ALL_SCHEMAS.values() for f in kind.fields if f.kind == "bool"}
    assert {"navn_bekreftet", "referat_i_arkivet"} <= left_out
    text = json.dumps(config)
    assert '"boolean"' not in text
    for key in left_out:
        assert f'"name": "{key}"' not in text


def test_required_and_choices_are_the_schemas(config):
    fields = {f["name"]: f for f in _collection(config, "referater")["fields"]}
    for spec in schema.MEETING.fields:
        if spec.kind == "bool":
            continue
        field = fields[spec.key]
        # The date names the new file (docs/moter/<gruppe>/<dato>.md); only old minutes lack one.
        assert field["required"] is (spec.required or spec.key in FORM_REQUIRED), spec.key
        if spec.kind == "choice":
            assert [o["value"] for o in field["options"]] == list(spec.choices)
    assert FORM_REQUIRED == {"dato"}
    assert [o["label"] for o in fields["status"]["options"]] == [schema.MEETING_STATUS_LABELS[c] for c in schema.MEETING_STATUSES]


def test_people_groups_and_events_are_picked_from_the_data_files_as_the_minutes_name_them(config):
    fields = {f["name"]: f for f in _collection(config, "referater")["fields"]}
    for spec in schema.MEETING.fields:
        if spec.kind not in ("ref", "refs"):
            continue
        field = fields[spec.key]
        target = schema.RECORD_SCHEMAS[spec.ref]
        name = data_collection_name(target)
        assert (field["widget"], field["collection"], field["file"], field["multiple"]) == ("relation", name, name, spec.kind == "refs")
        stored = field["value_field"].removeprefix(f"{name}.*.")
        assert stored in {f.key for f in target.fields}
    assert fields["tilstede"]["value_field"] == "personer.*.navn"  # «Dag Aanensen», as the guide asks
    assert fields["gruppe"]["value_field"] == "grupper.*.id"
    assert fields["arrangementer"]["value_field"] == "arrangementer.*.tittel"


def test_the_data_files_are_only_there_to_pick_from(config):
    for kind in schema.RECORD_SCHEMAS.values():
        collection = _collection(config, data_collection_name(kind))
        assert collection["hide"] is True
        (file,) = collection["files"]
        assert file["file"] == f"data/{kind.data_file}"
        assert all(field["readonly"] for field in _record_fields(config, kind))
    visible = [c["name"] for c in config["collections"] if not c.get("hide")]
    assert visible == ["referater"]


def test_the_minutes_are_saved_where_the_archive_keeps_them_with_the_body_as_typed(config):
    minutes = _collection(config, "referater")
    assert (minutes["folder"], minutes["path"], minutes["slug"], minutes["extension"]) == (MEETINGS_FOLDER, "{{gruppe}}/{{slug}}", "{{dato}}", "md")
    (body,) = [f for f in minutes["fields"] if f["name"] == BODY_FIELD]
    assert body["widget"] == "markdown" and body["modes"] == ["raw"]
    assert re.search(r"^## 1\. ", body["default"], re.MULTILINE)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["auth_methods"] == ["token"]
    assert config["output"]["omit_empty_optional_fields"] is True


def test_times_are_checked_in_the_form_as_the_validator_checks_them(config):
    fields = {f["name"]: f for f in _collection(config, "referater")["fields"]}
    for key in ("start", "slutt"):
        pattern, message = fields[key]["pattern"]
        assert pattern == TIME_RE.pattern and "13:00" in message
    assert [bool(TIME_RE.match(t)) for t in ("13:00", "9:05", "25:00", "13.00")] == [True, True, False, False]


def test_the_configuration_is_one_sveltia_accepts(root, config):
    """Sveltia's own JSON Schema, from the pinned package (node_modules, `npm ci`)."""
    path = root / SVELTIA_SCHEMA
    assert path.is_file(), "npm ci installs @sveltia/cms (package.json)"
    sveltia = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(config, sveltia)
    # And the check can fail: a misspelt option is refused.
    broken = json.loads(json.dumps(config))
    broken["collections"][0]["fields"][0]["widgett"] = "relation"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, sveltia)


def test_the_written_configuration_reads_back_the_same(config):
    text = config_yaml(config)
    assert text.startswith("# Generated by scripts/build_admin.py")
    assert yaml.safe_load(text) == config


def test_every_label_and_help_of_the_minutes_comes_from_admin_texts(texts, config):
    for field in _collection(config, "referater")["fields"]:
        written = texts["felt"][field["name"]]
        assert (field["label"], field["hint"]) == (written["navn"], written["hjelp"])
        for sub in field.get("fields", []):
            assert sub["label"] == texts["felt"][f"{field['name']}.{sub['name']}"]["navn"]


def test_a_field_without_texts_or_texts_without_a_field_is_refused(texts):
    missing = {**texts, "felt": {k: v for k, v in texts["felt"].items() if k != "forfall"}}
    with pytest.raises(TextsError, match="mangler navn og hjelpetekst for feltene forfall"):
        form_config(missing, repo="a/b")
    extra = {**texts, "felt": {**texts["felt"], "fravær": {"navn": "Fravær", "hjelp": "x"}}}
    with pytest.raises(TextsError, match="felt som ikke finnes i referatene: fravær"):
        form_config(extra, repo="a/b")
    no_help = {**texts, "felt": {**texts["felt"], "sted": {"navn": "Sted"}}}
    with pytest.raises(TextsError, match="«sted» trenger både «navn» og «hjelp»"):
        form_config(no_help, repo="a/b")


def test_the_finished_form_folder(tmp_path, root):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "main.js").write_text("export {};\n", encoding="utf-8")
    out = tmp_path / "site" / "admin"
    files = write_form(bundle, out, root / "admin", repo="eier/arkiv", api_root="http://127.0.0.1:4321/api/v3")
    assert {p.name for p in files} == {"main.js", "config.yml", "index.html"}
    written = yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))
    assert written["backend"]["repo"] == "eier/arkiv" and written["backend"]["api_root"] == "http://127.0.0.1:4321/api/v3"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'self' data: http://127.0.0.1:4321;" in page
    assert '<html lang="nb">' in page


def test_the_form_for_github_names_no_api_root(tmp_path, root):
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "main.js").write_text("export {};\n", encoding="utf-8")
    write_form(bundle, tmp_path / "admin", root / "admin", repo="eier/arkiv")
    written = yaml.safe_load((tmp_path / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert "api_root" not in written["backend"]
    assert "connect-src 'self' data: https://api.github.com;" in (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")


def test_without_the_bundle_the_form_is_not_written_and_says_why(tmp_path, root):
    with pytest.raises(MissingBundle, match="Kjør «make admin»"):
        write_form(tmp_path / "finnes-ikke", tmp_path / "admin", root / "admin", repo="eier/arkiv")
    assert not (tmp_path / "admin").exists()


def test_build_admin_writes_the_form_for_the_repository_it_is_given(tmp_path):
    """scripts/build_admin.py, the real entry, with the real bundle (`make admin`)."""
    from _helpers import run_script
    from sitebuild import ensure_admin_bundle

    ensure_admin_bundle()
    out = tmp_path / "skjema"
    result = run_script("build_admin.py", str(out), "--repo", "eier/arkiv", "--api-root", "http://127.0.0.1:4321/api/v3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Skjemaet er skrevet til {out}") and "for eier/arkiv" in result.stdout
    assert (out / "main.js").is_file() and (out / "assets").is_dir()
    assert yaml.safe_load((out / "config.yml").read_text(encoding="utf-8"))["backend"]["repo"] == "eier/arkiv"
    bad = run_script("build_admin.py", str(out), "--api-root", "api.github.com")
    assert bad.returncode == 1 and bad.stderr == "build_admin.py: «api.github.com» er ingen nettadresse (https://…)\n"
