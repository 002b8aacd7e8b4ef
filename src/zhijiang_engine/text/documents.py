"""Text out of uploaded CVs and job postings (.docx, .pdf, .txt), and job titles out of a CV.

``read_document`` takes the bytes of one upload and its file name and returns a
``DocumentText``: the text with whitespace normalised (runs of spaces collapsed, line breaks
kept, full-width ASCII folded to ASCII as NFKC does), the kind that was read, and warnings
worth showing to the person who uploaded it. Anything that cannot be read raises
``DocumentError``, whose message says in one line what was refused and why.

* ``.docx`` is read with the standard library: the paragraphs and tables of
  ``word/document.xml`` in document order (table rows become lines, cells are separated by
  tabs). Page headers and footers are not read. Zip bombs (``document.xml`` over 20 MB
  uncompressed) and XML with a DOCTYPE or ENTITY declaration (entity expansion) are refused.
* ``.pdf`` is read with pypdf's text layer. A PDF without one (a scan) is refused: it needs
  OCR, which this module does not do. PDFs that need a password are refused.
* ``.txt`` (and pasted text, which callers pass with a ``.txt`` name) is UTF-8 with or
  without a BOM, else GB18030 (a superset of GBK and GB2312) with a warning. A UTF-16 file
  with a BOM is also read. Text with NUL bytes is treated as binary and refused.
* Any other name: the content is sniffed (``PK\\x03\\x04`` → docx, ``%PDF`` → pdf). The content
  also wins over a misleading extension, with a warning.

``job_titles_in_cv`` is a small, conservative heuristic; its docstring says what it reads.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree as ET

MAX_INPUT_BYTES = 10 * 1024 * 1024
"""Uploads larger than this are refused before any parsing."""

MAX_DOCX_XML_BYTES = 20 * 1024 * 1024
"""Largest uncompressed ``word/document.xml`` read (zip bomb guard)."""

MAX_PDF_PAGES = 100
"""Pages of a PDF that are read; the rest are skipped with a warning."""

ACCEPTED_KINDS = ("docx", "pdf", "txt")

_EXTENSIONS = {".docx": "docx", ".pdf": "pdf", ".txt": "txt", ".text": "txt"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DANGEROUS_XML = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)

# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space fold to ASCII exactly as NFKC
# folds them; other characters are left alone (NFKC would also rewrite ①, ㎡, …).
_WIDTH_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class DocumentError(ValueError):
    """An upload that cannot be read; the message says what and why in one line."""


@dataclass(frozen=True, slots=True)
class DocumentText:
    """The text of one document, the kind read (``docx``, ``pdf`` or ``txt``) and warnings."""

    text: str
    kind: str
    warnings: tuple[str, ...] = ()


def read_document(data: bytes, *, filename: str) -> DocumentText:
    """The normalised text of an uploaded .docx, .pdf or .txt file; ``DocumentError`` if not."""
    name = filename.strip() or "the upload"
    if len(data) > MAX_INPUT_BYTES:
        raise DocumentError(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB; "
            f"files over {MAX_INPUT_BYTES // 1024 // 1024} MB are refused"
        )
    if not data.strip():
        raise DocumentError(f"{name} is empty")
    warnings: list[str] = []
    by_name = _kind_from_name(filename)
    sniffed = _sniff(data)
    if data.startswith(_OLE_MAGIC) and by_name != "txt":
        raise DocumentError(
            f"{name} is a legacy Word/Office (.doc) file; save it as .docx or PDF and upload again"
        )
    if sniffed is not None and by_name is not None and sniffed != by_name:
        warnings.append(f"named as {by_name} but the content is {sniffed}; read as {sniffed}")
    kind = sniffed or by_name
    if kind is None:
        raise DocumentError(
            f"{name} is not a recognised document; accepted kinds: "
            + ", ".join(f".{k}" for k in ACCEPTED_KINDS)
        )
    if kind == "docx":
        raw = _docx_text(data, name)
    elif kind == "pdf":
        raw = _pdf_text(data, name, warnings)
    else:
        raw = _plain_text(data, name, warnings)
    text = normalize_whitespace(raw)
    if not text:
        warnings.append("no text found in the document")
    return DocumentText(text=text, kind=kind, warnings=tuple(warnings))


def normalize_whitespace(text: str) -> str:
    """Fold full-width ASCII, collapse spaces within lines, keep line breaks, strip.

    A run of horizontal whitespace that contains a tab becomes one tab (table cells stay
    separable); any other run becomes one space. At most one blank line is kept in a row.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_WIDTH_FOLD).translate(_ZERO_WIDTH)
    text = _HORIZONTAL_SPACE.sub(lambda m: "\t" if "\t" in m.group() else " ", text)
    lines = (line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _kind_from_name(filename: str) -> str | None:
    lowered = filename.strip().lower()
    for extension, kind in _EXTENSIONS.items():
        if lowered.endswith(extension):
            return kind
    return None


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.lstrip(b"\x00\t\n\r\f ")[:1024].startswith(b"%PDF"):
        return "pdf"
    return None


# --- .docx ---------------------------------------------------------------------------------


def _docx_text(data: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise DocumentError(f"{name} is not a valid .docx (not a readable zip archive)") from exc
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise DocumentError(
                f"{name} is not a Word document (the zip has no word/document.xml)"
            ) from None
        if info.file_size > MAX_DOCX_XML_BYTES:
            raise DocumentError(_docx_too_large(name))
        try:
            with archive.open(info) as member:
                # The declared size can lie; never read more than the limit allows.
                xml = member.read(MAX_DOCX_XML_BYTES + 1)
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            RuntimeError,
            NotImplementedError,
            ValueError,
        ) as exc:
            raise DocumentError(f"{name} is a damaged .docx ({type(exc).__name__})") from exc
    if len(xml) > MAX_DOCX_XML_BYTES:
        raise DocumentError(_docx_too_large(name))
    if any(marker in xml for marker in _DANGEROUS_XML):
        raise DocumentError(
            f"{name} is refused: its document.xml declares a DOCTYPE or ENTITY "
            "(possible entity-expansion attack)"
        )
    try:
        root = ET.fromstring(xml)  # noqa: S314 - DOCTYPE/ENTITY refused above
    except ET.ParseError as exc:
        raise DocumentError(f"{name} is a damaged .docx (document.xml: {exc})") from exc
    body = root.find(f"{_W}body")
    if body is None:
        return ""
    return "\n".join(_docx_blocks(body))


def _docx_too_large(name: str) -> str:
    return (
        f"{name} is refused: its document.xml is over "
        f"{MAX_DOCX_XML_BYTES // 1024 // 1024} MB uncompressed (possible zip bomb)"
    )


def _docx_blocks(container: ET.Element) -> Iterator[str]:
    """Lines of the paragraphs and tables directly inside ``container``, in document order."""
    for child in container:
        if child.tag == f"{_W}p":
            yield _docx_paragraph(child)
        elif child.tag == f"{_W}tbl":
            yield from _docx_table(child)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_blocks(child)


def _docx_paragraph(paragraph: ET.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _docx_table(table: ET.Element) -> Iterator[str]:
    for row in table.iter(f"{_W}tr"):
        cells = []
        for cell in row.findall(f"{_W}tc"):
            # A cell's own paragraphs share its row's line; nested tables are flattened.
            lines = _docx_blocks(cell)
            cells.append(" ".join(line.replace("\n", " ").replace("\t", " ") for line in lines))
        yield "\t".join(cells)


# --- .pdf ----------------------------------------------------------------------------------


def _pdf_text(data: bytes, name: str, warnings: list[str]) -> str:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except DependencyError as exc:
                raise DocumentError(
                    f"{name} is an encrypted PDF this server cannot open; "
                    "remove its password protection and upload again"
                ) from exc
            if unlocked == PasswordType.NOT_DECRYPTED:
                raise DocumentError(
                    f"{name} is a password-protected PDF; remove the password and upload again"
                )
        pages = reader.pages
        page_count = len(pages)
        texts = [pages[i].extract_text() or "" for i in range(min(page_count, MAX_PDF_PAGES))]
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise DocumentError(f"{name} is not a readable PDF ({type(exc).__name__})") from exc
    except RecursionError as exc:
        raise DocumentError(f"{name} is not a readable PDF (nested too deeply)") from exc
    if page_count > MAX_PDF_PAGES:
        warnings.append(f"only the first {MAX_PDF_PAGES} of {page_count} pages were read")
    if not any(text.strip() for text in texts):
        raise DocumentError(f"{name} has no text layer: a scanned PDF needs OCR")
    empty = [str(i + 1) for i, text in enumerate(texts) if not text.strip()]
    if empty:
        warnings.append(f"page(s) {', '.join(empty)} have no text layer (scanned?)")
    return "\n\n".join(texts)


# --- .txt ----------------------------------------------------------------------------------


def _plain_text(data: bytes, name: str, warnings: list[str]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name} is not valid UTF-16 text") from exc
    if b"\x00" in data:
        raise DocumentError(f"{name} looks binary (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name} is neither UTF-8 nor GB18030/GBK text") from exc
    warnings.append("decoded as GB18030")
    return text


# --- job titles in a CV --------------------------------------------------------------------

_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:0?[1-9]|1[0-2])(?!\d)"
_EN_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s*" + _YEAR
_DATE = rf"(?:{_EN_MONTH}|{_YEAR}(?:\s*[./\-]\s*{_MONTH}|\s*年\s*{_MONTH}\s*月?)?(?!\d))"
_OPEN_END = r"(?:至今|今|现在|目前|present|now|current|today)"
_DATE_RANGE = re.compile(
    rf"[(\[（【]?\s*{_DATE}\s*(?:-{{1,2}}|–|—|~|～|至|到|to|→)\s*(?:{_DATE}|{_OPEN_END})\s*[)\]）】]?",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_ORG = re.compile(
    r"(?:有限责任公司|股份有限公司|有限公司|分公司|公司|集团|研究院|研究所|银行|医院|大学|学院|"
    r"事务所|工作室|\b(?:Inc|Ltd|LLC|LLP|Corp|Corporation|Company|GmbH|Limited|PLC)\b\.?|\bCo\.)",
    re.IGNORECASE,
)
_SEGMENT_SPLIT = re.compile(r"\t|\s{2,}|\s*[|｜丨•·]\s*|\s+/\s+|\s+[-–—]\s+|[，,;；]\s*")
_AT = re.compile(r"\s+(?:at|@)\s+", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_TRAILING_PARENS = re.compile(r"\s*[(（][^)）]*[)）]\s*$")
_LABEL = re.compile(
    r"^\W*(职位|职务|岗位|担任职务|担任职位|任职岗位|工作职位|现任职位|"
    r"求职意向|意向岗位|意向职位|期望职位|期望岗位|应聘职位|应聘岗位|目标职位|"
    r"job title|position|title|role|desired position|target position|target role|"
    r"current position)\s*[:：]\s*(.+)$",
    re.IGNORECASE,
)
_INTENT_LABELS = frozenset(
    {"求职意向", "意向岗位", "意向职位", "期望职位", "期望岗位", "应聘职位", "应聘岗位"}
    | {"目标职位", "desired position", "target position", "target role"}
)
_CN_TITLE_ENDINGS = (
    "师", "员", "长", "官", "经理", "主管", "总监", "专员", "助理", "顾问", "主任", "负责人",
    "实习生", "总裁", "代表", "会计", "出纳", "销售", "客服", "运营", "编辑", "记者", "专家",
    "合伙人", "董事", "秘书", "翻译", "主编", "护士", "医生", "督导", "经纪人", "策划", "开发",
    "领班", "干事", "CEO", "CTO", "CFO", "COO",
)  # fmt: skip
_CN_NOT_TITLE_STARTS = ("负责", "参与", "主导", "协助", "完成", "带领", "从事", "主要", "熟悉")
_EN_TITLE_TEXT = """engineer developer programmer analyst scientist manager director designer
    consultant specialist architect administrator intern assistant associate coordinator officer
    lead leader head supervisor executive representative accountant auditor teacher lecturer
    instructor tester technician researcher editor writer translator secretary clerk operator
    president founder co-founder partner vp ceo cto cfo coo cio strategist planner buyer
    recruiter advisor adviser nurse doctor physician lawyer attorney trainer tutor agent
    marketer producer sre dba expert owner"""
_EN_TITLE_WORDS = frozenset(_EN_TITLE_TEXT.split())
_EN_TITLE_OF = re.compile(r"^(?:head|director|vp|vice president|manager|lead|chief)\b.* of\b")
_HEADING_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d{1,2})\s*[、.．)）]\s*")
_HEADINGS = {
    "work": """工作经历 工作经验 实习经历 实习经验 职业经历 工作履历 任职经历 工作背景 experience
        workexperience professionalexperience employmenthistory employment workhistory
        careerhistory internship internships internshipexperience relevantexperience""",
    "education": "教育背景 教育经历 学习经历 学历 education educationalbackground",
    "project": "项目经历 项目经验 项目 projects project projectexperience",
    "intent": "求职意向 求职目标 careerobjective objective",
    "other": """专业技能 技能 技能特长 个人技能 证书 资格证书 荣誉 获奖 获奖情况 自我评价
        个人评价 个人信息 基本信息 个人简介 培训经历 语言能力 兴趣爱好 skills certifications
        certificates awards honors summary profile languages interests references
        personalinformation contact""",
}
_HEADING_KIND = {word: kind for kind, words in _HEADINGS.items() for word in words.split()}


def job_titles_in_cv(text: str) -> tuple[str, ...]:
    """The job titles a Chinese or English CV names, in order, without repeats.

    Precision over recall: a phrase counts only if it ends like a title (工程师, 经理, 专员,
    …师/员/长; engineer, analyst, manager, …; "head of …") and is short, has no year in it
    and names no organisation. Where it looks:

    * labelled lines: ``职位：``, ``岗位：``, ``求职意向：``, ``期望职位：``, ``Position:``,
      ``Job Title:``, ``Role:``…; the value is cut at a tab, two spaces or ``|`` and split
      on ``、,，;；`` (and on ``/`` when every part is a title);
    * lines with a date range (``2019.07 - 2021.03``, ``2019-07~至今``,
      ``2019年7月 - 2021年3月``, ``Jan 2019 – Present``): the rest of the line is split
      into parts (tabs, two spaces, ``|``, commas, `` at ``), parts that name a company
      (公司/有限公司/集团/…, Inc./Ltd./Co./Corp.) are dropped, keeping any title written after
      the company name (``重庆某科技有限公司 Java开发工程师``);
    * when a date line holds no title, the line just before or just after it, whichever side
      holds a title-only line more often in the CV;
    * lines under a 求职意向 / Objective heading that are titles.

    If the CV has section headings (工作经历, 教育背景, Work Experience, Education, …) date
    lines count only under work headings, and labelled lines are ignored under education and
    project headings; without headings the whole text counts as work history.
    """
    lines = [normalize_whitespace(line) for line in text.splitlines()]
    kinds = [_heading(line) for line in lines]
    section = "header" if any(kinds) else "work"
    hits: list[tuple[int, str]] = []
    bare: list[int] = []
    line_section: list[str] = []
    for index, line in enumerate(lines):
        heading = kinds[index]
        if heading is not None:
            section = heading
            line_section.append("heading")
            continue
        line_section.append(section)
        if not line:
            continue
        label = _LABEL.match(line)
        if label is not None:
            is_intent = label.group(1).casefold() in _INTENT_LABELS
            if is_intent or section not in ("education", "project"):
                hits.extend((index, title) for title in _label_titles(label.group(2)))
            continue
        if section == "intent":
            hits.extend((index, title) for title in _label_titles(line))
            continue
        if section != "work" or not _DATE_RANGE.search(line):
            continue
        titles = _titles_in_parts(_DATE_RANGE.sub("  ", line))
        if titles:
            hits.extend((index, title) for title in titles)
        else:
            bare.append(index)
    hits.extend(_neighbour_titles(lines, line_section, bare))
    hits.sort(key=lambda hit: hit[0])
    seen: set[str] = set()
    result: list[str] = []
    for _, title in hits:
        key = title.casefold()
        if key not in seen:
            seen.add(key)
            result.append(title)
    return tuple(result)


def _heading(line: str) -> str | None:
    if not line or len(line) > 40:
        return None
    squeezed = re.sub(r"[\W_]+", "", _HEADING_NUMBER.sub("", line)).casefold()
    if squeezed in _HEADING_KIND:
        return _HEADING_KIND[squeezed]
    # Bilingual headings: "工作经历 Work Experience".
    for split in range(1, len(squeezed)):
        head, tail = squeezed[:split], squeezed[split:]
        if head in _HEADING_KIND and _HEADING_KIND.get(tail) == _HEADING_KIND[head]:
            return _HEADING_KIND[head]
    return None


def _label_titles(value: str) -> list[str]:
    value = re.split(r"\t|\s{2,}|\s*[|｜]\s*", value.strip(), maxsplit=1)[0]
    colon = re.search(r"[:：]", value)
    if colon is not None:  # "数据分析师 部门：数据部" → "数据分析师"
        value = value[: colon.start()].rsplit(" ", 1)[0] if " " in value[: colon.start()] else ""
    titles: list[str] = []
    for part in re.split(r"[、,，;；]", value):
        pieces = [piece.strip() for piece in part.split("/")]
        if len(pieces) > 1 and all(_looks_like_title(piece) for piece in pieces):
            titles.extend(pieces)
        else:
            cleaned = _clean(part)
            if _looks_like_title(cleaned):
                titles.append(cleaned)
    return titles


def _titles_in_parts(rest: str) -> list[str]:
    titles: list[str] = []
    for raw in _SEGMENT_SPLIT.split(rest):
        for piece in _AT.split(raw):
            part = _after_organisation(_clean(piece))
            if part is None:
                continue
            part = _last_title_words(part)
            if _looks_like_title(part):
                titles.append(part)
    return titles


def _after_organisation(part: str) -> str | None:
    """``part`` without a leading company name; ``None`` if it is only a company name."""
    last = None
    for match in _ORG.finditer(part):
        last = match
    if last is None:
        return part
    rest = _clean(part[last.end() :])
    return rest or None


def _last_title_words(part: str) -> str:
    """For Chinese parts with spaces ("技术部 Java开发工程师"), the last word or two."""
    if " " not in part or not _CJK.search(part):
        return part
    words = part.split(" ")
    last = words[-1]
    if len(last) <= 3 and len(words) > 1:  # "高级 工程师"
        return f"{words[-2]} {last}"
    return last


def _clean(part: str) -> str:
    part = re.sub(r"[(\[（【]\s*[)\]）】]", "", part)
    return part.strip(" \t-–—:：,，;；|*•·()（）[]【】<>《》\"'")


def _looks_like_title(part: str) -> bool:
    if not 2 <= len(part) <= 40 or re.search(r"[。！？!?；;:：@]", part) or _ANY_YEAR.search(part):
        return False
    if _ORG.search(part):
        return False
    core = _TRAILING_PARENS.sub("", part).strip()
    if not core:
        return False
    if _CJK.search(core):
        if len(core) > 20 or core.startswith(_CN_NOT_TITLE_STARTS):
            return False
        if core.endswith(_CN_TITLE_ENDINGS) and len(core) >= 2:
            return True
    words = core.casefold().split()
    if not words or len(words) > 6:
        return False
    return words[-1].strip(".,") in _EN_TITLE_WORDS or bool(_EN_TITLE_OF.match(" ".join(words)))


def _neighbour_titles(
    lines: list[str], sections: list[str], bare: list[int]
) -> list[tuple[int, str]]:
    """Titles on the line before or after date lines that hold none (one side for the CV)."""

    def neighbour(index: int, step: int) -> int | None:
        other = index + step
        while 0 <= other < len(lines) and not lines[other]:
            other += step
        if not 0 <= other < len(lines) or sections[other] != sections[index]:
            return None
        if _DATE_RANGE.search(lines[other]) or _LABEL.match(lines[other]):
            return None
        return other

    def title_line(index: int | None) -> str | None:
        if index is None:
            return None
        candidate = _last_title_words(_clean(lines[index]))
        return candidate if _looks_like_title(candidate) else None

    if not bare:
        return []
    before = sum(title_line(neighbour(i, -1)) is not None for i in bare)
    after = sum(title_line(neighbour(i, +1)) is not None for i in bare)
    step = +1 if after >= before else -1
    found: list[tuple[int, str]] = []
    used: set[int] = set()
    for index in bare:
        other = neighbour(index, step)
        title = title_line(other)
        if other is not None and title is not None and other not in used:
            used.add(other)
            found.append((other, title))
    return found
