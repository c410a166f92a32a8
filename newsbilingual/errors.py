"""The library's exceptions: one base class, each error says what is wrong and where."""

from __future__ import annotations

from pathlib import Path


class NewsbilingualError(Exception):
    """Base of every error this library raises on purpose.

    ``source`` names the file (or "<bytes>", "<story>") and ``line``/``column`` point into it
    when known, so that the CLI can print ``file:line: message`` the way compilers do.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.source = str(source) if source is not None else None
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = [part for part in (self.source, self.line, self.column) if part is not None]
        if not where:
            return self.message
        return ":".join(str(part) for part in where) + ": " + self.message


class ModelError(NewsbilingualError, ValueError):
    """A story object was built with a missing or invalid value.

    ``field`` is the dotted path of the offending value inside the object (``body[3].id``),
    which the story-file loader turns into a file line.
    """

    def __init__(self, message: str, *, field: str = "") -> None:
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)


class StoryFileError(NewsbilingualError):
    """A story file could not be read: syntax error, missing field, bad value."""


class SchemaNotFoundError(NewsbilingualError):
    """No NewsML-G2 XSD was given (option or ``NEWSBILINGUAL_SCHEMA``) or it cannot be loaded."""


class CatalogError(NewsbilingualError):
    """A gettext catalog (.po/.mo) is malformed or does not fit the story."""


class XMLInputError(NewsbilingualError):
    """An XML document is malformed, hostile or not a NewsML-G2 item the library models."""


class SettingsError(NewsbilingualError):
    """A settings file (``newsbilingual.toml``, ``[tool.newsbilingual]``) is malformed; names file and line."""


class CheckError(NewsbilingualError):
    """The publish gate refused an edition: a translation it prints has an error-level finding."""


class SourceTextError(CheckError):
    """The publish gate refused an edition that would print segments untranslated or fuzzy (in the
    story's source language) without being told to send them; the CLI exits 1, as checks do."""


class WireFolderError(NewsbilingualError):
    """A wire folder cannot take a publication: not a folder, not writable, a link where a folder
    is expected, owned by another ledger, or holding a file of the same name with other content."""
