"""PDF documents with Chinese text: a CJK font found on the machine, embedded as a subset.

The font comes from the ``PDF_FONT`` setting or else the first of ``FONT_CANDIDATES`` that
exists (see docs/exports.md). ``PdfDocument`` is a small builder over fpdf2 for A4 documents
with headings, wrapped paragraphs, bullet lists, tables and page numbers; course exports use it
now and certificates later.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from zhijiang.common.errors import ApplicationError

_NOTO = Path("/usr/share/fonts/opentype/noto")
_WQY = Path("/usr/share/fonts/truetype/wqy")


class PdfFontMissing(ApplicationError):
    """No font with Chinese glyphs is available, so no PDF can be made."""

    status = 500

    def __init__(self, message: str) -> None:
        super().__init__(message, code="pdf_font_missing")


@dataclass(frozen=True)
class CjkFont:
    """A font file (and its face within a .ttc collection), with its bold face if there is one."""

    path: Path
    index: int = 0
    bold_path: Path | None = None
    bold_index: int = 0


# Looked up in this order when PDF_FONT is empty. Face 2 of the Noto Sans CJK collections is
# the Simplified Chinese one (JP, KR, SC, TC, HK). Only Noto ships a separate bold face.
FONT_CANDIDATES: tuple[CjkFont, ...] = (
    # Debian/Ubuntu fonts-noto-cjk
    CjkFont(_NOTO / "NotoSansCJK-Regular.ttc", 2, _NOTO / "NotoSansCJK-Bold.ttc", 2),
    # Arch noto-fonts-cjk, Fedora google-noto-sans-cjk-ttc-fonts
    CjkFont(
        Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"),
        2,
        Path("/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc"),
        2,
    ),
    CjkFont(Path("/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc"), 2),
    # Debian fonts-wqy-microhei, fonts-wqy-zenhei
    CjkFont(_WQY / "wqy-microhei.ttc"),
    CjkFont(_WQY / "wqy-zenhei.ttc"),
    CjkFont(Path("/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc")),
    CjkFont(Path("/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc")),
    # Debian fonts-noto-cjk also ships the serif faces
    CjkFont(_NOTO / "NotoSerifCJK-Regular.ttc", 2, _NOTO / "NotoSerifCJK-Bold.ttc", 2),
)


def cjk_font() -> CjkFont:
    """The font for PDFs with Chinese text; raises PdfFontMissing when there is none."""
    return _cjk_font_for(str(getattr(settings, "PDF_FONT", "") or ""), FONT_CANDIDATES)


@functools.cache
def _cjk_font_for(setting: str, candidates: tuple[CjkFont, ...]) -> CjkFont:
    # An explicit PDF_FONT that is missing is an error rather than a silent fallback, so a
    # typo in the setting shows up instead of giving PDFs in another font.
    if setting:
        path = Path(setting)
        if not path.is_file():
            raise PdfFontMissing(
                _(
                    "The PDF font PDF_FONT=%(path)s does not exist. Set PDF_FONT to a "
                    ".ttf, .otf or .ttc font with Chinese glyphs, or install Debian's "
                    "fonts-noto-cjk and leave PDF_FONT empty."
                )
                % {"path": setting}
            )
        return CjkFont(path, _simplified_chinese_face(path))
    for candidate in candidates:
        if candidate.path.is_file():
            bold = candidate.bold_path
            if bold is not None and bold.is_file():
                return candidate
            return CjkFont(candidate.path, candidate.index)
    raise PdfFontMissing(
        _(
            "No font with Chinese glyphs was found for PDF documents. Install Debian's "
            "fonts-noto-cjk (apt-get install fonts-noto-cjk) or set PDF_FONT to a .ttf, "
            ".otf or .ttc font with Chinese glyphs."
        )
    )


def _simplified_chinese_face(path: Path) -> int:
    """In a .ttc collection, the face whose family ends in "SC" (Simplified Chinese), else 0."""
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection  # type: ignore[import-untyped]  # fpdf2's own dep

    collection = TTCollection(str(path), lazy=True)
    for index, face in enumerate(collection.fonts):
        family = str(face["name"].getDebugName(1) or "")
        if family.split()[-1:] == ["SC"]:
            return index
    return 0


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
FAMILY = "cjk"
BODY_PT = 10.5
HEADING_PT = {1: 17.0, 2: 14.0, 3: 12.0, 4: 10.5}
LINE_MM = 6.0


def _wrapmode(*texts: str) -> WrapMode:
    """Chinese may break between any two characters, English only between words: text that is
    mostly Chinese wraps by character, other text by word (so a long English note is not cut
    mid-word, and a Chinese line does not leave a gap before a run that does not fit)."""
    text = "".join(texts)
    letters = len(text) - text.count(" ")
    return WrapMode.CHAR if 3 * len(_CJK.findall(text)) >= letters > 0 else WrapMode.WORD


class _Fpdf(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8.5)
        self.set_text_color(110)
        self.cell(0, 6, f"{self.page_no()} / {{nb}}", align="C")
        self.set_text_color(0)


class PdfDocument:
    """An A4 document with Chinese text: add blocks in reading order, then ``to_bytes()``."""

    def __init__(
        self, *, title: str, author: str = "", language: str = "zh-CN", font: CjkFont | None = None
    ) -> None:
        font = font or cjk_font()
        pdf = _Fpdf(format="A4", unit="mm")
        pdf.set_margins(left=20, top=20, right=20)
        pdf.set_auto_page_break(auto=True, margin=20)
        pdf.add_font(FAMILY, fname=str(font.path), collection_font_number=font.index)
        bold = (font.bold_path, font.bold_index) if font.bold_path else (font.path, font.index)
        pdf.add_font(FAMILY, style="B", fname=str(bold[0]), collection_font_number=bold[1])
        pdf.set_title(title)
        pdf.set_author(author)
        pdf.set_creator("Zhijiang")
        pdf.set_lang(language)
        pdf.set_display_mode(zoom="fullwidth")
        pdf.add_page()
        pdf.set_font(FAMILY, size=BODY_PT)
        self._pdf = pdf

    def title(self, text: str, *, subtitle: str = "") -> None:
        """The document's title, large and centred, a third of the way down the page."""
        pdf = self._pdf
        pdf.set_y(max(pdf.get_y(), pdf.eph / 3))
        pdf.set_font(FAMILY, "B", 22)
        pdf.multi_cell(0, 11, text, align="C", wrapmode=_wrapmode(text))
        if subtitle:
            pdf.ln(3)
            pdf.set_font(FAMILY, size=14)
            pdf.multi_cell(0, 8, subtitle, align="C", wrapmode=_wrapmode(subtitle))
        pdf.ln(10)
        pdf.set_font(FAMILY, size=BODY_PT)

    def heading(self, level: int, text: str) -> None:
        """A heading of level 1 (largest) to 4; never left alone at the foot of a page."""
        pdf = self._pdf
        size = HEADING_PT.get(level, BODY_PT)
        self._keep_space(size * 0.6 + 3 * LINE_MM)
        pdf.ln(4 if level <= 2 else 2)
        pdf.set_font(FAMILY, "B", size)
        pdf.multi_cell(0, size * 0.5, text, align="L", wrapmode=_wrapmode(text))
        pdf.ln(1.5)
        pdf.set_font(FAMILY, size=BODY_PT)

    def paragraph(self, text: str) -> None:
        self._pdf.multi_cell(0, LINE_MM, text, align="L", wrapmode=_wrapmode(text))
        self._pdf.ln(1.5)

    def bullets(self, items: list[str] | tuple[str, ...], *, numbered: bool = False) -> None:
        """A list, each item with a hanging indent so wrapped lines line up with its text."""
        pdf = self._pdf
        for number, item in enumerate(items, 1):
            mark = f"{number}." if numbered else "•"
            pdf.set_x(pdf.l_margin + 2)
            pdf.cell(6, LINE_MM, mark)
            pdf.multi_cell(
                pdf.epw - 8,
                LINE_MM,
                item,
                align="L",
                wrapmode=_wrapmode(item),
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
        pdf.ln(1.5)

    def table(
        self,
        header: list[str] | tuple[str, ...],
        rows: list[list[str]] | list[tuple[str, ...]],
        widths: list[float] | tuple[float, ...] | None = None,
    ) -> None:
        """A table with a bold, shaded header row repeated on each page; ``widths`` are
        relative column widths."""
        pdf = self._pdf
        self._keep_space(4 * LINE_MM)
        texts = [*header, *(cell for row in rows for cell in row)]
        pdf.set_font(FAMILY, size=9.5)
        with pdf.table(
            col_widths=tuple(widths) if widths else None,
            headings_style=FontFace(emphasis="BOLD", fill_color=(232, 236, 242)),
            line_height=5.2,
            text_align="LEFT",
            wrapmode=_wrapmode(*texts),
            padding=1.2,
            repeat_headings=1,
        ) as table:
            for values in (header, *rows):
                row = table.row()
                for value in values:
                    row.cell(value)
        pdf.set_font(FAMILY, size=BODY_PT)
        pdf.ln(3)

    def page_break(self) -> None:
        self._pdf.add_page()

    def image(self, data: bytes, *, size_mm: float) -> None:
        """A square image (PNG or JPEG bytes, e.g. a QR code), centred on the line."""
        pdf = self._pdf
        self._keep_space(size_mm + 2)
        pdf.image(io.BytesIO(data), x=(pdf.w - size_mm) / 2, w=size_mm, h=size_mm)
        pdf.ln(2)

    def to_bytes(self) -> bytes:
        return bytes(self._pdf.output())

    def _keep_space(self, height: float) -> None:
        pdf = self._pdf
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
