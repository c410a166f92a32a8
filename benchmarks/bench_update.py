"""Benchmark: ``update`` against GNU ``msgmerge`` and ``compile`` against ``msgfmt`` on large synthetic catalogs.

Run it as a plain script (it is not a test)::

    python benchmarks/bench_update.py                      # 5,000, 20,000 and 80,000 entries
    python benchmarks/bench_update.py --entries 20000 --skip-fuzzy
    python benchmarks/bench_update.py --entries 1000       # small enough for fuzzy msgmerge to finish

What it does:

1. Builds a synthetic catalog in a temporary directory with a fixed random seed (the set-up of
   /work/shared/research/gettext-zh.md section 3): msgctxt ``article/a00042/body/p07``; 70 % English
   msgids of 300-900 characters with a Chinese msgstr, 30 % Chinese msgids with an English msgstr;
   translator comments on some entries; a header with Plural-Forms. Both files are written with
   :func:`newsbilingual.catalog.powrap.write_pofile`, so they are in GNU layout. The new template edits
   about 3 % of the msgids, drops about 3 % and adds about 3 %.
2. Times, each run on a fresh copy of the same input files:
   our ``update(locales, domain)`` (parse + merge + write, in a fresh Python process),
   ``msgmerge -N --previous`` (the baseline) and ``msgmerge --previous`` (fuzzy matching,
   quadratic; killed after ``--fuzzy-cap`` seconds).
   Then our ``compile_all`` and ``msgfmt`` on the catalog, interleaved. Peak memory is each
   process's maximum resident set (``os.wait4``).
3. Checks that the outputs agree on what matters, that ours is valid GNU-layout PO, and that
   Python's gettext reads the same messages from our .mo and msgfmt's.
4. Prints every ratio (ours / GNU: wall clock, CPU, peak memory) in one summary.
"""

from __future__ import annotations

import argparse
import gettext
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

from newsbilingual.catalog.powrap import write_pofile
from newsbilingual.catalog.translations import catalog_path

DOMAIN = "bench"
LANGUAGE = "zh"
SEED = 20171222
EDIT_SHARE = REMOVE_SHARE = ADD_SHARE = 0.03

Key = tuple[str, str]

# --------------------------------------------------------------------------------------------
# Synthetic text
# --------------------------------------------------------------------------------------------

# The most frequent words of the synthetic vocabulary (a news flavour); the rest are invented.
_COMMON_WORDS = " ".join(
    (
        "the of and to in a said on for is that with by was as at from its has will be an are city government",
        "project development company year million billion yuan new district province county local officials",
        "people service industry high-tech enterprises zone percent investment construction Mianyang Sichuan",
        "economic report according more than",
    )
).split(" ")
_SYLLABLES = "ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru "
_SYLLABLES += "sa se si so su ta te ti to tu va ve vi vo tion ment ing er al ous pro con ex in"
_TRANSLATOR_NOTES = (
    "Checked against the print edition.",
    "术语以本报译名表为准。",
    "Desk: keep the figure in yuan, no conversion.",
    "Reviewed by the night editor.\nPlace names follow the 2017 gazetteer.",
    "待核实：数字与原稿不一致。",
)


class TextMaker:
    """Deterministic English and Chinese news-like text with a Zipf-like vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        syllables = _SYLLABLES.split()
        invented = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(6000)}
        self.words = _COMMON_WORDS + sorted(invented - set(_COMMON_WORDS))
        self.word_weights = _zipf_cumulative(len(self.words))
        hanzi = rng.sample(range(0x4E00, 0x9FA6), 3000)
        self.hanzi = [chr(cp) for cp in hanzi]
        self.hanzi_weights = _zipf_cumulative(len(self.hanzi))

    def english(self, minimum: int, maximum: int) -> str:
        """English sentences: a length drawn from ``minimum..maximum``, whole sentences, never outside the range."""
        target = self.rng.randint(minimum, maximum)
        sentences: list[str] = []
        total = -1
        while total < target:
            sentence = self._english_sentence()
            if total + 1 + len(sentence) > maximum:
                if total >= minimum:
                    break
                continue
            sentences.append(sentence)
            total += len(sentence) + 1
        return " ".join(sentences)

    def _english_sentence(self) -> str:
        words = self.rng.choices(self.words, cum_weights=self.word_weights, k=self.rng.randint(8, 24))
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), f"{self.rng.randint(2, 980)}.{self.rng.randint(0, 9)}")
        if self.rng.random() < 0.2:
            i = self.rng.randrange(len(words) - 1)
            words[i : i + 2] = [f'"{words[i]} {words[i + 1]}"']
        if self.rng.random() < 0.3:
            i = self.rng.randrange(1, len(words))
            words[i - 1] += ","
        sentence = " ".join(words)
        return sentence[0].upper() + sentence[1:] + "."

    def chinese(self, minimum: int, maximum: int) -> str:
        """Chinese clauses with full-width punctuation, a length drawn from ``minimum..maximum``."""
        target = self.rng.randint(minimum, maximum)
        parts: list[str] = []
        total = 0
        while total < target:
            clause = self._chinese_clause()
            if total + len(clause) > maximum:
                if total >= minimum:
                    break
                continue
            parts.append(clause)
            total += len(clause)
        return "".join(parts)[:-1] + "。"

    def _chinese_clause(self) -> str:
        clause = "".join(self.rng.choices(self.hanzi, cum_weights=self.hanzi_weights, k=self.rng.randint(6, 18)))
        if self.rng.random() < 0.15:
            clause = f"“{clause[:4]}”{clause[4:]}"
        if self.rng.random() < 0.2:
            clause += f"{self.rng.randint(2, 980)}亿元"
        return clause + self.rng.choice("，，，。")

    def edit_english(self, text: str) -> str:
        """``text`` with one word replaced by another (a typical copy-editor's change)."""
        words = text.split(" ")
        while True:
            i = self.rng.randrange(len(words))
            replacement = self.rng.choices(self.words, cum_weights=self.word_weights)[0]
            if replacement != words[i] and words[i].isalpha():
                words[i] = replacement
                return " ".join(words)

    def edit_chinese(self, text: str) -> str:
        """``text`` with two characters replaced."""
        while True:
            i = self.rng.randrange(len(text) - 3)
            replacement = "".join(self.rng.choices(self.hanzi, cum_weights=self.hanzi_weights, k=2))
            edited = text[:i] + replacement + text[i + 2 :]
            if edited != text and all("\u4e00" <= c <= "\u9fa5" for c in text[i : i + 2]):
                return edited


def _zipf_cumulative(n: int) -> list[float]:
    """Cumulative weights 1/rank for ``random.choices``."""
    total = 0.0
    cumulative = []
    for rank in range(1, n + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return cumulative


# --------------------------------------------------------------------------------------------
# The synthetic catalog and template
# --------------------------------------------------------------------------------------------


@dataclass
class Synthetic:
    """The generated inputs and what was done to them (the ground truth for the checks)."""

    po_path: Path
    pot_path: Path
    entries: int
    edited: dict[Key, str] = field(default_factory=dict)  # new key -> old msgid (translated entries)
    removed: set[Key] = field(default_factory=set)
    added: set[Key] = field(default_factory=set)
    english_lengths: list[int] = field(default_factory=list)
    chinese_lengths: list[int] = field(default_factory=list)


def _po_header(po: polib.POFile, *, created: str, revised: str | None) -> None:
    """Fill in a GNU-style header; a catalog (``revised`` given) gets Language and Plural-Forms."""
    po.header = "Synthetic catalog for benchmarks/bench_update.py.\nNot real news text."
    po.metadata = {
        "Project-Id-Version": DOMAIN,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created,
        "PO-Revision-Date": revised or "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "Bench Translator <bench@example.org>" if revised else "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "Chinese (Simplified) <zh@example.org>" if revised else "LANGUAGE <LL@li.org>",
        "Language": "zh_Hans" if revised else "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if revised:
        po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["X-Generator"] = "newsbilingual bench"


def build_inputs(root: Path, entries: int, seed: int = SEED) -> Synthetic:
    """Write the zh catalog of the old template and the new template ``<root>/locales/<DOMAIN>.pot``."""
    rng = random.Random(seed)
    text = TextMaker(rng)
    locales = root / "locales"
    synthetic = Synthetic(
        po_path=catalog_path(locales, DOMAIN, LANGUAGE), pot_path=locales / f"{DOMAIN}.pot", entries=entries
    )

    # Articles of 5-40 paragraphs until there are `entries` entries.
    articles: list[list[polib.POEntry]] = []
    made = 0
    line = 1
    while made < entries:
        number = len(articles)
        paragraphs = []
        for p in range(1, min(rng.randint(5, 40), entries - made) + 1):
            english_source = rng.random() < 0.7
            if english_source:
                msgid = text.english(300, 900)
                msgstr = text.chinese(len(msgid) // 4, len(msgid) // 2)
                synthetic.english_lengths.append(len(msgid))
            else:
                msgid = text.chinese(60, 330)
                msgstr = text.english(len(msgid) * 2, len(msgid) * 4)
                synthetic.chinese_lengths.append(len(msgid))
            entry = polib.POEntry(
                msgctxt=f"article/a{number:05d}/body/p{p:02d}",
                msgid=msgid,
                msgstr=msgstr,
                comment=f"Paragraph {p} of the body of article a{number:05d}.",
                occurrences=[(f"stories/a{number:05d}.toml", str(line))],
                tcomment=rng.choice(_TRANSLATOR_NOTES) if rng.random() < 0.1 else "",
            )
            line += rng.randint(2, 9)
            paragraphs.append(entry)
        articles.append(paragraphs)
        made += len(paragraphs)

    old = polib.POFile(wrapwidth=79)
    _po_header(old, created="2017-12-22 19:30+0800", revised="2017-12-23 09:15+0800")
    for paragraphs in articles:
        old.extend(paragraphs)
    write_pofile(old, synthetic.po_path)

    # The new template: edit, remove, add.
    live = [entry for paragraphs in articles for entry in paragraphs]
    picked = rng.sample(range(len(live)), round(EDIT_SHARE * entries) + round(REMOVE_SHARE * entries))
    edit_ids = set(picked[: round(EDIT_SHARE * entries)])
    remove_ids = set(picked[round(EDIT_SHARE * entries) :])
    add_to = [rng.randrange(len(articles)) for _ in range(round(ADD_SHARE * entries))]
    new = polib.POFile(wrapwidth=79)
    _po_header(new, created="2017-12-24 08:00+0800", revised=None)
    index = 0
    for number, paragraphs in enumerate(articles):
        for entry in paragraphs:
            old_key = (entry.msgctxt, entry.msgid)
            if index in remove_ids:
                synthetic.removed.add(old_key)
            else:
                msgid = entry.msgid
                if index in edit_ids:
                    edit = text.edit_english if entry.msgid.isascii() else text.edit_chinese
                    msgid = edit(entry.msgid)
                    synthetic.edited[(entry.msgctxt, msgid)] = entry.msgid
                new.append(
                    polib.POEntry(
                        msgctxt=entry.msgctxt, msgid=msgid, comment=entry.comment, occurrences=entry.occurrences
                    )
                )
            index += 1
        for extra in range(1, add_to.count(number) + 1):
            p = len(paragraphs) + extra
            msgid = text.english(300, 900) if rng.random() < 0.7 else text.chinese(60, 330)
            entry = polib.POEntry(
                msgctxt=f"article/a{number:05d}/body/p{p:02d}",
                msgid=msgid,
                comment=f"Paragraph {p} of the body of article a{number:05d}.",
                occurrences=[(f"stories/a{number:05d}.toml", str(line))],
            )
            line += 3
            synthetic.added.add((entry.msgctxt, entry.msgid))
            new.append(entry)
    write_pofile(new, synthetic.pot_path)
    return synthetic


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------

_OURS = """
import sys, time
from pathlib import Path
start = time.perf_counter()
from newsbilingual.catalog.locales import update
imported = time.perf_counter()
update(Path(sys.argv[1]), sys.argv[2])
print(imported - start, time.perf_counter() - imported)
"""


@dataclass
class Timing:
    """The runs of one operation."""

    label: str
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    capped: bool = False
    output: Path | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.wall)


@dataclass
class Run:
    """One timed child process."""

    wall: float
    cpu: float
    peak_mb: float
    timed_out: bool
    stdout: str


def run_timed(command: Sequence[str], timeout: float | None = None) -> Run:
    """Run ``command``: wall clock, CPU (user + system) and peak resident memory of that process;
    it is killed after ``timeout`` s.

    The peak comes from GNU time (``/usr/bin/time -f %M``), which forks the command from its own
    small process: ``os.wait4`` on a child forked from this Python process would report this
    process's size, which the child inherits at fork.
    """
    gnu_time = Path("/usr/bin/time").is_file()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            ["/usr/bin/time", "-f", "%M", *command] if gnu_time else command, stdout=out, stderr=err
        )
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        timed_out = timer is not None and not timer.is_alive() and process.returncode < 0
        if timer:
            timer.cancel()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if not timed_out and process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    peak_kb = int(stderr.split()[-1]) if gnu_time and not timed_out else usage.ru_maxrss
    return Run(wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024, timed_out, stdout)


def fresh_copy(synthetic: Synthetic, root: Path, name: str) -> Path:
    """A fresh copy of the input ``locales`` folder under ``root/name``; returns the new locales folder."""
    target = root / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(synthetic.pot_path.parent, target / "locales")
    return target / "locales"


def time_ours(synthetic: Synthetic, work: Path, repeat: int) -> tuple[Timing, Timing]:
    """Our update in a fresh Python process per run: (whole process, the ``update()`` call alone)."""
    process = Timing("ours: update() in a fresh python process")
    call = Timing("ours: the update() call alone (no start-up/imports)")
    for i in range(repeat):
        locales = fresh_copy(synthetic, work, f"ours-{i}")
        run = run_timed([sys.executable, "-c", _OURS, str(locales), DOMAIN])
        process.wall.append(run.wall)
        process.cpu.append(run.cpu)
        process.peak_mb.append(run.peak_mb)
        call.wall.append(float(run.stdout.split()[1]))
        process.output = call.output = catalog_path(locales, DOMAIN, LANGUAGE)
    return process, call


def time_msgmerge(synthetic: Synthetic, work: Path, options: Sequence[str], repeat: int, cap: float | None) -> Timing:
    """``msgmerge OPTIONS old.po new.pot -o out.po`` on fresh copies, ``repeat`` times."""
    timing = Timing(" ".join(["msgmerge", *options]) + ("" if "-N" in options else " (fuzzy)"))
    for i in range(repeat):
        locales = fresh_copy(synthetic, work, f"msgmerge{''.join(options)}-{i}")
        po = catalog_path(locales, DOMAIN, LANGUAGE)
        out = po.with_name("out.po")
        run = run_timed(["msgmerge", *options, str(po), str(locales / f"{DOMAIN}.pot"), "-o", str(out)], cap)
        timing.wall.append(run.wall)
        timing.cpu.append(run.cpu)
        timing.peak_mb.append(run.peak_mb)
        if run.timed_out:
            timing.capped = True
            break
        timing.output = out
    return timing


_OURS_COMPILE = """
import sys
from pathlib import Path
from newsbilingual.catalog.compiling import compile_all
compile_all(Path(sys.argv[1]), sys.argv[2])
"""


def time_compile(synthetic: Synthetic, work: Path, repeat: int) -> tuple[Timing, Timing]:
    """Our ``compile_all`` (fresh Python process) and ``msgfmt``, interleaved, on the catalog."""
    ours, gnu = Timing("ours: compile_all() in a fresh python process"), Timing("msgfmt")
    locales = fresh_copy(synthetic, work, "compile")
    po = catalog_path(locales, DOMAIN, LANGUAGE)
    for _ in range(repeat):
        for timing, command in (
            (ours, [sys.executable, "-c", _OURS_COMPILE, str(locales), DOMAIN]),
            (gnu, ["msgfmt", "-o", str(po.with_name("gnu.mo")), str(po)]),
        ):
            run = run_timed(command)
            timing.wall.append(run.wall)
            timing.cpu.append(run.cpu)
            timing.peak_mb.append(run.peak_mb)
    ours.output, gnu.output = po.with_suffix(".mo"), po.with_name("gnu.mo")
    return ours, gnu


def check_compiled(ours: Path, gnu: Path) -> Check:
    """Python's gettext reads the same catalog (header included) from our .mo and msgfmt's."""
    catalogs = []
    for path in (ours, gnu):
        with path.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        catalogs.append(catalog)
    same = catalogs[0] == catalogs[1]
    return Check("compile: our .mo = msgfmt's .mo under Python gettext", same, f"{len(catalogs[0])} messages")


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------


@dataclass
class Check:
    """One check's verdict and what it found."""

    name: str
    ok: bool
    detail: str


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid)


def _live(po: polib.POFile) -> dict[Key, polib.POEntry]:
    return {_key(e): e for e in po if not e.obsolete and e.msgid}


def _obsolete_translated(po: polib.POFile) -> set[Key]:
    return {_key(e) for e in po if e.obsolete and e.msgstr}


def _what_matters(entry: polib.POEntry) -> tuple[object, ...]:
    return (
        entry.msgstr,
        "fuzzy" in entry.flags,
        entry.previous_msgctxt,
        entry.previous_msgid,
        entry.tcomment,
        entry.comment,
        tuple(entry.occurrences),
    )


def _blocks(path: Path) -> list[str]:
    return path.read_text("utf-8").rstrip("\n").split("\n\n")


def _block_context(block: str) -> str:
    """The msgctxt of one written entry (``#~ msgctxt`` for an obsolete one), or "" for the header."""
    for line in block.splitlines():
        if line.startswith(("msgctxt ", "#~ msgctxt ")):
            return line.split(" ", 2 if line.startswith("#~") else 1)[-1].strip('"')
    return ""


def _short(key: Key) -> str:
    return f"{key[0]} {key[1][:40]!r}"


def compare_outputs(ours_path: Path, other_path: Path, other: str, synthetic: Synthetic, fuzzy: bool) -> list[Check]:
    """Ours against one msgmerge output: live keys, obsolete entries, entry contents, bytes."""
    ours, theirs = polib.pofile(str(ours_path)), polib.pofile(str(other_path))
    ours_live, their_live = _live(ours), _live(theirs)
    checks = []
    only_ours, only_theirs = set(ours_live) - set(their_live), set(their_live) - set(ours_live)
    checks.append(
        Check(
            f"live (msgctxt, msgid) keys: ours = {other}",
            not only_ours and not only_theirs,
            f"{len(ours_live)} vs {len(their_live)}; only ours {len(only_ours)}, only {other} {len(only_theirs)}"
            + "".join(f"\n      only ours: {_short(k)}" for k in sorted(only_ours)[:3])
            + "".join(f"\n      only {other}: {_short(k)}" for k in sorted(only_theirs)[:3]),
        )
    )

    ours_obs, their_obs = _obsolete_translated(ours), _obsolete_translated(theirs)
    edited_old = {(ctxt, old) for (ctxt, _new), old in synthetic.edited.items()}
    if fuzzy:
        ok = len(ours_obs) == len(their_obs) and ours_obs == their_obs
        expectation = "expected equal"
    else:
        # -N cannot match an edited msgid: its old entry goes to #~ and the new one is untranslated.
        ok = their_obs == ours_obs | edited_old and not ours_obs & edited_old
        expectation = f"expected {other} = ours + the {len(edited_old)} edited msgids' old entries"
    checks.append(
        Check(
            f"obsolete entries with translations: ours vs {other}",
            ok,
            f"ours {len(ours_obs)}, {other} {len(their_obs)} ({expectation}); "
            f"removed by the template: {len(synthetic.removed)}",
        )
    )

    expected_diff = set() if fuzzy else set(synthetic.edited)
    differing = {
        k for k in ours_live.keys() & their_live.keys() if _what_matters(ours_live[k]) != _what_matters(their_live[k])
    }
    unexpected = differing - expected_diff
    detail = f"{len(differing)} live entries differ in msgstr/fuzzy/#|/comments/refs"
    if expected_diff:
        detail += (
            f" ({len(differing & expected_diff)} of them edited msgids: fuzzy+#| in ours, untranslated in {other})"
        )
    for k in sorted(unexpected)[:5]:
        detail += f"\n      {_short(k)}:\n        ours  {_what_matters(ours_live[k])[:4]!r:.200}"
        detail += f"\n        {other:5} {_what_matters(their_live[k])[:4]!r:.200}"
    checks.append(Check(f"entry contents: ours vs {other} (unexpected differences)", not unexpected, detail))

    # Bytes: which entry blocks (split at blank lines) of each file are missing from the other.
    identical = ours_path.read_bytes() == other_path.read_bytes()
    ours_blocks, their_blocks = _blocks(ours_path), _blocks(other_path)
    ours_only = [blk for blk in ours_blocks if blk not in set(their_blocks)]
    their_only = [blk for blk in their_blocks if blk not in set(ours_blocks)]
    edited_contexts = sorted(ctxt for ctxt, _ in synthetic.edited)
    if fuzzy:
        ok, expectation = identical, "expected byte-identical"
    else:
        # Expected: each edited msgid is fuzzy in ours, but untranslated (live) + #~ (old) in -N.
        ok = sorted(map(_block_context, ours_only)) == edited_contexts and sorted(
            map(_block_context, their_only)
        ) == sorted(edited_contexts * 2)
        expectation = "expected: exactly the edited msgids' blocks (ours: 1 fuzzy; -N: 1 untranslated + 1 #~)"
    detail = (
        f"identical: {identical}; blocks (header + entries) only in ours {len(ours_only)}, "
        f"only in {other} {len(their_only)} ({expectation})"
    )
    if not ok:
        for who, blocks in (("ours", ours_only), (other, their_only)):
            for block in blocks[:2]:
                detail += f"\n      {who}:\n        " + "\n        ".join(block.splitlines()[:10])
    checks.append(Check(f"bytes: ours vs {other}'s output", ok, detail))
    return checks


def check_ours(ours_path: Path, synthetic: Synthetic) -> list[Check]:
    """Ours alone: fuzzy + ``#|`` exactly on the edited msgids, ``msgfmt --check``, ``msgcat`` no-op."""
    ours = polib.pofile(str(ours_path))
    live = _live(ours)
    fuzzy = {k for k, e in live.items() if "fuzzy" in e.flags}
    with_previous = {
        k
        for k in fuzzy
        if live[k].previous_msgid == synthetic.edited.get(k) and live[k].previous_msgctxt == k[0] and live[k].msgstr
    }
    missing = set(synthetic.edited) - with_previous
    extra = fuzzy - set(synthetic.edited)
    checks = [
        Check(
            "ours: fuzzy with #| previous msgctxt+msgid on exactly the edited msgids",
            not missing and not extra,
            f"{len(synthetic.edited)} edited, {len(fuzzy)} fuzzy, {len(with_previous)} with the right #| and "
            f"msgstr; missing {len(missing)}, fuzzy but not edited {len(extra)}",
        ),
        Check(
            "ours: untranslated entries are exactly the added ones",
            {k for k, e in live.items() if not e.msgstr} == synthetic.added,
            f"{sum(1 for e in live.values() if not e.msgstr)} untranslated, {len(synthetic.added)} added",
        ),
    ]
    msgfmt = subprocess.run(
        ["msgfmt", "--check", "-o", os.devnull, str(ours_path)], capture_output=True, text=True, check=False
    )
    checks.append(
        Check("ours: msgfmt --check", msgfmt.returncode == 0, f"exit {msgfmt.returncode} {msgfmt.stderr.strip()[:500]}")
    )
    msgcat = subprocess.run(["msgcat", str(ours_path)], capture_output=True, check=False)
    data = ours_path.read_bytes()
    same = msgcat.returncode == 0 and msgcat.stdout == data
    detail = f"exit {msgcat.returncode}, {len(data)} bytes in, {len(msgcat.stdout)} out"
    if not same and msgcat.returncode == 0:
        a, b = data.decode().splitlines(), msgcat.stdout.decode().splitlines()
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        detail += f"; first difference at line {first + 1}:"
        detail += f"\n      ours   {a[first : first + 1]}\n      msgcat {b[first : first + 1]}"
    checks.append(Check("ours: msgcat output is a byte-for-byte no-op", same, detail))
    return checks


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def machine_facts() -> list[str]:
    """CPU, Python, gettext and library versions."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    gettext = subprocess.run(["msgmerge", "--version"], capture_output=True, text=True, check=False).stdout
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    return [
        f"cpu: {model}; os.cpu_count() = {os.cpu_count()}, usable = {affinity}; "
        f"OMP_NUM_THREADS = {os.environ.get('OMP_NUM_THREADS', '(unset)')}",
        f"system: {platform.platform()}",
        f"python: {sys.version.split()[0]} ({platform.python_implementation()}); polib {polib.__version__}",
        f"gettext: {gettext.splitlines()[0] if gettext else 'msgmerge not found'}",
    ]


def _fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


def ratios(timing: Timing, baseline: Timing) -> tuple[float, ...]:
    """``timing`` over ``baseline``: median wall clock, median CPU, peak memory (those measured)."""
    found = [timing.median / baseline.median]
    if timing.cpu:
        found.append(statistics.median(timing.cpu) / statistics.median(baseline.cpu))
    if timing.peak_mb:
        found.append(max(timing.peak_mb) / max(baseline.peak_mb))
    return tuple(found)


def print_table(timings: Iterable[Timing], baseline: Timing, cap: float) -> None:
    """The timing table, with ratios against the baseline (``msgmerge -N --previous``) of this run."""
    rows = [("operation", "median s", "cpu s", "peak MB", "runs (s)", f"x {baseline.label} (wall, cpu, peak)")]
    for timing in timings:
        if timing.capped:
            median, runs, ratio = f"> {cap:.0f}", f"killed at {timing.wall[-1]:.1f}", f"> {cap / baseline.median:.0f}"
        else:
            median, runs = _fmt(timing.median), ", ".join(_fmt(w) for w in timing.wall)
            ratio = ", ".join(f"{r:.2f}" for r in ratios(timing, baseline))
        cpu = _fmt(statistics.median(timing.cpu)) if timing.cpu else "-"
        peak = f"{max(timing.peak_mb):.0f}" if timing.peak_mb else "-"
        rows.append((timing.label, median, cpu, peak, runs, ratio))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print(
            "  ".join(
                c.ljust(w) if i in (0, 4, 5) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
        if n == 0:
            print("  ".join("-" * w for w in widths))


def bench_size(args: argparse.Namespace, entries: int, work: Path) -> tuple[list[Check], dict[str, tuple]]:
    """Build, time and check one catalog size; returns the checks and the ratios for the summary."""
    started = time.perf_counter()
    synthetic = build_inputs(work / f"input-{entries}", entries)
    print(f"\n== {entries} entries (seed {SEED}, built in {time.perf_counter() - started:.1f} s)")
    print(
        f"  English msgids {len(synthetic.english_lengths)} "
        f"(median {statistics.median(synthetic.english_lengths):.0f} chars, "
        f"{min(synthetic.english_lengths)}-{max(synthetic.english_lengths)}), Chinese msgids "
        f"{len(synthetic.chinese_lengths)} (median {statistics.median(synthetic.chinese_lengths):.0f} chars, "
        f"{min(synthetic.chinese_lengths)}-{max(synthetic.chinese_lengths)})"
    )
    print(
        f"  new template: {len(synthetic.edited)} msgids edited, {len(synthetic.removed)} removed, "
        f"{len(synthetic.added)} added"
    )
    po_mb, pot_mb = synthetic.po_path.stat().st_size / 1e6, synthetic.pot_path.stat().st_size / 1e6
    print(f"  PO {po_mb:.1f} MB, POT {pot_mb:.1f} MB")
    size_work = work / f"runs-{entries}"
    # Interleaved, so that a burst of load on a shared machine falls on both sides.
    ours, ours_call = time_ours(synthetic, size_work, 1)
    baseline = time_msgmerge(synthetic, size_work, ["-N", "--previous"], 1, None)
    for _ in range(args.repeat - 1):
        for timing, again in zip(
            (ours, ours_call, baseline),
            (*time_ours(synthetic, size_work, 1), time_msgmerge(synthetic, size_work, ["-N", "--previous"], 1, None)),
            strict=True,
        ):
            timing.wall += again.wall
            timing.cpu += again.cpu
            timing.peak_mb += again.peak_mb
    timings = [ours, ours_call, baseline]
    fuzzy = None
    if not args.skip_fuzzy and entries <= args.fuzzy_max:
        fuzzy = time_msgmerge(synthetic, size_work, ["--previous"], 1, args.fuzzy_cap)
        timings.append(fuzzy)
    print(f"\n  update (each run on a fresh copy; x{args.repeat}; fuzzy once, cap {args.fuzzy_cap:.0f} s)")
    print_table(timings, baseline, args.fuzzy_cap)
    compiled, msgfmt = time_compile(synthetic, size_work, args.repeat)
    print(f"\n  compile (interleaved, x{args.repeat})")
    print_table([compiled, msgfmt], msgfmt, args.fuzzy_cap)

    assert ours.output is not None and baseline.output is not None
    checks = check_ours(ours.output, synthetic)
    if fuzzy is not None and fuzzy.output is not None:
        checks += compare_outputs(ours.output, fuzzy.output, "msgmerge", synthetic, fuzzy=True)
    checks += compare_outputs(ours.output, baseline.output, "msgmerge -N", synthetic, fuzzy=False)
    assert compiled.output is not None and msgfmt.output is not None
    checks.append(check_compiled(compiled.output, msgfmt.output))
    return checks, {"update": ratios(ours, baseline), "compile": ratios(compiled, msgfmt)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--entries", type=int, nargs="+", default=[5000, 20000, 80000], help="catalog sizes (5000 20000 80000)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each fast operation; the median is reported")
    parser.add_argument("--fuzzy-cap", type=float, default=300.0, help="kill fuzzy msgmerge after SECONDS (300)")
    parser.add_argument("--fuzzy-max", type=int, default=5000, help="run fuzzy msgmerge only up to N entries (5000)")
    parser.add_argument("--skip-fuzzy", action="store_true", help="do not run msgmerge --previous with fuzzy matching")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory and print its path")
    args = parser.parse_args(argv)

    print("== machine")
    for line in machine_facts():
        print("  " + line)
    work = Path(tempfile.mkdtemp(prefix="bench_update."))
    try:
        summary = {}
        failed = 0
        for entries in args.entries:
            checks, summary[entries] = bench_size(args, entries, work)
            print("\n  checks")
            for check in checks:
                print(f"  [{'PASS' if check.ok else 'FAIL'}] {check.name}: {check.detail}")
            failed += sum(1 for c in checks if not c.ok)
        print("\n== ratios (ours / GNU: wall, cpu, peak memory; goal <= 1.0)")
        for entries, ratio in summary.items():
            print(
                f"  {entries:>6} entries: update / msgmerge -N --previous "
                + ", ".join(f"{r:.2f}" for r in ratio["update"])
                + "; compile / msgfmt "
                + ", ".join(f"{r:.2f}" for r in ratio["compile"])
            )
        print(f"\n  {failed} checks failed")
        return 1 if failed else 0
    finally:
        if args.keep:
            print(f"\n  files kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
