"""Read back the text of a PDF Harbour rendered (reportlab), without a PDF library: inflate
the page streams and collect the strings drawn by the text operators (Tj)."""

import base64
import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
_SHOWN = re.compile(rb"(\((?:\\.|[^\\)])*\))\s*Tj")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _streams(data: bytes):
    for match in _STREAM.finditer(data):
        raw = match.group(1).strip()
        for decode in (lambda r: zlib.decompress(base64.a85decode(r.removesuffix(b"~>"))), zlib.decompress):
            try:
                yield decode(raw)
                break
            except Exception:  # noqa: S112 - try the next encoding
                continue


def _unescape(literal: bytes) -> bytes:
    body = literal[1:-1]
    out, i = bytearray(), 0
    while i < len(body):
        ch = body[i : i + 1]
        if ch != b"\\":
            out += ch
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def pdf_text(data: bytes) -> str:
    """The drawn text, rendered lines joined by spaces (so wrapped paragraphs rejoin)."""
    shown = [_unescape(s).decode("cp1252") for stream in _streams(data) for s in _SHOWN.findall(stream)]
    return re.sub(r"\s+", " ", " ".join(shown))


def body_font_sizes(data: bytes) -> set[float]:
    """The font sizes text is set in (`/F1 14 Tf`), to check large print."""
    sizes = set()
    for stream in _streams(data):
        sizes |= {float(m) for m in re.findall(rb"/F\d+ ([\d.]+) Tf", stream)}
    return sizes
