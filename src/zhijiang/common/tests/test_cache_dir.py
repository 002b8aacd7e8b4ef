"""ZHIJIANG_CACHE_DIR: parsed once in the settings, used by the batch tools and the app."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from zhijiang.env import ConfigurationError, env_path

PROJECT_DIR = Path(__file__).resolve().parents[4]


def folders(**env: str) -> list[str]:
    """VAR_DIR and CACHE_DIR as a fresh interpreter parses them from exactly these variables."""
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import zhijiang.settings as s; print(s.VAR_DIR); print(s.CACHE_DIR)",
        ],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_the_cache_defaults_to_the_cache_folder_of_the_var_folder(tmp_path):
    assert folders() == [str(PROJECT_DIR / "var"), str(PROJECT_DIR / "var" / "cache")]
    assert folders(ZHIJIANG_VAR_DIR=str(tmp_path)) == [str(tmp_path), str(tmp_path / "cache")]


def test_a_named_cache_folder_is_used_as_it_is(tmp_path):
    assert folders(ZHIJIANG_CACHE_DIR=str(tmp_path))[1] == str(tmp_path)


def test_blank_folders_as_in_env_example_mean_the_defaults_not_the_working_directory():
    assert folders(ZHIJIANG_VAR_DIR=" ", ZHIJIANG_CACHE_DIR="") == [
        str(PROJECT_DIR / "var"),
        str(PROJECT_DIR / "var" / "cache"),
    ]


def test_a_path_with_a_nul_character_is_refused_naming_the_variable():
    with pytest.raises(ConfigurationError, match="ZHIJIANG_CACHE_DIR"):
        env_path("ZHIJIANG_CACHE_DIR", Path("var"), {"ZHIJIANG_CACHE_DIR": "var/\x00cache"})


def normalize(**env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "zhijiang.cli", "occupations", "normalize", "--top", "1"],
        input="数据分析师\n".encode(),
        env={**os.environ, **env},
        capture_output=True,
        timeout=120,
    )


def test_the_normalize_command_keeps_its_index_in_the_cache_folder(tmp_path):
    result = normalize(ZHIJIANG_CACHE_DIR=str(tmp_path / "cache"))
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "cache").glob("title-index-*.npz"))


def test_a_cache_folder_that_cannot_be_created_only_costs_time(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    result = normalize(ZHIJIANG_CACHE_DIR=str(tmp_path / "file" / "cache"))
    assert result.returncode == 0, result.stderr
    assert b'"candidates": [{' in result.stdout


def test_a_malformed_setting_stops_a_tool_that_reads_settings_with_status_2():
    result = normalize(DEBUG="ture")
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().startswith("zhijiang: configuration error: DEBUG='ture'")
