"""Bytes → str for every input: refuse binary data, honour BOM and declared charsets, then detect.

Order of trust: a byte-order mark; the declared charset (HTTP `Content-Type`, then for HTML the
`<meta charset>` / `<?xml encoding>` of the page itself); strict UTF-8; detection with
charset-normalizer (preferring Windows-1252 among equally good Western candidates, since French
and English news is what we read). Nothing is repaired here: mojibake is ftfy's job in cleaning.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from wirelens.errors import RecordError

# Signatures of formats that are certainly not text (first bytes of the file).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media (WebP/WAV/AVI)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/ODT/EPUB)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip data (name the file .gz?)"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"(\xb5/\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ\x90\x00", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x00asm", "WebAssembly"),
)
_BZIP2 = re.compile(rb"BZh[1-9]1AY&SY")

# Byte-order marks, longest first (UTF-32-LE starts like UTF-16-LE).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Charsets that decode (nearly) any byte: a page declaring them but valid as UTF-8 is UTF-8
# (servers default to ISO-8859-1; text in Latin-1 is almost never valid UTF-8 by chance).
# As browsers do (WHATWG Encoding), Latin-1 and ASCII labels mean Windows-1252.
_PERMISSIVE = {"iso8859-1", "iso8859-15", "cp1252", "ascii"}  # codecs.lookup() names

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:+-]{1,40})""")
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})""", re.I)

_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1b")
_SAMPLE = 100_000  # characters inspected for control characters


def charset_from_content_type(content_type: str | None) -> str | None:
    """`text/html; charset=ISO-8859-1` → `ISO-8859-1` (None when absent)."""
    if not content_type:
        return None
    m = _CONTENT_TYPE_CHARSET.search(content_type)
    return m.group(1) if m else None


def html_declared_charset(data: bytes) -> str | None:
    """The charset an HTML/XML document declares in its first 4 KB (`<meta charset>` etc.)."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii") if m else None


def binary_kind(data: bytes) -> str | None:
    """A name for the binary format `data` starts with, or None if it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if _BZIP2.match(data):
        return "bzip2 data"
    return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _candidates(declared: str | None, page_declared: str | None) -> list[str]:
    out: list[str] = []
    for name in (declared, page_declared):
        codec = _codec(name)
        if codec is None:
            continue
        if codec in _PERMISSIVE:
            out += ["utf-8", "cp1252", "latin-1"]
        elif codec.startswith(("utf-16", "utf-32")) and not name.lower().endswith(("le", "be")):
            continue  # "UTF-16" without a BOM is unreliable (HTML spec: treat as UTF-8)
        else:
            out.append(codec)
    out.append("utf-8")
    return list(dict.fromkeys(out))


def _detect(data: bytes) -> str | None:
    """Decode with charset-normalizer, preferring Windows-1252 among the least chaotic guesses."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    for m in matches:
        if m.chaos <= best_chaos + 0.01 and "cp1252" in m.could_be_from_charset:
            try:
                return data.decode("cp1252")
            except UnicodeDecodeError:
                break
    return str(matches[0])


def _check_controls(text: str, source: str) -> None:
    sample = text[:_SAMPLE]
    if "\x00" in sample:
        raise RecordError(source, "binary data (NUL characters), not text")
    bad = sum(
        1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc"
    )
    if bad > max(2, len(sample) // 100):
        raise RecordError(source, f"binary data ({bad:,} control characters), not text")


def decode_bytes(
    data: bytes, source: str, declared: str | None = None, *, html: bool = False
) -> str:
    """Decode one input; `declared` is the transport's charset (HTTP header), `html` enables the
    `<meta charset>` sniffing. Raises `RecordError(source, …)` for empty, binary or undecodable
    data. The returned text has no BOM; nothing else is changed."""
    if not data:
        raise RecordError(source, "empty input")
    kind = binary_kind(data)
    if kind:
        raise RecordError(source, f"binary data ({kind}), not text")

    text: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise RecordError(
                    source, f"undecodable bytes: invalid {codec} after its BOM"
                ) from None
            break
    if text is None:
        page_declared = html_declared_charset(data) if html else None
        candidates = _candidates(declared, page_declared)
        wide = any(c.startswith(("utf-16", "utf-32")) for c in candidates)
        if not wide and b"\x00" in data[:_SAMPLE]:
            raise RecordError(source, "binary data (NUL bytes), not text")
        for codec in candidates:
            try:
                text = data.decode(codec)
                break
            except (UnicodeDecodeError, LookupError):
                continue
    if text is None:
        text = _detect(data)
    if text is None:
        hint = f" (declared {declared})" if declared else ""
        raise RecordError(source, f"undecodable bytes: not UTF-8{hint} and no charset fits")
    text = text.removeprefix("\ufeff")
    _check_controls(text, source)
    return text
