"""`zhijiang skills extract`: the command-line contract, end to end, without a database."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def zhijiang(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zhijiang.cli", *args], input=stdin, capture_output=True, timeout=120
    )


def test_one_json_object_per_input_line():
    text = '熟悉Java和MySQL数据库\n"Python and Spring Boot"\n\n！？。\n'.encode()
    result = zhijiang("skills", "extract", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) == 4
    assert [s["id"] for s in lines[0]["skills"]] == ["java", "mysql"]
    assert lines[0]["skills"][1]["span"] == [7, 15]  # MySQL数据库
    assert set(lines[0]["skills"][0]) == {"id", "label", "span", "score"}
    assert [s["label"] for s in lines[1]["skills"]] == ["Python", "Spring Boot"]
    assert lines[2] == lines[3] == {"skills": []}


def test_a_file_argument(tmp_path):
    path = tmp_path / "jobs.txt"
    path.write_text("要求掌握Excel和数据分析\n", encoding="utf-8")
    result = zhijiang("skills", "extract", str(path))
    assert json.loads(result.stdout)["skills"]


def test_unreadable_input_names_the_file_and_line_and_writes_nothing(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("熟悉Java\n".encode() + "熟悉Python\n".encode("gbk"))
    result = zhijiang("skills", "extract", str(path))
    assert result.returncode == 1
    assert result.stdout == b""
    message = result.stderr.decode().strip()
    assert message.startswith(f"zhijiang skills extract: {path}, line 2: invalid UTF-8")
    assert "Traceback" not in result.stderr.decode()


def test_a_missing_file_is_one_clear_line():
    result = zhijiang("skills", "extract", "/no/such/file.txt")
    assert result.returncode == 1
    assert result.stderr.decode().strip() == (
        "zhijiang skills extract: /no/such/file.txt: No such file or directory"
    )


def test_normalize_gives_one_object_per_title_in_the_contract_shape():
    titles = "急招！Java开发工程师（五险一金）\nData Analyst\n\n！！！\n".encode()
    result = zhijiang("occupations", "normalize", "--top", "3", stdin=titles)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""  # no jieba chatter
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["title"] for line in lines] == [
        "急招！Java开发工程师（五险一金）",
        "Data Analyst",
        "",
        "！！！",
    ]
    first = lines[0]["candidates"]
    assert len(first) == 3 and set(first[0]) == {"code", "name", "score"}
    assert first[0]["code"] == "2-02-10-03"  # 计算机软件工程技术人员
    assert lines[1]["candidates"][0]["name"].startswith("数据分析")
    assert lines[2]["candidates"] == lines[3]["candidates"] == []


def test_normalize_refuses_unreadable_input_with_file_and_line(tmp_path):
    path = tmp_path / "titles.txt"
    path.write_bytes("数据分析师\n".encode() + "会计\n".encode("gbk"))
    result = zhijiang("occupations", "normalize", str(path))
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().startswith(f"zhijiang occupations normalize: {path}, line 2:")


def test_normalize_reports_a_100kb_line_as_a_documented_empty_result():
    result = zhijiang("occupations", "normalize", stdin=("岗" * 100_000 + "\n").encode())
    line = json.loads(result.stdout)
    assert line["candidates"] == [] and "longer than" in line["error"]


def test_normalize_rejects_a_bad_top():
    result = zhijiang("occupations", "normalize", "--top", "0", stdin=b"x\n")
    assert result.returncode == 2 and b"--top" in result.stderr


# Every batch tool reads its input through zhijiang.cli.io: the same bad line gets the same
# one-line report, naming the file and the line, whichever command reads it.
BAD_SECOND_LINE = {
    "skills extract": ("skills", "extract", "{file}"),
    "occupations normalize": ("occupations", "normalize", "{file}"),
    "match": ("match", "--seekers", "{file}", "--jobs", "-"),
    "irt calibrate": ("irt", "calibrate", "--responses", "{file}"),
    "credentials verify": ("credentials", "verify", "{file}", "--keys", "-"),
}


@pytest.mark.parametrize("command", BAD_SECOND_LINE)
def test_every_batch_tool_names_the_file_and_line_of_invalid_utf8(tmp_path, command):
    path = tmp_path / "input.txt"
    path.write_bytes(b'{"id": "a"}\n' + "会计".encode("gbk") + b"\n")
    args = [arg.format(file=path) for arg in BAD_SECOND_LINE[command]]
    result = zhijiang(*args)
    assert result.returncode == 1
    assert result.stdout == b""
    expected = f"zhijiang {command}: {path}, line 2: invalid UTF-8 at byte 0\n"
    assert result.stderr.decode() == expected


def test_a_bad_line_on_standard_input_is_reported_as_standard_input():
    bad = b'{"id": "a"}\n\xff\n'
    for args in (("skills", "extract"), ("match", "--seekers", "-", "--jobs", "/dev/null")):
        result = zhijiang(*args, stdin=bad)
        assert result.returncode == 1 and result.stdout == b""
        assert ": standard input, line 2: invalid UTF-8 at byte 0\n" in result.stderr.decode()


def test_json_tools_name_the_line_where_the_json_breaks(tmp_path):
    lines = tmp_path / "seekers.jsonl"
    lines.write_text('{"id": "a"}\n\n{"id": "b",\n', encoding="utf-8")
    result = zhijiang("match", "--seekers", str(lines), "--jobs", "/dev/null")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().startswith(f"zhijiang match: {lines}, line 3: invalid JSON (")
    document = tmp_path / "cert.json"
    document.write_text('{\n  "id": "urn:x",\n  oops\n}\n', encoding="utf-8")
    result = zhijiang("credentials", "verify", str(document), "--keys", str(document))
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().startswith(
        f"zhijiang credentials verify: {document}, line 3: invalid JSON ("
    )


def test_a_csv_field_over_the_csv_module_limit_is_one_clear_line(tmp_path):
    path = tmp_path / "responses.csv"
    path.write_text("person,i1,i2\na," + "x" * 200_000 + ",1\nb,1,0\n", encoding="utf-8")
    result = zhijiang("irt", "calibrate", "--responses", str(path))
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == (
        f"zhijiang irt calibrate: {path}, line 2: "
        "invalid CSV (field larger than field limit (131072))\n"
    )


def test_deeply_nested_json_lines_are_one_clear_line(tmp_path):
    path = tmp_path / "seekers.jsonl"
    path.write_text('{"id": "a"}\n' + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = zhijiang("match", "--seekers", str(path), "--jobs", "/dev/null")
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode() == (
        f"zhijiang match: {path}, line 2: invalid JSON (nested too deeply)\n"
    )
