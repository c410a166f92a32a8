"""Format directives as gettext 0.21 marks them: GNU never breaks a PO line inside a valid
directive of the entry's first format language (``%(name)s``, ``% d``, ``{name:>10}``).

Used by :mod:`.powrap`; the parsers follow gettext 0.21's format-c.c, format-python.c and
format-python-brace.c, bugs included where they decide a line break.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------
# Format directives. GNU never breaks a line inside a valid directive of the entry's first
# format language; these parsers mark directives the way gettext 0.21's format-*.c parsers do.
# --------------------------------------------------------------------------------------------

_FMT_START, _FMT_END, _FMT_ERROR = 1, 2, 4

# gettext 0.21's format languages, in its order (format.c / message.c).
FORMAT_LANGUAGES = (  # noqa: SIM905
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep ruby sh awk lua "
    "object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl perl-brace php gcc-internal gfc-internal ycp"
).split()


def _mark_error(marks: list[int], i: int) -> None:
    """Record an invalid directive ending at ``i`` (gettext may point one past the end: ignored)."""
    if 0 <= i < len(marks):
        marks[i] |= _FMT_ERROR


def _at(s: str, i: int) -> str:
    return s[i] if i < len(s) else ""


def _skip_digits(s: str, i: int) -> int:
    while "0" <= _at(s, i) <= "9":
        i += 1
    return i


def _width_and_precision(s: str, i: int, *, numbered_stars: bool) -> tuple[int, list[tuple[int, int | None]]]:
    """Skip the width and ``.precision`` of a printf-style directive at ``s[i]`` (digits or ``*``),
    as format-c.c and format-python.c both do: the index after them and, for each ``*``, the
    index after it and, where ``numbered_stars`` (C's ``*N$``), its argument number (None if it
    has none). The callers apply their own rules on mixing numbered and unnumbered arguments."""
    stars: list[tuple[int, int | None]] = []
    for is_precision in (False, True):
        if is_precision:
            if _at(s, i) != ".":
                break
            i += 1
        if _at(s, i) != "*":
            i = _skip_digits(s, i)
            continue
        i += 1
        number = None
        j = _skip_digits(s, i)
        if numbered_stars and j > i and _at(s, j) == "$":
            number, i = int(s[i:j]), j + 1
        stars.append((i, number))
    return i, stars


def _parse_c_format(s: str, translated: bool, objc: bool, marks: list[int]) -> None:
    """Mark directives as gettext 0.21's format-c.c does (ISO C, POSIX %m$ and <PRI...> macros)."""
    numbered = unnumbered = 0
    i = 0
    while (i := s.find("%", i)) >= 0:
        marks[i] |= _FMT_START
        i += 1
        number = 0
        if "0" <= _at(s, i) <= "9":
            j = _skip_digits(s, i)
            if _at(s, j) == "$":
                if int(s[i:j]) == 0:
                    _mark_error(marks, j)
                    return
                number = int(s[i:j])
                i = j + 1
        while _at(s, i) in (" ", "+", "-", "#", "0", "'") or (translated and _at(s, i) == "I"):
            i += 1
        i, stars = _width_and_precision(s, i, numbered_stars=True)
        for after, arg_number in stars:
            if arg_number == 0 or (unnumbered if arg_number else numbered):  # *0$, or numbered and unnumbered mixed
                _mark_error(marks, after - 1)
                return
            if arg_number:
                numbered += 1
            else:
                unnumbered += 1
        takes_arg = True
        if _at(s, i) == "<":
            i = _parse_c99_macro(s, i + 1, marks)
            if i < 0:
                return
        else:
            while _at(s, i) != "" and _at(s, i) in "hlLqjzZt":  # any sequence of size letters
                i += 1
            conv = _at(s, i)
            if conv in ("%", "m"):  # "%m": glibc's strerror(errno)
                takes_arg = False
            elif conv == "" or (conv not in "cCsSiduoxXeEfFgGaApn" and not (objc and conv == "@")):
                _mark_error(marks, i - 1 if conv == "" else i)
                return
        if takes_arg:
            if number:
                if unnumbered:
                    _mark_error(marks, i)
                    return
                numbered += 1
            else:
                if numbered:
                    _mark_error(marks, i)
                    return
                unnumbered += 1
        marks[i] |= _FMT_END
        i += 1


def _parse_c99_macro(s: str, i: int, marks: list[int]) -> int:
    """Parse ``PRI{d|i|o|u|x|X}{N|LEASTN|FASTN|MAX|PTR}>`` after ``%<``; return the index of ``>``."""

    def fail(j: int) -> int:
        _mark_error(marks, j - 1 if _at(s, j) == "" else j)
        return -1

    for expected in "PRI":
        if _at(s, i) != expected:
            return fail(i)
        i += 1
    if _at(s, i) == "" or _at(s, i) not in "diouxX":
        return fail(i)
    i += 1
    if s.startswith(("MAX", "PTR"), i):
        i += 3
    else:
        if s.startswith("LEAST", i):
            i += 5
        elif s.startswith("FAST", i):
            i += 4
        if _at(s, i) == "8":
            i += 1
        elif s.startswith(("16", "32", "64"), i):
            i += 2
        else:
            return fail(i)
    if _at(s, i) != ">":
        return fail(i)
    return i


def _parse_python_format(s: str, marks: list[int]) -> None:
    """Mark directives as gettext 0.21's format-python.c does (``%(name)s``, ``%-5d``, ...)."""
    named = unnamed = 0
    i = 0
    while (i := s.find("%", i)) >= 0:
        marks[i] |= _FMT_START
        i += 1
        has_name = False
        if _at(s, i) == "(":
            depth = 0
            i += 1
            while i < len(s):
                if s[i] == "(":
                    depth += 1
                elif s[i] == ")":
                    if depth == 0:
                        break
                    depth -= 1
                i += 1
            if i >= len(s):
                _mark_error(marks, len(s) - 1)
                return
            i += 1
            has_name = True
        while _at(s, i) != "" and _at(s, i) in "-+ #0":
            i += 1
        i, stars = _width_and_precision(s, i, numbered_stars=False)
        for after, _ in stars:
            if named:
                _mark_error(marks, after - 1)
                return
            unnamed += 1
        if _at(s, i) != "" and _at(s, i) in "hlL":
            i += 1
        conv = _at(s, i)
        if conv == "" or conv not in "%csriduoxXeEfgG":
            _mark_error(marks, i - 1 if conv == "" else i)
            return
        if has_name:
            if unnamed:
                _mark_error(marks, i)
                return
            named += 1
        elif conv != "%":
            if named:
                _mark_error(marks, i)
                return
            unnamed += 1
        marks[i] |= _FMT_END
        i += 1


def _brace_field(s: bytes, i: int, numeric: bool) -> int:
    """Index after an identifier (or, if ``numeric``, a digit run) at ``s[i]``; -1 if there is none."""
    c = s[i : i + 1]
    if c.isalpha() or c == b"_":
        while s[i : i + 1].isalnum() or s[i : i + 1] == b"_":
            i += 1
        return i
    if numeric and c.isdigit():
        while s[i : i + 1].isdigit():
            i += 1
        return i
    return -1


def _parse_brace_directive(s: bytes, start: int, toplevel: bool, marks: list[int]) -> int:
    """One ``{...}`` at byte ``start``, as gettext 0.21 parses it; the index after it, or -1 if invalid.

    gettext 0.21 computes the marks relative to the directive's own ``{`` but stores them as if
    relative to the start of the string (a local ``format_start`` shadows the string's): a valid
    directive of L bytes marks bytes 0 and L - 1 of the *string*. That bug decides where GNU
    refuses to break, so it is reproduced, in bytes as GNU counts.
    """

    def error(i: int) -> int:
        _mark_error(marks, i - start)
        return -1

    i = start + 1
    if s[i : i + 1] == b"{":
        return i + 1
    i = _brace_field(s, i, numeric=True)
    if i < 0:
        return error(start + 1)
    while s[i : i + 1] in (b".", b"["):
        if s[i : i + 1] == b".":
            j = _brace_field(s, i + 1, numeric=False)
            if j < 0:
                return error(i + 1)
            i = j
        else:
            j = _brace_field(s, i + 1, numeric=True)
            if j < 0:
                return error(i + 1)
            if s[j : j + 1] != b"]":
                return error(j)
            i = j + 1
    if s[i : i + 1] == b":":
        if not toplevel:
            return error(i)
        i += 1
        if s[i : i + 1] == b"{":
            i = _parse_brace_directive(s, i, False, marks)
            if i < 0:
                return -1
        else:
            if i >= len(s):
                return error(i)
            if s[i + 1 : i + 2] in (b"<", b">", b"=", b"^"):
                i += 2
            elif s[i : i + 1] in (b"<", b">", b"=", b"^"):
                i += 1
            if s[i : i + 1] in (b"+", b"-", b" "):
                i += 1
            if s[i : i + 1] == b"#":
                i += 1
            if s[i : i + 1] == b"0":
                i += 1
            while s[i : i + 1].isdigit():
                i += 1
            if s[i : i + 1] == b"." and s[i + 1 : i + 2].isdigit():
                i += 1
                while s[i : i + 1].isdigit():
                    i += 1
            if s[i : i + 1] and s[i : i + 1] in b"bcdoxXneEfFgG%":
                i += 1
    if s[i : i + 1] != b"}":
        return error(i)
    if toplevel:
        marks[0] |= _FMT_START
        marks[i - start] |= _FMT_END
    return i + 1


def _parse_python_brace_format(s: bytes, marks: list[int]) -> None:
    """Mark directives as gettext 0.21's format-python-brace.c does (``{name.attr[0]:>10}``)."""
    i = 0
    while (i := s.find(b"{", i)) >= 0:
        i = _parse_brace_directive(s, i, True, marks)
        if i < 0:
            return


def _protected_spans(marks: list[int]) -> list[tuple[int, int]]:
    """(start, end) of the valid directives: from a START mark to the first END, unless an ERROR."""
    spans = []
    start = -1  # the START being matched, or -1 when looking for one
    for match in re.finditer(b"[^\x00]", bytes(marks)):  # the marked positions only
        i, mark = match.start(), marks[match.start()]
        if start < 0:
            if not mark & _FMT_START:
                continue
            start = i
        if mark & (_FMT_END | _FMT_ERROR):
            if not mark & _FMT_ERROR:
                spans.append((start, i))
            start = -1
    return spans


_UTF8_CONTINUATION = bytes(range(0x80, 0xC0))


def protected_positions(value: str, language: str | None, translated: bool) -> list[bool] | None:
    """For each character of ``value``: True if GNU forbids a line break before it.

    That is every character of a valid format directive but its first (GNU marks directives in
    bytes; the C and Python parsers only look at ASCII, so characters are as good there).
    """
    if language is None or not value:
        return None
    protected = [False] * len(value)
    if language in ("c", "objc", "python"):
        marks = [0] * len(value)
        if language == "python":
            _parse_python_format(value, marks)
        else:
            _parse_c_format(value, translated, language == "objc", marks)
        for start, end in _protected_spans(marks):
            protected[start + 1 : end + 1] = [True] * (end - start)
    elif language == "python-brace":
        data = value.encode("utf-8")
        marks = [0] * len(data)
        _parse_python_brace_format(data, marks)
        spans = _protected_spans(marks)
        if not spans:
            return None
        for start, end in spans:
            # The characters whose first byte is in start + 1 .. end; a character starts at
            # every byte but the UTF-8 continuation bytes, which translate() deletes here.
            first = len(data[: start + 1].translate(None, _UTF8_CONTINUATION))
            last = len(data[: end + 1].translate(None, _UTF8_CONTINUATION))
            protected[first:last] = [True] * (last - first)
    else:
        return None
    return protected
