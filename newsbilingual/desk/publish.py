"""Publishing over time: the ledger decides each item's version, signals and notes.

:func:`publish_story` renders every edition of a story, compares each item's content with
what the ledger says was sent, and sends only what changed: a new version of that item in
every language (``sig:update``, or ``sig:correction`` with a note), with the package
following. :func:`withdraw_story` sends a new version of everything with ``stat:canceled``
(or ``stat:withheld``) and a note. Unchanged content sends nothing.

One publish is one transaction. While holding the ledger's lock it writes every file into
a staging folder beside the output folder (``.<output>.newsbilingual-staging/<id>/``, on the
same file system so that renames are atomic), then commits its ledger rows
(the commit point), then renames the files into the output folder. A publish killed before
the commit leaves the ledger and the output's files as they were (the next publish removes
its staging folder); one killed after it is finished by the next command that opens the
ledger (its rows say where the staged files are). Files are named by version
(``<story>.article.en.v2.xml``), so a publish never overwrites what an earlier one sent.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import signal
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import move_atomic, write_bytes_atomic
from ..catalog.localeformat import CORRECTION_NOTE, WITHDRAWN_NOTE, WITHHELD_NOTE, format_note
from ..errors import NewsbilingualError
from ..newsml.render import item_element, to_bytes
from ..story.languages import get_language
from ..story.model import SIGNAL_CORRECTION, SIGNAL_UPDATE, Item, ItemHeader, PackageItem, Story
from .editions import build_package
from .ledger import Ledger, LedgerError, SentItem
from .wire import Clock, Edition, Warn, _editions_and_package, feed_bytes, utc_now

# Test hook: the kill -9 tests set this to a point's name to have the process SIGKILL itself there.
CRASH_ENV = "NEWSBILINGUAL_CRASH_AT"
_NEUTRAL_TIME = datetime(2000, 1, 1, tzinfo=UTC)
# What is decided for one role: version, pubStatus, signals, and the desk's note per language.
Decision = tuple[int, str, tuple[str, ...], dict[str, str]]


@dataclass(frozen=True)
class PublishResult:
    """What one publish (or withdrawal) did: the item editions sent and the files written.

    ``sent`` is empty when nothing changed; ``message`` then says so.
    """

    story_id: str
    sent: tuple[SentItem, ...]
    files: tuple[Path, ...]
    message: str

    @property
    def item_files(self) -> tuple[Path, ...]:
        """The files of the items sent (the package included), without the newsMessage."""
        own = {row.files[0] for row in self.sent}
        return tuple(path for path in self.files if path.name in own)


def _crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def content_hash(item: Item) -> str:
    """SHA-256 of an item's XML with what changes from send to send neutralised: version,
    times, signals, pubStatus and the desk's own notes (the story's notes count as content)."""
    header = replace(
        item.header,
        version=1,
        version_created=_NEUTRAL_TIME,
        first_created=None,
        signals=(),
        pub_status="stat:usable",
    )
    return hashlib.sha256(to_bytes(item_element(replace(item, header=header)))).hexdigest()


def notes_by_language(texts: Sequence[str], source_language: str) -> dict[str, str]:
    """``--correction`` / ``--reason`` values: ``TEXT`` in the source language, ``zh:TEXT`` for another.

    A prefix that names no supported language is part of the text.
    """
    notes: dict[str, str] = {}
    for text in texts:
        prefix, colon, rest = text.partition(":")
        tag = None
        if colon and prefix and " " not in prefix:
            try:
                tag = get_language(prefix).tag
            except NewsbilingualError:  # not a language: the colon belongs to the text
                tag = None
        if tag is not None:
            notes[tag] = rest.strip()
        else:
            notes[get_language(source_language).tag] = text.strip()
    return notes


@dataclass
class _Plan:
    """Per role (article, commentary, photo, package): what the ledger says and what is decided."""

    role: str
    guids: tuple[str, ...]
    latest: dict[str, SentItem]
    hashes: dict[str, str]

    @property
    def last_version(self) -> int:
        return max((row.version for row in self.latest.values()), default=0)

    def changed(self) -> bool:
        return any(
            guid not in self.latest
            or self.latest[guid].content_hash != self.hashes[guid]
            or self.latest[guid].pub_status != "stat:usable"
            for guid in self.guids
        )


class _Publisher:
    def __init__(self, story: Story, output: Path, ledger: Ledger, clock: Clock, action: str) -> None:
        self.story = story
        self.output = Path(output)
        self.ledger = ledger
        self.now = clock()
        self.action = action

    def refuse_withdrawn(self, plans: list[_Plan]) -> None:
        for plan in plans:
            for row in plan.latest.values():
                if row.pub_status == "stat:canceled":
                    raise LedgerError(
                        f"{row.guid} was withdrawn (version {row.version}, {row.version_created.isoformat()}): "
                        "a withdrawn item is not published again; send the story under new guids",
                        source=self.ledger.path,
                    )

    def refuse_stale_file(self, plans: list[_Plan]) -> None:
        """A story file stating a version (above 1) below what was sent is an old copy."""
        for role, item in self.story.roles():
            plan = next(p for p in plans if p.role == role)
            stated = item.header.version
            if 1 < stated < plan.last_version:
                raise LedgerError(
                    f"{self.story.id} {role}: the story file says version {stated}, but version "
                    f"{plan.last_version} was already sent (is this an old copy of the story file?)",
                    source=self.ledger.path,
                )

    def plans(self, editions: list[Edition], package: PackageItem) -> list[_Plan]:
        plans = []
        for role, _item in self.story.roles():
            items = [dict(edition.story.roles())[role] for edition in editions]
            plans.append(self._plan(role, items))
        plans.append(self._plan("package", [package]))
        return plans

    def _plan(self, role: str, items: Sequence[Item]) -> _Plan:
        guids = tuple(item.header.guid for item in items)
        latest = {guid: row for guid in guids if (row := self.ledger.latest(guid))}
        return _Plan(role, guids, latest, {item.header.guid: content_hash(item) for item in items})

    def header(
        self, plan: _Plan, header: ItemHeader, *, version: int, status: str, signals: tuple[str, ...]
    ) -> ItemHeader:
        """The header an item goes out with: the decided version, its times and signals."""
        # A first publication keeps the story file's own time; later ones are sent now.
        created = header.version_created if plan.last_version == 0 else max(self.now, header.version_created)
        first = self.ledger.first_created(header.guid) or header.first_created or created
        return replace(
            header,
            version=version,
            version_created=created,
            first_created=min(first, created),
            pub_status=status,
            signals=signals,
        )

    def stage_and_commit(self, documents: dict[str, bytes], rows: list[SentItem]) -> _Committed:
        """Write the files to a staging folder, then add the ledger rows (committed by the caller)."""
        staging = staging_root(self.output) / f"{self.story.id}.{secrets.token_hex(6)}"
        for name, data in documents.items():
            write_bytes_atomic(staging / name, data)
        _crash_point("staged")
        publication = self.ledger.add_publication(self.story.id, self.action, self.now, self.output.absolute(), staging)
        for row in rows:
            self.ledger.add_sent(row, publication)
        files = tuple(self.output / name for name in documents)
        return _Committed(PublishResult(self.story.id, tuple(rows), files, ""), staging, publication)


@dataclass(frozen=True)
class _Committed:
    """A publish whose rows are in the ledger transaction and whose files wait in ``staging``."""

    result: PublishResult
    staging: Path
    publication: int


def staging_root(output: Path) -> Path:
    """Where publishes into ``output`` stage their files: a hidden folder beside it, so that a
    publish killed before its commit leaves ``output`` itself untouched."""
    absolute = Path(output).absolute()
    return absolute.parent / f".{absolute.name}.newsbilingual-staging"


def _move_staged(staging: Path, output: Path) -> None:
    """Move every staged file into ``output``, then remove the staging folder. A file another
    process already moved (it was recovering the same publication) is skipped."""
    if staging.is_dir():
        output.mkdir(parents=True, exist_ok=True)
        for path in sorted(staging.iterdir()):
            try:
                move_atomic(path, output / path.name)
            except FileNotFoundError:
                continue
            _crash_point("moved-one")
        shutil.rmtree(staging, ignore_errors=True)
    _remove_if_empty(staging.parent)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty, or already gone
        folder.rmdir()


def recover(ledger: Ledger, output: Path | None = None) -> None:
    """Finish publications committed to the ledger but not moved into place; remove the staging
    folders of publishes killed before their commit (under ``output``). Call with the lock held."""
    for staged in ledger.staged():
        _move_staged(staged.staging_dir, staged.output_dir)
        ledger.mark_done(staged.id)
    folder = staging_root(output) if output is not None else None
    if folder is not None and folder.is_dir():
        for leftover in folder.iterdir():
            shutil.rmtree(leftover, ignore_errors=True)
        _remove_if_empty(folder)


def _document_name(story_id: str, role: str, language: str, version: int) -> str:
    return f"{story_id}.{role}.{language}.v{version}.xml" if language else f"{story_id}.{role}.v{version}.xml"


def _send(
    publisher: _Publisher,
    editions: list[Edition],
    plans: list[_Plan],
    decide: Mapping[str, Decision],
    sender: str | None,
) -> _Committed:
    """Render the decided versions, stage, commit, move. ``decide[role]`` = (version, status, signals,
    note per language); roles missing from it keep their last version and are not sent."""
    story = publisher.story
    plan_of = {plan.role: plan for plan in plans}
    documents: dict[str, bytes] = {}
    rows: list[SentItem] = []
    sent_items: list[Item] = []
    final_editions = []
    for edition in editions:
        roles = {}
        for role, item in edition.story.roles():
            plan = plan_of[role]
            if role in decide:
                version, status, signals, notes = decide[role]
                header = publisher.header(plan, item.header, version=version, status=status, signals=signals)
                note = notes.get(edition.language) or notes.get(story.language)
                if note:
                    header = replace(header, ed_notes=(*header.ed_notes, note))
            else:
                last = plan.latest[item.header.guid]
                header = replace(
                    item.header,
                    version=last.version,
                    version_created=last.version_created,
                    first_created=last.first_created,
                    pub_status=last.pub_status,
                    signals=last.signals,
                )
            roles[role] = replace(item, header=header)
        final_editions.append(replace(edition.story, **roles))
    for edition, final in zip(editions, final_editions, strict=True):
        for role, item in final.roles():
            if role not in decide:
                continue
            name = _document_name(story.id, role, edition.language, item.header.version)
            documents[name] = to_bytes(item_element(item))
            sent_items.append(item)
            rows.append(_row(story.id, role, edition.language, item, plan_of[role].hashes[item.header.guid], name))
    package = build_package(story, final_editions)
    version, status, signals, notes = decide["package"]
    plan = plan_of["package"]
    package = replace(
        package,
        header=publisher.header(plan, package.header, version=version, status=status, signals=signals),
    )
    name = _document_name(story.id, "package", "", version)
    documents[name] = to_bytes(item_element(package))
    rows.append(_row(story.id, "package", "", package, content_hash(package), name))
    message = _document_name(story.id, "newsmessage", "", version)
    documents[message] = feed_bytes(
        [*sent_items, package], clock=lambda: publisher.now, sender=sender or story.article.header.provider.uri
    )
    rows = [replace(row, files=(row.files[0], message)) for row in rows]
    return publisher.stage_and_commit(documents, rows)


def _row(story_id: str, role: str, language: str, item: Item, digest: str, name: str) -> SentItem:
    header = item.header
    return SentItem(
        guid=header.guid,
        version=header.version,
        story_id=story_id,
        role=role,
        language=language,
        content_hash=digest,
        pub_status=header.pub_status,
        signals=header.signals,
        first_created=header.first_created or header.version_created,
        version_created=header.version_created,
        files=(name,),
    )


def _transaction(publisher: _Publisher, work: Callable[[], PublishResult | _Committed]) -> PublishResult:
    """Run ``work`` under the ledger's lock; move the staged files in after the commit."""
    ledger = publisher.ledger
    with ledger.transaction():
        # The lock is held, so no other publish is between staging and commit: every staging
        # folder not named by a committed publication is a leftover of a killed one.
        recover(ledger, publisher.output)
        outcome = work()
    if isinstance(outcome, PublishResult):
        return outcome
    _crash_point("committed")
    _move_staged(outcome.staging, publisher.output)
    with ledger.transaction():
        ledger.mark_done(outcome.publication)
    return outcome.result


def publish_story(
    story: Story,
    output: str | Path,
    *,
    ledger: Ledger,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    clock: Clock = utc_now,
    correction: Mapping[str, str] | None = None,
    sender: str | None = None,
    warn: Warn | None = None,
    allow_source_text: bool = False,
) -> PublishResult:
    """Send what changed in ``story`` since the ledger's last publication of it (see the module doc).

    ``correction`` maps language tags to what was wrong (see :func:`notes_by_language`): the
    changed items go out with ``sig:correction`` and a note in each language. An edition that
    would print untranslated or fuzzy segments is refused (:class:`SourceTextError`) unless
    ``allow_source_text``: they then go out in the source language, marked with its ``xml:lang``.
    """
    publisher = _Publisher(story, Path(output), ledger, clock, "correct" if correction else "publish")
    editions, package = _editions_and_package(
        story, locales=locales, languages=languages, strict=strict, warn=warn, allow_source_text=allow_source_text
    )

    def work() -> PublishResult | _Committed:
        plans = publisher.plans(editions, package)
        publisher.refuse_withdrawn(plans)
        publisher.refuse_stale_file(plans)
        changed = [plan for plan in plans[:-1] if plan.changed()]
        if not changed:
            version = plans[0].last_version
            return PublishResult(story.id, (), (), f"{story.id}: unchanged since version {version}; nothing sent")
        if correction and any(plan.last_version == 0 for plan in changed):
            raise LedgerError(f"{story.id}: a correction needs an earlier version to correct", source=ledger.path)
        decide: dict[str, Decision] = {}
        for plan in [*changed, plans[-1]]:
            item = dict(story.roles()).get(plan.role)
            version = max(plan.last_version + 1, item.header.version if item else 1)
            if plan.last_version == 0:
                signals = item.header.signals if item else ()
            else:
                signals = (SIGNAL_CORRECTION,) if correction else (SIGNAL_UPDATE,)
            notes = {}
            if correction and plan.role != "package":
                notes = {
                    e.language: format_note(CORRECTION_NOTE, _note(correction, e.language, story), e.language)
                    for e in editions
                }
            decide[plan.role] = (version, "stat:usable", signals, notes)
        return _send(publisher, editions, plans, decide, sender)

    return _transaction(publisher, work)


def _note(notes: Mapping[str, str], language: str, story: Story) -> str:
    return notes.get(language) or notes.get(story.language) or next(iter(notes.values()))


def withdraw_story(
    story: Story,
    output: str | Path,
    *,
    ledger: Ledger,
    reason: Mapping[str, str],
    status: str = "stat:canceled",
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    clock: Clock = utc_now,
    sender: str | None = None,
) -> PublishResult:
    """Send a new version of every item of ``story`` with ``status`` (``stat:canceled`` to withdraw,
    ``stat:withheld`` to hold back for now) and a note giving ``reason`` in each language."""
    if status not in ("stat:canceled", "stat:withheld"):
        raise LedgerError(f"{status!r} is not stat:canceled or stat:withheld", source=ledger.path)
    if not reason:
        raise LedgerError("a withdrawal needs a reason", source=ledger.path)
    publisher = _Publisher(story, Path(output), ledger, clock, "withdraw" if status == "stat:canceled" else "withhold")
    editions, package = _editions_and_package(story, locales=locales, languages=languages, strict=False, warn=None)
    message = WITHDRAWN_NOTE if status == "stat:canceled" else WITHHELD_NOTE

    def work() -> _Committed:
        plans = publisher.plans(editions, package)
        if not any(plan.latest for plan in plans):
            raise LedgerError(f"{story.id} was never published: nothing to withdraw", source=ledger.path)
        publisher.refuse_withdrawn(plans)
        notes = {e.language: format_note(message, _note(reason, e.language, story), e.language) for e in editions}
        decide = {
            plan.role: (plan.last_version + 1, status, (), notes if plan.role != "package" else {}) for plan in plans
        }
        return _send(publisher, editions, plans, decide, sender)

    return _transaction(publisher, work)
