"""Story files: the TOML file an editor writes by hand, read into a :class:`Story` and back.

Why TOML (see docs/story-format.md): Python reads it with the standard library (``tomllib``),
it has real dates and timezone-aware datetimes, and it has none of YAML's implicit typing
(``no`` becoming ``False``). ``tomli_w`` writes it back.

``tomllib`` reports syntax errors with a line but knows no positions for values, so errors in
*values* (a missing headline, a duplicate block id) are located by :class:`LineIndex`, a
small scanner of table headers and keys: written here because no TOML library exposes
positions of parsed values.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import tomli_w

from ..atomic import write_text_atomic
from ..errors import ModelError, NewsbilingualError, StoryFileError
from .languages import get_language
from .model import (
    Block,
    Byline,
    Dateline,
    ItemHeader,
    Link,
    Party,
    PictureItem,
    Place,
    Provider,
    Rendition,
    Rights,
    Story,
    Subject,
    TextItem,
)
from .newscodes import unknown_code

T = TypeVar("T")

FILE_COMMENT = (
    "# newsbilingual story file (TOML). Edit the source-language text here; translations\n"
    "# live in the gettext catalogs under locales/. Format: docs/story-format.md\n\n"
)

_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


class LineIndex:
    """Maps TOML paths such as ``article.body[3].id`` to the line that defines them."""

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        counts: dict[str, int] = {}
        table = ""
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER_RE.match(line)
            if header:
                name = header.group(2).replace('"', "").replace(" ", "")
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = self._resolve(name, counts) + f"[{index}]"
                else:
                    table = self._resolve(name, counts)
                self.lines.setdefault(table, number)
                continue
            key = _KEY_RE.match(line)
            if key:
                path = key.group(1).replace('"', "").replace("'", "").replace(" ", "")
                self.lines.setdefault(f"{table}.{path}".lstrip("."), number)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote

    def _resolve(self, name: str, counts: dict[str, int]) -> str:
        """``article.body`` inside the 3rd ``[[article.bylines]]``: index the array parents."""
        parts = name.split(".")
        resolved = []
        for i, part in enumerate(parts):
            prefix = ".".join(parts[: i + 1])
            resolved.append(part)
            if i < len(parts) - 1 and prefix in counts:
                resolved[-1] = f"{part}[{counts[prefix] - 1}]"
        return ".".join(resolved)

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest enclosing table that has one.

        A table only ever named through its sub-tables (``[artcle.dateline]`` and no
        ``[artcle]``) is located at the first of them.
        """
        while path:
            if path in self.lines:
                return self.lines[path]
            inside = [line for key, line in self.lines.items() if key.startswith((f"{path}.", f"{path}["))]
            if inside:
                return min(inside)
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path) if re.search(r"[.\[]", path) else ""
        return None


# Fields that hold what a parsed partner item (or an edition) carries beyond a story; story files have none.
# Characters XML 1.0 cannot carry (C0 controls but tab and line ends, U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_PARSED_ONLY = ("other_headlines", "extras", "catalogs", "origin", "text_languages")
# Fields whose values are QCodes of a vocabulary :mod:`newscodes` may check.
_QCODE_FIELDS = ("genre", "type", "qcode", "role")


@functools.cache
def _shape(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type's origin and arguments (``tuple``, ``(str, ...)``), asked of typing once per type."""
    return get_origin(hint), get_args(hint)


def _fits(value: Any, hint: Any) -> bool:
    """Whether a TOML value fits a model field's type (lists stand for tuples)."""
    origin, args = _shape(hint)
    if origin in (Union, UnionType):
        return any(_fits(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if origin is tuple:
        return isinstance(value, list | tuple) and all(_fits(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(isinstance(k, str) and _fits(v, args[1]) for k, v in value.items())
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is date:
        return isinstance(value, date) and not isinstance(value, datetime)
    return isinstance(value, hint) if isinstance(hint, type) else True


def _misfit(value: Any, hint: Any, path: str) -> tuple[str, str] | None:
    """Where a value that does not fit its field's type goes wrong, and how: the first element of
    a list or entry of a table at fault (``keywords[1]``, ``names.zh-Hans``), else the value."""
    if _fits(value, hint):
        return None
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType) and type(None) in args and len(args) == 2:
        hint = next(arg for arg in args if arg is not type(None))
        origin, args = get_origin(hint), get_args(hint)
    if origin is tuple and isinstance(value, list | tuple):
        for index, item in enumerate(value):
            if found := _misfit(item, args[0], f"{path}[{index}]"):
                return found
    if origin is dict and isinstance(value, dict):
        for key, item in value.items():
            if found := _misfit(item, args[1], f"{path}.{key}"):
                return found
    return path, f"must be {_describe(hint)}, not {type(value).__name__}"


def _describe(hint: Any) -> str:
    """A type as an editor reads it: 'a string', 'a list of strings', 'a date (YYYY-MM-DD)'."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        return " or ".join(_describe(arg) for arg in args if arg is not type(None))
    if origin is tuple:
        return f"a list of {_describe(args[0]).removeprefix('a ').removeprefix('an ')}s"
    names = {str: "a string", int: "a whole number", date: "a date (YYYY-MM-DD)", dict: "a table"}
    names[datetime] = "a date-time with offset (2017-12-22 19:00:00+08:00)"
    return names.get(hint, names.get(origin, f"a {getattr(hint, '__name__', hint)} table"))


# A model class's field types, computed once per class: get_type_hints was 40% of load_story.
_type_hints = functools.cache(get_type_hints)


class _Reader:
    """Turns the parsed TOML tables into model objects, raising errors with file and line."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.text = text

    @functools.cached_property
    def index(self) -> LineIndex:
        """Where each field is in the file: built only when an error needs a line."""
        return LineIndex(self.text)

    def fail(self, path: str, message: str) -> StoryFileError:
        return StoryFileError(f"{path}: {message}", source=self.source, line=self.index.line_of(path) or 1)

    def table(self, data: dict[str, Any], path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(path, "must be a table")
        for key in data:
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
                what = "table" if isinstance(data[key], dict | list) else "field"
                raise self.fail(f"{path}.{key}".lstrip("."), f"unknown {what}{suggestion}")
        return data

    def build(self, path: str, factory: Callable[..., T], data: dict[str, Any], **extra: Any) -> T:
        """Call ``factory`` with the table's values, type-checked; a ModelError gets this table's line."""
        hints = _type_hints(factory)
        self.table(data, path, tuple(name for name in hints if name not in extra and name not in _PARSED_ONLY))
        values = {}
        for key, value in data.items():
            if misfit := _misfit(value, hints[key], f"{path}.{key}"):
                raise self.fail(*misfit)
            self.check_text(f"{path}.{key}", value)
            values[key] = tuple(value) if isinstance(value, list) else value
        try:
            return factory(**values, **extra)
        except ModelError as error:
            raise self.fail(f"{path}.{error.field}".rstrip("."), error.message.split(": ", 1)[-1]) from None
        except TypeError as error:
            missing = re.findall(r"'(\w+)'", str(error))
            detail = f"missing required field {missing[-1]!r}" if "missing" in str(error) and missing else str(error)
            raise self.fail(path, detail) from None

    def check_text(self, path: str, value: Any) -> None:
        """Strings XML can carry, and QCodes of the checked IPTC vocabularies that exist."""
        if isinstance(value, dict):
            for key, inner in value.items():
                self.check_text(f"{path}.{key}", inner)
        elif isinstance(value, list):
            for inner in value:
                self.check_text(path, inner)
        elif isinstance(value, str):
            bad = _NOT_XML.search(value)
            if bad:
                raise self.fail(path, f"contains U+{ord(bad.group()):04X}, a character XML cannot carry")
            problem = unknown_code(value) if path.rsplit(".", 1)[-1] in _QCODE_FIELDS else None
            if problem:
                raise self.fail(path, problem)

    def many(self, data: dict[str, Any], key: str, path: str, factory: Callable[..., T]) -> tuple[T, ...]:
        values = data.pop(key, [])
        if not isinstance(values, list):
            raise self.fail(f"{path}.{key}", "must be an array of tables ([[...]])")
        return tuple(self.build(f"{path}.{key}[{i}]", factory, v) for i, v in enumerate(values))

    def one(self, data: dict[str, Any], key: str, path: str, factory: Callable[..., T]) -> T | None:
        value = data.pop(key, None)
        return None if value is None else self.build(f"{path}.{key}", factory, value)

    def header(self, data: dict[str, Any], path: str, story: dict[str, Any]) -> ItemHeader:
        values = {k: data.pop(k) for k in _HEADER_KEYS if k in data and k not in ("links", "rights")}
        embargo = story.get("embargoed")  # the story's (or the article's): it covers every item
        if embargo is not None:
            stated = values.setdefault("embargoed", embargo)
            if isinstance(stated, datetime) and stated != embargo:
                raise self.fail(
                    f"{path}.embargoed",
                    f"is {stated.isoformat()}, but the story is embargoed until {embargo.isoformat()}: "
                    "an embargo covers every item (set it once, in [story])",
                )
        links = self.many(data, "links", path, Link)
        rights = self.one(data, "rights", path, Rights)
        return self.build(
            path,
            ItemHeader,
            values,
            language=story["language"],
            provider=story["provider"],
            links=links,
            rights=rights,
        )

    def text_item(self, data: dict[str, Any], path: str, story: dict[str, Any]) -> TextItem:
        data = dict(self.table(data, path, _TEXT_ITEM_KEYS))
        header = self.header(data, path, story)
        parts = {
            "dateline": self.one(data, "dateline", path, Dateline),
            "located": self.one(data, "located", path, Place),
            "bylines": self.many(data, "bylines", path, Byline),
            "subjects": self.many(data, "subjects", path, Subject),
            "parties": self.many(data, "parties", path, Party),
            "body": self.many(data, "body", path, Block),
        }
        return self.build(path, TextItem, data, header=header, **parts)

    def picture_item(self, data: dict[str, Any], path: str, story: dict[str, Any]) -> PictureItem:
        data = dict(self.table(data, path, _PICTURE_ITEM_KEYS))
        header = self.header(data, path, story)
        creator = self.one(data, "creator", path, Byline)
        renditions = self.many(data, "renditions", path, Rendition)
        return self.build(path, PictureItem, data, header=header, creator=creator, renditions=renditions)

    def story(self, data: dict[str, Any]) -> Story:
        self.table(data, "", ("story", "provider", "article", "commentary", "photo"))
        for required in ("story", "provider", "article"):
            if required not in data:
                raise StoryFileError(f"missing required table [{required}]", source=self.source, line=1)
        meta = dict(self.table(data["story"], "story", ("id", "language", "timezone", "embargoed")))
        if "language" not in meta:
            raise self.fail("story", "missing required field 'language'")
        # The story's language becomes every item's: check it here, where the editor wrote it.
        if not isinstance(meta["language"], str):
            raise self.fail("story.language", "must be a string, such as en or zh-Hans")
        try:
            get_language(meta["language"])
        except NewsbilingualError as error:
            raise self.fail("story.language", error.message) from None
        embargo = meta.pop("embargoed", None)
        if embargo is not None and not (isinstance(embargo, datetime) and embargo.utcoffset() is not None):
            raise self.fail("story.embargoed", "must be a date-time with a UTC offset, e.g. 2017-12-23T07:00:00+08:00")
        context = {
            "language": meta.pop("language"),
            "provider": self.build("provider", Provider, data["provider"]),
            "embargoed": embargo,
        }
        article = self.text_item(data["article"], "article", context)
        items: dict[str, TextItem | PictureItem] = {"article": article}
        context["embargoed"] = article.header.embargoed  # an embargo on the article is the story's
        if "commentary" in data:
            items["commentary"] = self.text_item(data["commentary"], "commentary", context)
        if "photo" in data:
            items["photo"] = self.picture_item(data["photo"], "photo", context)
        try:
            return self.build("story", Story, meta, **items)
        except StoryFileError as error:
            # Checks a story makes of its items (a headline, a body) point at the item's field.
            field = error.message.split(": ", 1)[0].removeprefix("story.")
            if field.split(".", 1)[0] in items and field != error.message:
                raise self.fail(field, error.message.split(": ", 2)[-1]) from None
            raise


_HEADER_KEYS = (
    "guid",
    "version",
    "version_created",
    "first_created",
    "content_created",
    "pub_status",
    "embargoed",
    "ed_notes",
    "signals",
    "urgency",
    "links",
    "rights",
)
_TEXT_ITEM_KEYS = _HEADER_KEYS + tuple(f.name for f in fields(TextItem) if f.name not in ("header", *_PARSED_ONLY))
_PICTURE_ITEM_KEYS = _HEADER_KEYS + tuple(
    f.name for f in fields(PictureItem) if f.name not in ("header", *_PARSED_ONLY)
)


def loads_story(text: str, *, source: str = "<story>") -> Story:
    """Parse story-file text; errors name ``source``, the line and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, line, column = toml_error_position(error, text)
        raise StoryFileError(f"TOML syntax error: {message}", source=source, line=line, column=column) from None
    except RecursionError:  # tomllib recurses per nested array or inline table
        raise StoryFileError("arrays or tables nested too deeply to be a story", source=source) from None
    return _Reader(text, source).story(data)


def toml_error_position(error: tomllib.TOMLDecodeError, text: str) -> tuple[str, int, int | None]:
    """A TOML syntax error's message without its position, its line and its column.

    tomllib puts the position into its message only: "(at line 3, column 9)" or "(at end of
    document)", the last line of ``text``. Shared by story files and settings files.
    """
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(error))
    if match:
        return message, int(match.group(1)), int(match.group(2))
    return message, text.count("\n") + 1, None


def load_story(path: str | Path) -> Story:
    """Read a story file (UTF-8 TOML)."""
    path = Path(path)
    try:
        data = _read_regular_file(path)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise StoryFileError(f"not UTF-8 (byte offset {error.start})", source=path, line=line) from None
    except OSError as error:
        raise StoryFileError(error.strerror or str(error), source=path) from None
    return loads_story(text, source=str(path))


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO (which would block), a device (/dev/zero never ends)
    or a folder is refused. Opened non-blocking so that a FIFO is seen before it is waited on."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoryFileError("not a regular file (a FIFO, device or folder): not read as a story", source=path)
        os.set_blocking(fd, True)
        return handle.read()


def _table(obj: object, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A dataclass as a TOML table: empty and default values left out, tuples as lists."""
    out: dict[str, Any] = {}
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if f.name in skip or value is None or value == f.default or value in ((), {}, ""):
            continue
        if isinstance(value, tuple):
            value = [_table(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        elif hasattr(value, "__dataclass_fields__"):
            value = _table(value)
        out[f.name] = value
    return out


def _item_table(item: TextItem | PictureItem) -> dict[str, Any]:
    header = _table(item.header, skip=("language", "provider", "links", "rights", "embargoed"))
    body = _table(item, skip=("header",))
    # Nested tables and arrays of tables after plain keys, for a file that reads top-down.
    tables = {
        k: v for k, v in body.items() if isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict))
    }
    plain = {k: v for k, v in body.items() if k not in tables}
    extra: dict[str, Any] = {}
    if item.header.rights:
        extra["rights"] = _table(item.header.rights)
    if item.header.links:
        extra["links"] = [_table(link) for link in item.header.links]
    body_blocks = {"body": tables.pop("body")} if "body" in tables else {}
    return {**header, **plain, **extra, **tables, **body_blocks}


def dumps_story(story: Story) -> str:
    """The story as story-file text; ``loads_story(dumps_story(s)) == s``."""
    providers = {item.header.provider for _, item in story.roles()}
    if len(providers) != 1:
        raise ModelError("a story file has one provider for all its items", field="provider")
    data: dict[str, Any] = {
        "story": {
            "id": story.id,
            "language": story.language,
            "timezone": story.timezone,
            **({"embargoed": story.embargoed} if story.embargoed else {}),
        },
        "provider": _table(providers.pop()),
    }
    for role, item in story.roles():
        kept = [name for name in _PARSED_ONLY if getattr(item, name, None) or getattr(item.header, name, None)]
        if kept:
            raise ModelError(
                f"holds parsed NewsML-G2 parts or edition marks a story file cannot carry: {', '.join(kept)}",
                field=role,
            )
        data[role] = _item_table(item)
    return FILE_COMMENT + tomli_w.dumps(data)


def dump_story(story: Story, path: str | Path) -> None:
    """Write a story file atomically (a crash leaves the old file, never half a new one)."""
    write_text_atomic(Path(path), dumps_story(story))
