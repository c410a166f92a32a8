"""msgfmt's two read-only passes over a locales folder: compile each catalog to .mo, and count
how far each is translated (``msgfmt --statistics``, with words).

Apart from :mod:`.locales` (update, init), which needs the merge, the translation memory and
the PO writer: a command that only compiles or counts imports none of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import polib

from ..atomic import write_bytes_atomic
from ..errors import CatalogError
from ..story.languages import Language
from .folder import OnError, find_catalogs, report, templates
from .mofile import mo_bytes
from .translations import brace_format_problem, read_po

CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WORD_RE = re.compile(r"[^\W\d_\u3400-\u9fff\uf900-\ufaff]+(?:['’-][^\W\d_]+)*|\d+(?:[.,]\d+)*")


def source_words(text: str) -> int:
    """Words of a source text as translators count them: each Chinese character is one word."""
    return len(CJK_RE.findall(text)) + len(WORD_RE.findall(text))


def placeholder_problem(msgid: str, msgstr: str, flags: Sequence[str]) -> str | None:
    """Why a ``python-brace-format`` translation would fail at publishing time, or None
    (:func:`.translations.brace_format_problem`).

    Shared by :func:`compile_catalog` and the checks (``newsbilingual check``).
    """
    return brace_format_problem(msgid, msgstr) if "python-brace-format" in flags else None


def compile_catalog(po: polib.POFile, language: Language, *, source: str | Path = "<catalog>") -> bytes:
    """The .mo bytes of a catalog: translated, non-fuzzy entries only (as ``msgfmt``).

    Like ``msgfmt --check-format``, a ``python-brace-format`` translation must use the
    placeholders of its source: ``{plac}`` for ``{place}`` would fail at publishing time.
    The bytes are msgfmt's (:mod:`.mofile`), with, as ``msgfmt`` does, the catalog's own header
    as the message of the empty key, so that every gettext (GNU libintl, Python's) reads the same
    catalog from this file as from msgfmt's.
    """
    # msgfmt leaves POT-Creation-Date out, so that a template re-extracted alone changes no .mo.
    header = "".join(f"{name}: {value}\n" for name, value in po.metadata.items() if name != "POT-Creation-Date")
    messages = {b"": header.encode()} if po.metadata else {}  # no header entry, no header message
    for entry in po:
        if entry.obsolete or entry.fuzzy or not entry.msgstr or not entry.msgid:
            continue
        problem = placeholder_problem(entry.msgid, entry.msgstr, entry.flags)
        if problem:
            raise CatalogError(problem, source=source, line=entry.linenum)
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        messages[key.encode()] = entry.msgstr.encode()
    return mo_bytes(messages)


def compile_all(locales: Path, domain: str | None = None, *, on_error: OnError | None = None) -> list[Path]:
    """Compile every catalog under ``locales`` to a .mo file beside it (``on_error`` as in :func:`update`)."""
    outputs: dict[Path, bytes] = {}
    found, problems = find_catalogs(locales, domain)
    if domain and not found and not problems:
        raise CatalogError(f"no catalogs for {domain!r}", source=locales)
    report(problems, on_error)
    for catalog in found:
        try:
            outputs[catalog.path.with_suffix(".mo")] = compile_catalog(
                read_po(catalog.path), catalog.language, source=catalog.path
            )
        except CatalogError as error:  # this catalog's .mo stays as it was; the others are compiled
            report([error], on_error)
    return write_all(outputs)


def write_all(outputs: dict[Path, bytes]) -> list[Path]:
    for path, data in outputs.items():
        write_bytes_atomic(path, data)
    return list(outputs)


@dataclass(frozen=True)
class CatalogStats:
    """How far one domain's translation into one language has got."""

    domain: str
    language: str
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    source_words: int
    untranslated_words: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "total": self.total}


EDITED_MSGID_MESSAGE = "msgid edited in the .po (or the story changed since the last update): run 'update'"


def catalog_stats(po: polib.POFile, domain: str, language: str, template: polib.POFile | None = None) -> CatalogStats:
    """Counts of one catalog (``fuzzy`` entries are not counted as translated), in one pass.

    Given its ``template``, an entry whose msgid is not the template's for its context (edited
    in the .po) counts as untranslated, as ``check`` and ``render`` treat it.
    """
    expected = {e.msgctxt: e.msgid for e in template or () if not e.obsolete}
    translated = fuzzy = untranslated = obsolete = words = untranslated_words = 0
    for e in po:
        if e.obsolete:
            obsolete += 1
            continue
        if not e.msgid:
            continue
        count = source_words(e.msgid)
        words += count
        if not e.msgstr or expected.get(e.msgctxt, e.msgid) != e.msgid:
            untranslated += 1
        elif e.fuzzy:
            fuzzy += 1
        else:
            translated += 1
            continue
        untranslated_words += count
    return CatalogStats(
        domain=domain,
        language=language,
        translated=translated,
        fuzzy=fuzzy,
        untranslated=untranslated,
        obsolete=obsolete,
        source_words=words,
        untranslated_words=untranslated_words,
    )


def stats(
    locales: Path, domains: Sequence[str] | None = None, *, on_error: OnError | None = None
) -> list[CatalogStats]:
    """Statistics for every catalog under ``locales`` (or only ``domains``; ``on_error`` as in :func:`update`)."""
    catalogs, problems = find_catalogs(locales)
    catalogs = [c for c in catalogs if not domains or c.domain in domains]
    problems = [p for p in problems if not domains or Path(p.source or "").stem in domains]
    if domains and not catalogs and not problems:
        raise CatalogError(f"no catalogs for {', '.join(domains)}", source=locales)
    report(problems, on_error)
    wanted = {c.domain for c in catalogs}
    templates_read = {path.stem: read_po(path) for path in templates(locales) if path.stem in wanted}
    rows = []
    for c in catalogs:
        try:
            rows.append(catalog_stats(read_po(c.path), c.domain, c.language.tag, templates_read.get(c.domain)))
        except CatalogError as error:
            report([error], on_error)
    return rows


def stats_table(rows: Sequence[CatalogStats]) -> str:
    """The statistics as a plain-text table a desk editor reads at a glance."""
    header = ("story", "lang", "done", "translated", "fuzzy", "untransl.", "obsolete", "words", "to do")
    lines: list[tuple[str, ...]] = [header]
    for row in rows:
        done = f"{100 * row.translated // row.total if row.total else 100}%"
        lines.append(
            (
                row.domain,
                row.language,
                done,
                *map(str, (row.translated, row.fuzzy, row.untranslated, row.obsolete)),
                str(row.source_words),
                str(row.untranslated_words),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )
