"""The ``newsbilingual`` command line: one sub-command per job of a desk.

Every command works on the bundled seed story when no story is given. Errors print
``file:line: message`` and exit with status 2; ``validate`` exits 1 when a document is invalid.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .bundled import SEED_STORY, locales_dir
from .errors import NewsbilingualError
from .version import __version__

# Each command imports the stages it runs inside its function: `newsbilingual --help` (and any
# one command) then loads only what it needs.
if TYPE_CHECKING:
    from .newsml.read import Parsed
    from .story.model import Provider, Story

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
    from .story.storyfile import load_story

    return load_story(args.story or SEED_STORY)


def _locales(args: argparse.Namespace) -> Path:
    """The catalogs folder to read: --locales, else ./locales, else the bundled one."""
    if args.locales:
        return Path(args.locales)
    return Path("locales") if Path("locales").is_dir() else locales_dir()


def _writable_locales(args: argparse.Namespace) -> Path:
    """The catalogs folder to write: --locales, else ./locales; never the installed package's."""
    return Path(args.locales or "locales")


def _clock(args: argparse.Namespace) -> Callable[[], datetime]:
    if not args.sent:
        from .desk.wire import utc_now

        return utc_now
    try:
        sent = datetime.fromisoformat(args.sent)
    except ValueError:
        raise NewsbilingualError(f"--sent {args.sent!r} is not an ISO 8601 date-time") from None
    if sent.tzinfo is None:
        raise NewsbilingualError("--sent needs a timezone offset, e.g. 2017-12-22T20:00:00+08:00")
    return lambda: sent


def _warn(message: str) -> None:
    print(f"newsbilingual: warning: {message}", file=sys.stderr)


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
    from .desk.wire import render_story, write_documents

    story = _story(args)
    documents = render_story(
        story, locales=_locales(args), languages=args.languages, strict=args.strict, clock=_clock(args), warn=_warn
    )
    for path in write_documents(documents, Path(args.output)):
        print(path)
    return 0


@command(
    "feed", _configure_feed, "one newsMessage carrying several stories", "newsbilingual feed a.toml b.toml -o feed.xml"
)
def cmd_feed(args: argparse.Namespace) -> int:
    from .desk.wire import render_feed, write_documents
    from .story.storyfile import load_story

    stories = [load_story(path) for path in args.stories] or [load_story(SEED_STORY)]
    sender = args.sender or stories[0].article.header.provider.uri
    data = render_feed(
        stories,
        locales=_locales(args),
        languages=args.languages,
        strict=args.strict,
        clock=_clock(args),
        sender=sender,
        warn=_warn,
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
    from .newsml.validate import schema_path, validate_file

    schema = schema_path(args.schema)
    status = 0
    for name in args.files:
        try:
            problems = validate_file(name, schema=schema)
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


def _configure_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", help="story file (default: the bundled seed story)")
    p.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales)")
    p.add_argument("--library", action="store_true", help="extract the library's own domain 'newsbilingual' instead")


@command("extract", _configure_extract, "write a story's catalog template (POT)", "newsbilingual extract story.toml")
def cmd_extract(args: argparse.Namespace) -> int:
    from .catalog.extract import build_library_template, po_date, template_path, write_template
    from .catalog.localeformat import LIBRARY_DOMAIN
    from .catalog.powrap import write_pofile
    from .desk.wire import utc_now
    from .story.storyfile import load_story

    folder = _writable_locales(args)
    if args.library:
        path = template_path(folder, LIBRARY_DOMAIN)
        write_pofile(build_library_template(po_date(utc_now())), path)
    else:
        story_file = Path(args.story) if args.story else SEED_STORY
        path = write_template(load_story(story_file), folder, story_file=story_file)
    print(path)
    return 0


def _configure_catalogs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales)")
    p.add_argument("--domain", help="only this story id (gettext domain); default: every template")


@command("update", _configure_catalogs, "merge templates into every language catalog", "newsbilingual update")
def cmd_update(args: argparse.Namespace) -> int:
    from .catalog import locales

    for path in locales.update(_writable_locales(args), args.domain):
        print(path)
    return 0


def _configure_init(p: argparse.ArgumentParser) -> None:
    _configure_catalogs(p)
    p.add_argument("--lang", required=True, help="language to start: zh, zh-Hans, en")
    p.add_argument("--translator", default="", metavar="'NAME <EMAIL>'", help="Last-Translator header")


@command("init", _configure_init, "start the catalogs of a new language", "newsbilingual init --lang zh")
def cmd_init(args: argparse.Namespace) -> int:
    from .catalog import locales
    from .desk.wire import utc_now

    for path in locales.init(
        _writable_locales(args), args.lang, domain=args.domain, now=utc_now(), translator=args.translator
    ):
        print(path)
    return 0


@command("compile", _configure_catalogs, "compile .po catalogs to .mo files", "newsbilingual compile")
def cmd_compile(args: argparse.Namespace) -> int:
    from .catalog import locales

    for path in locales.compile_all(_writable_locales(args), args.domain):
        print(path)
    return 0


def _configure_stats(p: argparse.ArgumentParser) -> None:
    _configure_catalogs(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


@command("stats", _configure_stats, "translation progress per story and language", "newsbilingual stats --json")
def cmd_stats(args: argparse.Namespace) -> int:
    from .catalog import locales

    rows = locales.stats(_locales(args), [args.domain] if args.domain else None)
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    else:
        print(locales.stats_table(rows))
    return 0


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def _configure_ingest(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="plain-text story: UTF-8, GBK/GB18030, UTF-16 with BOM or cp1252")
    p.add_argument("-o", "--output", metavar="STORY", help="story file to write (default: print it, no template)")
    p.add_argument("--locales", metavar="DIR", default="locales", help="folder of the catalog template (./locales)")
    p.add_argument("--lang", help="source language: en or zh (default: detected from the text)")
    p.add_argument("--date", type=_iso_date, help="the story's date, YYYY-MM-DD (default: from the text)")
    p.add_argument("--year", type=int, help="year of a date the text prints without one ('on Dec. 22')")
    p.add_argument("--provider-uri", metavar="URI", help="the provider's URI; its host names the guids")
    p.add_argument("--provider-name", metavar="NAME", help="default: the outlet the reporter's byline names")
    p.add_argument("--slug", help="the story's name in its guids (default: from the headline)")
    p.add_argument("--story-id", help="story id and gettext domain (default: the slug)")
    p.add_argument("--place", help="dateline place when the text names none (本报讯)")
    p.add_argument("--timezone", help="IANA zone of the story (default: ingest's DEFAULT_TIMEZONE, Asia/Shanghai)")
    p.add_argument("--no-repair", dest="repair", action="store_false", help="leave GBK encoding damage as it is")


@command(
    "ingest",
    _configure_ingest,
    "turn a plain-text story into a story file and its catalog template",
    "newsbilingual ingest copy.txt -o story.toml --year 2017 --provider-uri https://www.mianyang-daily.example/",
)
def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest.build import DEFAULT_TIMEZONE, ingest_file, write_story_files
    from .story.model import Provider
    from .story.storyfile import dumps_story

    provider: Provider | str | None = args.provider_uri
    if args.provider_uri and args.provider_name:
        provider = Provider(args.provider_name, args.provider_uri)
    result = ingest_file(
        args.file,
        language=args.lang,
        date=args.date,
        year=args.year,
        provider=provider,
        story_id=args.story_id,
        slug=args.slug,
        place=args.place,
        timezone=args.timezone or DEFAULT_TIMEZONE,
        repair=args.repair,
    )
    for repair in result.repairs:
        print(
            f"{args.file}:{repair.line}:{repair.column}: repaired {repair.before!r} -> {repair.after!r}",
            file=sys.stderr,
        )
    for warning in result.warnings:
        where = args.file if warning.line is None else f"{args.file}:{warning.line}"
        print(f"{where}: warning: {warning.message}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(dumps_story(result.story))
        return 0
    for path in write_story_files(result.story, args.output, locales=args.locales):
        print(path)
    return 0


def _configure_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="NewsML-G2 documents (newsItem, packageItem, newsMessage)")
    p.add_argument("--json", action="store_true", help="print the objects as JSON instead of a summary")
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse documents larger than N bytes (default 50 MB)")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _summary(parsed: Parsed) -> list[str]:
    """A few readable lines per item: kind, guid, language, headline, what else it holds."""
    from .story.model import PackageItem, PictureItem, TextItem

    lines = [f"{parsed.source}: {parsed.root}, {len(parsed.items)} item(s)"]
    for item in parsed.items:
        header = item.header
        language = header.language or "-"
        lines.append(f"  {type(item).__name__} {header.guid} v{header.version} [{language}] {header.pub_status}")
        if isinstance(item, TextItem):
            lines.append(f"    headline: {_one_line(item.headline)}")
            for label in item.other_headlines:
                lines.append(f"    headline ({label.language or label.role}): {_one_line(label.text)}")
            by = ", ".join(_one_line(byline.text or byline.name) for byline in item.bylines)
            lines.append(f"    genre: {item.genre or '-'}; by: {by or '-'}; {len(item.body)} paragraph(s)")
        elif isinstance(item, PictureItem):
            lines.append(f"    caption: {_one_line(item.caption)}")
            lines.append(f"    {len(item.renditions)} rendition(s)")
        elif isinstance(item, PackageItem):
            refs = sum(len(group.refs) for group in item.groups)
            lines.append(f"    {len(item.groups)} group(s), {refs} item reference(s)")
        if item.extras:
            lines.append(f"    {len(item.extras)} part(s) kept as XML (no model field)")
    return lines


def _json_default(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@command(
    "parse",
    _configure_parse,
    "read NewsML-G2 files into the library's objects and summarise them",
    "newsbilingual parse partner/item.xml --json",
)
def cmd_parse(args: argparse.Namespace) -> int:
    from .newsml.read import parse

    status = 0
    for name in args.files:
        try:
            parsed = parse(name, **({"max_bytes": args.max_bytes} if args.max_bytes is not None else {}))
        except NewsbilingualError as error:
            print(f"newsbilingual: {error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        for warning in parsed.warnings:
            print(warning, file=sys.stderr)
        if args.json:
            print(json.dumps(asdict(parsed), default=_json_default, ensure_ascii=False, indent=2))
        else:
            print("\n".join(_summary(parsed)))
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
    except OSError as error:
        # A folder where a file should be, a missing path, a full disk: say which file and why.
        where = f"{error.filename}: " if error.filename else ""
        print(f"newsbilingual: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
