"""kill -9 at a random moment: every file a command writes is then its old or its new version.

A :class:`KillScene` holds a folder in its "before" state and the command that changes it.
:meth:`KillScene.expected` runs the command to the end once (on a copy) to learn the "after"
bytes; :meth:`KillScene.trial` puts the folder back, starts the command as a real process
and SIGKILLs it after a random delay, then compares every file with its two versions.
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


def run(argv: list[str], cwd: Path) -> subprocess.Popen:
    """``newsbilingual ARGV`` as a user starts it, from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "newsbilingual", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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

    def trial(self, rng: random.Random) -> tuple[bool, list[str]]:
        """Kill one run at a random moment of its usual duration: (was it killed, broken files)."""
        _restore(self.folder, self.before)
        process = run(self.argv, self.cwd)
        time.sleep(rng.uniform(0.2, 1.1) * self.duration)
        killed = process.poll() is None
        if killed:
            process.send_signal(signal.SIGKILL)
        process.wait()
        now = snapshot(self.folder)
        broken = [
            name
            for name in sorted(set(now) | set(self.before) | set(self.after))
            if now.get(name) not in {self.before.get(name), self.after.get(name)}
        ]
        return killed, broken
