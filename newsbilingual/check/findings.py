"""One finding of a check: where it is (file, line, msgctxt), what and how bad, and the spans."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"
# A finding a translator waived (a ``check: ignore`` comment or an ``ignore-<check>`` flag): shown, never counted.
IGNORED = "ignored"


@dataclass(frozen=True)
class Span:
    """A stretch of a segment's text that a finding is about: ``text[start:end]``.

    ``side`` is ``"source"`` or ``"target"``, so a proof page can highlight the figure or
    name in both texts.
    """

    side: str
    start: int
    end: int


@dataclass(frozen=True)
class Finding:
    """What a check found in one catalog entry.

    ``file`` and ``line`` point at the entry in its .po file (so an editor jumps there),
    ``context`` is its msgctxt, ``check`` the check's name (``figures``, ``terms``, ...),
    ``severity`` :data:`ERROR` or :data:`WARNING` (:data:`IGNORED` when an ``ignore-<check>``
    flag waived it), ``language`` the catalog's language tag, ``spans`` the figure, name or mark
    in the source and target texts, ``flags`` the entry's ``ignore-*`` flags.
    """

    file: str
    line: int
    context: str
    check: str
    severity: str
    message: str
    language: str = ""
    spans: tuple[Span, ...] = field(default=())
    flags: tuple[str, ...] = field(default=())
    text_hash: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: {self.context}: " if self.context else f"{self.file}:{self.line}: "
        return f"{where}{self.severity}: {self.check}: {self.message}"

    def as_json(self) -> dict[str, object]:
        """The keys ``check --json`` prints."""
        return {
            "file": self.file,
            "line": self.line,
            "context": self.context,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "language": self.language,
            "flags": list(self.flags),
            "text_hash": self.text_hash,
        }
