"""The functions the template's hooks call, on their own."""

from __future__ import annotations

import json
import shutil

from vaxkit.generator.hooks import post_generate, pre_generate
from vaxkit.generator.record import BASE_DIR, RECORD_FILE, read_record, template_hash

from .conftest import DEMO_PROFILE, TEMPLATE


def test_pre_generate_accepts_good_answers():
    answers = {"profile": str(DEMO_PROFILE), "project_slug": "xx-vaccination"}
    assert pre_generate(json.dumps(answers)) == 0


def test_pre_generate_refuses_with_the_reason_on_stderr(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("vaxkit_profile: 2\n")
    assert pre_generate(json.dumps({"profile": str(bad)})) == 1
    err = capsys.readouterr().err
    assert "[generator.profile_invalid]" in err and "vaxkit_profile" in err
    answers = {"profile": str(DEMO_PROFILE), "project_slug": "No Good"}
    assert pre_generate(json.dumps(answers)) == 1
    assert "[generator.slug_invalid]" in capsys.readouterr().err


def test_post_generate_copies_the_logo_and_records_the_render(tmp_path):
    project = tmp_path / "xx-vaccination"
    project.mkdir()
    (project / "run.py").write_text("print('rendered')\n")
    answers = {
        "profile": str(DEMO_PROFILE),
        "project_slug": "xx-vaccination",
        "__vaxkit_source": "../..",
    }
    post_generate(json.dumps(answers), template_dir=str(TEMPLATE), project_dir=project)
    logo = project / "logos" / "xx-demo.svg"
    assert logo.read_bytes() == (DEMO_PROFILE.parent / "logos" / "xx-demo.svg").read_bytes()
    record = read_record(project)
    assert record.template_hash == template_hash(TEMPLATE)
    assert record.answers.vaxkit_source == "../.."
    assert record.answers.profile_origin == "xx-demo.yaml"
    assert (project / BASE_DIR / "run.py").read_text() == "print('rendered')\n"
    assert (project / BASE_DIR / "logos" / "xx-demo.svg").is_file()
    assert not (project / BASE_DIR / RECORD_FILE).exists()


def test_template_hash_changes_with_any_file_and_ignores_caches(tmp_path):
    copy = tmp_path / "template"
    shutil.copytree(TEMPLATE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = template_hash(copy)
    (copy / "hooks" / "__pycache__").mkdir(exist_ok=True)
    (copy / "hooks" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert template_hash(copy) == before
    (copy / "hooks" / "pre_gen_project.py").write_text("# changed\n", encoding="utf-8")
    assert template_hash(copy) != before
