"""Archives at scale: render or parse a folder of stories, one pure job per story.

Each story is handled by a function of its file name and a frozen, picklable job (the
options), so the same job runs in this process, in a local process pool, or on a Dask
``distributed`` cluster (``pip install 'newsbilingual[dask]'``) and gives the same bytes.
A story that fails is recorded with its file and error and never stops the others: on a
local pool (Pebble's, which replaces a worker that dies or hangs) a story whose worker died
(the OOM killer) is retried once on a fresh worker, and one that runs past the per-story time
limit is stopped; both are then reported with the reason. A rerun skips stories whose outputs
are current: a small stamp per story under ``OUT/.newsbilingual/`` records a fingerprint of
its inputs (story file, its catalogs, the options) and its outputs. That folder is refused if
it is a link (claims and stamps are never written through one).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as Timeout
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from ..atomic import write_bytes_atomic
from ..bundled import locales_dir
from ..catalog.translations import LIBRARY_DOMAIN
from ..errors import NewsbilingualError
from ..newsml.read import parse
from ..story.storyfile import load_story
from ..version import __version__
from .feed import story_files
from .progress import progress as draw_progress
from .wire import render_story, utc_now, write_documents

STAMPS = ".newsbilingual"
#: The default per-story time limit on a pool (seconds): the seed story renders in well under one.
TIME_LIMIT = 600.0


@dataclass(frozen=True)
class Failure:
    """A story that could not be done, and why (the error as the CLI prints it)."""

    file: str
    error: str


@dataclass(frozen=True)
class Outcome:
    """What one job did with one input: the files it wrote, or that it skipped them as current.

    ``warnings`` are what :func:`~newsbilingual.render_story` warned of (segments printed in the
    source language, check findings); a skipped story repeats those of its last render.
    """

    file: str
    outputs: tuple[str, ...] = ()
    skipped: bool = False
    error: str | None = None
    warnings: tuple[str, ...] = ()


@dataclass
class BatchResult:
    """Every input of a batch: done (with the files written), skipped as current, or failed."""

    done: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failures.append(Failure(outcome.file, outcome.error))
        elif outcome.skipped:
            self.skipped.append(outcome)
        else:
            self.done.append(outcome)


@dataclass(frozen=True)
class RenderJob:
    """Render one story file into ``output`` (the options of :func:`~newsbilingual.render_story`).

    ``sent`` fixes the newsMessage send time, so reruns and clusters give the same bytes.
    """

    output: str
    locales: str | None = None
    languages: tuple[str, ...] | None = None
    strict: bool = False
    sent: datetime | None = None
    force: bool = False

    def __call__(self, file: str) -> Outcome:
        try:
            story = load_story(file)
            _claim(Path(self.output), story.id, file)
            stamp = _Stamp(Path(self.output), file, self._fingerprint(file, story.id))
            if not self.force and stamp.is_current():
                return Outcome(file, stamp.outputs(), skipped=True, warnings=stamp.warnings())
            sent = self.sent
            clock = (lambda: sent) if sent else utc_now
            warnings: list[str] = []
            documents = render_story(
                story,
                locales=Path(self.locales) if self.locales else None,
                languages=self.languages,
                strict=self.strict,
                warn=warnings.append,
                check=False,  # an archive's check is 'newsbilingual check': here, what is printed untranslated
                clock=clock,
            )
            written = tuple(path.name for path in write_documents(documents, Path(self.output)))
            stamp.write(written, tuple(warnings))
            return Outcome(file, written, warnings=tuple(warnings))
        except Exception as error:
            return Outcome(file, error=_describe(error, file))

    def _fingerprint(self, file: str, story_id: str) -> str:
        """What the outputs of ``file`` depend on: its bytes, the sizes and times of its own and
        the library's catalogs, the options and the library version."""
        digest = hashlib.sha256(Path(file).read_bytes())
        folders = [self.locales] if self.locales else []
        for folder in [*folders, str(locales_dir())]:
            # The story's own catalogs are looked up by name, never by listing LC_MESSAGES
            # folders, which hold a catalog of every story of an archive.
            for language in _language_folders(folder):
                for name in (f"{story_id}.po", f"{story_id}.mo", f"{LIBRARY_DOMAIN}.mo"):
                    path = Path(folder, language, "LC_MESSAGES", name)
                    try:
                        info = path.stat()
                    except FileNotFoundError:
                        continue
                    digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}".encode())
        options = {key: value for key, value in asdict(self).items() if key not in ("output", "force")}
        digest.update(json.dumps(options, default=str, sort_keys=True).encode())
        digest.update(__version__.encode())
        return digest.hexdigest()


@dataclass(frozen=True)
class ParseJob:
    """Parse one NewsML-G2 file; the outcome lists the guids of the items read."""

    def __call__(self, file: str) -> Outcome:
        try:
            parsed = parse(file)
        except Exception as error:
            return Outcome(file, error=_describe(error, file))
        return Outcome(file, tuple(item.header.guid for item in parsed.items))


Job = Callable[[str], Outcome]


def run_batch(
    job: Job,
    files: Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
    time_limit: float | None = TIME_LIMIT,
) -> BatchResult:
    """Run ``job`` on every file: in this process (``workers=1``), a process pool (default:
    one worker per core), or a Dask cluster when ``scheduler`` is its address. ``progress``
    draws a progress bar on stderr when it is a terminal. On a pool, ``time_limit`` seconds
    (None: no limit) stop a story that hangs; in this process nothing can stop it."""
    if workers is not None and workers < 1:
        raise NewsbilingualError(f"workers must be 1 or more, not {workers}")
    if time_limit is not None and time_limit <= 0:
        raise NewsbilingualError(f"the time limit must be above 0 seconds, not {time_limit:g}")
    # Absolute paths: the workers of a cluster do not share this process's working folder.
    inputs = [str(Path(path).absolute()) for path in files]  # a link is reported by its own name
    result = BatchResult()
    if scheduler:
        outcomes = _on_dask(job, inputs, scheduler)
    else:
        outcomes = _in_pool(job, inputs, workers or os.cpu_count() or 1, time_limit)
    if progress:
        outcomes = draw_progress(outcomes, total=len(inputs), label="stories", stream=sys.stderr)
    for outcome in outcomes:
        result.add(outcome)
    # Completion order varies between runs and engines; the result's order does not.
    for outcomes_list in (result.done, result.skipped):
        outcomes_list.sort(key=lambda outcome: outcome.file)
    result.failures.sort(key=lambda failure: failure.file)
    return result


def render_all(
    source: str | Path | Iterable[str | Path],
    output: str | Path,
    *,
    locales: str | Path | None = None,
    languages: Iterable[str] | None = None,
    strict: bool = False,
    sent: datetime | None = None,
    force: bool = False,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
    time_limit: float | None = TIME_LIMIT,
) -> BatchResult:
    """Render every story of ``source`` (a folder of story files, or story files and folders)
    into ``output``; see :func:`run_batch` for ``workers``, ``scheduler`` and ``time_limit``."""
    job = RenderJob(
        str(Path(output).resolve()),
        str(Path(locales).resolve()) if locales else None,
        tuple(languages) if languages else None,
        strict,
        sent,
        force,
    )
    files = story_files([source] if isinstance(source, str | Path) else source)
    if not files:  # a mistyped folder must not look like an archive with nothing to do
        raise NewsbilingualError("no story files (*.toml) to render", source=str(source))
    _stamp_folders(Path(job.output))
    return run_batch(job, files, workers=workers, scheduler=scheduler, progress=progress, time_limit=time_limit)


def parse_all(
    files: Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
) -> BatchResult:
    """Parse every NewsML-G2 file; each outcome lists the guids read."""
    return run_batch(ParseJob(), files, workers=workers, scheduler=scheduler, progress=progress)


def _in_pool(job: Job, inputs: list[str], workers: int, time_limit: float | None) -> Iterator[Outcome]:
    """One task per story, a few per worker in flight (a million stories are never all queued)."""
    if workers <= 1 or len(inputs) <= 1:
        yield from map(job, inputs)
        return
    from pebble import ProcessExpired, ProcessPool

    queue = iter(inputs)
    running: dict[Future[Outcome], tuple[str, int]] = {}
    with ProcessPool(max_workers=workers) as pool:

        def start(file: str, tries: int) -> None:
            running[pool.schedule(job, (file,), timeout=time_limit)] = (file, tries)

        for file in itertools.islice(queue, 4 * workers):
            start(file, 0)
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                file, tries = running.pop(future)
                try:
                    yield future.result()
                except ProcessExpired as error:  # the worker died: once more on a fresh one
                    if tries == 0:
                        start(file, 1)
                        continue
                    yield Outcome(file, error=f"{file}: its worker died twice ({error}): not rendered")
                except Timeout:
                    yield Outcome(file, error=f"{file}: stopped after the time limit of {time_limit:g} s")
                except Exception as error:  # what the job itself could not report (unpicklable)
                    yield Outcome(file, error=_describe(error, file))
                if (following := next(queue, None)) is not None:
                    start(following, 0)


def _on_dask(job: Job, inputs: list[str], scheduler: str) -> Iterator[Outcome]:
    try:
        import dask.bag
        from distributed import Client
        from distributed import as_completed as dask_completed
    except ImportError:
        raise NewsbilingualError("a Dask scheduler needs the dask extra: pip install 'newsbilingual[dask]'") from None
    with Client(scheduler) as client:
        partitions = max(1, min(len(inputs), 4 * len(client.scheduler_info().get("workers", {})) or 1))
        bag = dask.bag.from_sequence(inputs, npartitions=partitions).map(job)
        futures = client.compute(bag.to_delayed())
        for future in dask_completed(futures):
            yield from future.result()


def _describe(error: Exception, file: str) -> str:
    if isinstance(error, OSError):
        return f"{error.filename or file}: {error.strerror or error}"
    text = str(error) if isinstance(error, NewsbilingualError) else f"{type(error).__name__}: {error}"
    return text if text.startswith(file) else f"{file}: {text}"


@cache
def _language_folders(locales: str) -> tuple[str, ...]:
    """The language folders of a catalogs folder (listed once per process)."""
    folder = Path(locales)
    return (
        tuple(sorted(child.name for child in folder.iterdir() if (child / "LC_MESSAGES").is_dir()))
        if folder.is_dir()
        else ()
    )


def _stamp_folders(output: Path) -> None:
    """Create ``OUT/.newsbilingual/ids`` and refuse a link (or a file) in their place."""
    for folder in (output / STAMPS, output / STAMPS / "ids"):
        with contextlib.suppress(FileExistsError):  # a dangling link: refused just below
            folder.mkdir(parents=True, exist_ok=True)
        if folder.is_symlink() or not folder.is_dir():
            raise NewsbilingualError(
                "is a link or a file, not a folder: claims and stamps are not written through it", source=folder
            )


def _claim(output: Path, story_id: str, file: str) -> None:
    """Take the story id's output names for ``file``; refuse them if another story file that
    still exists has them (two files with one id would overwrite each other's documents)."""
    claim = output / STAMPS / "ids" / f"{story_id}.claim"
    claim.parent.mkdir(parents=True, exist_ok=True)
    mine = str(Path(file).resolve())
    try:
        with open(claim, "x", encoding="utf-8") as handle:  # exclusive: two workers cannot both win
            handle.write(mine)
        return
    except FileExistsError:
        holder = claim.read_text("utf-8")
    if holder != mine and Path(holder).is_file():
        raise NewsbilingualError(f"story id {story_id!r} is also the id of {holder}: their documents would collide")
    if holder != mine:  # the other file is gone (renamed or deleted): the id is free again
        write_bytes_atomic(claim, mine.encode("utf-8"))


class _Stamp:
    """The record of one story's last render in ``OUT/.newsbilingual/``: inputs' fingerprint and outputs."""

    def __init__(self, output: Path, file: str, fingerprint: str) -> None:
        name = hashlib.sha256(str(Path(file).resolve()).encode()).hexdigest()[:24]
        self.path = output / STAMPS / f"{name}.json"
        self.output = output
        self.fingerprint = fingerprint
        self.recorded = self._read()

    def _read(self) -> dict[str, object]:
        try:
            recorded = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return recorded if isinstance(recorded, dict) else {}

    def outputs(self) -> tuple[str, ...]:
        return tuple(self.recorded.get("outputs", ()))  # type: ignore[arg-type]

    def warnings(self) -> tuple[str, ...]:
        return tuple(self.recorded.get("warnings", ()))  # type: ignore[arg-type]

    def is_current(self) -> bool:
        return self.recorded.get("fingerprint") == self.fingerprint and all(
            (self.output / name).is_file() for name in self.outputs()
        )

    def write(self, outputs: tuple[str, ...], warnings: tuple[str, ...] = ()) -> None:
        record = {"fingerprint": self.fingerprint, "outputs": list(outputs), "warnings": list(warnings)}
        write_bytes_atomic(self.path, json.dumps(record, indent=1).encode("utf-8"))
