"""Publishing over time: the ledger decides each item's version, signals and notes.

:func:`publish_story` renders every edition of a story, compares each item's content with
what the ledger says was sent, and sends only what changed: a new version of that item in
every language (``sig:update``, or ``sig:correction`` with a note), with the package
following. :func:`withdraw_story` sends a new version of everything with ``stat:canceled``
(or ``stat:withheld``) and a note. Unchanged content sends nothing.

One publish is one transaction. While holding the ledger's lock it checks the output folder
(see :mod:`.wirefolder`: a writable folder owned by this ledger), writes every file into a
staging folder inside it (``.newsbilingual-staging/<story>.<random>/``, on the same file
system), checks that no file name is taken by other bytes, then commits its ledger rows (the
commit point), then links the files into the output folder. A publish killed before the
commit leaves the ledger and the output's files as they were (the next publish removes its
staging folder); one killed after it is finished by the next publish or withdrawal into any
folder of that ledger (its rows say where the staged files are). A publication that cannot be
finished (the folder was unmounted, a file appeared in the way) stays *pending* with the
reason: it blocks only its own story, ``history`` shows it, and :func:`finish_pending` or
:func:`roll_back_pending` (``newsbilingual pending``) ends it. Files are named by version
(``<story>.article.en.v2.xml``) and never replaced.

A story withheld (``stat:withheld``) stays withheld until published with ``release=True``; a
withdrawn one is never published again.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import crash_point, write_bytes_atomic
from ..catalog.localeformat import CORRECTION_NOTE, WITHDRAWN_NOTE, WITHHELD_NOTE, format_note
from ..errors import NewsbilingualError, WireFolderError
from ..newsml.render import item_element, to_bytes
from ..story.languages import get_language
from ..story.model import SIGNAL_CORRECTION, SIGNAL_UPDATE, Item, ItemHeader, PackageItem, Story
from ..story.storyfile import load_story
from .editions import build_package
from .feed import FeedFailure, StorySource
from .ledger import Ledger, LedgerError, SentItem, Staged
from .wire import Clock, Edition, Warn, _editions_and_package, feed_bytes, utc_now
from .wirefolder import (
    check_names_free,
    install,
    new_staging_folder,
    prepare,
    remove_leftovers,
    remove_staging,
    staged_names,
)

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
    provider: str = ""  # the story's provider (a feed's default sender)

    @property
    def item_files(self) -> tuple[Path, ...]:
        """The files of the items sent (the package included), without the newsMessage."""
        own = {row.files[0] for row in self.sent}
        return tuple(path for path in self.files if path.name in own)


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


class PendingError(LedgerError):
    """A publication is in the ledger but its files could not all be put into the wire folder."""


class _Publisher:
    def __init__(self, story: Story, output: Path, ledger: Ledger, clock: Clock, action: str) -> None:
        self.story = story
        self.output = Path(output).absolute()
        self.ledger = ledger
        self.now = clock()
        self.action = action
        self.staging_root = self.output  # set by _transaction once the folder is checked
        self.staging: Path | None = None  # this publish's staging folder, once made

    def refuse_status(self, plans: list[_Plan], *, release: bool = False) -> None:
        """A withdrawn item is never published again; a held one (``stat:withheld``) only with
        ``release``, never by an unrelated publish."""
        refusals = {
            "stat:canceled": (
                "was withdrawn",
                "a withdrawn item is not published again; send the story under new guids",
            ),
            "stat:withheld": ("is withheld", "publish it again with --release (release=True) to lift the hold"),
        }
        if release:
            del refusals["stat:withheld"]
        for plan in plans:
            for row in plan.latest.values():
                if row.pub_status in refusals:
                    state, advice = refusals[row.pub_status]
                    raise LedgerError(
                        f"{row.guid} {state} (version {row.version}, {row.version_created.isoformat()}): {advice}",
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
        assert header.version_created is not None  # the model requires it of a story's items
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
        check_names_free(self.output, documents)
        staging = new_staging_folder(self.staging_root, f"{self.story.id}.{secrets.token_hex(6)}", self.ledger)
        self.staging = staging
        for name, data in documents.items():
            write_bytes_atomic(staging / name, data)
        crash_point("staged")
        publication = self.ledger.add_publication(self.story.id, self.action, self.now, self.output.absolute(), staging)
        for row in rows:
            self.ledger.add_sent(row, publication)
        files = tuple(self.output / name for name in documents)
        result = PublishResult(self.story.id, tuple(rows), files, "", self.story.article.header.provider.uri)
        return _Committed(result, staging, publication)


@dataclass(frozen=True)
class _Committed:
    """A publish whose rows are in the ledger transaction and whose files wait in ``staging``."""

    result: PublishResult
    staging: Path
    publication: int


def _finish(ledger: Ledger, staged: Staged) -> str | None:
    """Put a staged publication's files into its folder; the reason it failed, or None."""
    try:
        try:
            names = staged_names(staged.staging_dir)
        except FileNotFoundError:  # another process finished it (and removed the folder) meanwhile
            names = []
        if names:
            install(staged.staging_dir, staged.output_dir, ledger.ledger_id, names, lambda: crash_point("moved-one"))
        missing = [name for name in ledger.publication_files(staged.id) if not (staged.output_dir / name).is_file()]
        if missing:
            return f"staged files lost, not in {staged.output_dir}: {', '.join(missing)}"
    except WireFolderError as error:
        return str(error)
    except OSError as error:
        return f"{error.filename or staged.output_dir}: {error.strerror or error}"
    return None


def recover(ledger: Ledger, root: Path) -> None:
    """Finish every publication committed to the ledger but not moved into place (one that
    still fails keeps its reason and waits), and remove the staging folders that this
    ledger's publishes killed before their commit left under ``root``. Call with the lock held."""
    staged = ledger.staged()
    for publication in staged:
        problem = _finish(ledger, publication)
        if problem is None:
            ledger.mark_done(publication.id)
        elif problem != publication.problem:
            ledger.set_problem(publication.id, problem)
    remove_leftovers(root, ledger.ledger_id, keep={publication.staging_dir for publication in staged})


def _refuse_pending(ledger: Ledger, story_id: str) -> None:
    for publication in ledger.staged():
        if publication.story_id == story_id:
            raise PendingError(_pending_message(publication, publication.problem or "not finished"), source=ledger.path)


def _pending_message(publication: Staged, problem: str) -> str:
    return (
        f"publication {publication.id} of {publication.story_id} is in the ledger but not all its files are in "
        f"{publication.output_dir} ({problem}); they wait in {publication.staging_dir}. Fix the cause, then "
        f"'newsbilingual pending --finish {publication.id}' (or '--roll-back {publication.id}' if it must not go out)"
    )


def finish_pending(ledger: Ledger, publication: int) -> None:
    """Finish a pending publication (after fixing what stopped it); :class:`PendingError` if it still fails."""
    with ledger.transaction():
        staged = _pending(ledger, publication)
        problem = _finish(ledger, staged)
        if problem is None:
            ledger.mark_done(publication)
        else:
            ledger.set_problem(publication, problem)
    if problem is not None:
        raise PendingError(_pending_message(staged, problem), source=ledger.path)


def roll_back_pending(ledger: Ledger, publication: int) -> None:
    """Undo a pending publication none of whose files reached its folder: the ledger forgets it."""
    with ledger.transaction():
        staged = _pending(ledger, publication)
        arrived = [name for name in ledger.publication_files(publication) if (staged.output_dir / name).exists()]
        if arrived:
            raise PendingError(
                f"publication {publication}: {', '.join(arrived)} already in {staged.output_dir} (partners may "
                f"have it): finish it instead",
                source=ledger.path,
            )
        if staged.staging_dir.exists() and not remove_staging(staged.staging_dir, ledger.ledger_id):
            raise PendingError(
                f"{staged.staging_dir} is not this ledger's staging folder: left alone", source=ledger.path
            )
        ledger.forget(publication)


def _pending(ledger: Ledger, publication: int) -> Staged:
    found = [staged for staged in ledger.staged() if staged.id == publication]
    if not found:
        raise LedgerError(f"no pending publication {publication} (see 'newsbilingual pending')", source=ledger.path)
    return found[0]


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
        final_editions.append(replace(edition.story, **roles))  # type: ignore[arg-type]  # see Story.roles()
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
    assert header.version_created is not None  # a story's item, which the model requires to have it
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
    """Run ``work`` under the ledger's lock; put the staged files in after the commit."""
    ledger = publisher.ledger
    try:
        with ledger.transaction():
            publisher.staging_root = prepare(publisher.output, ledger)
            # The lock is held, so no other publish of this ledger is between staging and commit:
            # a staging folder of this ledger not named by a committed publication is a leftover.
            recover(ledger, publisher.staging_root)
            _refuse_pending(ledger, publisher.story.id)
            outcome = work()
    except BaseException:
        if publisher.staging is not None:  # staged, but the commit did not happen: nothing was sent
            remove_staging(publisher.staging, ledger.ledger_id)
        raise
    if isinstance(outcome, PublishResult):
        return outcome
    crash_point("committed")
    staged = Staged(outcome.publication, publisher.story.id, publisher.output, outcome.staging)
    problem = _finish(ledger, staged)
    with ledger.transaction():
        if problem is not None and all(pending.id != staged.id for pending in ledger.staged()):
            problem = None  # another publish finished it while we were at it
        if problem is None:
            ledger.mark_done(outcome.publication)
        else:
            ledger.set_problem(outcome.publication, problem)
    if problem is not None:
        raise PendingError(_pending_message(staged, problem), source=ledger.path)
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
    release: bool = False,
    sender: str | None = None,
    warn: Warn | None = None,
    allow_source_text: bool = False,
) -> PublishResult:
    """Send what changed in ``story`` since the ledger's last publication of it (see the module doc).

    ``correction`` maps language tags to what was wrong (see :func:`notes_by_language`): the
    changed items go out with ``sig:correction`` and a note in each language; with nothing
    changed, a new version of the article carries the note alone. A note is needed in every
    language sent (zh-Hant may take the zh-Hans one converted by OpenCC, with a warning to
    review it). ``release`` lifts a hold (``withdraw --withheld``); without it a withheld
    story is refused. An edition that would print untranslated or fuzzy segments is refused
    (:class:`SourceTextError`) unless ``allow_source_text``: they then go out in the source
    language, marked with its ``xml:lang``.
    """
    publisher = _Publisher(story, Path(output), ledger, clock, "correct" if correction else "publish")
    editions, package = _editions_and_package(
        story, locales=locales, languages=languages, strict=strict, warn=warn, allow_source_text=allow_source_text
    )
    if correction:
        notes = correction_notes(correction, [edition.language for edition in editions], warn)

    def work() -> PublishResult | _Committed:
        plans = publisher.plans(editions, package)
        publisher.refuse_status(plans, release=release)
        publisher.refuse_stale_file(plans)
        changed = [plan for plan in plans[:-1] if plan.changed()]
        if not changed and correction and plans[0].last_version:
            changed = [plans[0]]  # the note alone, on a new version of the article
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
            formatted = {}
            if correction and plan.role != "package":
                formatted = {e.language: format_note(CORRECTION_NOTE, notes[e.language], e.language) for e in editions}
            decide[plan.role] = (version, "stat:usable", signals, formatted)
        return _send(publisher, editions, plans, decide, sender)

    return _transaction(publisher, work)


@dataclass(frozen=True)
class PublishAllResult:
    """What :func:`publish_all` did: each story's result, in order, and the stories that failed."""

    results: tuple[PublishResult, ...]
    failures: tuple[FeedFailure, ...]


def publish_all(
    sources: Iterable[StorySource],
    output: str | Path,
    *,
    ledger: Ledger,
    locales: Path | None = None,
    languages: Sequence[str] | None = None,
    strict: bool = False,
    clock: Clock = utc_now,
    corrections: Sequence[str] = (),
    release: bool = False,
    warn: Warn | None = None,
    allow_source_text: bool = False,
    on_result: Callable[[PublishResult], None] | None = None,
    on_failure: Callable[[FeedFailure], None] | None = None,
) -> PublishAllResult:
    """Publish every story of ``sources`` (stories or story files), each with
    :func:`publish_story` and these options. As in :func:`~newsbilingual.write_feed` and
    ``render_all``, a story that fails (a bad file, a refused edition, a pending publication)
    is reported to ``on_failure`` and left out; the others go on. ``corrections`` are
    ``--correction`` texts, read against each story's language by :func:`notes_by_language`."""
    results: list[PublishResult] = []
    failures: list[FeedFailure] = []
    for source in sources:
        name = f"<story {source.id}>" if isinstance(source, Story) else str(source)
        try:
            story = source if isinstance(source, Story) else load_story(source)
            correction = notes_by_language(corrections, story.language) if corrections else None
            result = publish_story(
                story,
                output,
                ledger=ledger,
                locales=locales,
                languages=languages,
                strict=strict,
                clock=clock,
                correction=correction,
                release=release,
                warn=warn,
                allow_source_text=allow_source_text,
            )
        except NewsbilingualError as error:
            failures.append(FeedFailure(name, error))
            if on_failure:
                on_failure(failures[-1])
            continue
        results.append(result)
        if on_result:
            on_result(result)
    return PublishAllResult(tuple(results), tuple(failures))


def correction_notes(notes: Mapping[str, str], languages: Sequence[str], warn: Warn | None) -> dict[str, str]:
    """The correction note of each language sent; a zh-Hant edition may take the zh-Hans note
    converted by OpenCC (when installed), with a warning that it needs review. A language
    without a note stops the publish, naming it: a reader must not get the note in another language."""
    found: dict[str, str] = {}
    missing = []
    for language in languages:
        text = notes.get(language) or _converted_note(notes, language, warn)
        if text:
            found[language] = text
        else:
            missing.append(language)
    if missing:
        raise NewsbilingualError(
            f"no correction note in {', '.join(missing)}: give one per language sent, e.g. "
            f"--correction '{missing[0]}:TEXT' (notes given: {', '.join(notes) or 'none'})"
        )
    return found


def _converted_note(notes: Mapping[str, str], language: str, warn: Warn | None) -> str | None:
    from ..catalog.convert import convert_text

    source = notes.get("zh-Hans")
    if source is None or not language.startswith("zh-Hant"):
        return None
    try:
        converted = convert_text(source, get_language("zh-Hans"), get_language(language))
    except NewsbilingualError:  # OpenCC not installed: the note must be given
        return None
    if warn:
        warn(f"the {language} correction note was converted from zh-Hans by OpenCC: review it ({converted})")
    return converted


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
        publisher.refuse_status(plans, release=True)  # a held story may be withdrawn or held again
        notes = {e.language: format_note(message, _note(reason, e.language, story), e.language) for e in editions}
        decide = {
            plan.role: (plan.last_version + 1, status, (), notes if plan.role != "package" else {}) for plan in plans
        }
        return _send(publisher, editions, plans, decide, sender)

    return _transaction(publisher, work)
