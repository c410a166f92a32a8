"""Mutation testing of one module with mutmut, on a copy of the checkout.

    python benchmarks/mutation/run.py merge             # catalog/merge.py
    python benchmarks/mutation/run.py ledger --jobs 2   # desk/ledger.py
    python benchmarks/mutation/run.py figures --sample 300 --seed 1

mutmut 3 (``pip install -e '.[mutation]'``) mutates a copy of the package under ``mutants/``
and runs, for each mutant, the tests that reached the mutated function, in a process forked
from one that has imported everything: about a second a mutant where a fresh ``pytest`` per
mutant (cosmic-ray) took 20 to 100 s on the shared machine. It reads its settings from the
``setup.cfg`` of the folder it runs in, so this script copies the checkout (its tracked and new
files) to ``--workdir/<module>``, writes ``<module>.cfg`` from beside this file there as
``setup.cfg``, links ``../shared`` as the tests expect, and runs ``mutmut run`` there: the
checkout is never changed, and the tests one runs meanwhile see the real module.

``--sample N`` tests N of the module's mutants drawn at random (``--seed``), for a module too large
to test whole in a session. Prints the score (killed / all mutants) and writes the survivors, each with its diff, to
``--workdir/<module>-survivors.txt``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCHEMA = "newsml-g2/schema/NewsML-G2_2.35-spec-All-Power.xsd"


def copy_checkout(target: Path) -> None:
    """The checkout's tracked and untracked (not ignored) files copied to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.decode()
    shutil.rmtree(target, ignore_errors=True)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def mutmut(*arguments: str, cwd: Path, capture: bool = False) -> str:
    tool = Path(sys.executable).with_name("mutmut")
    done = subprocess.run([str(tool), *arguments], cwd=cwd, check=True, capture_output=capture, text=True)
    return done.stdout or ""


def sample(copy: Path, module_path: str, size: int, seed: int) -> list[str]:
    """``size`` of the module's mutant names, drawn at random with ``seed``.

    mutmut names its mutants only once it has generated them: a first run with a name that
    matches none generates them (and the tests' coverage), then stops; the names are in the
    ``.meta`` file it wrote beside the mutated module.
    """
    subprocess.run(
        [str(Path(sys.executable).with_name("mutmut")), "run", "nothing-matches-this"], cwd=copy, capture_output=True
    )
    meta = json.loads((copy / "mutants" / f"{module_path}.meta").read_text(encoding="utf-8"))
    names = sorted(meta["exit_code_by_key"])
    return sorted(random.Random(seed).sample(names, min(size, len(names))))


def report(copy: Path, module: str, out: Path) -> None:
    """The score, and each survivor's diff written to ``out``."""
    outcomes = {}
    for line in mutmut("results", "--all", "true", cwd=copy, capture=True).splitlines():
        name, _, outcome = line.strip().rpartition(": ")
        if name and outcome != "not checked":  # not in the sample
            outcomes[name] = outcome
    survivors = sorted(name for name, outcome in outcomes.items() if outcome == "survived")
    with out.open("w", encoding="utf-8") as file:
        for name in survivors:
            diff = mutmut("show", name, cwd=copy, capture=True)
            changed = [line for line in diff.splitlines() if line[:2] in ("- ", "+ ")]
            file.write(f"{name}\n" + "".join(f"    {line}\n" for line in changed))
    killed = sum(1 for outcome in outcomes.values() if outcome == "killed")
    others = len(outcomes) - killed - len(survivors)
    score = killed / len(outcomes) if outcomes else 0.0
    print(
        f"{module}: {len(outcomes)} mutants tested, {killed} killed, {len(survivors)} survived, {others} other "
        f"(timeout, suspicious, no tests): {score:.1%} killed; survivors in {out}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", choices=sorted(path.stem for path in HERE.glob("*.cfg")))
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsbilingual-mutation"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="mutants tested at once")
    parser.add_argument("--sample", type=int, help="test this many mutants, drawn at random")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--report", action="store_true", help="only print the last run's score")
    args = parser.parse_args()

    workdir = args.workdir.resolve()
    copy = workdir / args.module
    if not args.report:
        copy_checkout(copy)
        shutil.copy(HERE / f"{args.module}.cfg", copy / "setup.cfg")
        for folder in (workdir, copy):  # tests/conftest.py looks two folders up, from tests/ and mutants/tests/
            if not (folder / "shared").exists():
                (folder / "shared").symlink_to((REPO.parent / "shared").resolve())
        # Tests that start `python -m newsbilingual` run the mutated copy too. The folder must exist before
        # mutmut starts: Python remembers a missing folder of the path and would import the checkout's module.
        (copy / "mutants").mkdir()
        os.environ["PYTHONPATH"] = str(copy / "mutants")
        os.environ["NEWSBILINGUAL_SCHEMA"] = str(workdir / "shared" / SCHEMA)
        # test_history.py compares 30 random edit sequences with msgmerge by default: 3 keep a mutant short.
        os.environ.setdefault("NEWSBILINGUAL_HISTORY_SEQUENCES", "3")
        names = []
        if args.sample:
            module_path = next(
                line.split("=", 1)[1].strip()
                for line in (copy / "setup.cfg").read_text(encoding="utf-8").splitlines()
                if line.startswith("only_mutate")
            )
            names = sample(copy, module_path, args.sample, args.seed)
        mutmut("run", "--max-children", str(args.jobs), *names, cwd=copy)
    report(copy, args.module, workdir / f"{args.module}-survivors.txt")


if __name__ == "__main__":
    main()
