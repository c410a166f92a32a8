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
3. Strict GB18030, accepted only if the result looks like Chinese text (see below).  If it
   fails at a byte after the one where UTF-8 failed, and the data, read with its bad bytes
   replaced, looks like Chinese (and holds :data:`GB18030_MIN_HANZI_PER_BAD_BYTE` hanzi per
   bad byte), the file is GBK/GB18030 with a bad or missing byte there (a damaged or cut
   file): :class:`TextDecodeError` at that byte, rather than cp1252 gibberish.
4. Strict cp1252 (Western European only: Polish, Czech or Russian copy in cp1250/cp1251 comes
   out as gibberish, which :mod:`newsbilingual.ingest.build` warns about).
5. Otherwise :class:`TextDecodeError`.

A NUL byte in data without a UTF-16/UTF-32 BOM means a binary file (or BOM-less UTF-16, which
we refuse to guess) and is rejected, as is an empty file.  Whatever the encoding, a character
XML 1.0 cannot carry (a C0 control other than tab, line feed and carriage return, so form feed
and vertical tab too; U+FFFE, U+FFFF) is refused with its line: a story holding it could never
be rendered.  In data that is neither UTF-8 nor Chinese, such a character is also the usual
sign of a binary file.

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
cp1252 cannot decode either) is reported rather than turned into nonsense.  So is GBK Chinese
with a bad byte (step 3), which cp1252 would otherwise accept.

Known limit: a very short Western text whose only non-ASCII characters happen to form GBK
punctuation (``£½m`` alone is GBK for ``＝m``) is read as GB18030; any accented letter, ``£``
before a digit or ``¡`` before a letter settles it.

Line endings are normalised to ``\\n``; the original style is reported as ``"\\n"``,
``"\\r\\n"``, ``"\\r"`` or ``"mixed"`` (``"\\n"`` when the text has no line break at all).
Errors name the byte offset and, where the data has lines, the 1-based line of the problem
(``\\n``, ``\\r\\n`` and ``\\r`` each end a line, as in the decoded text).
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass
from itertools import islice

from ..errors import NewsbilingualError

__all__ = [
    "GB18030_MAX_SUSPICIOUS_RATIO",
    "GB18030_MIN_HANZI_PER_BAD_BYTE",
    "DecodedText",
    "TextDecodeError",
    "decode_text",
]

#: Largest share of suspicious non-ASCII characters for which GB18030 is still accepted.
GB18030_MAX_SUSPICIOUS_RATIO = 0.2
#: Hanzi needed per undecodable byte sequence to call data damaged GBK/GB18030 Chinese.
GB18030_MIN_HANZI_PER_BAD_BYTE = 10

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
# Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR; U+FFFE, U+FFFF (the same set
# the story-file loader refuses). Surrogates never survive a strict decoding.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_XML_BYTES_RE = re.compile(b"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_XML_BYTES = bytes(b for b in range(256) if not _NOT_XML_BYTES_RE.match(bytes((b,))))
_ASCII_COMPATIBLE = frozenset({"utf-8", "gb18030", "cp1252"})
_CONTROL_NAMES = {
    "\x00": "NUL",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1a": "end-of-file mark",
    "\x1b": "escape",
    "\ufffe": "noncharacter",
    "\uffff": "noncharacter",
}
_HANZI_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class DecodedText:
    """The decoded text (BOM removed, line ends normalised) and how it was stored."""

    text: str
    encoding: str
    line_ending: str


class TextDecodeError(NewsbilingualError, ValueError):
    """Raised when bytes are not an acceptable text file.

    ``source`` names the file, ``offset`` is the byte offset of the problem (for undecodable
    data: where strict UTF-8 decoding failed) and ``bytes_seen`` holds the bytes found there;
    ``line`` is the 1-based line of the problem (None for an empty file) and ``character`` the
    character XML cannot carry, when that is the problem (None for bytes that do not decode).
    """

    def __init__(
        self,
        source: str,
        offset: int,
        bytes_seen: bytes,
        reason: str,
        *,
        line: int | None = None,
        character: str | None = None,
    ) -> None:
        self.offset = offset
        self.bytes_seen = bytes_seen
        self.reason = reason
        self.character = character
        super().__init__(reason, source=source, line=line)


def _hex(data: bytes) -> str:
    """Quote bytes with every byte as ``\\xNN`` (printable ASCII included)."""
    return "b'" + "".join(f"\\x{b:02x}" for b in data) + "'"


def _line(before: str) -> int:
    """The 1-based line at the end of ``before`` (``\\n``, ``\\r\\n`` and ``\\r`` each end a line)."""
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _error(
    source: str, data: bytes, offset: int, what: str, line: int | None = None, character: str | None = None
) -> TextDecodeError:
    """Build an error that names the byte offset and the bytes found there.

    ``line`` defaults to the line of ``offset`` counted in ASCII-compatible ``data``.
    """
    seen = data[offset : offset + _SHOWN_BYTES]
    if line is None:
        line = _line(data[:offset].decode("latin-1"))
    reason = f"byte offset {offset}: {what.format(_hex(seen))}"
    return TextDecodeError(source, offset, seen, reason, line=line, character=character)


def _line_ending(text: str) -> str:
    """Classify the line-break style of ``text`` (before normalisation)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [kind for kind, count in (("\n", lf), ("\r\n", crlf), ("\r", cr)) if count]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def _not_xml(raw: str, data: bytes, codec: str, skip: int) -> tuple[int, str] | None:
    """The byte offset of the first character XML cannot carry in ``raw`` and that character.

    In the ASCII-compatible encodings a C0 control is one byte of its own (never part of a
    multi-byte sequence), so the bytes are searched, and only if deleting every other byte
    leaves some: much faster than searching the text.
    """
    if codec not in _ASCII_COMPATIBLE:
        bad = _NOT_XML_RE.search(raw)
        return None if bad is None else (skip + len(raw[: bad.start()].encode(codec)), bad.group())
    hits = []
    control = _NOT_XML_BYTES_RE.search(data, skip) if data.translate(None, _XML_BYTES) else None
    if control:
        hits.append((control.start(), chr(data[control.start()])))
    for char in "\ufffe\uffff":
        index = raw.find(char)
        if index != -1:
            hits.append((skip + len(raw[:index].encode(codec)), char))
    return min(hits, default=None)


def _finish(raw: str, encoding: str, *, data: bytes, source: str, codec: str, skip: int = 0) -> DecodedText:
    """Refuse a character XML cannot carry, normalise line ends and wrap the result.

    ``raw`` is ``data[skip:]`` decoded with ``codec`` (``skip`` is the length of a BOM).
    """
    found = _not_xml(raw, data, codec, skip)
    if found is not None:
        offset, char = found
        before = data[skip:offset].decode(codec)
        if char == "\x00":
            what = "NUL character {} (binary file)"
        else:
            name = _CONTROL_NAMES.get(char, "control character")
            what = (
                f"U+{ord(char):04X} ({name}) in {{}}, a character XML cannot carry: "
                "delete it, or make it a line break (or a binary file?)"
            )
        raise _error(source, data, offset, what, line=_line(before), character=char)
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


def _damaged_chinese(data: bytes) -> bool:
    """Is ``data``, which strict GB18030 refuses, GBK Chinese with a few bad or missing bytes?

    Read with the bad bytes replaced, it must pass the acceptance rule and hold at least
    :data:`GB18030_MIN_HANZI_PER_BAD_BYTE` hanzi per bad byte; UTF-8 Chinese read as GB18030
    has a bad sequence every few characters, Western text in cp1252 fails the rule.
    """
    text = data.decode("gb18030", "replace")
    bad = text.count("\ufffd")
    text = text.replace("\ufffd", "")
    hanzi = len(text) - len(_HANZI_RE.sub("", text))
    return hanzi >= GB18030_MIN_HANZI_PER_BAD_BYTE * bad and _looks_chinese(text)


def decode_text(data: bytes, *, source: str = "<bytes>") -> DecodedText:
    """Decode a received text file; see the module docstring for the order and the rules.

    Raises :class:`TextDecodeError` for an empty file, a binary file (NUL byte without a
    UTF-16/32 BOM), GBK/GB18030 Chinese with a bad or missing byte, data that no accepted
    encoding decodes, and text holding a character XML cannot carry.
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
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_offset = exc.start
    else:
        return _finish(raw, "utf-8", data=data, source=source, codec="utf-8")

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        text = None
        if exc.start > utf8_offset and _damaged_chinese(data):
            what = (
                "cannot decode {} as GB18030: the text looks like GBK/GB18030 Chinese, "
                "so the file has a bad or missing byte here (damaged or cut short)"
            )
            line = _line(data[: exc.start].decode("gb18030"))
            raise _error(source, data, exc.start, what, line=line) from None
    if text is not None and _looks_chinese(text):
        return _finish(text, "gb18030", data=data, source=source, codec="gb18030")

    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        return _finish(western, "cp1252", data=data, source=source, codec="cp1252")

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
        line = _line(body[: exc.start].decode(codec, "replace"))
        raise _error(source, data, bom_len + exc.start, what, line=line) from None
    return _finish(text, name, data=data, source=source, codec=codec, skip=bom_len)
