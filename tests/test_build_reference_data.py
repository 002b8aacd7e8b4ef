"""The curated corrections of the CSCO-2022 → ESCO alignment in scripts/build_reference_data.py:
replacement, removal, addition, the errors that stop a build, and the shipped files."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_script():
    spec = importlib.util.spec_from_file_location(
        "build_reference_data", ROOT / "scripts" / "build_reference_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


build = _load_script()

OCCUPATION = "http://data.europa.eu/esco/occupation/"
TESTER = OCCUPATION + "106f79e4-6264-45f1-9e7a-297435cd684b"
DEVELOPER = OCCUPATION + "f2b15a0e-e65a-438a-affb-29b9d50b77d1"
ESCO = [
    {"ORIGINURI": TESTER, "ISCOGROUPCODE": "2519", "CODE": "2519.7",
     "PREFERREDLABEL": "software tester"},
    {"ORIGINURI": DEVELOPER, "ISCOGROUPCODE": "2512", "CODE": "2512.4",
     "PREFERREDLABEL": "software developer "},
]  # fmt: skip
ISCO = {
    "2512": "Software developers",
    "2519": "Software and applications developers and analysts not elsewhere classified",
}
CSCO_CODES = ["2-02-10-03", "2-02-10-04", "4-04-05-02"]


def e5_row(csco_code, esco_row, cosine):
    isco_label = ISCO[esco_row["ISCOGROUPCODE"]]
    return build.alignment_row(csco_code, esco_row, isco_label, build.METHOD, cosine)


def apply(rows, *corrections):
    return build.apply_corrections(rows, corrections, ESCO, ISCO, CSCO_CODES)


def test_a_correction_replaces_the_link_with_the_curated_esco_occupation():
    untouched = e5_row("2-02-10-04", ESCO[0], 0.851)
    rows = [e5_row("2-02-10-03", ESCO[0], 0.856), untouched]

    corrected = apply(rows, build.Correction("2-02-10-03", DEVELOPER, "was software tester"))

    assert corrected == [
        {
            "csco_code": "2-02-10-03", "esco_uri": DEVELOPER, "esco_code": "2512.4",
            "esco_label": "software developer", "isco_code": "2512",
            "isco_label": "Software developers", "method": "curated", "confidence": "1.000",
        },
        untouched,
    ]  # fmt: skip


def test_a_correction_without_an_esco_uri_removes_the_link():
    rows = [e5_row("2-02-10-03", ESCO[0], 0.856), e5_row("2-02-10-04", ESCO[0], 0.851)]

    corrected = apply(rows, build.Correction("2-02-10-04", "", "no ESCO occupation fits"))

    assert [row["csco_code"] for row in corrected] == ["2-02-10-03"]


def test_a_correction_adds_a_link_the_cosine_step_left_out_in_code_order():
    rows = [e5_row("4-04-05-02", ESCO[0], 0.860)]

    corrected = apply(rows, build.Correction("2-02-10-03", DEVELOPER, "not kept by e5"))

    assert [(row["csco_code"], row["esco_label"], row["method"]) for row in corrected] == [
        ("2-02-10-03", "software developer", "curated"),
        ("4-04-05-02", "software tester", build.METHOD),
    ]


def test_the_build_writes_kept_candidates_and_a_corrected_link_of_one_not_kept(tmp_path):
    def candidate(code, esco_row, cosine):
        isco_label = ISCO[esco_row["ISCOGROUPCODE"]]
        return build.Candidate(code, "name", esco_row, isco_label, cosine, hub_size=1)

    candidates = [
        candidate("2-02-10-03", ESCO[0], 0.820),  # below the threshold: not kept
        candidate("2-02-10-04", ESCO[0], 0.850),
        candidate("4-04-05-02", ESCO[1], 0.830),  # not kept, no correction
    ]
    path = tmp_path / "alignment.csv"
    correction = build.Correction("2-02-10-03", DEVELOPER, "not kept by e5")

    assert build.write_alignment(candidates, path, [correction], ESCO, ISCO) == 2

    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        f"2-02-10-03,{DEVELOPER},2512.4,software developer,2512,Software developers,curated,1.000",
        f"2-02-10-04,{TESTER},2519.7,software tester,2519,{ISCO['2519']},{build.METHOD},0.850",
    ]


def test_applying_the_corrections_twice_changes_nothing_more():
    rows = [e5_row("2-02-10-03", ESCO[0], 0.856), e5_row("2-02-10-04", ESCO[0], 0.851)]
    corrections = (
        build.Correction("2-02-10-03", DEVELOPER, "was software tester"),
        build.Correction("2-02-10-04", "", "no ESCO occupation fits"),
    )

    once = apply(rows, *corrections)

    assert apply(once, *corrections) == once


def test_a_correction_of_an_unknown_csco_code_stops_the_build():
    with pytest.raises(SystemExit, match=r"not CSCO-2022 occupation codes: \['9-99-99-99'\]"):
        apply([], build.Correction("9-99-99-99", DEVELOPER, "typo"))


def test_a_correction_to_an_esco_uri_missing_from_esco_stops_the_build():
    with pytest.raises(SystemExit, match=r"ESCO URIs not in esco/occupations\.csv"):
        apply([], build.Correction("2-02-10-03", OCCUPATION + "no-such-occupation", "typo"))


def test_a_csco_code_corrected_twice_stops_the_build(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("csco_code,esco_uri,note\n2-02-10-03,,a\n2-02-10-03,,b\n", encoding="utf-8")

    with pytest.raises(SystemExit, match=r"corrected more than once: \['2-02-10-03'\]"):
        build.read_corrections(path)


def test_the_shipped_corrections_are_sorted_explained_and_applied_to_the_shipped_alignment():
    corrections = build.read_corrections()
    codes = [c.csco_code for c in corrections]
    assert codes == sorted(codes) and len(codes) > 100
    assert all(
        c.note and (c.esco_uri == "" or c.esco_uri.startswith(OCCUPATION)) for c in corrections
    )

    with build.OUT_DIR.joinpath("csco_esco_alignment.csv").open(encoding="utf-8") as handle:
        shipped = {row["csco_code"]: row for row in csv.DictReader(handle)}
    for c in corrections:
        if c.esco_uri:
            row = shipped[c.csco_code]
            assert (row["esco_uri"], row["method"], row["confidence"]) == (
                c.esco_uri, "curated", "1.000"
            )  # fmt: skip
        else:
            assert c.csco_code not in shipped
    assert shipped["2-02-10-03"]["esco_label"] == "software developer"
