"""The publish path under random faults: what was sent stays true.

Each trial sets up a desk (the bundled story, its catalogs, a wire folder: a tmpfs mount when
the machine allows one) and takes random steps: an edit published, a publish killed at a random
point (before or after its commit, mid-move, mid-write), two publishers racing, a second
ledger, a lost or truncated ledger, a planted link, the folder made read-only, a correction
missing a language, a hold. After every step: no traceback, and no file once sent has changed.
At the end of a trial every pending publication is finished and every file the ledger lists as
sent must be in the folder. Run by ``tests/fuzz/campaign.py --ledger-faults N``.
"""

from __future__ import annotations

import collections
import contextlib
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from fuzz.checks import cli
from fuzz.kill import run

import newsbilingual as nb

CASES = ("edit", "kill", "race", "second ledger", "lost ledger", "planted link", "read-only", "no note", "hold")
POINTS = ("staged", "committed", "moved-one", "write:1", "write:3", "write:6")
SENT = "2017-12-22T20:00:00+08:00"


def _mount(folder: Path, *options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    command = (
        ["mount", "-o", ",".join(options), str(folder)] if options else ["mount", "-t", "tmpfs", "tmpfs", str(folder)]
    )
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


class _Trial:
    def __init__(self, root: Path, mounted: bool) -> None:
        self.root, self.mounted = root, mounted
        self.story, self.locales, self.out = root / "story.toml", root / "locales", root / "wire"
        self.ledger = self.out / ".newsbilingual-ledger.sqlite"
        shutil.copy(nb.SEED_STORY, self.story)
        shutil.copytree(nb.locales_dir(), self.locales, ignore=shutil.ignore_patterns("zh_TW"))
        self.base = self.story.read_text("utf-8")
        self.edits = 0
        self.sent: dict[str, bytes] = {}

    def argv(self, *extra: str, command: str = "publish", ledger: Path | None = None) -> list[str]:
        arguments = [command, str(self.story), "-o", str(self.out), "--locales", str(self.locales), "--sent", SENT]
        return [*arguments, "--ledger", str(ledger or self.ledger), *extra]

    def edit(self) -> None:
        self.edits += 1
        self.story.write_text(self.base.replace("These remarkable", f"These {self.edits} remarkable", 1), "utf-8")

    def files(self) -> dict[str, bytes]:
        if not self.out.is_dir():
            return {}
        return {p.name: p.read_bytes() for p in self.out.iterdir() if p.is_file() and not p.name.startswith(".")}


def _step(trial: _Trial, case: str, rng: random.Random, tally: collections.Counter) -> list[str]:
    """Take one step; returns the tracebacks and unexpected outcomes seen."""
    problems: list[str] = []

    def checked(*argv: str) -> int | None:
        status, err = cli(*argv)
        if status is None or "Traceback" in err:
            tally["tracebacks"] += 1
            problems.append(f"{case}: {err}")
        return status

    if case == "edit":
        trial.edit()
        checked(*trial.argv())
    elif case == "kill":
        trial.edit()
        point = rng.choice(POINTS)
        process = run(trial.argv()[:], trial.root, crash_at=point)
        tally[f"kill at {point}: killed" if process.wait() == -9 else f"kill at {point}: finished first"] += 1
    elif case == "race":
        processes = []
        for number in range(2):
            copy = trial.root / f"race{number}.toml"
            copy.write_text(trial.base.replace("These remarkable", f"These r{trial.edits}.{number} remarkable", 1))
            argv = trial.argv()
            argv[1] = str(copy)
            processes.append(run(argv, trial.root, stderr=subprocess.PIPE))
        trial.edits += 1
        for process in processes:
            _, err = process.communicate()
            if process.returncode != 0:
                tally["racing publishes that failed"] += 1
                problems.append(f"race: a publish failed: {err.decode(errors='replace')[-800:]}")
    elif case in ("second ledger", "lost ledger") and trial.sent:
        trial.edit()
        if case == "second ledger":
            status = checked(*trial.argv(ledger=trial.root / "second.sqlite"))
        else:
            saved = trial.root / "saved.sqlite"
            shutil.copy(trial.ledger, saved)
            if rng.random() < 0.5:
                trial.ledger.write_bytes(b"")  # truncated
            else:
                trial.ledger.unlink()
            status = checked(*trial.argv())
            shutil.copy(saved, trial.ledger)  # restored from the backup, as the refusal says
        refused = status == 2
        tally[f"{case}: refused"] += refused
        if not refused:
            problems.append(f"{case}: not refused (exit {status})")
            tally["other ledgers accepted"] += 1
    elif case == "planted link":
        victim = trial.root / "victim"
        (victim / "keep").mkdir(parents=True, exist_ok=True)
        (victim / "keep" / "data").write_text("precious")
        staging = trial.out / ".newsbilingual-staging"
        if staging.is_dir() and not staging.is_symlink():
            (staging / f"planted{trial.edits}").symlink_to(victim)
        else:
            trial.out.mkdir(exist_ok=True)
            with contextlib.suppress(FileExistsError):
                staging.symlink_to(victim)
        trial.edit()
        checked(*trial.argv())
        if (victim / "keep" / "data").read_text() != "precious":
            problems.append("planted link: the link's target was changed")
            tally["link targets changed"] += 1
        if staging.is_symlink():
            staging.unlink()
    elif case == "read-only" and trial.mounted:
        _mount(trial.out, "remount", "ro")
        trial.edit()
        tally["read-only: refused"] += checked(*trial.argv()) == 2
        _mount(trial.out, "remount", "rw")
    elif case == "no note":
        trial.edit()
        tally["correction without a zh note: refused"] += checked(*trial.argv("--correction", "fixed")) == 2
    elif case == "hold" and checked(*trial.argv("--reason", "legal", "--withheld", command="withdraw")) == 0:
        trial.edit()
        tally["withheld, then publish: refused"] += checked(*trial.argv()) == 2
        checked(*trial.argv("--release"))
    return problems


def _final_check(trial: _Trial, tally: collections.Counter) -> list[str]:
    """Finish what is pending; every file of every row must then be in the folder."""
    problems = []
    if not trial.ledger.is_file():
        return problems
    ledger = nb.open_ledger(trial.ledger)
    try:
        for staged in ledger.staged():
            try:
                nb.finish_pending(ledger, staged.id)
            except nb.NewsbilingualError as error:
                problems.append(f"pending publication {staged.id} not finished: {error}")
                tally["pending publications not finished"] += 1
        rows = ledger.history()
    finally:
        ledger.close()
    present = trial.files()
    for row in rows:
        for name in row.files:
            tally["sent files checked"] += 1
            if name not in present:
                tally["lost sends"] += 1
                problems.append(f"lost: {name}")
    return problems


def ledger_faults(trials: int, steps: int, seed: int, tally: collections.Counter) -> list[str]:
    """``trials`` desks of ``steps`` random faulty steps each; returns the failures' details."""
    details: list[str] = []
    rng = random.Random(seed)
    for _ in range(trials):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            mounted = _mount(root / "wire")
            trial = _Trial(root, mounted)
            try:
                for _ in range(steps):
                    case = rng.choice(CASES)
                    tally[f"case {case}"] += 1
                    details += _step(trial, case, rng, tally)
                    now = trial.files()
                    for name, data in trial.sent.items():
                        if now.get(name) != data:
                            tally["overwritten or lost sends"] += 1
                            details.append(f"{case}: {name} changed or gone")
                    trial.sent.update(now)
                details += _final_check(trial, tally)
                tally["trials"] += 1
                tally["trials on a tmpfs mount"] += mounted
            finally:
                if mounted:
                    subprocess.run(["umount", "-l", str(root / "wire")], check=False)
    return details
