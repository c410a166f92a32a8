"""The ``newsbilingual`` command line: one sub-command per job of a desk.

Every command works on the bundled seed story when no story is given. Errors print
``file:line: message`` and exit with status 2; ``validate`` exits 1 when a document is invalid.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from . import __version__
from .bundled import SEED_STORY, locales_dir
from .errors import NewsbilingualError
from .model import Story
from .storyfile import load_story
from .validate import validate_file
from .wire import render_feed, render_story, utc_now, write_documents

EXIT_INVALID = 1
EXIT_ERROR = 2

Run = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]
COMMANDS: dict[str, tuple[Run, Configure, str, str]] = {}


def command(name: str, configure: Configure, summary: str, example: str) -> Callable[[Run], Run]:
    """Register a sub-command: its arguments, one-line summary and a usage example for --help."""

    def register(run: Run) -> Run:
        COMMANDS[name] = (run, configure, summary, example)
        return run

    return register


def _story(args: argparse.Namespace) -> Story:
    return load_story(args.story or SEED_STORY)


def _locales(args: argparse.Namespace) -> Path:
    if args.locales:
        return Path(args.locales)
    return Path("locales") if Path("locales").is_dir() else locales_dir()


def _clock(args: argparse.Namespace) -> Callable[[], datetime]:
    if not args.sent:
        return utc_now
    try:
        sent = datetime.fromisoformat(args.sent)
    except ValueError:
        raise NewsbilingualError(f"--sent {args.sent!r} is not an ISO 8601 date-time") from None
    if sent.tzinfo is None:
        raise NewsbilingualError("--sent needs a timezone offset, e.g. 2017-12-22T20:00:00+08:00")
    return lambda: sent


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales, else the bundled one)")
    parser.add_argument(
        "--lang", action="append", dest="languages", metavar="LANG", help="edition language (repeatable; default: all)"
    )
    parser.add_argument("--strict", action="store_true", help="refuse untranslated or fuzzy segments")
    parser.add_argument("--sent", metavar="DATETIME", help="newsMessage send time (default: now); fixes the output")


def _configure_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", help="story file (default: the bundled seed story)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the XML files")
    _add_render_options(p)


def _configure_feed(p: argparse.ArgumentParser) -> None:
    p.add_argument("stories", nargs="*", help="story files (default: the bundled seed story)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="newsMessage file to write")
    p.add_argument("--sender", help="header/sender (default: the first story's provider)")
    _add_render_options(p)


def _configure_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="NewsML-G2 documents")
    p.add_argument("--schema", metavar="XSD", help="NewsML-G2 2.35 XSD (default: $NEWSBILINGUAL_SCHEMA)")


@command(
    "render",
    _configure_render,
    "render a story's editions to NewsML-G2 files",
    "newsbilingual render story.toml -o build/wire",
)
def cmd_render(args: argparse.Namespace) -> int:
    story = _story(args)
    documents = render_story(
        story, locales=_locales(args), languages=args.languages, strict=args.strict, clock=_clock(args)
    )
    for path in write_documents(documents, Path(args.output)):
        print(path)
    return 0


@command(
    "feed", _configure_feed, "one newsMessage carrying several stories", "newsbilingual feed a.toml b.toml -o feed.xml"
)
def cmd_feed(args: argparse.Namespace) -> int:
    stories = [load_story(path) for path in args.stories] or [load_story(SEED_STORY)]
    sender = args.sender or stories[0].article.header.provider.uri
    data = render_feed(
        stories, locales=_locales(args), languages=args.languages, strict=args.strict, clock=_clock(args), sender=sender
    )
    write_documents({Path(args.output).name: data}, Path(args.output).parent)
    print(args.output)
    return 0


@command(
    "validate",
    _configure_validate,
    "check NewsML-G2 files against the XSD and the QCode catalogs",
    "newsbilingual validate build/wire/*.xml",
)
def cmd_validate(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        try:
            problems = validate_file(name, schema=args.schema)
        except NewsbilingualError as error:
            if error.source is None or error.source == "<bytes>":
                error.source = name
            problems = [error]
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            status = EXIT_INVALID
        else:
            print(f"{name}: valid")
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbilingual",
        description="Bilingual (zh/en) news publishing: story files, gettext catalogs, NewsML-G2 2.35.",
        epilog="Run 'newsbilingual COMMAND --help' for each command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (run, configure, summary, example) in COMMANDS.items():
        p = sub.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(run=run)
        configure(p)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and of ``python -m newsbilingual``."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except NewsbilingualError as error:
        print(f"newsbilingual: {error}", file=sys.stderr)
        return EXIT_ERROR
