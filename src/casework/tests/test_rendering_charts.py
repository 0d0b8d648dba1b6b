"""A chart in a generated document: the page's SVG drawn into the PDF as a vector drawing,
two to a row, with its description; the Word document carries the description."""

from io import BytesIO

from docx import Document as DocxDocument

from casework.rendering import Doc, to_docx, to_pdf
from casework.tests.pdf import pdf_text

SVG = (
    '<svg viewBox="0 0 200 100" xmlns="http://www.w3.org/2000/svg"><title>T</title>'
    '<line x1="0" y1="90" x2="200" y2="90" stroke="#505a5f"/>'
    '<polyline points="10,80 100,40 190,20" fill="none" stroke="#0b0c0c"/>'
    '<text x="10" y="98" font-size="8">Jan 26</text></svg>'
)


def test_charts_are_drawn_into_the_pdf_with_their_descriptions():
    doc = Doc(title="Charts")
    doc.h1("Charts")
    for n in range(3):
        doc.chart(SVG, f"Chart {n}: from 1 to 3.")
    doc.p("After the charts")
    text = pdf_text(to_pdf(doc))
    assert text.count("Jan 26") == 3  # the SVG's own text, drawn in each chart
    assert all(f"Chart {n}: from 1 to 3." in text for n in range(3))
    assert text.index("Chart 2") < text.index("After the charts")
    words = [p.text for p in DocxDocument(BytesIO(to_docx(doc))).paragraphs]
    assert "Chart 1: from 1 to 3." in words
