"""The long fuzz campaign of issue 15; tests/test_fuzz.py and tests/test_kill.py run a slice of it.

    NEWSBILINGUAL_SCHEMA=.../NewsML-G2_2.35-spec-All-Power.xsd \\
        python tests/fuzz/campaign.py --count 10000 --broken 1000 --kills 30

- ``--count`` generated stories: each is refused naming a field, or renders to documents that
  all pass the XSD and the QCode check, and survives extract -> init -> update -> compile ->
  reload unchanged;
- ``--broken`` broken story files, catalogs and compiled catalogs: a clean error naming the
  file (and how many name no line), never a traceback;
- ``--kills`` kill -9 trials each of update, compile and render: files old or new, never partial;
- ``--ledger-faults`` trials of random faulty publish steps (tests/fuzz/ledger_faults.py): no
  traceback, no sent file changed or lost, every other ledger refused.

Prints the counts and exits 1 if anything is invalid, a traceback, a partial file, or a send
lost or overwritten.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the fuzz package
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout's newsbilingual

from fuzz.checks import catalog_round_trip, cli, rendered_problems
from fuzz.generate import mutate_bytes, random_story
from fuzz.kill import KillScene, run
from fuzz.ledger_faults import ledger_faults

import newsbilingual as nb

FAILURES = (
    "invalid documents",
    "tracebacks",
    "refusals naming no field",
    "round trips failed",
    "partial files",
    "lost sends",
    "overwritten or lost sends",
    "link targets changed",
    "other ledgers accepted",
    "racing publishes that failed",
    "pending publications not finished",
)


def stories(
    count: int, seed: int, schema: Path, line_separators: bool, tally: collections.Counter, progress: int = 0
) -> list[str]:
    """Generate, render, validate and round-trip ``count`` stories; returns the failures' details."""
    details = []
    for number in range(count):
        story_seed = seed + number
        try:
            story = random_story(random.Random(story_seed), line_separators=line_separators)
        except nb.ModelError as refused:
            tally["stories refused"] += 1
            if not refused.field:
                tally["refusals naming no field"] += 1
                details.append(f"seed {story_seed}: refusal names no field: {refused}")
            continue
        except Exception:
            tally["tracebacks"] += 1
            details.append(f"seed {story_seed}: building: {traceback.format_exc(limit=3)}")
            continue
        tally["stories built"] += 1
        if progress and (number + 1) % progress == 0:
            print(f"after {number + 1} stories: {dict(sorted(tally.items()))}", file=sys.stderr, flush=True)
        try:
            documents, problems = rendered_problems(story, schema)
            tally["documents"] += documents
            tally["invalid documents"] += len({problem.split(":", 1)[0] for problem in problems})
            details += [f"seed {story_seed}: {problem}" for problem in problems[:3]]
            with tempfile.TemporaryDirectory() as folder:
                catalog_round_trip(story, Path(folder) / "locales")
            tally["round trips"] += 1
        except AssertionError as failed:
            tally["round trips failed"] += 1
            details.append(f"seed {story_seed}: {failed}")
        except nb.NewsbilingualError as error:
            tally["round trips failed"] += 1
            details.append(f"seed {story_seed}: refused after the model accepted it: {error}")
        except Exception:
            tally["tracebacks"] += 1
            details.append(f"seed {story_seed}: {traceback.format_exc(limit=3)}")
    return details


def broken_files(count: int, seed: int, tally: collections.Counter) -> list[str]:
    """Broken story files, .po and .mo files through the CLI: exit 0 or 2, the file named."""
    details = []
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        locales = root / "locales"
        for argv in (["extract"], ["init", "--lang", "zh"], ["compile"]):
            assert cli(*argv, "--locales", str(locales))[0] == 0
        po_path = next(locales.glob("*/LC_MESSAGES/*.po"))
        good_po, good_mo = po_path.read_bytes(), po_path.with_suffix(".mo").read_bytes()
        story_path = root / "story.toml"
        wire = str(root / "wire")
        for _ in range(count):
            kind = rng.choice(["toml", "po", "mo"])
            po_path.write_bytes(good_po)
            po_path.with_suffix(".mo").write_bytes(good_mo)
            if kind == "toml":
                broken = story_path
                story_path.write_bytes(mutate_bytes(rng, nb.SEED_STORY.read_bytes()))
                argv = ["render", str(story_path), "-o", wire, "--locales", str(locales)]
            elif kind == "po":
                broken = po_path
                po_path.write_bytes(mutate_bytes(rng, good_po))
                argv = [rng.choice(["update", "compile", "stats"]), "--locales", str(locales)]
            else:
                broken = po_path.with_suffix(".mo")
                po_path.unlink()
                broken.write_bytes(mutate_bytes(rng, good_mo))
                argv = ["render", "-o", wire, "--locales", str(locales)]
            status, err = cli(*argv)
            tally[f"broken {kind} files"] += 1
            if status is None:
                tally["tracebacks"] += 1
                details.append(f"{kind}: {err}")
            elif status == 2:
                tally[f"broken {kind} refused"] += 1
                if str(broken) not in err:
                    tally[f"broken {kind} refused not naming the file"] += 1
                    details.append(f"{kind}: {err.strip()}")
                elif f"{broken}:" not in err.replace(f"{broken}: ", ""):
                    tally[f"broken {kind} refused without a line"] += 1
    return details


def kills(trials: int, seed: int, tally: collections.Counter) -> list[str]:
    """kill -9 trials of update, compile and render (see tests/test_kill.py for the scenes)."""
    details = []
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        old, new = root / "story.toml", root / "edited.toml"
        old.write_bytes(nb.SEED_STORY.read_bytes())
        new.write_text(nb.SEED_STORY.read_text("utf-8").replace("Mianyang", "Mian-yang"), "utf-8")
        render = ["-o", "render/wire", "--sent", "2017-12-22T20:00:00+08:00", "--lang", "zh-Hans"]
        setup = [
            ["extract", str(old), "--locales", "update/locales"],
            ["init", "--lang", "zh", "--locales", "update/locales"],
            ["extract", str(new), "--locales", "update/locales"],
            ["extract", str(new), "--locales", "compile/locales"],
            ["init", "--lang", "zh", "--locales", "compile/locales"],
            ["render", str(old), *render],
        ]
        for argv in setup:
            assert run(argv, root).wait() == 0, argv
        scenes = {
            "update": KillScene(root, root / "update", ["update", "--locales", "update/locales"]),
            "compile": KillScene(root, root / "compile", ["compile", "--locales", "compile/locales"]),
            "render": KillScene(root, root / "render", ["render", str(new), *render]),
        }
        for name, scene in scenes.items():
            scene.expected()
            for _ in range(trials):
                killed, broken = scene.trial(rng)
                tally[f"{name} runs killed"] += killed
                tally[f"{name} runs finished"] += not killed
                if broken:
                    tally["partial files"] += len(broken)
                    details.append(f"{name}: {broken}")
    return details


def main_campaign() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="generated stories (default 1000)")
    parser.add_argument("--broken", type=int, default=300, help="broken story/.po/.mo files (default 300)")
    parser.add_argument("--kills", type=int, default=10, help="kill -9 trials per command (default 10)")
    parser.add_argument("--ledger-faults", type=int, default=0, metavar="N", help="publish fault trials (default 0)")
    parser.add_argument("--steps", type=int, default=8, help="random steps per publish fault trial (default 8)")
    parser.add_argument("--seed", type=int, default=0, help="first seed (a failure prints its seed)")
    parser.add_argument("--schema", help="NewsML-G2 2.35 XSD (default: $NEWSBILINGUAL_SCHEMA)")
    parser.add_argument("--progress", type=int, default=0, metavar="N", help="print the counts every N stories")
    parser.add_argument(
        "--no-line-separators", action="store_true", help="leave U+2028/U+2029/U+0085 out of the stories"
    )
    args = parser.parse_args()
    schema = nb.newsml.validate.schema_path(args.schema)
    tally: collections.Counter = collections.Counter()
    started = time.monotonic()
    details = stories(args.count, args.seed, schema, not args.no_line_separators, tally, args.progress)
    details += broken_files(args.broken, args.seed, tally)
    details += kills(args.kills, args.seed, tally)
    details += ledger_faults(args.ledger_faults, args.steps, args.seed, tally)
    tally["seconds"] = round(time.monotonic() - started)
    for line in details[:50]:
        print(line, file=sys.stderr)
    for name in sorted(tally):
        print(f"{name:45} {tally[name]:>8}")
    failed = sum(tally[name] for name in FAILURES)
    print("FAILED" if failed else "OK: 0 invalid documents, 0 tracebacks, 0 partial files, 0 lost or overwritten sends")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main_campaign())
