"""Printable course exports: DOCX and PDF hold the plan, textbook and projects in Chinese."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from django.utils import translation
from docx.oxml.ns import qn
from pypdf import PdfReader
from tests.occupation_facts import AI_TRAINER

from zhijiang.common import pdf as pdf_module
from zhijiang.common.errors import ApplicationError
from zhijiang.common.pdf import CjkFont, PdfDocument, PdfFontMissing, cjk_font
from zhijiang.training.exports import Heading, Table, course_blocks, course_docx, course_pdf
from zhijiang_engine.curriculum import (
    CourseContext,
    CoursePlan,
    Project,
    Textbook,
    course_plan_from_standard,
    textbook_outline,
    training_projects,
)
from zhijiang_engine.standards import standard_draft_offline

VOCABULARY = ["数据标注", "算法", "Python", "数据分析", "参数"]
TITLE = "人工智能训练师（中级工）培训课程"
PROVIDER = "重庆市渝中区职业技能培训中心"


def _font_available() -> bool:
    try:
        cjk_font()
    except PdfFontMissing:
        return False
    return True


needs_cjk_font = pytest.mark.skipif(
    not _font_available(),
    reason="no CJK font on this machine: install Debian's fonts-noto-cjk or set PDF_FONT",
)


@pytest.fixture(scope="module")
def course() -> tuple[CoursePlan, Textbook, tuple[Project, ...]]:
    standard = standard_draft_offline(AI_TRAINER, ranks=(3,), vocabulary=VOCABULARY)
    plan = course_plan_from_standard(
        standard, rank=3, total_hours=120, demand={"数据标注": 40, "数据分析": 5}
    )
    assert plan.adjustments, "the demand sample should move hours, so the export shows it"
    context = CourseContext(facts=AI_TRAINER)
    return plan, textbook_outline(plan, context), training_projects(plan, context)


def _export(render, course, language: str = "zh-hans") -> bytes:
    plan, textbook, projects = course
    with translation.override(language):
        return render(
            title=TITLE, provider=PROVIDER, plan=plan, textbook=textbook, projects=projects
        )


def _expected_texts(course) -> list[str]:
    """Texts every export must carry: occupation, a lesson, a project and a rubric criterion."""
    plan, textbook, projects = course
    return [
        plan.occupation_name,
        plan.modules[1].lessons[0].title,
        projects[0].title,
        projects[0].rubric[0].text,
        textbook.chapters[1].sections[0].key_points[0],
    ]


def _squeeze(text: str) -> str:
    # pypdf reads the encoding CMap fpdf2 embeds for CFF-based (OpenType) fonts as one byte per
    # code, so each character comes back after a NUL; poppler and PDF viewers read it right.
    return re.sub(r"[\s\x00]+", "", text)


# -- what is printed --------------------------------------------------------------------------


def test_the_blocks_cover_plan_assessments_coverage_adjustments_textbook_and_projects(course):
    plan, textbook, projects = course
    with translation.override("en"):
        blocks = course_blocks(
            title=TITLE, provider=PROVIDER, plan=plan, textbook=textbook, projects=projects
        )
    headings = [block.text for block in blocks if isinstance(block, Heading)]
    for heading in (
        "Course plan",
        "Assessment points",
        "Coverage of the standard",
        "Adjustments to industry demand",
        textbook.title,
        "Training projects",
    ):
        assert heading in headings
    tables = [block for block in blocks if isinstance(block, Table)]
    coverage = next(t for t in tables if t.header[0] == "Requirement")
    assert [row[0] for row in coverage.rows] == [c.requirement for c in plan.coverage]
    moved = next(t for t in tables if t.header[2] == "Place in module")
    first = plan.adjustments[0]
    assert moved.rows[0][1] == f"{first.hours_before:g} → {first.hours_after:g}"
    rubric = next(t for t in tables if t.header[:3] == ("Criterion", "Requirement", "Points"))
    assert rubric.header[3] == "What earns full marks"
    assert rubric.rows[-1] == ("Total", "", "100", "")


# -- DOCX -------------------------------------------------------------------------------------


def test_the_docx_opens_and_holds_the_course_in_chinese(course):
    document = docx.Document(io.BytesIO(_export(course_docx, course)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    for text in _expected_texts(course):
        assert text in paragraphs + cells
    assert TITLE in paragraphs and PROVIDER in paragraphs
    assert document.core_properties.title == TITLE
    assert any(p.style.name == "Heading 1" for p in document.paragraphs)


def test_the_docx_holds_each_sections_concepts_case_questions_references_and_project_parts(
    course,
):
    _, textbook, projects = course
    document = docx.Document(io.BytesIO(_export(course_docx, course)))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    section = textbook.chapters[1].sections[0]
    assert section.case is not None
    for text in (
        "关键概念",
        section.concepts[0].explanation,
        section.case.situation,
        section.questions[0].text,
        f"{section.references[0].requirement} {section.references[0].text}",
        projects[0].scenario,
        projects[0].safety[0],
    ):
        assert text in paragraphs, text
    assert projects[0].rubric[0].full_marks in cells and "满分标准" in cells
    assert "安全防护用品" not in paragraphs + cells


def test_the_docx_names_a_chinese_font_for_east_asian_text(course):
    document = docx.Document(io.BytesIO(_export(course_docx, course)))
    for name in ("Normal", "Heading 1", "Heading 2", "Title"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) in {"SimSun", "SimHei"}
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # the theme would override the name


def test_the_docx_tables_have_a_repeating_bold_header_row(course):
    document = docx.Document(io.BytesIO(_export(course_docx, course)))
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_the_labels_follow_the_active_language(course):
    document = docx.Document(io.BytesIO(_export(course_docx, course, language="en")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Course plan" in headings and "Training projects" in headings


# -- PDF --------------------------------------------------------------------------------------


@needs_cjk_font
def test_the_pdf_has_pages_and_its_text_layer_holds_the_chinese_texts(course):
    reader = PdfReader(io.BytesIO(_export(course_pdf, course)))
    assert len(reader.pages) > 1
    text = _squeeze("".join(page.extract_text() for page in reader.pages))
    for expected in _expected_texts(course):
        assert _squeeze(expected) in text
    assert reader.metadata.title == TITLE
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


@needs_cjk_font
def test_the_pdf_embeds_its_font(course):
    reader = PdfReader(io.BytesIO(_export(course_pdf, course)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        assert font["/Subtype"] == "/Type0"
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert {"/FontFile2", "/FontFile3"} & set(descriptor.get_object().keys())


@needs_cjk_font
def test_the_pdf_footer_numbers_the_pages():
    document = PdfDocument(title="页码")
    for n in range(3):
        document.paragraph(f"第{n + 1}页的内容")
        document.page_break()
    reader = PdfReader(io.BytesIO(document.to_bytes()))
    assert "2/4" in _squeeze(reader.pages[1].extract_text())


# -- the font ---------------------------------------------------------------------------------


def test_a_missing_pdf_font_setting_names_the_setting(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_module, "FONT_CANDIDATES", (CjkFont(tmp_path / "none.ttc"),))
    settings.PDF_FONT = str(tmp_path / "missing.ttf")
    with pytest.raises(PdfFontMissing) as raised:
        cjk_font()
    assert raised.value.code == "pdf_font_missing"
    assert isinstance(raised.value, ApplicationError)
    assert "PDF_FONT" in str(raised.value) and "missing.ttf" in str(raised.value)


def test_without_any_font_the_error_says_to_install_fonts_noto_cjk(settings, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_module, "FONT_CANDIDATES", (CjkFont(tmp_path / "none.ttc"),))
    settings.PDF_FONT = ""
    with translation.override("en"), pytest.raises(PdfFontMissing) as raised:
        cjk_font()
    assert "fonts-noto-cjk" in str(raised.value) and "PDF_FONT" in str(raised.value)


def test_the_first_existing_candidate_is_used_without_a_missing_bold_face(
    settings, monkeypatch, tmp_path
):
    regular = tmp_path / "regular.ttf"
    regular.write_bytes(b"")
    candidates = (
        CjkFont(tmp_path / "absent.ttc", 2),
        CjkFont(regular, 0, tmp_path / "absent-bold.ttf", 0),
    )
    monkeypatch.setattr(pdf_module, "FONT_CANDIDATES", candidates)
    settings.PDF_FONT = ""
    assert cjk_font() == CjkFont(regular, 0)


@pytest.mark.skipif(
    not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file(),
    reason="Debian's fonts-noto-cjk is not installed",
)
def test_a_pdf_font_collection_uses_its_simplified_chinese_face(settings):
    settings.PDF_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    font = cjk_font()
    assert font.index == 2  # JP, KR, SC, TC, HK
