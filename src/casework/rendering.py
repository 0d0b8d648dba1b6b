"""Server-side rendering of documents to PDF (reportlab) and editable Word (.docx).

Everything Harbour generates is first described as a `Doc` (headings, paragraphs, key-value
lines, tables and charts) and then rendered; generators never touch a rendering library.
A chart is the SVG a page draws (svglib turns it into reportlab's vector drawing, so the
PDF's chart is the page's, not a picture of it), with the words that describe it; charts
one after another sit two to a row, and the Word document gives their descriptions.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document as DocxDocument
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from svglib.svglib import svg2rlg

REDACTED = "[Redacted]"


@dataclass
class Block:
    kind: str  # "h1", "h2", "p", "meta" (label, value), "table", "chart" (SVG, description)
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    label: str = ""
    widths: list[float] = field(default_factory=list)  # table column fractions


@dataclass
class Doc:
    title: str
    blocks: list[Block] = field(default_factory=list)
    footer: str = "OFFICIAL – SENSITIVE"
    large_print: bool = False  # documents for families and children: 14pt text, roomy lines

    def h1(self, text: str) -> None:
        self.blocks.append(Block("h1", text))

    def h2(self, text: str) -> None:
        self.blocks.append(Block("h2", text))

    def p(self, text: str) -> None:
        self.blocks.append(Block("p", text))

    def meta(self, label: str, value: str) -> None:
        self.blocks.append(Block("meta", value, label=label))

    def table(self, rows: list[list[str]], widths: list[float] | None = None) -> None:
        self.blocks.append(Block("table", rows=rows, widths=widths or []))

    def chart(self, svg: str, description: str) -> None:
        """A chart drawn as SVG (as the page shows it), with the words that describe it."""
        self.blocks.append(Block("chart", svg, label=description))


def content_hash(doc: Doc) -> str:
    """A fingerprint of what a document says and how it is laid out (not of the PDF, whose
    bytes carry the moment it was made): the same content gives the same hash."""
    text = json.dumps(asdict(doc), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _para(text: str, style: object) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _drawing(svg: str, width: float) -> object:
    """The SVG as a reportlab drawing `width` points wide."""
    drawing = svg2rlg(BytesIO(svg.encode("utf-8")))
    if drawing is None:
        raise ValueError("The chart is not an SVG drawing")
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = width, drawing.height * scale
    return drawing


def _charts(charts: list[Block], width: float, style: object) -> Table:
    """Charts two to a row, each over its description."""
    cell = width / 2
    cells: list[object] = [[_drawing(c.text, cell - 4 * mm), _para(c.label, style)] for c in charts]
    if len(cells) % 2:
        cells.append("")
    rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[cell, cell])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def to_pdf(doc: Doc) -> bytes:
    buffer = BytesIO()
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8.5, leading=10.5)
    h1, h2 = styles["Heading1"], styles["Heading2"]
    if doc.large_print:
        body = body.clone("large", fontSize=14, leading=20, spaceAfter=4)
        small = small.clone("large_cell", fontSize=13, leading=17)
        h1 = h1.clone("large_h1", fontSize=24, leading=30)
        h2 = h2.clone("large_h2", fontSize=18, leading=24, spaceBefore=8)
    head = small.clone("head", fontName="Helvetica-Bold")
    story: list[object] = []
    width = A4[0] - 30 * mm
    charts: list[Block] = []
    for block in [*doc.blocks, Block("end")]:
        if block.kind == "chart":
            charts.append(block)
            continue
        if charts:
            story += [_charts(charts, width, small), Spacer(1, 3 * mm)]
            charts = []
        if block.kind == "end":
            break
        if block.kind == "h1":
            story.append(_para(block.text, h1))
        elif block.kind == "h2":
            story.append(_para(block.text, h2))
        elif block.kind == "p":
            story.append(_para(block.text, body))
        elif block.kind == "meta":
            story.append(Paragraph(f"<b>{escape(block.label)}:</b> {escape(block.text)}", body))
        elif block.kind == "table" and block.rows:
            data = [[_para(c, head if i == 0 else small) for c in row] for i, row in enumerate(block.rows)]
            cols = len(block.rows[0])
            fractions = block.widths or [1 / cols] * cols
            table = Table(data, colWidths=[f * width for f in fractions], repeatRows=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.append(table)
        story.append(Spacer(1, 3 * mm))

    def footer(canvas: object, page_doc: object) -> None:
        canvas.saveState()  # type: ignore[attr-defined]
        canvas.setFont("Helvetica", 8)  # type: ignore[attr-defined]
        canvas.drawString(15 * mm, 10 * mm, f"{doc.footer} · {doc.title} · page {page_doc.page}")  # type: ignore[attr-defined]
        canvas.restoreState()  # type: ignore[attr-defined]

    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=doc.title,
        author="Harbour",
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def to_docx(doc: Doc) -> bytes:
    document = DocxDocument()
    document.core_properties.title = doc.title
    document.core_properties.author = "Harbour"
    for block in doc.blocks:
        if block.kind == "h1":
            document.add_heading(block.text, level=1)
        elif block.kind == "h2":
            document.add_heading(block.text, level=2)
        elif block.kind == "p":
            document.add_paragraph(block.text)
        elif block.kind == "chart":
            document.add_paragraph(block.label)
        elif block.kind == "meta":
            para = document.add_paragraph()
            para.add_run(f"{block.label}: ").bold = True
            para.add_run(block.text)
        elif block.kind == "table" and block.rows:
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
                    for para in cell.paragraphs:
                        for run in para.runs:
                            run.font.size = Pt(9)
                            run.bold = i == 0
    section = document.sections[0]
    section.footer.paragraphs[0].text = f"{doc.footer} · {doc.title}"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
