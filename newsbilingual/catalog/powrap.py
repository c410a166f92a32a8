"""Write PO files byte for byte the way GNU gettext 0.21 (``msgcat``, ``msgmerge``) writes them.

Why: translators' tools re-save catalogs in GNU layout (Poedit wraps at 79 columns; Weblate uses
translate-toolkit, which follows GNU). If we wrote another layout, every save would rewrite
entries nobody touched and every diff would be noise. polib cannot write GNU layout: it wraps
with ``textwrap`` (breaks only at whitespace, counts a CJK character as one column, ignores
``#, no-wrap``). A file written here is left byte-for-byte unchanged by ``msgcat FILE``.
translate-toolkit's ``pypo`` writer, which now gives the same bytes, is GPL, and this project is
MIT, so it cannot be a dependency: the GNU layout is written here (line breaking in
:mod:`.linebreak`, format directives in :mod:`.directives`, this module the writer).

How GNU lays out a string (``wrap()`` in gettext-tools/src/write-po.c, ported here):

* The string is split after each ``\\n``. If there is more than one such portion, or the first
  does not fit, ``msgid ""`` is written first and the text starts on the next line.
* Escapes: ``\\a \\b \\f \\n \\r \\t \\v \\\\ \\"``; every other character is written as is (UTF-8).
* Each portion is broken with libunistring's ``ulc_width_linebreaks`` (UAX #14 line breaking)
  so that a line, counting the ``#~ ``/``#| `` prefix, the keyword and the quotes, is at most
  ``width`` (79) display columns; a piece with no break opportunity overflows. East Asian
  Wide/Fullwidth characters count 2 columns, combining marks and controls 0. A line may break
  between two CJK characters, after a space (never before one), after ``-`` or ``/`` before a
  letter, around CJK punctuation by its class (not before ``，。”）``, not after ``“（``); never
  inside an escape sequence or just before a final ``\\n``.
* With a ``c-format``, ``objc-format`` or ``python-format`` flag, no break inside a directive
  (``% d``, ``%-s``, ``%(a b)s``). For ``python-brace-format`` gettext 0.21 has a bug (it marks
  each directive at the *start of the string* instead of where it is), reproduced here.
* ``#, no-wrap`` strings are split after ``\\n`` only.
* ``#`` and ``#.`` comments are written line by line, never re-wrapped. A comment line ending in
  a backslash gets a trailing space: GNU's reader would otherwise join it with the next line.
* ``#:`` references are written as GNU reads them back (``./`` dropped, exact duplicates dropped,
  line numbers as integers, ``file :12`` is one reference) and wrapped at ``width`` counted in
  bytes, as GNU does.
* Flags as GNU normalises them: ``fuzzy`` (dropped when the msgstr is empty), the ``*-format``
  flags gettext 0.21 knows, in its order, ``range: a..b`` (not on obsolete entries),
  ``no-wrap``. **Flags gettext does not know (``max-length:80``, ``c++-format``...) are
  dropped**, exactly as ``msgcat`` drops them, with one deliberate exception: a translator's
  ``ignore-<check>`` exceptions (``#, ignore-figures``, the form Weblate reads) are kept, after
  the GNU flags, so that ``update`` never loses them (see docs/translators-guide.md).
* Obsolete entries come after all others, with ``#~ `` (``#~| `` for the previous strings).
  **An obsolete entry whose msgstr is empty is not written**, as GNU does not write it.
* The header entry comes first: ``POFile.header`` as ``#`` lines, ``#, fuzzy`` if
  ``metadata_is_fuzzy``, and the metadata in the dict's insertion order (the order polib read
  it in; polib's own writer re-sorts it).

The line-break classes and character widths are those of libunistring 1.0 (Unicode 14.0), which
Debian 12's gettext 0.21 uses. They are embedded below, so no C library is needed;
tests/test_powrap.py checks them against libunistring for every code point.

Known deviations from ``msgcat`` (gettext 0.21 with libunistring 1.0):

* Directives of format languages other than C, Objective C, Python and Python brace are not
  recognised. If an entry's first format flag (in gettext's order) is e.g. ``java-format``, a
  line can break inside such a directive where GNU would not. This needs a directive that
  contains a break opportunity (a space, a ``-`` before a letter, ...).
* Other builds of gettext break some lines differently (libunistring 1.2 changed the rules for
  quotation marks next to CJK text, for instance), and no tool matches all builds at once.
* Output is always UTF-8. A header declaring another charset is written as is, so only ASCII
  catalogs are consistent then.
* A ``#`` comment line of the exact Solaris form ``File: name, line: 12`` is read by GNU as a
  reference, and a ``#:`` file name ending in a backslash cannot be written so that GNU reads it
  back unchanged.
* polib's own parser cannot read back all of GNU's format (it drops ``#~|`` lines and lone
  ``#``/``#.`` lines, strips trailing blanks of comment lines, reads ``\\a`` as two characters);
  the library reads catalogs with :mod:`newsbilingual.catalog.poread`, which reads all of it.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import polib

from ..atomic import write_bytes_atomic
from .directives import FORMAT_LANGUAGES, protected_positions
from .linebreak import display_width, line_breaks

__all__ = ["encode_pofile", "format_pofile", "wrap_po_string", "write_pofile"]

# --------------------------------------------------------------------------------------------
# Strings
# --------------------------------------------------------------------------------------------

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v", "\\": "\\", '"': '"'}
_INT_MAX = 2**31 - 1


_ESCAPE_TABLE = str.maketrans({ch: "\\" + esc for ch, esc in _ESCAPES.items()})
_ESCAPE_PAIR = re.compile(r"\\.", re.DOTALL)
_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(_ESCAPES)) + "]")
# The backslash first, so that the backslashes of the other escapes are not doubled.
_ESCAPE_ORDER = sorted(_ESCAPES.items(), key=lambda item: item[0] != "\\")


def _escape(text: str) -> str:
    """``text`` with GNU's escapes: ``str.replace`` per character present (``str.translate``
    with a dict costs a Python call per character of a long paragraph)."""
    for character, escape in _ESCAPE_ORDER:
        if character in text:
            text = text.replace(character, "\\" + escape)
    return text


def _wrap(
    keyword: str,
    value: str,
    prefix: str,
    page_width: int,
    do_wrap: bool,
    protected: Sequence[bool] | None = None,
) -> list[str]:
    """Port of gettext 0.21 ``wrap()`` (write-po.c) without the --indent style."""
    if "\0" in value:
        raise ValueError(f"a PO string cannot contain NUL: {value!r}")
    lines: list[str] = []
    startcol_after_break = len(prefix) + 1
    width = (page_width if do_wrap else _INT_MAX) - 1 - startcol_after_break
    first_line = True
    pos = 0
    while True:
        end = value.find("\n", pos)
        end = len(value) if end < 0 else end + 1
        segment = value[pos:end]
        portion = _escape(segment) if _NEEDS_ESCAPE.search(segment) else segment
        # gettext's overrides: no break inside an escape sequence, before the final "\n",
        # or inside a format directive.
        prohibited: set[int] = set()
        if len(portion) != len(segment):
            prohibited.update(match.start() + 1 for match in _ESCAPE_PAIR.finditer(portion))
            if segment.endswith("\n"):
                prohibited.add(len(portion) - 2)
        if protected is not None:
            # Visit only the protected characters; in the portion, a character's index is
            # shifted by one for each escaped character before it.
            counted = shift = 0
            for j in itertools.compress(range(len(segment)), protected[pos:end]):
                shift += len(segment[counted:j].translate(_ESCAPE_TABLE)) - (j - counted)
                counted = j
                prohibited.add(j + shift)
        while True:
            startcol = len(prefix) + (len(keyword) + 1 if first_line else 0) + 1 - startcol_after_break
            breaks: list[int] = []
            if startcol + display_width(portion) > width:  # else it fits: no break anywhere
                breaks = line_breaks(portion, width, startcol, prohibited, first_only=first_line)
            if first_line and portion and (end < len(value) or startcol > width or breaks):
                lines.append(f'{prefix}{keyword} ""')
                first_line = False
                continue
            break
        line = f"{prefix}{keyword} " if first_line else prefix
        first_line = False
        start = 0
        for k in breaks:
            lines.append(f'{line}"{portion[start:k]}"')
            line = prefix
            start = k
        lines.append(f'{line}"{portion[start:]}"')
        pos = end
        if pos >= len(value):
            return lines


def _page_width(width: int) -> int:
    """``msgcat --width`` semantics: 0 means unlimited, and less than 20 means 20."""
    return _INT_MAX if width <= 0 else max(width, 20)


def wrap_po_string(keyword: str, text: str, *, prefix: str = "", width: int = 79, no_wrap: bool = False) -> list[str]:
    """The lines GNU gettext writes for ``keyword "text"`` (without newlines).

    ``keyword`` is e.g. ``msgid``, ``msgstr``, ``msgctxt`` or ``msgstr[0]``; ``prefix`` is ``""``,
    ``"#| "`` (previous strings), ``"#~ "`` (obsolete) or ``"#~| "``. ``no_wrap`` is the
    ``#, no-wrap`` flag: split after ``\\n`` only. ``width`` as ``msgcat --width`` (0: no limit,
    at least 20). Format directives are not protected here; :func:`format_pofile` does that
    from the entry's flags.
    """
    return _wrap(keyword, text, prefix, _page_width(width), not no_wrap)


# --------------------------------------------------------------------------------------------
# Comments and flags
# --------------------------------------------------------------------------------------------

_FLAG_SEPARATORS = "\n \t\r\f\v,"
_FLAG_SPLIT = re.compile(f"[{re.escape(_FLAG_SEPARATORS)}]+")


class _Flags:
    """An entry's flags as GNU reads them (gettext 0.21 ``parse_comment_special``)."""

    def __init__(self, flags: Iterable[str]) -> None:
        self.fuzzy = False
        self.formats: dict[str, str] = {}  # language -> "yes" | "no" | "possible" | "impossible"
        self.range: tuple[int, int] | None = None
        self.wrap: bool | None = None
        self.exceptions: list[str] = []  # ignore-<check>: kept for newsbilingual check and Weblate
        tokens = [t for t in _FLAG_SPLIT.split(", ".join(flags)) if t]
        k = 0
        while k < len(tokens):
            token = tokens[k]
            k += 1
            if token == "fuzzy":
                self.fuzzy = True
            elif token.endswith("-format") and self._format(token[: -len("-format")]):
                pass
            elif token == "range:" and k < len(tokens) and self._range(tokens[k]):
                k += 1
            elif token == "range:" and k < len(tokens):
                k += 1  # GNU consumes the next token even when it is not a valid range
            elif token in ("wrap", "no-wrap"):
                self.wrap = token == "wrap"
            elif token.startswith("ignore-") and token not in self.exceptions:
                self.exceptions.append(token)
            # anything else: unknown to gettext 0.21, dropped as msgcat drops it

    def _format(self, name: str) -> bool:
        value = "yes"
        for word, meaning in (("no-", "no"), ("possible-", "possible"), ("impossible-", "impossible")):
            if name.startswith(word):
                name, value = name[len(word) :], meaning
                break
        if name not in FORMAT_LANGUAGES:
            return False
        self.formats[name] = value
        return True

    def _range(self, token: str) -> bool:
        match = re.match(r"([0-9]+)\.\.([0-9]+)", token)
        if match is None or int(match[1]) > int(match[2]):
            return False
        self.range = (min(int(match[1]), _INT_MAX), min(int(match[2]), _INT_MAX))
        return True

    def line(self, msgstr_empty: bool, obsolete: bool) -> str | None:
        """The ``#,`` line GNU writes (it drops the range of an obsolete entry), or None."""
        words = ["fuzzy"] if self.fuzzy and not msgstr_empty else []
        for language in FORMAT_LANGUAGES:
            value = self.formats.get(language)
            if value in ("yes", "possible"):
                words.append(f"{language}-format")
            elif value == "no":
                words.append(f"no-{language}-format")
        if self.range is not None and not obsolete:
            words.append(f"range: {self.range[0]}..{self.range[1]}")
        if self.wrap is False:
            words.append("no-wrap")
        words += self.exceptions
        return "#, " + ", ".join(words) if words else None

    def directive_language(self) -> str | None:
        """The format language whose directives GNU keeps unbroken (the first one set)."""
        for language in FORMAT_LANGUAGES:
            if self.formats.get(language) in ("yes", "possible"):
                return language
        return None


def _no_continuation(line: str) -> str:
    """GNU's PO lexer joins a line ending in a backslash with the next one, even in comments.

    A trailing space keeps the lines apart (GNU then keeps the space; polib strips it on reading).
    """
    return line + " " if line.endswith("\\") else line


def _comment_lines(marker: str, text: str | None) -> list[str]:
    """``# text`` / ``#. text`` lines, one per line of ``text``; a bare marker for an empty line."""
    if not text:
        return []
    return [_no_continuation(f"{marker} {line}") if line else marker for line in text.split("\n")]


def _parse_references(text: str) -> list[tuple[str, int | None]]:
    """Split ``#:`` text into (file, line) the way gettext 0.21 ``po_parse_comment_filepos`` does."""
    refs: list[tuple[str, int | None]] = []
    blanks = " \t\n"
    n = len(text)
    s = 0
    while s < n:
        while s < n and text[s] in blanks:
            s += 1
        if s >= n:
            break
        start = s
        while s < n and text[s] not in blanks:
            s += 1
        name = text[start:s]
        # "file : 12" / "file :12"
        p = s
        while p < n and text[p] in blanks:
            p += 1
        if p < n and text[p] == ":":
            p += 1
            while p < n and text[p] in blanks:
                p += 1
            q = p
            while q < n and "0" <= text[q] <= "9":
                q += 1
            if q > p and (q == n or text[q] in blanks):
                refs.append((name, int(text[p:q])))
                s = q
                continue
        # "file: 12"
        if name.endswith(":"):
            p = s
            while p < n and text[p] in blanks:
                p += 1
            q = p
            while q < n and "0" <= text[q] <= "9":
                q += 1
            if q > p and (q == n or text[q] in blanks):
                refs.append((name[:-1], int(text[p:q])))
                s = q
                continue
        # "file:12"
        digits = len(name) - len(name.rstrip("0123456789"))
        if digits > 0 and len(name) - digits > 1 and name[-digits - 1] == ":":
            refs.append((name[: -digits - 1], int(name[-digits:])))
            continue
        refs.append((name, None))
    return refs


def _reference_lines(occurrences: Iterable[tuple[str, object]], page_width: int) -> list[str]:
    """``#:`` lines as gettext 0.21 ``message_print_comment_filepos`` writes them.

    GNU re-parses each ``#:`` line on reading (``a :12`` is one reference), so the lines are
    printed, re-parsed and re-printed until they are stable: that is what ``msgcat`` leaves alone.
    """
    words = [f"{path}:{line}" if line not in (None, "") else str(path) for path, line in occurrences]
    refs = _parse_references(" ".join(words))
    lines = _print_references(refs, page_width)
    for _ in range(10):
        again = _print_references([ref for line in lines for ref in _parse_references(line[2:])], page_width)
        if again == lines:
            break
        lines = again
    return lines


def _print_references(refs: list[tuple[str, int | None]], page_width: int) -> list[str]:
    """Print references, dropping exact duplicates and a leading ``./``, wrapping at ``page_width`` bytes."""
    refs = list(dict.fromkeys(refs))
    if not refs:
        return []
    lines: list[str] = []
    current = "#:"
    column = 2
    for path, line in refs:
        while path.startswith("./"):
            path = path[2:]
        ref = path if line is None else f"{path}:{line}"
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > page_width:
            lines.append(_no_continuation(current))
            current = "#:"
            column = 2
        current += " " + ref
        column += size
    lines.append(_no_continuation(current))
    return lines


# --------------------------------------------------------------------------------------------
# Entries and files
# --------------------------------------------------------------------------------------------


def _msgstrs(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(keyword, text) of the msgstr lines: ``msgstr``, or ``msgstr[0]``... for a plural entry."""
    if not entry.msgid_plural:
        return [("msgstr", entry.msgstr or "")]
    forms = {int(k): v for k, v in entry.msgstr_plural.items()} or {0: "", 1: ""}
    if sorted(forms) != list(range(len(forms))):
        raise ValueError(f"plural forms of {entry.msgid!r} are not numbered 0..n-1: {sorted(forms)}")
    return [(f"msgstr[{i}]", forms[i]) for i in range(len(forms))]


def _entry_lines(entry: polib.POEntry, page_width: int, *, header_comment: str | None = None) -> list[str]:
    """One entry in GNU layout (``message_print`` / ``message_print_obsolete``)."""
    obsolete = bool(entry.obsolete)
    flags = _Flags(entry.flags)
    do_wrap = flags.wrap is not False
    language = flags.directive_language()
    plural = bool(entry.msgid_plural)
    msgstrs = _msgstrs(entry)
    msgstr_empty = msgstrs[0][1] == ""

    def wrap(prefix: str, keyword: str, value: str) -> list[str]:
        protected = protected_positions(value, language, keyword.startswith("msgstr"))
        return _wrap(keyword, value, prefix, page_width, do_wrap, protected)

    lines = _comment_lines("#", entry.tcomment if header_comment is None else header_comment)
    lines += _comment_lines("#.", entry.comment)
    lines += _reference_lines(entry.occurrences or (), page_width)
    flag_line = flags.line(msgstr_empty, obsolete)
    if flag_line is not None:
        lines.append(flag_line)
    previous_prefix = "#~| " if obsolete else "#| "
    for keyword, value in (
        ("msgctxt", entry.previous_msgctxt),
        ("msgid", entry.previous_msgid),
        ("msgid_plural", entry.previous_msgid_plural),
    ):
        if value is not None:
            lines += wrap(previous_prefix, keyword, value)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += wrap(prefix, "msgctxt", entry.msgctxt)
    lines += wrap(prefix, "msgid", entry.msgid)
    if plural:
        lines += wrap(prefix, "msgid_plural", entry.msgid_plural)
    for keyword, value in msgstrs:
        lines += wrap(prefix, keyword, value)
    return lines


def _header_entry(po: polib.POFile) -> polib.POEntry:
    """The header (``msgid ""``) entry, with the metadata in the dict's insertion order."""
    entry = polib.POEntry(msgid="", msgstr="".join(f"{name}: {value}\n" for name, value in po.metadata.items()))
    if po.metadata_is_fuzzy:
        entry.flags.append("fuzzy")
    return entry


def _blocks(po: polib.POFile, width: int) -> Iterator[str]:
    """Each entry's text, in file order: the header, the live entries, the written obsolete ones."""
    width = _page_width(width)
    yield "\n".join(_entry_lines(_header_entry(po), width, header_comment=po.header or "")) + "\n"
    for entry in po:
        if not entry.obsolete:
            yield "\n".join(_entry_lines(entry, width)) + "\n"
    for entry in po:
        if entry.obsolete and _msgstrs(entry)[0][1]:
            yield "\n".join(_entry_lines(entry, width)) + "\n"


def format_pofile(po: polib.POFile, *, width: int = 79) -> str:
    """The whole catalog as GNU ``msgcat --width=WIDTH`` would write it (0: no limit; min. 20).

    The header entry first, then the entries in their order, then the obsolete entries (GNU
    moves them to the end and drops those with an empty msgstr). One blank line between
    entries, a single newline at the end.
    """
    return "\n".join(_blocks(po, width))


def encode_pofile(po: polib.POFile) -> bytes:
    """:func:`format_pofile` as UTF-8, built entry by entry: a large catalog's text is never held
    as one ``str`` (with one Chinese character in it, 2 bytes per character) beside its bytes."""
    return b"\n".join(block.encode("utf-8") for block in _blocks(po, 79))


def write_pofile(po: polib.POFile, path: str | os.PathLike[str]) -> None:
    """Write ``po`` to ``path`` in GNU layout, UTF-8, atomically (see :mod:`newsbilingual.atomic`)."""
    write_bytes_atomic(Path(path), encode_pofile(po))
