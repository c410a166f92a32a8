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
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingsError

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
        # A look for the table, not a TOML parse: a project's broken pyproject.toml without our
        # table is not ours to report.
        if pyproject.is_file() and re.search(r"(?m)^\s*\[tool\.newsbilingual\]", pyproject.read_text("utf-8")):
            return pyproject
    return None


def _line_of(text: str, key: str, table: str | None) -> int:
    """The line that sets ``key`` (under ``[table]`` in a pyproject.toml), else the table's line."""
    lines = text.splitlines()
    start = 0
    if table:
        header = re.compile(rf"^\s*\[{re.escape(table)}\]")
        start = next((i for i, line in enumerate(lines) if header.match(line)), 0)
    for number in range(start, len(lines)):
        if re.match(rf"^\s*{re.escape(key)}\s*[=.]", lines[number]):
            return number + 1
    return start + 1


def _check(value: Any, option: Option) -> str | None:
    """Why ``value`` does not fit ``option``, or None."""
    if option.kind in ("text", "path") and not isinstance(value, str):
        return "must be a string"
    if option.kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        return "must be a list of strings, e.g. ['en', 'zh']"
    if option.kind == "per-language" and not (
        isinstance(value, str) or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))
    ):
        return "must be a string or a table of strings per language (en = '...', zh-Hans = '...')"
    return None


def read_settings_file(path: str | Path) -> dict[str, Setting]:
    """The settings a file sets, each with its ``path:line`` origin; errors name file and line."""
    path = Path(path)
    text = path.read_text("utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib gives the position only inside its message.
        match = re.search(r"at line (\d+)", str(error))
        line = int(match.group(1)) if match else text.count("\n") + 1
        message = re.sub(r"\s*\(at [^)]*\)", "", str(error))
        raise SettingsError(f"TOML syntax error: {message}", source=path, line=line) from None
    table_name = "tool.newsbilingual" if path.name == PYPROJECT else None
    table = data.get("tool", {}).get("newsbilingual", {}) if table_name else data
    found: dict[str, Setting] = {}
    for key, value in table.items():
        line = _line_of(text, key, table_name)
        option = OPTIONS.get(key.replace("-", "_"))
        if option is None:
            known = ", ".join(OPTIONS)
            raise SettingsError(f"unknown setting {key!r} (known: {known})", source=path, line=line)
        problem = _check(value, option)
        if problem:
            raise SettingsError(f"{key}: {problem}", source=path, line=line)
        if option.kind == "path":
            value = str((path.parent / value).resolve()) if not Path(value).is_absolute() else value
        name = key.replace("-", "_")
        found[name] = Setting(name, value, f"{path}:{line}")
    return found


def _from_environment(environ: Mapping[str, str]) -> dict[str, Setting]:
    found = {}
    for name, option in OPTIONS.items():
        raw = environ.get(option.env(name))
        if raw:
            value: Any = [part.strip() for part in raw.split(",") if part.strip()] if option.kind == "list" else raw
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


def for_language(value: str | Mapping[str, str] | None, language: str) -> str | None:
    """A per-language setting's value for ``language`` (``zh`` finds ``zh-Hans`` and back)."""
    if value is None or isinstance(value, str):
        return value
    wanted = {language, language.split("-")[0]}
    for key, text in value.items():
        if key in wanted or key.split("-")[0] in wanted:
            return text
    return None
