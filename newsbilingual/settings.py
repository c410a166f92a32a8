"""Newsroom settings: what a desk tells the command line once instead of on every call.

The settings live in a ``[tool.newsbilingual]`` table of the project's ``pyproject.toml`` or in
a ``newsbilingual.toml`` (whose top level is the table), whichever is found first from the
current folder upward. Each value may also come from an environment variable, and every
command-line option wins over both::

    command-line option  >  environment (NEWSBILINGUAL_...)  >  settings file  >  built-in default

``newsbilingual config`` shows the values in force and where each came from.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import NewsbilingualError, SettingsError

FILE_NAME = "newsbilingual.toml"
PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class Option:
    """One setting: what it holds, its environment variable and its built-in default."""

    help: str
    kind: str  # "text", "path", "list" or "per-language": how a file or environment value is read
    default: Any = None

    def env(self, name: str) -> str:
        return f"NEWSBILINGUAL_{name.upper()}"


OPTIONS: dict[str, Option] = {
    "provider_uri": Option("the provider's URI; its host names the guids of ingested stories", "text"),
    "provider_name": Option("the provider's name, or a table of names per language (en, zh-Hans)", "per-language"),
    "place": Option("dateline place when copy names none, or a table per language", "per-language"),
    "timezone": Option("IANA time zone of the newsroom's stories", "text", "Asia/Shanghai"),
    "languages": Option("edition languages to publish (default: every language with a catalog)", "list"),
    "locales": Option("the gettext catalogs folder", "path", "locales"),
    "schema": Option("the NewsML-G2 2.35 XSD to validate against", "path"),
    "memory_accept": Option(
        "msgctxt patterns whose exact translation-memory matches update takes unreviewed, e.g. ['*/rights/*']", "list"
    ),
}


@dataclass(frozen=True)
class Setting:
    """A value in force and where it came from: ``default``, ``environment NAME``, a file ``path:line``."""

    name: str
    value: Any
    origin: str


def find_settings_file(start: str | Path | None = None) -> Path | None:
    """The nearest ``newsbilingual.toml``, or ``pyproject.toml`` with a ``[tool.newsbilingual]`` table."""
    folder = Path(start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / FILE_NAME).is_file():
            return candidate / FILE_NAME
        pyproject = candidate / PYPROJECT
        # A look for the table in the raw bytes, not a TOML parse: a project's broken (or not even
        # UTF-8) pyproject.toml without our table is not ours to report.
        if pyproject.is_file() and re.search(rb"(?m)^\s*\[tool\.newsbilingual\]", pyproject.read_bytes()):
            return pyproject
    return None


def _check_type(value: Any, option: Option) -> str | None:
    """Why ``value`` is not of ``option``'s kind, or None."""
    if option.kind in ("text", "path") and not isinstance(value, str):
        return "must be a string"
    if option.kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return "must be a list of strings, e.g. ['en', 'zh']"
    if option.kind == "per-language" and not isinstance(value, str | dict):
        return "must be a string or a table of strings per language (en = '...', zh-Hans = '...')"
    return None


def _check_value(name: str, value: Any) -> str | None:
    """Why a value of the right kind still cannot work for setting ``name``, or None.

    Checked here, where the value is written, so that the error names the settings file's line
    (or the environment variable) instead of surfacing later inside some story or command.
    """
    from .story.languages import get_language  # Babel's CLDR data: loaded only when a value is read

    try:
        if name == "languages":
            for language in value:
                get_language(language)
        elif name == "timezone":
            ZoneInfo(value)
        elif name == "provider_uri":
            parts = urlsplit(value)
            if not (parts.scheme and parts.hostname):
                return f"{value!r} is not an absolute URI with a host name (e.g. https://www.example.com/)"
    except NewsbilingualError as error:
        return str(error)
    except (ZoneInfoNotFoundError, ValueError):
        return f"unknown IANA time zone {value!r} (e.g. Asia/Shanghai)"
    return None


def _check_per_language(table: Mapping[str, Any]) -> tuple[str, str] | None:
    """The first entry of a per-language table that is wrong, and why; or None."""
    from .story.languages import get_language

    for language, text in table.items():
        if not isinstance(text, str):
            return language, "must be a string"
        try:
            get_language(language)
        except NewsbilingualError as error:
            return language, str(error)
    return None


def _decode(path: Path) -> str:
    """The file's text; a file that is not UTF-8 is a :class:`SettingsError` at the line it breaks on."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise SettingsError("not UTF-8 text: save the settings file as UTF-8", source=path, line=line) from None


def read_settings_file(path: str | Path) -> dict[str, Setting]:
    """The settings a file sets, each with its ``path:line`` origin; errors name file and line."""
    import tomllib  # here, not at the top: `newsbilingual --help` reads no settings file

    from .story.storyfile import LineIndex, toml_error_position

    path = Path(path)
    text = _decode(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message, line, _column = toml_error_position(error, text)
        raise SettingsError(f"TOML syntax error: {message}", source=path, line=line) from None
    prefix = "tool.newsbilingual." if path.name == PYPROJECT else ""
    table = data.get("tool", {}).get("newsbilingual", {}) if prefix else data
    lines = LineIndex(text)

    def line_of(key: str) -> int:
        return lines.line_of(prefix + key) or 1

    found: dict[str, Setting] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        option = OPTIONS.get(name)
        if option is None:
            known = ", ".join(OPTIONS)
            raise SettingsError(f"unknown setting {key!r} (known: {known})", source=path, line=line_of(key))
        problem = _check_type(value, option) or _check_value(name, value)
        if problem:
            raise SettingsError(f"{key}: {problem}", source=path, line=line_of(key))
        if isinstance(value, dict):
            wrong = _check_per_language(value)
            if wrong:
                language, problem = wrong
                raise SettingsError(f"{key}.{language}: {problem}", source=path, line=line_of(f"{key}.{language}"))
        if option.kind == "path":
            value = str((path.parent / value).resolve()) if not Path(value).is_absolute() else value
        found[name] = Setting(name, value, f"{path}:{line_of(key)}")
    return found


def _from_environment(environ: Mapping[str, str]) -> dict[str, Setting]:
    found = {}
    for name, option in OPTIONS.items():
        raw = environ.get(option.env(name))
        if raw:
            value: Any = [part.strip() for part in raw.split(",") if part.strip()] if option.kind == "list" else raw
            problem = _check_value(name, value)
            if problem:
                raise SettingsError(f"{option.env(name)}: {problem}")
            found[name] = Setting(name, value, f"environment {option.env(name)}")
    return found


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    start: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Setting]:
    """Every setting in force: ``overrides`` (command-line options; None means not given) >
    environment > the settings file found from ``start`` (default: the current folder) upward > default."""
    settings = {name: Setting(name, option.default, "default") for name, option in OPTIONS.items()}
    path = find_settings_file(start)
    if path is not None:
        settings.update(read_settings_file(path))
    settings.update(_from_environment(os.environ if environ is None else environ))
    for name, value in (overrides or {}).items():
        if value is not None:
            settings[name] = Setting(name, value, "command line")
    return settings


class PerLanguage(dict[str, Any]):
    """Values keyed by language tag, with a ``fallback`` for a language that has none of its own.

    The provider setting needs it: with names for English only, Chinese copy still has the URI.
    """

    def __init__(self, values: Mapping[str, Any], fallback: Any = None) -> None:
        super().__init__(values)
        self.fallback = fallback


def for_language(value: Any, language: str) -> Any:
    """A per-language setting's value for ``language`` (``zh`` finds ``zh-Hans`` and back).

    A plain value is the same for every language; a language a table lacks gets the
    :class:`PerLanguage` fallback, else None.
    """
    if value is None or not isinstance(value, Mapping):
        return value
    wanted = {language, language.split("-")[0]}
    for key, text in value.items():
        if key in wanted or key.split("-")[0] in wanted:
            return text
    return value.fallback if isinstance(value, PerLanguage) else None
