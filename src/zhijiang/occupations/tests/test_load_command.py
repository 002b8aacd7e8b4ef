"""`zhijiang occupations load` and `zhijiang standards …` from the command line."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from zhijiang.occupations.models import Occupation, Standard
from zhijiang.occupations.tests.factories import TRAINER, document

pytestmark = pytest.mark.django_db

HEADER = "level,code,name,definition,tasks,alias\n"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_reloading_the_shipped_taxonomy_changes_nothing():
    output = run("occupations", "load", "--skip-skills")
    assert "1,632 occupations in 8 major, 72 middle and 335 minor groups: none changed (" in output
    assert "Skills vocabulary: skipped" in output


def test_a_newer_file_updates_and_adds(tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(
        HEADER
        + "1,4-00-00-00,社会生产服务和生活服务人员,,,\n"
        + "2,4-04-00-00,信息传输、软件和信息技术服务人员,,,\n"
        + "3,4-04-05-00,信息技术服务人员,,,\n"
        + "4,4-04-05-05,人工智能训练师S,新的定义。,1.标注数据,AI训练师\n"
        + "4,4-04-05-99,大模型应用工程师S,新职业。,,\n",
        encoding="utf-8",
    )
    output = run("occupations", "load", "--taxonomy", str(path), "--skip-skills")
    assert "2 occupations in 1 major, 1 middle and 1 minor groups: 1 new, " in output
    assert Occupation.objects.get(code="4-04-05-05").definition == "新的定义。"
    assert Occupation.objects.get(code="4-04-05-99").parent.code == "4-04-05-00"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            (HEADER + "1,4-00-00-00,社会生产服务人员,,,\n").encode("gbk"),
            "new.csv, line 2: the file is not UTF-8",
        ),
        (("\ufeff" + HEADER).encode(), "new.csv, line 1: the file starts with a byte-order mark"),
        (b"level,code,name\n1,4-00-00-00,x\n", "new.csv, line 1: missing column(s)"),
        (
            (HEADER + "1,4-00-00-00,甲,,,\n1,4-00-00-00,乙,,,\n").encode(),
            "new.csv, line 3: code 4-00-00-00 repeats line 2",
        ),
        (
            (HEADER + "1,4-00-00-00," + "甲" * 140_000 + ",,,\n").encode(),
            "new.csv, line 2: invalid CSV (field larger than field limit (131072))",
        ),
    ],
)
def test_a_bad_taxonomy_file_is_refused_and_changes_nothing(tmp_path, content, message):
    path = tmp_path / "new.csv"
    path.write_bytes(content)
    before = Occupation.objects.get(code="4-00-00-00").name
    with pytest.raises(CommandError) as caught:
        run("occupations", "load", "--taxonomy", str(path), "--skip-skills")
    assert str(caught.value).startswith(message)
    assert Occupation.objects.get(code="4-00-00-00").name == before


def test_drafting_exporting_and_importing_from_the_command_line(tmp_path, django_user_model):
    output = run("standards", "draft", TRAINER, "--levels", "2,3", "--offline")
    assert f"{TRAINER} 人工智能训练师: draft version 1" in output
    standard = Standard.objects.get()
    exported = json.loads(run("standards", "export", str(standard.pk)))
    assert [level["level"] for level in exported["levels"]] == [2, 3]
    django_user_model.objects.create_superuser("root", password="x-long-password")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(document(), ensure_ascii=False), encoding="utf-8")
    assert "imported as draft version 2" in run("standards", "import", str(path))


@pytest.mark.parametrize(
    ("content", "where_and_why"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "line 1: invalid JSON (nested too deeply)"),
        (b'{\n  "format": oops\n}', "line 2: invalid JSON (Expecting value)"),
        (b'{"format": "\xff"}', "line 1: invalid UTF-8 at byte 12"),
    ],
)
def test_a_bad_standard_file_names_its_line_and_imports_nothing(
    tmp_path, django_user_model, content, where_and_why
):
    django_user_model.objects.create_superuser("root", password="x-long-password")
    path = tmp_path / "s.json"
    path.write_bytes(content)
    with pytest.raises(CommandError) as caught:
        run("standards", "import", str(path))
    assert str(caught.value) == f"{path}, {where_and_why}"
    assert not Standard.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("standards", "draft", "9-99-99-99"), "unknown occupation code(s): 9-99-99-99"),
        (("standards", "draft", TRAINER, "--levels", "0,9"), "ranks go from 1"),
        (("standards", "export", "12345"), "no standard with id 12345"),
    ],
)
def test_command_line_errors_name_the_problem(args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args)
    assert not Standard.objects.exists()


def test_loading_skills_twice_changes_nothing_and_keeps_chinese_labels():
    first = run("occupations", "load")
    assert re.search(r"[\d,]+ skills: [\d,]+ new; the table of aliases added \d+", first)
    from zhijiang.occupations.models import Skill

    assert Skill.objects.get(key="communication").label_zh == "沟通能力"
    second = run("occupations", "load")
    assert re.search(r"\n  [\d,]+ skills: none changed \(\d+\.\d s\)\.\n", second)
