"""Reading uploaded CVs and job postings, and finding the job titles a CV names."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pypdf
import pytest

from zhijiang_engine.text import (
    MAX_INPUT_BYTES,
    DocumentError,
    DocumentText,
    job_titles_in_cv,
    read_document,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def _paragraph(*runs: str) -> str:
    """A w:p whose runs are text, except "\\t" (a w:tab) and "\\n" (a w:br)."""
    parts = []
    for run in runs:
        if run == "\t":
            parts.append("<w:r><w:tab/></w:r>")
        elif run == "\n":
            parts.append("<w:r><w:br/></w:r>")
        else:
            parts.append(f'<w:r><w:t xml:space="preserve">{escape(run)}</w:t></w:r>')
    return f"<w:p>{''.join(parts)}</w:p>"


def _table(rows: list[list[str]]) -> str:
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_paragraph(cell)}</w:tc>" for cell in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl>{body}</w:tbl>"


def _document_xml(body: str, prolog: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'{prolog}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def _docx(document_xml: str | bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def _pdf(pages: list[str | None]) -> bytes:
    """A hand-made PDF: one Helvetica text line per page; ``None`` gives a page with no text."""
    objects: list[bytes] = []
    page_ids = []
    font_id = 3
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # the page tree, filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for text in pages:
        if text is None:
            stream = b"0 0 1 rg 72 72 200 200 re f"  # a filled rectangle, like a scan
        else:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            stream = f"BT /F1 12 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font_id, content_id)
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % page_id for page_id in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _encrypted(pdf: bytes, password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- .docx ---------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_in_document_order() -> None:
    body = (
        _paragraph("张三", "\t", "Java开发工程师")
        + _paragraph("电话：", "138 0000 0000", "\n", "邮箱：zs@example.com")
        + _table([["2019.07 - 2021.03", "重庆某科技有限公司", "Java开发工程师"], ["a", "", "c"]])
        + _paragraph("ＡＢＣ　１２３   end")
    )
    result = read_document(_docx(_document_xml(body)), filename="简历.docx")
    assert isinstance(result, DocumentText)
    assert result.kind == "docx"
    assert result.warnings == ()
    assert result.text.split("\n") == [
        "张三\tJava开发工程师",
        "电话:138 0000 0000",
        "邮箱:zs@example.com",
        "2019.07 - 2021.03\t重庆某科技有限公司\tJava开发工程师",
        "a\tc",
        "ABC 123 end",
    ]


def test_docx_doctype_entity_bomb_is_refused() -> None:
    bomb = (
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    )
    data = _docx(_document_xml(_paragraph("&c;"), prolog=bomb).replace("&amp;c;", "&c;"))
    with pytest.raises(DocumentError, match="DOCTYPE or ENTITY"):
        read_document(data, filename="cv.docx")


def test_docx_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from zhijiang_engine.text import documents

    monkeypatch.setattr(documents, "MAX_DOCX_XML_BYTES", 1000)
    data = _docx(_document_xml(_paragraph("x" * 5000)))  # compresses to far under 1000 bytes
    assert len(data) < 1500
    with pytest.raises(DocumentError, match="zip bomb"):
        read_document(data, filename="cv.docx")


def test_zip_without_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError, match=r"no word/document\.xml"):
        read_document(buffer.getvalue(), filename="sheet.docx")


def test_damaged_docx_is_refused() -> None:
    with pytest.raises(DocumentError, match=r"not a valid \.docx"):
        read_document(b"PK\x03\x04 not really a zip", filename="cv.docx")


# --- .pdf ----------------------------------------------------------------------------------


def test_pdf_text_layer() -> None:
    data = _pdf(["Jane Doe - Data Analyst", "Acme Inc. (2019 - 2021)"])
    result = read_document(data, filename="cv.pdf")
    assert result.kind == "pdf"
    assert result.warnings == ()
    assert "Jane Doe - Data Analyst" in result.text
    assert "Acme Inc. (2019 - 2021)" in result.text
    assert result.text.index("Jane") < result.text.index("Acme")


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(DocumentError, match="no text layer: a scanned PDF needs OCR"):
        read_document(_pdf([None, None]), filename="scan.pdf")


def test_pdf_with_some_scanned_pages_warns() -> None:
    result = read_document(_pdf(["Page one text", None]), filename="cv.pdf")
    assert result.text == "Page one text"
    assert result.warnings == ("page(s) 2 have no text layer (scanned?)",)


def test_password_protected_pdf_is_refused() -> None:
    data = _encrypted(_pdf(["Secret CV"]), "secret")
    with pytest.raises(DocumentError, match="password-protected PDF"):
        read_document(data, filename="cv.pdf")


def test_pdf_encrypted_with_empty_user_password_is_read() -> None:
    data = _encrypted(_pdf(["Restricted but readable"]), "")
    assert read_document(data, filename="cv.pdf").text == "Restricted but readable"


def test_broken_pdf_is_refused() -> None:
    with pytest.raises(DocumentError, match="not a readable PDF"):
        read_document(b"%PDF-1.4\n garbage", filename="cv.pdf")


# --- .txt ----------------------------------------------------------------------------------


def test_utf8_text_with_and_without_bom() -> None:
    text = "求职意向：数据分析师\r\n\r\n\r\n  技能：  Python，SQL  \n"
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        result = read_document(data, filename="pasted.txt")
        assert result == DocumentText("求职意向:数据分析师\n\n技能: Python,SQL", "txt", ())


def test_gbk_text_falls_back_to_gb18030_with_warning() -> None:
    result = read_document("工作经历：重庆某科技有限公司".encode("gbk"), filename="cv.txt")
    assert result.text == "工作经历:重庆某科技有限公司"
    assert result.warnings == ("decoded as GB18030",)


def test_utf16_text_with_bom() -> None:
    result = read_document("产品经理".encode("utf-16"), filename="cv.txt")
    assert result.text == "产品经理"


def test_binary_text_is_refused() -> None:
    with pytest.raises(DocumentError, match="binary"):
        read_document(b"abc\x00\x01\x02def", filename="cv.txt")


def test_oversize_input_is_refused() -> None:
    with pytest.raises(DocumentError, match="over 10 MB"):
        read_document(b"a" * (MAX_INPUT_BYTES + 1), filename="cv.txt")


def test_empty_input_is_refused() -> None:
    with pytest.raises(DocumentError, match="empty"):
        read_document(b"  \n", filename="cv.txt")


# --- kinds ---------------------------------------------------------------------------------


def test_unknown_extension_is_sniffed() -> None:
    docx = _docx(_document_xml(_paragraph("Hello")))
    assert read_document(docx, filename="upload.bin").kind == "docx"
    assert read_document(_pdf(["Hello"]), filename="upload").kind == "pdf"


def test_unknown_type_names_accepted_kinds() -> None:
    with pytest.raises(DocumentError, match=r"accepted kinds: \.docx, \.pdf, \.txt"):
        read_document(b"GIF89a....", filename="photo.gif")


def test_legacy_doc_is_refused_with_advice() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    with pytest.raises(DocumentError, match=r"legacy .*\.docx"):
        read_document(data, filename="cv.doc")


def test_content_wins_over_misleading_extension() -> None:
    result = read_document(_pdf(["Actually a PDF"]), filename="cv.txt")
    assert result.kind == "pdf"
    assert result.text == "Actually a PDF"
    assert result.warnings == ("named as txt but the content is pdf; read as pdf",)


def test_errors_are_value_errors_with_one_line_messages() -> None:
    with pytest.raises(ValueError) as caught:
        read_document(_pdf([None]), filename="scan.pdf")
    assert "\n" not in str(caught.value)
    assert "scan.pdf" in str(caught.value)


# --- job titles ----------------------------------------------------------------------------

CHINESE_CV = """\
张三
电话：138-0000-0000  邮箱：zs@example.com
求职意向：产品经理、项目经理

工作经历
2021.04 - 至今  重庆某科技有限公司  高级Java开发工程师
负责后端开发，参与架构设计。
2019.07 - 2021.03  重庆某网络有限公司 Java开发工程师
职位：数据分析师  部门：数据部
2018年07月 - 2019年06月 某某集团
技术部 运维工程师

项目经历
2020.01 - 2020.06  智慧城市项目  后端负责人
职位：项目技术负责人

教育背景
2015.09 - 2019.06  重庆大学  计算机科学与技术  本科
"""

ENGLISH_CV = """\
Jane Doe
Objective: a challenging role in analytics
Desired Position: Data Scientist

WORK EXPERIENCE
Senior Data Analyst
Acme Inc., Chongqing    Jan 2021 - Present
- Built dashboards used by 200 engineers.
Data Analyst
Beta Ltd.    2019 - 2020
- Led a team of three analysts.
Software Engineer at Gamma Corp. (2017-07 - 2019-06)

EDUCATION
2013 - 2017  Chongqing University  B.Sc. Computer Science
"""


def test_job_titles_in_chinese_cv() -> None:
    assert job_titles_in_cv(CHINESE_CV) == (
        "产品经理",
        "项目经理",
        "高级Java开发工程师",
        "Java开发工程师",
        "数据分析师",
        "运维工程师",
    )


def test_job_titles_in_english_cv() -> None:
    assert job_titles_in_cv(ENGLISH_CV) == (
        "Data Scientist",
        "Senior Data Analyst",
        "Data Analyst",
        "Software Engineer",
    )


@pytest.mark.parametrize(
    ("line", "titles"),
    [
        ("2019.07 - 2021.03  重庆某科技有限公司  Java开发工程师", ("Java开发工程师",)),
        ("职位：数据分析师", ("数据分析师",)),
        ("Position: Data Analyst", ("Data Analyst",)),
        ("求职意向：产品经理", ("产品经理",)),
        ("求职意向：UI/UX设计师", ("UI/UX设计师",)),
        ("2019年7月-2021年3月 | 某集团 | 人力资源专员", ("人力资源专员",)),
        ("Jul 2019 – Mar 2021 | Acme Co., Ltd. | Backend Developer", ("Backend Developer",)),
        ("2019.07 - 2021.03  重庆某科技有限公司", ()),
        ("我在2019年加入公司，负责开发工作。", ()),
        ("", ()),
    ],
)
def test_job_title_lines(line: str, titles: tuple[str, ...]) -> None:
    assert job_titles_in_cv(line) == titles


def test_job_titles_in_document_text() -> None:
    body = _paragraph("工作经历") + _table(
        [["2019.07 - 2021.03", "重庆某科技有限公司", "Java开发工程师"]]
    )
    text = read_document(_docx(_document_xml(body)), filename="cv.docx").text
    assert job_titles_in_cv(text) == ("Java开发工程师",)
