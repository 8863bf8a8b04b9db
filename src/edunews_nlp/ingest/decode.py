"""File bytes to text: a byte order mark, else UTF-8, else charset-normalizer's best guess
(preferring the legacy encodings Kazakhstani and Western sites use); bytes that are not
text (a PDF, an archive, an image) raise IngestError with what they are."""

from __future__ import annotations

import os
import re

from .article import IngestError

# Share of control / replacement characters above which decoded bytes are not text.
MAX_NON_TEXT_SHARE = 0.01

_NON_TEXT_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")

# Formats that are not text, by their first bytes: a PDF renamed .txt must not be analysed
# as text (its streams decode to something), but named in an error record.
_BINARY_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/XLSX/ODT document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document (DOC/XLS)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"\x7fELF", "an executable"),
)
# Byte order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# When charset-normalizer finds several encodings equally plausible (short texts),
# prefer the ones Kazakhstani and Western sites actually use.
_PREFERRED_LEGACY_ENCODINGS = ("cp1251", "cp1252", "koi8_r", "iso8859_5", "cp866", "latin_1")


def decode_bytes(data: bytes, path: str | os.PathLike = "<bytes>") -> str:
    """Decode file bytes to text: BOM, else UTF-8, else charset-normalizer's best guess.

    The BOM is dropped and line ends become "\\n". Bytes that are not text (an image,
    an archive) raise IngestError.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise IngestError(f"{path}: is {kind}, not text: convert it to text (.txt, .html, .json) first")
    text = _decode_with_bom(data)
    if text is None and b"\x00" not in data:  # NULs: not UTF-8 text, maybe BOM-less UTF-16
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    if text is None:
        text = _decode_guessed(data)
    if text is None or _looks_binary(text):
        raise IngestError(f"{path}: does not look like text (binary or undecodable content)")
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    return None


def _decode_guessed(data: bytes) -> str | None:
    import charset_normalizer

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    equally_good = [m for m in matches if m.chaos <= best.chaos]
    for encoding in _PREFERRED_LEGACY_ENCODINGS:
        for match in equally_good:
            if match.encoding == encoding:
                return str(match)
    return str(best)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_NON_TEXT_CHARS.findall(text)) > MAX_NON_TEXT_SHARE * len(text)
