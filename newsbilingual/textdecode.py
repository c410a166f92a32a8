"""Decode any text file a news desk receives, without guessing from byte statistics.

Wire copy arrives as UTF-8 (with or without a BOM), as UTF-16/UTF-32 with a BOM (Windows
tools), as GBK/GB18030 (Chinese desks and CMS exports) or as Windows-1252 (European desks).
Statistical detectors (chardet, charset-normalizer) are the wrong tool here: on short Chinese
GBK text they often answer cp1250 or a Cyrillic code page, and their answer changes with the
sample.  This module decides by *decoding* in a fixed order and accepting the first encoding
whose result is plausible:

1. A byte order mark: UTF-32 LE/BE, UTF-8 (reported as ``utf-8-sig``), UTF-16 LE/BE.
   Reported as ``utf-32``, ``utf-8-sig`` and ``utf-16``: decoding the file with that codec
   gives the text (the codec consumes the BOM).
2. Strict UTF-8.
3. Strict GB18030, accepted only if the result looks like Chinese text (see below).
4. Strict cp1252, accepted only if it contains no C0 control characters other than
   ``\\t \\n \\v \\f \\r``.
5. Otherwise :class:`TextDecodeError`.

A NUL byte in data without a UTF-16/UTF-32 BOM means a binary file (or BOM-less UTF-16, which
we refuse to guess) and is rejected, as is an empty file.

**GB18030 acceptance rule.**  GB18030 decodes almost any byte string: ``Müller`` is a valid
GB18030 string (``M黮ler``) and so is ``Größe`` (``Gr鲞e``).  Decoding tells them apart:

* A cp1252 accented letter followed by an ASCII letter decodes as a *GBK-extension* character
  (its trail byte is below 0xA1, so it is never one of the 7,445 GB2312 characters that make up
  nearly all real Chinese text), and it sits right next to ASCII letters.
* Two accented letters in a row can decode as a GB2312 hanzi, but one wedged inside a Latin
  word (``Gr鲞e``), with ASCII letters on both sides.
* ``¡H``, ``ª¡`` and similar decode into the GB18030 user-defined (private use) areas.

So a non-ASCII character of the GB18030 decoding counts as *suspicious* if it is a C1 control
or a private-use character; or, unless it is CJK or general punctuation (English copy typed on
a Chinese desk has ``“hello” – people’s`` in GBK, punctuation between Latin letters by
nature), if it has an ASCII letter on both sides, or if it is outside GB2312 and either has an
ASCII letter on one side or no non-ASCII character on either side (``Ça`` alone decodes as
``莂``).  Real Chinese text, simplified or traditional (whose GBK-extension hanzi sit among
other hanzi), has almost none.  GB18030 is accepted when the
suspicious share of the non-ASCII characters is at most :data:`GB18030_MAX_SUSPICIOUS_RATIO`;
otherwise the data is tried as cp1252.  If cp1252 fails too, the error is raised: data that is
neither plausible Chinese nor clean Western text (for example UTF-8 with a corrupted byte that
cp1252 cannot decode either) is reported rather than turned into nonsense.

Known limit: a very short Western text whose only non-ASCII characters happen to form GBK
punctuation (``£½m`` alone is GBK for ``＝m``) is read as GB18030; any accented letter, ``£``
before a digit or ``¡`` before a letter settles it.

Line endings are normalised to ``\\n``; the original style is reported as ``"\\n"``,
``"\\r\\n"``, ``"\\r"`` or ``"mixed"`` (``"\\n"`` when the text has no line break at all).
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass
from itertools import islice

from .errors import NewsbilingualError

__all__ = [
    "GB18030_MAX_SUSPICIOUS_RATIO",
    "DecodedText",
    "TextDecodeError",
    "decode_text",
]

#: Largest share of suspicious non-ASCII characters for which GB18030 is still accepted.
GB18030_MAX_SUSPICIOUS_RATIO = 0.2

# UTF-32 must be tested before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# Punctuation that English copy typed on a Chinese desk carries in GBK (“hello” – people’s □):
# it sits between Latin letters by nature, so it is never suspicious.  Left out on purpose:
# ＜＝＞ (``£¼ £½ £¾`` in Latin-1) and the Hangzhou numerals U+3021-3029 (``©A`` is 〢).
_PUNCTUATION = (
    "\u00b7\u2010-\u2027\u2030-\u205e\u25a0-\u25ff\u3000-\u3011\u3014-\u301f"
    "\uff01-\uff0f\uff1a\uff1b\uff1f\uff20\uff3b-\uff40\uff5b-\uff5e\uffe0-\uffe5"
)
_SHOWN_BYTES = 4  # bytes quoted in error messages (the longest UTF-8 sequence)
_BAD_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class DecodedText:
    """The decoded text (BOM removed, line ends normalised) and how it was stored."""

    text: str
    encoding: str
    line_ending: str


class TextDecodeError(NewsbilingualError, ValueError):
    """Raised when bytes are not an acceptable text file.

    ``source`` names the file, ``offset`` is the byte offset of the problem (for undecodable
    data: where strict UTF-8 decoding failed) and ``bytes_seen`` holds the bytes found there.
    """

    def __init__(self, source: str, offset: int, bytes_seen: bytes, reason: str) -> None:
        self.offset = offset
        self.bytes_seen = bytes_seen
        self.reason = reason
        super().__init__(reason, source=source)


def _hex(data: bytes) -> str:
    """Quote bytes with every byte as ``\\xNN`` (printable ASCII included)."""
    return "b'" + "".join(f"\\x{b:02x}" for b in data) + "'"


def _error(source: str, data: bytes, offset: int, what: str) -> TextDecodeError:
    """Build an error that names the byte offset and the bytes found there."""
    seen = data[offset : offset + _SHOWN_BYTES]
    return TextDecodeError(source, offset, seen, f"byte offset {offset}: {what.format(_hex(seen))}")


def _line_ending(text: str) -> str:
    """Classify the line-break style of ``text`` (before normalisation)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [kind for kind, count in (("\n", lf), ("\r\n", crlf), ("\r", cr)) if count]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def _finish(raw: str, encoding: str) -> DecodedText:
    """Normalise line ends and wrap the result."""
    ending = _line_ending(raw)
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    return DecodedText(text=raw, encoding=encoding, line_ending=ending)


@functools.cache
def _suspicious_re() -> re.Pattern[str]:
    """Regex matching the suspicious characters of a GB18030 decoding (built once, lazily).

    The GB2312 repertoire is taken from the codec itself, so the class is exact.
    """
    chars: set[int] = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((lead, trail)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    ranges: list[str] = []
    ordered = sorted(chars)
    start = prev = ordered[0]
    for cp in [*ordered[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = cp
    word = f"[^\\x00-\\x7f{_PUNCTUATION}]"  # hanzi, letters, symbols: not punctuation
    rare = f"[^\\x00-\\x7f{_PUNCTUATION}{''.join(ranges)}]"  # ... and not in GB2312
    return re.compile(
        r"[\x80-\x9f\ue000-\uf8ff]"  # C1 controls, user-defined (private use) areas
        rf"|(?<=[A-Za-z])(?:{word}(?=[A-Za-z])|{rare})"  # wedged in a Latin word, or rare
        rf"|{rare}(?=[A-Za-z])"  # rare, before a letter
        rf"|(?<![^\x00-\x7f]){rare}(?![^\x00-\x7f])"  # rare, and no non-ASCII neighbour
    )


def _looks_chinese(text: str) -> bool:
    """Apply the GB18030 acceptance rule described in the module docstring."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if non_ascii == 0:
        return True
    allowed = int(non_ascii * GB18030_MAX_SUSPICIOUS_RATIO)
    # Count at most allowed + 1 matches: a Latin text stops the scan early.
    found = islice(_suspicious_re().finditer(text), allowed + 1)
    return sum(1 for _ in found) <= allowed


def decode_text(data: bytes, *, source: str = "<bytes>") -> DecodedText:
    """Decode a received text file; see the module docstring for the order and the rules.

    Raises :class:`TextDecodeError` for an empty file, a binary file (NUL byte without a
    UTF-16/32 BOM) and data that no accepted encoding decodes.
    """
    if not data:
        raise TextDecodeError(source, 0, b"", "empty file")

    for bom, reported, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, len(bom), reported, codec, source)

    nul = data.find(b"\x00")
    if nul != -1:
        raise _error(source, data, nul, "NUL byte in {} (binary file, or UTF-16 without a BOM)")

    try:
        return _finish(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_offset = exc.start

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return _finish(text, "gb18030")

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and not _BAD_CONTROL_RE.search(western):
        return _finish(western, "cp1252")

    raise _error(source, data, utf8_offset, "cannot decode {} as UTF-8, GB18030 or cp1252")


def _decode_with_bom(data: bytes, bom_len: int, name: str, codec: str, source: str) -> DecodedText:
    """Decode data that starts with a BOM; offsets in errors count the BOM."""
    body = data[bom_len:]
    if not body:
        raise TextDecodeError(source, 0, data, "empty file (only a byte order mark)")
    try:
        text = body.decode(codec)
    except UnicodeDecodeError as exc:
        what = f"cannot decode {{}} as {codec.upper()}"
        raise _error(source, data, bom_len + exc.start, what) from None
    nul = text.find("\x00")
    if nul != -1:
        offset = bom_len + len(text[:nul].encode(codec))
        raise _error(source, data, offset, "NUL character {} (binary file)")
    return _finish(text, name)
