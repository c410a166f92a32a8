"""kill -9 mid-run: every file a command writes is then its old or its new version.

A :class:`KillScene` holds a folder in its "before" state and the command that changes it.
:meth:`KillScene.expected` runs the command to the end once (on a copy) to learn the "after"
bytes. :meth:`KillScene.trial_at` puts the folder back and runs the command with
``NEWSBILINGUAL_CRASH_AT=write:N``: the process SIGKILLs itself right before the rename of its
Nth file, a known moment, so the test never depends on timing (tests/test_kill.py).
:meth:`KillScene.trial` SIGKILLs it after a random delay instead (the long campaign). Both
then compare every file with its two versions.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every visible file under ``folder`` (hidden temporaries of a killed write are left out)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def _restore(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def run(argv: list[str], cwd: Path, crash_at: str | None = None, stderr: int = subprocess.DEVNULL) -> subprocess.Popen:
    """``newsbilingual ARGV`` as a user starts it, from this checkout (killing itself at ``crash_at``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if crash_at:
        env["NEWSBILINGUAL_CRASH_AT"] = crash_at
    return subprocess.Popen(
        [sys.executable, "-m", "newsbilingual", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


@dataclass
class KillScene:
    """``folder`` (under ``cwd``) before ``argv`` runs; the command is run from ``cwd``."""

    cwd: Path
    folder: Path
    argv: list[str]
    before: dict[str, bytes] = field(default_factory=dict)
    after: dict[str, bytes] = field(default_factory=dict)
    duration: float = 0.0

    def expected(self) -> None:
        """Run the command to its end once: the "after" state, and how long a run takes."""
        self.before = snapshot(self.folder)
        started = time.monotonic()
        process = run(self.argv, self.cwd)
        assert process.wait() == 0, f"newsbilingual {' '.join(self.argv)} failed"
        self.duration = time.monotonic() - started
        self.after = snapshot(self.folder)
        assert self.after != self.before, "the command changes nothing: no test"

    @property
    def changed(self) -> int:
        """How many files the command writes (each one atomic write at least)."""
        names = set(self.before) | set(self.after)
        return sum(self.before.get(name) != self.after.get(name) for name in names)

    def trial_at(self, write: int) -> tuple[bool, list[str]]:
        """Run the command killing itself before the rename of its ``write``-th file:
        (was it killed, broken files)."""
        _restore(self.folder, self.before)
        killed = run(self.argv, self.cwd, crash_at=f"write:{write}").wait() == -signal.SIGKILL
        return killed, self._broken()

    def trial(self, rng: random.Random) -> tuple[bool, list[str]]:
        """Kill one run at a random moment of its usual duration: (was it killed, broken files)."""
        _restore(self.folder, self.before)
        process = run(self.argv, self.cwd)
        time.sleep(rng.uniform(0.2, 1.1) * self.duration)
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        process.wait()
        return killed, self._broken()

    def _broken(self) -> list[str]:
        now = snapshot(self.folder)
        return [
            name
            for name in sorted(set(now) | set(self.before) | set(self.after))
            if now.get(name) not in {self.before.get(name), self.after.get(name)}
        ]
