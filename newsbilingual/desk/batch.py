"""Archives at scale: render or parse a folder of stories, one pure job per story.

Each story is handled by a function of its file name and a frozen, picklable job (the
options), so the same job runs in this process, in a local process pool, or on a Dask
``distributed`` cluster (``pip install 'newsbilingual[dask]'``) and gives the same bytes.
A story that fails is recorded with its file and error and never stops the others. A rerun
skips stories whose outputs are current: a small stamp per story under ``OUT/.newsbilingual/``
records a fingerprint of its inputs (story file, its catalogs, the options) and its outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from ..atomic import write_bytes_atomic
from ..bundled import locales_dir
from ..catalog.localeformat import LIBRARY_DOMAIN
from ..errors import NewsbilingualError
from ..newsml.read import parse
from ..story.storyfile import load_story
from ..version import __version__
from .feed import story_files
from .progress import progress as draw_progress
from .wire import render_story, write_documents

STAMPS = ".newsbilingual"


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
            options = {"clock": (lambda: self.sent)} if self.sent else {}
            warnings: list[str] = []
            documents = render_story(
                story,
                locales=Path(self.locales) if self.locales else None,
                languages=self.languages,
                strict=self.strict,
                warn=warnings.append,
                check=False,  # an archive's check is 'newsbilingual check': here, what is printed untranslated
                **options,
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
) -> BatchResult:
    """Run ``job`` on every file: in this process (``workers=1``), a process pool (default:
    one worker per core), or a Dask cluster when ``scheduler`` is its address. ``progress``
    draws a progress bar on stderr when it is a terminal."""
    if workers is not None and workers < 1:
        raise NewsbilingualError(f"workers must be 1 or more, not {workers}")
    # Absolute paths: the workers of a cluster do not share this process's working folder.
    inputs = [str(Path(path).resolve()) for path in files]
    result = BatchResult()
    outcomes = _on_dask(job, inputs, scheduler) if scheduler else _in_pool(job, inputs, workers or os.cpu_count() or 1)
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
) -> BatchResult:
    """Render every story of ``source`` (a folder of story files, or story files and folders)
    into ``output``."""
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
    return run_batch(job, files, workers=workers, scheduler=scheduler, progress=progress)


def parse_all(
    files: Iterable[str | Path],
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = False,
) -> BatchResult:
    """Parse every NewsML-G2 file; each outcome lists the guids read."""
    return run_batch(ParseJob(), files, workers=workers, scheduler=scheduler, progress=progress)


def _in_pool(job: Job, inputs: list[str], workers: int) -> Iterator[Outcome]:
    if workers <= 1 or len(inputs) <= 1:
        yield from map(job, inputs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # Chunks of stories per task keep the pickling overhead small beside the work.
        futures = [pool.submit(_run_chunk, job, chunk) for chunk in _chunks(inputs, workers)]
        for future in as_completed(futures):
            yield from future.result()


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


def _run_chunk(job: Job, files: list[str]) -> list[Outcome]:
    return [job(file) for file in files]


def _chunks(items: list[str], workers: int) -> list[list[str]]:
    size = max(1, min(64, len(items) // (4 * workers) or 1))
    return [items[start : start + size] for start in range(0, len(items), size)]


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
