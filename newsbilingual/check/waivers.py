"""A translator's waiver of a check on one entry, kept where translators' tools keep it.

A waiver is a translator comment, which msgcat, msgmerge, msgattrib, translate-toolkit (and so
Weblate) and Poedit all keep, unlike unknown ``#,`` flags::

    # check: ignore figures [3f9a0c1e] — the source rounds 12.11 billion; the paper prints 121亿

``[3f9a0c1e]`` is :func:`text_hash` of the entry's msgid and msgstr when the waiver was given, so
an edit of either revives the check (with a warning giving the new hash, to renew the waiver if
it still holds). Several checks: ``ignore figures, terms``. The older flag form
``#, ignore-figures`` is still read; it is not tied to the text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_WAIVER = re.compile(
    r"^\s*check:\s*ignore\s+(?P<checks>[a-z-]+(?:\s*,\s*[a-z-]+)*)"
    r"(?:\s*\[(?P<hash>[0-9a-f]{8})\])?(?:\s*(?:—|–|--|-|:)\s*(?P<reason>.*))?$"
)


def text_hash(source: str, target: str) -> str:
    """8 hex digits naming the source and translation a waiver was given for."""
    return hashlib.sha256(f"{source}\0{target}".encode()).hexdigest()[:8]


def waiver_comment(checks: str, source: str, target: str, reason: str) -> str:
    """The translator comment (without ``# ``) that waives ``checks`` for this source and translation."""
    return f"check: ignore {checks} [{text_hash(source, target)}] — {reason}"


@dataclass(frozen=True)
class Waiver:
    """A ``check: ignore`` comment: the checks it names, the hash it carries ("" if none), its reason."""

    checks: tuple[str, ...]
    hash: str
    reason: str

    def holds(self, source: str, target: str) -> bool:
        """It was given for this very text."""
        return self.hash == text_hash(source, target)


def read_waivers(comment: str) -> list[Waiver]:
    """The waivers among the lines of a translator comment (other lines are the translator's own)."""
    found = []
    for line in comment.splitlines():
        if match := _WAIVER.match(line):
            checks = tuple(name.strip() for name in match.group("checks").split(","))
            found.append(Waiver(checks, match.group("hash") or "", (match.group("reason") or "").strip()))
    return found
