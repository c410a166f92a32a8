"""Refresh newsbilingual/story/iptc-newscodes.tsv from the IPTC NewsCodes server.

Run by hand when IPTC releases its vocabularies (it needs the network, so no test runs it
against the server):

    python scripts/refresh_newscodes.py            # genre, ninat, cpnat, stat, sig, cpprole
    python scripts/refresh_newscodes.py --with-medtop   # and every Media Topic (about 1,200)
    python scripts/refresh_newscodes.py --from DIR      # from saved <scheme>.json files instead
    python scripts/refresh_newscodes.py --medtop-xlsx IPTC-MediaTopic-NewsCodes.xlsx
        # only the Media Topics, from IPTC's spreadsheet export (needs openpyxl); the other
        # vocabularies' lines are kept as they are

Each vocabulary is read as the server's JSON (``?format=json``): its ``conceptSet`` lists the
concepts with their ``qcode``. Retired codes are kept (documents using them still parse). The
table is rewritten atomically with each vocabulary's source and today's date.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from newsbilingual.atomic import write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "newsbilingual" / "story" / "iptc-newscodes.tsv"
SERVER = "https://cv.iptc.org/newscodes/"
# Alias -> (scheme on the server, what it is for).
VOCABULARIES = {
    "genre": ("genre", "current and retired codes; retired ones still parse"),
    "ninat": ("ninature", "item natures, the itemClass of an item"),
    "cpnat": ("cpnature", "concept natures, the type of a subject or place"),
    "stat": ("pubstatusg2", "publishing status, pubStatus"),
    "sig": ("signal", "processing signals, signal"),
    "cpprole": ("contentprodpartyrole", "roles of a creator or contributor"),
}
MEDTOP = ("mediatopic", "IPTC Media Topics, subject")


def codes_of(document: dict, alias: str) -> list[str]:
    """The codes of one vocabulary's JSON document: each concept's QCode without its alias."""
    codes = []
    for concept in document.get("conceptSet", []):
        qcode = concept.get("qcode", "")
        prefix, _, code = qcode.partition(":")
        if code and prefix == alias:
            codes.append(code)
    if not codes:
        raise SystemExit(f"no {alias}: codes in the document: has the server's format changed?")
    return sorted(set(codes))


def fetch(scheme: str, source: Path | None) -> dict:
    if source is not None:
        return json.loads((source / f"{scheme}.json").read_text("utf-8"))
    with urllib.request.urlopen(f"{SERVER}{scheme}?format=json&lang=x-all", timeout=60) as response:
        return json.load(response)


def table(vocabularies: dict[str, tuple[str, str]], source: Path | None) -> str:
    """The new table's text: a header naming each vocabulary's source and date, then alias<TAB>code."""
    today = datetime.now(UTC).date().isoformat()
    lines = [
        "# IPTC NewsCodes the library checks QCodes against (CC BY 4.0 (c) IPTC): scheme alias<TAB>code.",
        "# Refreshed by scripts/refresh_newscodes.py from the IPTC CV server; each vocabulary's source and date:",
    ]
    rows = []
    for alias, (scheme, what) in vocabularies.items():
        codes = codes_of(fetch(scheme, source), alias)
        lines.append(f"# {alias}: http://cv.iptc.org/newscodes/{scheme}/ ({what}); {today}.")
        rows += [f"{alias}\t{code}" for code in codes]
    if "medtop" not in vocabularies:
        lines.append("# medtop: not listed; newscodes.py checks the form of its codes (--with-medtop lists them).")
    return "\n".join(lines + rows) + "\n"


def media_topics_from_xlsx(path: Path) -> tuple[list[str], str]:
    """The Media Topic codes (current and retired) of IPTC's spreadsheet export, and its date.

    IPTC publishes the vocabulary as ``IPTC-MediaTopic-NewsCodes.xlsx``: a title row
    ("IPTC MediaTopic NewsCodes last updated YYYY-MM-DD"), a header row, then one row per
    concept with its flat QCode in the column "NewsCode-QCode (flat)".
    """
    import openpyxl  # a maintainer's tool only: the library never reads spreadsheets

    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    title = str(next(rows)[0] or "")
    column = next(rows).index("NewsCode-QCode (flat)")
    codes = [str(row[column]).removeprefix("medtop:") for row in rows if row[column]]
    if not codes:
        raise SystemExit(f"{path}: no Media Topic codes: has the spreadsheet's layout changed?")
    return sorted(set(codes)), title.rpartition(" ")[2]


def replace_media_topics(text: str, codes: list[str], note: str) -> str:
    """``text`` (the table) with its medtop comment and rows replaced by ``codes``."""
    kept, in_medtop_comment = [], False
    for line in text.splitlines():
        if line.startswith("# medtop:"):
            in_medtop_comment = True
            continue
        if in_medtop_comment and line.startswith("#   "):
            continue
        in_medtop_comment = False
        if not line.startswith("medtop\t"):
            kept.append(line)
    header = [line for line in kept if line.startswith("#")]
    rows = [line for line in kept if line and not line.startswith("#")]
    return "\n".join(header + [f"# medtop: {note}"] + rows + [f"medtop\t{code}" for code in codes]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-medtop", action="store_true", help="also list every Media Topic")
    parser.add_argument("--from", dest="source", type=Path, help="read <scheme>.json files from this folder")
    parser.add_argument("--medtop-xlsx", type=Path, help="only refresh the Media Topics, from IPTC's .xlsx export")
    parser.add_argument("-o", "--output", type=Path, default=TABLE, help=f"table to write (default: {TABLE})")
    args = parser.parse_args(argv)
    if args.medtop_xlsx:
        codes, updated = media_topics_from_xlsx(args.medtop_xlsx)
        note = (
            f"http://cv.iptc.org/newscodes/mediatopic/ (IPTC Media Topics, subject; current and retired codes),\n"
            f"#   from IPTC's spreadsheet export last updated {updated} ({args.medtop_xlsx.name})."
        )
        write_text_atomic(args.output, replace_media_topics(TABLE.read_text("utf-8"), codes, note))
        print(args.output)
        return 0
    vocabularies = dict(VOCABULARIES)
    if args.with_medtop:
        vocabularies["medtop"] = MEDTOP
    write_text_atomic(args.output, table(vocabularies, args.source))
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
