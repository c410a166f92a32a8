"""The ``newsbilingual`` command line: one sub-command per job of a desk.

Commands that only read or preview (render, check, proof ...) work on the bundled seed story
when no story is given; commands that send to the wire (publish, withdraw, feed, render-all)
need a story named, the bundled one only with ``--demo``. Errors print ``file:line: message``
and exit with status 2; ``validate`` exits 1 when a document is invalid, ``publish`` when an
edition would print untranslated text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .bundled import SEED_STORY, locales_dir
from .errors import NewsbilingualError, SourceTextError
from .version import __version__

# Each command imports the stages it runs inside its function: `newsbilingual --help` (and any
# one command) then loads only what it needs.
if TYPE_CHECKING:
    from .newsml.read import Parsed
    from .settings import Setting
    from .story.model import Story

T = TypeVar("T")
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


def _stories(args: argparse.Namespace) -> list[Story]:
    """The stories named on the command line, else the bundled one."""
    from .story.storyfile import load_story

    return [load_story(path) for path in args.stories or [SEED_STORY]]


def _add_demo_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--demo", action="store_true", help="use the bundled seed story (never used unless named)")


def _wire_stories(args: argparse.Namespace, given: Sequence[str]) -> list[str]:
    """The stories a command that sends to the wire was given: never the bundled one by accident."""
    paths = [*given, *([str(SEED_STORY)] if args.demo else [])]
    if not paths:
        raise NewsbilingualError(
            f"{args.command} sends to the wire: name a story file or folder (or --demo for the bundled story)"
        )
    return paths


def _setting(args: argparse.Namespace, name: str) -> Setting:
    """A setting in force: this command's option of that name > environment > settings file > default."""
    from .settings import load_settings

    return load_settings({name: getattr(args, name, None)})[name]


def _locales(args: argparse.Namespace) -> Path:
    """The catalogs folder to read: --locales or the settings' folder, else ./locales, else the bundled one."""
    chosen = _setting(args, "locales")
    if chosen.origin != "default":
        if not Path(chosen.value).is_dir():  # a typo must not publish every edition in the source language
            raise NewsbilingualError(f"no such catalogs folder (given by {chosen.origin})", source=str(chosen.value))
        return Path(chosen.value)
    return Path("locales") if Path("locales").is_dir() else locales_dir()


def _writable_locales(args: argparse.Namespace) -> Path:
    """The catalogs folder to write: --locales, the settings' folder, else ./locales; never the installed one."""
    return Path(_setting(args, "locales").value)


def _clock(args: argparse.Namespace) -> Callable[[], datetime]:
    from .desk.wire import utc_now

    if not args.sent:
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


def _language_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _add_render_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales, else the bundled one)")
    parser.add_argument(
        "--lang",
        "--languages",
        action="extend",
        type=_language_list,
        dest="languages",
        metavar="LANG",
        help="edition languages, e.g. 'zh' (Chinese only) or 'en,zh'; repeatable (default: all with a catalog)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse untranslated or fuzzy segments and translations with check errors (see 'check')",
    )
    parser.add_argument("--sent", metavar="DATETIME", help="newsMessage send time (default: now); fixes the output")


def _write_checked(documents: dict[str, bytes], directory: Path, args: argparse.Namespace) -> list[Path]:
    """Write the documents; with --validate, only when every one of them is valid."""
    from .desk.wire import document_problems, write_documents
    from .newsml.validate import schema_path

    if args.validate:
        problems = document_problems(documents, schema=schema_path(_setting(args, "schema").value))
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            invalid = len({problem.source for problem in problems})
            raise NewsbilingualError(f"{invalid} of {len(documents)} document(s) invalid: nothing written")
    return write_documents(documents, directory)


def _configure_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", help="story file (default: the bundled seed story)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the XML files")
    _add_render_options(p)
    p.add_argument(
        "--validate",
        action="store_true",
        help="check every document against the XSD and QCode catalogs first; write nothing if one is invalid",
    )
    p.add_argument("--schema", metavar="XSD", help="NewsML-G2 2.35 XSD for --validate (default: $NEWSBILINGUAL_SCHEMA)")


def _configure_feed(p: argparse.ArgumentParser) -> None:
    p.add_argument("stories", nargs="*", help="story files or folders of them")
    _add_demo_option(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="newsMessage file to write")
    p.add_argument("--sender", help="header/sender (default: the first story's provider)")
    p.add_argument(
        "--max-items", type=int, metavar="N", help="split into numbered messages of at most N items (FILE-0001.xml ...)"
    )
    _add_render_options(p)


def _add_limit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--max-bytes", type=int, metavar="N", help="refuse documents larger than N bytes (default 50 MB)")
    p.add_argument(
        "--max-elements", type=int, metavar="N", help="refuse documents of more than N elements (default 2,000,000)"
    )


def _limits(args: argparse.Namespace) -> dict[str, int]:
    """The limits given on the command line, as keyword arguments (the library's defaults otherwise)."""
    given = {"max_bytes": args.max_bytes, "max_elements": args.max_elements}
    return {name: value for name, value in given.items() if value is not None}


def _configure_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="NewsML-G2 documents")
    p.add_argument("--schema", metavar="XSD", help="NewsML-G2 2.35 XSD (default: $NEWSBILINGUAL_SCHEMA, settings)")
    p.add_argument("--schema-only", action="store_true", help="check the XSD alone, not the QCode aliases")
    _add_limit_options(p)


@command(
    "render",
    _configure_render,
    "render a story's editions to NewsML-G2 files",
    "newsbilingual render story.toml -o build/wire",
)
def cmd_render(args: argparse.Namespace) -> int:
    from .desk.wire import render_story

    story = _story(args)
    languages = _setting(args, "languages").value
    documents = render_story(
        story, locales=_locales(args), languages=languages, strict=args.strict, clock=_clock(args), warn=_warn
    )
    for path in _write_checked(documents, Path(args.output), args):
        print(path)
    return 0


@command(
    "feed",
    _configure_feed,
    "one newsMessage (or several, --max-items) carrying many stories, written as it goes",
    "newsbilingual feed stories/ -o feed.xml --max-items 1000",
)
def cmd_feed(args: argparse.Namespace) -> int:
    from .desk.feed import story_files, write_feed

    paths = story_files(_wire_stories(args, args.stories))
    result = write_feed(
        _progress(paths, "feed"),
        Path(args.output),
        sender=args.sender,
        locales=_locales(args),
        languages=_setting(args, "languages").value,
        strict=args.strict,
        clock=_clock(args),
        max_items=args.max_items,
        on_failure=lambda failure: print(f"newsbilingual: {failure}", file=sys.stderr),
        warn=_warn,
    )
    for path in result.files:
        print(path)
    return EXIT_ERROR if result.failures else 0


@command(
    "validate",
    _configure_validate,
    "check NewsML-G2 files against the XSD and the QCode catalogs",
    "newsbilingual validate build/wire/*.xml",
)
def cmd_validate(args: argparse.Namespace) -> int:
    from .newsml.validate import ERROR, schema_path, validate_file

    schema = schema_path(_setting(args, "schema").value)
    status = 0
    for name in args.files:
        problems = validate_file(name, schema=schema, schema_only=args.schema_only, **_limits(args))
        for problem in problems:
            print(problem, file=sys.stderr)
        if any(getattr(problem, "severity", ERROR) == ERROR for problem in problems):
            status = EXIT_INVALID
        else:
            print(f"{name}: valid")
    if not args.schema_only:
        from .story.newscodes import checked_aliases

        print(
            f"newsbilingual: codes checked in the IPTC vocabularies {', '.join(checked_aliases())}; "
            "the aliases of every other scheme checked as declared",
            file=sys.stderr,
        )
    return status


def _configure_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", help="story file (default: the bundled seed story)")
    p.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales)")
    p.add_argument("--library", action="store_true", help="extract the library's own domain 'newsbilingual' instead")


@command("extract", _configure_extract, "write a story's catalog template (POT)", "newsbilingual extract story.toml")
def cmd_extract(args: argparse.Namespace) -> int:
    from .catalog.extract import build_library_template, po_date, template_path, write_template
    from .catalog.powrap import write_pofile
    from .catalog.translations import LIBRARY_DOMAIN
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


class _Problems:
    """Collects the errors of catalogs that stop nothing else (a folder naming no language): each is
    printed as it comes, and the command still exits with status 2."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: NewsbilingualError) -> None:
        print(f"newsbilingual: {error}", file=sys.stderr)
        self.count += 1

    def status(self) -> int:
        return EXIT_ERROR if self.count else 0


def _configure_update(p: argparse.ArgumentParser) -> None:
    _configure_catalogs(p)
    p.add_argument("--force", action="store_true", help="merge even if most translations would turn obsolete")


@command(
    "update",
    _configure_update,
    "merge templates into every language catalog; start a new story's catalogs in every language",
    "newsbilingual update",
)
def cmd_update(args: argparse.Namespace) -> int:
    from .catalog import locales
    from .desk.wire import utc_now

    problems = _Problems()
    for path in locales.update(
        _writable_locales(args),
        args.domain,
        force=args.force,
        now=utc_now(),
        on_error=problems,
        accept=_setting(args, "memory_accept").value or (),
    ):
        print(path)
    return problems.status()


def _configure_init(p: argparse.ArgumentParser) -> None:
    _configure_catalogs(p)
    p.add_argument("--lang", required=True, help="language to start: any BCP 47 tag Babel knows (ja, fr, zh-Hant-TW)")
    p.add_argument("--translator", default="", metavar="'NAME <EMAIL>'", help="Last-Translator header")
    p.add_argument(
        "--from",
        dest="from_language",
        metavar="LANG",
        help="start from this language's catalogs, converted (zh-Hans -> zh-Hant*, OpenCC; entries fuzzy)",
    )


@command(
    "init",
    _configure_init,
    "start the catalogs of a new language",
    "newsbilingual init --lang zh-Hant-TW --from zh-Hans",
)
def cmd_init(args: argparse.Namespace) -> int:
    from .catalog import locales
    from .desk.wire import utc_now

    for path in locales.init(
        _writable_locales(args),
        args.lang,
        domain=args.domain,
        now=utc_now(),
        translator=args.translator,
        from_language=args.from_language,
    ):
        print(path)
    return 0


@command("compile", _configure_catalogs, "compile .po catalogs to .mo files", "newsbilingual compile")
def cmd_compile(args: argparse.Namespace) -> int:
    from .catalog import compiling

    problems = _Problems()
    for path in compiling.compile_all(_writable_locales(args), args.domain, on_error=problems):
        print(path)
    return problems.status()


def _configure_stats(p: argparse.ArgumentParser) -> None:
    _configure_catalogs(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


@command("stats", _configure_stats, "translation progress per story and language", "newsbilingual stats --json")
def cmd_stats(args: argparse.Namespace) -> int:
    from .catalog import compiling

    problems = _Problems()
    rows = compiling.stats(_locales(args), [args.domain] if args.domain else None, on_error=problems)
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
    else:
        print(compiling.stats_table(rows))
    return problems.status()


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date YYYY-MM-DD") from None


def _configure_ingest(p: argparse.ArgumentParser) -> None:
    from .settings import OPTIONS

    p.add_argument("file", help="plain-text story: UTF-8, GBK/GB18030, UTF-16 with BOM or cp1252")
    p.add_argument("-o", "--output", metavar="STORY", help="story file to write (default: print it, no template)")
    p.add_argument("--locales", metavar="DIR", help="folder of the catalog template (default: settings, ./locales)")
    p.add_argument("--lang", help="source language: en or zh (default: detected from the text)")
    p.add_argument("--date", type=_iso_date, help="the story's date, YYYY-MM-DD (default: from the text)")
    p.add_argument("--year", type=int, help="year of a date the text prints without one ('on Dec. 22')")
    p.add_argument("--provider-uri", metavar="URI", help="the provider's URI; its host names the guids (or settings)")
    p.add_argument("--provider-name", metavar="NAME", help="default: settings, else the outlet the byline names")
    p.add_argument("--slug", help="the story's name in its guids (default: from the headline)")
    p.add_argument("--story-id", help="story id and gettext domain (default: the slug)")
    p.add_argument("--place", help="dateline place when the text names none (本报讯); default: settings")
    p.add_argument("--timezone", help=f"IANA zone of the story (default: settings, else {OPTIONS['timezone'].default})")
    p.add_argument("--no-repair", dest="repair", action="store_false", help="leave GBK encoding damage as it is")
    p.add_argument("--force", action="store_true", help="replace a template extracted from another story file")


@command(
    "ingest",
    _configure_ingest,
    "turn a plain-text story into a story file and its catalog template",
    "newsbilingual ingest copy.txt -o story.toml --year 2017 --provider-uri https://www.mianyang-daily.example/",
)
def cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest.build import ingest_file, write_story_files
    from .settings import PerLanguage, load_settings
    from .story.model import Provider
    from .story.storyfile import dumps_story

    settings = load_settings(
        {
            "provider_uri": args.provider_uri,
            "provider_name": args.provider_name,
            "place": args.place,
            "timezone": args.timezone,
            "locales": args.locales,
        }
    )
    uri, name = settings["provider_uri"].value, settings["provider_name"].value
    provider: Provider | str | dict[str, Provider] | None = uri
    if uri and isinstance(name, str):
        provider = Provider(name, uri)
    elif uri and name:  # one name per language: the copy's language picks; one without a name has the URI alone
        provider = PerLanguage({language: Provider(text, uri) for language, text in name.items()}, fallback=uri)
    result = ingest_file(
        args.file,
        language=args.lang,
        date=args.date,
        year=args.year,
        provider=provider,
        story_id=args.story_id,
        slug=args.slug,
        place=settings["place"].value,
        timezone=settings["timezone"].value,
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
    written = write_story_files(result.story, args.output, locales=settings["locales"].value, force=args.force)
    for path in written:
        print(path)
    return 0


def _configure_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", help="NewsML-G2 documents (newsItem, packageItem, newsMessage)")
    p.add_argument("--json", action="store_true", help="print the objects as JSON instead of a summary")
    _add_limit_options(p)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _summary(parsed: Parsed) -> list[str]:
    """A few readable lines per item: kind, guid, language, headline, what else it holds."""
    from .story.model import GenericItem, PackageItem, PictureItem, TextItem

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
        elif isinstance(item, GenericItem):
            lines.append(f"    {item.kind} of class {item.item_class or item.item_class_uri or '-'}")
            lines.append(f"    headline: {_one_line(item.headline) or '-'}; {len(item.renditions)} rendition(s)")
        lifecycle = [f"signals: {', '.join(header.signals)}"] if header.signals else []
        if header.embargoed:
            lifecycle.append(f"embargoed until {header.embargoed.isoformat()}")
        if header.urgency is not None:
            lifecycle.append(f"urgency {header.urgency}")
        lifecycle += [f"note: {_one_line(note)}" for note in header.ed_notes]
        if lifecycle:
            lines.append("    " + "; ".join(lifecycle))
        if item.extras:
            lines.append(f"    {len(item.extras)} part(s) kept as XML (no model field)")
    return lines


def _json_default(value: object) -> str:
    from .story.model import ReadFrom

    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, ReadFrom):
        return str(value)
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
            parsed = parse(name, **_limits(args))
        except NewsbilingualError as error:
            print(f"newsbilingual: {error}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        for warning in parsed.warnings:
            print(warning, file=sys.stderr)
        if any(warning.severity == "error" for warning in parsed.warnings):
            status = max(status, EXIT_INVALID)  # an item was not read
        if args.json:
            print(json.dumps(asdict(parsed), default=_json_default, ensure_ascii=False, indent=2))
        else:
            print("\n".join(_summary(parsed)))
    return status


def _configure_render_all(p: argparse.ArgumentParser) -> None:
    p.add_argument("stories", help="folder of story files (*.toml)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the XML files")
    _add_render_options(p)
    p.add_argument("--workers", type=int, metavar="N", help="processes (default: one per core; 1: this process)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="a Dask distributed scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--force", action="store_true", help="render every story, even those whose outputs are current")
    p.add_argument(
        "--time-limit", type=float, default=600.0, metavar="SECONDS", help="stop a story that takes longer (on a pool)"
    )


@command(
    "render-all",
    _configure_render_all,
    "render every story of a folder, in parallel or on a Dask cluster; reruns skip current outputs",
    "newsbilingual render-all archive/ -o build/wire --workers 4",
)
def cmd_render_all(args: argparse.Namespace) -> int:
    from .desk.batch import render_all

    sent = _clock(args)() if args.sent else None
    result = render_all(
        args.stories,
        args.output,
        locales=_locales(args),
        languages=_setting(args, "languages").value,
        strict=args.strict,
        sent=sent,
        force=args.force,
        workers=args.workers,
        scheduler=args.scheduler,
        progress=True,
        time_limit=args.time_limit,
    )
    for outcome in [*result.done, *result.skipped]:
        for warning in outcome.warnings:
            _warn(warning)
    for failure in result.failures:
        print(f"newsbilingual: {failure.error}", file=sys.stderr)
    print(
        f"{len(result.done)} rendered, {len(result.skipped)} already current, {len(result.failures)} failed",
        file=sys.stderr,
    )
    if result.failures:
        print("not rendered: " + " ".join(failure.file for failure in result.failures), file=sys.stderr)
    return EXIT_ERROR if result.failures else 0


def _configure_proof(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", help="story file (default: the bundled seed story)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="HTML file to write")
    p.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales, else the bundled one)")
    p.add_argument("--lang", metavar="LANG", help="edition to proof against the source (default: the other language)")


@command(
    "proof",
    _configure_proof,
    "one HTML page with the source and an edition side by side, segment by segment",
    "newsbilingual proof story.toml -o proof.html --lang zh",
)
def cmd_proof(args: argparse.Namespace) -> int:
    from .atomic import write_text_atomic
    from .check.findings import WARNING
    from .check.run import check_story
    from .desk.proof import proof_html

    story, locales_folder = _story(args), _locales(args)
    languages = [args.lang] if args.lang else None
    findings = check_story(story, locales_folder, languages=languages, termbase_problems=WARNING)
    html = proof_html(story, locales_folder, language=args.lang, findings=findings)
    write_text_atomic(Path(args.output), html)
    print(args.output)
    return 0


def _configure_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


@command(
    "config",
    _configure_config,
    "show the settings in force and where each comes from",
    "newsbilingual config",
)
def cmd_config(args: argparse.Namespace) -> int:
    from .settings import find_settings_file, load_settings

    settings = load_settings()
    found = find_settings_file()
    if args.json:
        print(json.dumps({name: asdict(setting) for name, setting in settings.items()}, ensure_ascii=False, indent=2))
        return 0
    print(f"settings file: {found or 'none (newsbilingual.toml or [tool.newsbilingual] in pyproject.toml)'}")
    for name, setting in settings.items():
        value = "-" if setting.value is None else json.dumps(setting.value, ensure_ascii=False)
        print(f"{name:<14} {value:<40} {setting.origin}")
    return 0


def _add_ledger_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ledger", metavar="FILE", help="publication ledger (default: DIR/.newsbilingual-ledger.sqlite, with the wire)"
    )
    parser.add_argument(
        "--lock-wait", type=float, default=120.0, metavar="SECONDS", help="wait this long for another process's lock"
    )


def _ledger_path(args: argparse.Namespace) -> Path:
    """--ledger, else the ledger that lives in the wire folder (-o)."""
    from .desk.wirefolder import DEFAULT_LEDGER

    if args.ledger:
        return Path(args.ledger)
    if not getattr(args, "output", None):
        raise NewsbilingualError("name the ledger (--ledger FILE) or its wire folder (-o DIR)")
    if Path(args.output).exists() and not Path(args.output).is_dir():
        raise NewsbilingualError("is a file, not a folder: cannot publish into it", source=args.output)
    return Path(args.output) / DEFAULT_LEDGER


def _configure_publish(p: argparse.ArgumentParser) -> None:
    p.add_argument("stories", nargs="*", help="story files")
    _add_demo_option(p)
    p.add_argument(
        "--allow-source-text",
        action="store_true",
        help="send untranslated or fuzzy segments in the source language (marked xml:lang) instead of refusing",
    )
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the XML files")
    _add_ledger_option(p)
    p.add_argument(
        "--correction",
        action="append",
        metavar="TEXT",
        help="send the changes (or only this note) as a correction: what was wrong; 'zh:TEXT' per language",
    )
    p.add_argument("--release", action="store_true", help="lift a hold: publish a story sent with withdraw --withheld")
    p.add_argument("--feed", metavar="FILE", help="also write one newsMessage carrying everything this run sent")
    p.add_argument("--sender", help="with --feed: header/sender (default: the first story's provider)")
    p.add_argument("--max-items", type=int, metavar="N", help="with --feed: numbered messages of at most N items")
    _add_render_options(p)


def _progress(items: Sequence[T], label: str) -> Iterator[T]:
    from .desk.progress import progress

    return progress(items, total=len(items), label=label, stream=sys.stderr)


@command(
    "publish",
    _configure_publish,
    "send what changed in stories since the ledger's last publication of them",
    "newsbilingual publish story.toml -o build/wire",
)
def cmd_publish(args: argparse.Namespace) -> int:
    from .desk.feed import write_published_feed
    from .desk.ledger import open_ledger
    from .desk.publish import PublishResult, publish_all

    paths = _wire_stories(args, args.stories)
    published: list[tuple[Path, ...]] = []

    def report(result: PublishResult) -> None:
        if result.message:
            print(result.message)
        for file in result.files:
            print(file)
        published.append(result.item_files)

    ledger = open_ledger(_ledger_path(args), lock_timeout=args.lock_wait)
    try:
        outcome = publish_all(
            _progress(paths, "publish"),
            Path(args.output),
            ledger=ledger,
            locales=_locales(args),
            languages=args.languages,
            strict=args.strict,
            clock=_clock(args),
            corrections=args.correction or (),
            release=args.release,
            warn=_warn,
            allow_source_text=args.allow_source_text,
            on_result=report,
            on_failure=lambda failure: print(f"newsbilingual: {failure}", file=sys.stderr),
        )
    finally:
        ledger.close()
    if args.feed and any(published):
        sender = args.sender or next(result.provider for result in outcome.results if result.sent)
        for file in write_published_feed(
            published, Path(args.feed), sender=sender, clock=_clock(args), max_items=args.max_items
        ):
            print(file)
    elif args.feed:
        print(f"nothing was sent: no feed written to {args.feed}")
    # A story refused for its untranslated text is a finding (exit 1), as in check; any other failure is 2.
    statuses = [EXIT_INVALID if isinstance(f.error, SourceTextError) else EXIT_ERROR for f in outcome.failures]
    return max(statuses, default=0)


def _configure_withdraw(p: argparse.ArgumentParser) -> None:
    p.add_argument("story", nargs="?", help="story file")
    _add_demo_option(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the XML files")
    _add_ledger_option(p)
    p.add_argument(
        "--reason", action="append", required=True, metavar="TEXT", help="why (repeat as 'zh:TEXT' per language)"
    )
    p.add_argument("--withheld", action="store_true", help="hold back for now (stat:withheld) instead of withdrawing")
    _add_render_options(p)


@command(
    "withdraw",
    _configure_withdraw,
    "send a new version of a story's items that withdraws (or withholds) them",
    "newsbilingual withdraw story.toml -o build/wire --reason 'The figures were wrong'",
)
def cmd_withdraw(args: argparse.Namespace) -> int:
    from .desk.ledger import open_ledger
    from .desk.publish import notes_by_language, withdraw_story
    from .story.storyfile import load_story

    paths = _wire_stories(args, [args.story] if args.story else [])
    if len(paths) > 1:
        raise NewsbilingualError("withdraw takes one story: a story file or --demo, not both")
    story = load_story(paths[0])
    ledger = open_ledger(_ledger_path(args), lock_timeout=args.lock_wait)
    try:
        result = withdraw_story(
            story,
            Path(args.output),
            ledger=ledger,
            reason=notes_by_language(args.reason, story.language),
            status="stat:withheld" if args.withheld else "stat:canceled",
            locales=_locales(args),
            languages=args.languages,
            clock=_clock(args),
        )
    finally:
        ledger.close()
    for file in result.files:
        print(file)
    return 0


def _configure_history(p: argparse.ArgumentParser) -> None:
    p.add_argument("guid", nargs="?", help="an item's guid (its language editions too); default: everything")
    p.add_argument("-o", "--output", metavar="DIR", help="the wire folder whose ledger to read")
    _add_ledger_option(p)
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")


@command(
    "history",
    _configure_history,
    "list what the ledger says was sent, when, as which version (and what is pending)",
    "newsbilingual history -o build/wire",
)
def cmd_history(args: argparse.Namespace) -> int:
    from .desk.ledger import open_ledger

    # Read-only: history never takes the write lock, so it never waits behind a publish.
    ledger = open_ledger(_ledger_path(args), read_only=True, lock_timeout=args.lock_wait)
    try:
        rows = ledger.history(args.guid)
    finally:
        ledger.close()
    if args.json:
        print(json.dumps([row.as_dict() for row in rows], ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        signals = ",".join(row.signals) or "-"
        sent = row.published_at.isoformat() if row.published_at else "-"
        pending = f"  PENDING: {row.pending}" if row.pending else ""
        print(f"{sent}  {row.guid}  v{row.version}  {row.pub_status}  {signals}  {' '.join(row.files)}{pending}")
    return 0


def _configure_pending(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="DIR", help="the wire folder whose ledger to use")
    _add_ledger_option(p)
    action = p.add_mutually_exclusive_group()
    action.add_argument("--finish", type=int, metavar="ID", help="put a pending publication's files in place")
    action.add_argument(
        "--roll-back", type=int, metavar="ID", help="undo a pending publication none of whose files went out"
    )


@command(
    "pending",
    _configure_pending,
    "list publications in the ledger whose files are not all in place; finish or roll one back",
    "newsbilingual pending -o build/wire --finish 7",
)
def cmd_pending(args: argparse.Namespace) -> int:
    from .desk.ledger import open_ledger
    from .desk.publish import finish_pending, roll_back_pending

    listing = args.finish is None and args.roll_back is None
    ledger = open_ledger(_ledger_path(args), read_only=listing, lock_timeout=args.lock_wait)
    try:
        if args.finish is not None:
            finish_pending(ledger, args.finish)
            print(f"publication {args.finish} finished")
        elif args.roll_back is not None:
            roll_back_pending(ledger, args.roll_back)
            print(f"publication {args.roll_back} rolled back: the ledger no longer lists it as sent")
        else:
            for staged in ledger.staged():
                print(f"{staged.id}  {staged.story_id}  {staged.output_dir}  {staged.problem or 'not finished yet'}")
    finally:
        ledger.close()
    return 0


DEFAULT_PARTNERS = "newsbilingual-partners.sqlite"


def _add_partners_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--partners", default=DEFAULT_PARTNERS, metavar="FILE", help=f"partners, keys (default: ./{DEFAULT_PARTNERS})"
    )


def _configure_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--wire", required=True, metavar="DIR", help="the folder publish writes (-o of publish)")
    _add_ledger_option(p)
    _add_partners_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, loopback only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--sender", default="newsbilingual", help="the feed messages' sender (default: newsbilingual)")
    p.add_argument("--root-path", default="", metavar="PATH", help="the path prefix a reverse proxy serves it under")
    p.add_argument(
        "--forwarded-allow-ips", metavar="IPS", help="reverse proxies whose X-Forwarded-* headers are believed"
    )


@command(
    "serve",
    _configure_serve,
    "serve the wire to partners over HTTP: feed, items, keys (extra newsbilingual[serve])",
    "newsbilingual serve --wire build/wire --port 8000",
)
def cmd_serve(args: argparse.Namespace) -> int:
    from .desk.wirefolder import DEFAULT_LEDGER
    from .serve.run import serve_wire

    serve_wire(
        args.ledger or Path(args.wire) / DEFAULT_LEDGER,
        args.wire,
        args.partners,
        host=args.host,
        port=args.port,
        sender=args.sender,
        root_path=args.root_path,
        forwarded_allow_ips=args.forwarded_allow_ips,
    )
    return 0


def _configure_partner(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["add", "list", "revoke"], help="add a partner, list them, or revoke one's key")
    p.add_argument("name", nargs="?", help="the partner's name (add, revoke)")
    _add_partners_option(p)
    p.add_argument("--languages", metavar="TAGS", help="add: languages it may pull, comma-separated (zh-Hans,en)")
    p.add_argument("--genres", metavar="QCODES", help="add: genres it may pull (default: all), comma-separated")
    p.add_argument("--embargoed", action="store_true", help="add: it sees embargoed items before their time")
    p.add_argument("--json", action="store_true", help="list: print JSON")


@command(
    "partner",
    _configure_partner,
    "add, list or revoke the partners who pull from serve; add prints the API key once",
    "newsbilingual partner add 'Daily Planet' --languages zh-Hans,en",
)
def cmd_partner(args: argparse.Namespace) -> int:
    from .serve.partners import add_partner, list_partners, revoke_partner

    def split(text: str | None) -> list[str]:
        return [part.strip() for part in (text or "").split(",") if part.strip()]

    if args.action != "list" and not args.name:
        raise NewsbilingualError(f"partner {args.action} needs the partner's name")
    if args.action == "add":
        languages, genres = split(args.languages), split(args.genres)
        embargoed = args.embargoed
        partner, key = add_partner(args.partners, args.name, languages=languages, genres=genres, embargoed=embargoed)
        print(f"added {partner.name}; its API key (shown only now, keep it safe):", file=sys.stderr)
        print(key)
    elif args.action == "revoke":
        revoke_partner(args.partners, args.name)
        print(f"revoked {args.name}")
    elif args.json:
        print(json.dumps([partner.as_dict() for partner in list_partners(args.partners)], ensure_ascii=False, indent=2))
    else:
        for partner in list_partners(args.partners):
            state = f"revoked {partner.revoked_at.isoformat()}" if partner.revoked_at else "active"
            embargo = "embargoed copy" if partner.embargoed else "after embargo"
            allowed = ",".join(partner.genres) or "all genres"
            print(f"{partner.name}  {','.join(partner.languages)}  {allowed}  {embargo}  {state}")
    return 0


def _configure_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("stories", nargs="*", help="story files (default: the bundled seed story)")
    p.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales, else the bundled one)")
    p.add_argument("--lang", action="append", dest="languages", metavar="LANG", help="only this language (repeatable)")
    p.add_argument("--termbase", metavar="TBX", help="termbase (default: DIR/termbase.tbx when it exists)")
    p.add_argument("--json", action="store_true", help="print the findings as JSON (waived ones too)")


@command(
    "check",
    _configure_check,
    "check translations: figures, names and terms, typography, completeness",
    "newsbilingual check story.toml --lang zh",
)
def cmd_check(args: argparse.Namespace) -> int:
    from .check.findings import ERROR
    from .check.run import check_stories

    stories = _stories(args)
    termbase = Path(args.termbase) if args.termbase else None
    problems = _Problems()  # a broken catalog is listed, the others checked; exit 2 at the end
    findings = check_stories(
        stories, _locales(args), languages=args.languages, termbase=termbase, ignored=args.json, on_error=problems
    )
    if args.json:
        print(json.dumps([finding.as_json() for finding in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
        errors = sum(finding.severity == ERROR for finding in findings)
        print(f"{errors} error(s), {len(findings) - errors} warning(s)", file=sys.stderr)
    return problems.status() or (EXIT_INVALID if any(finding.severity == ERROR for finding in findings) else 0)


def _configure_terms(p: argparse.ArgumentParser) -> None:
    p.add_argument("stories", nargs="*", help="with --add: story files whose names to add (default: the seed story)")
    p.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales, else the bundled one)")
    p.add_argument("--termbase", metavar="TBX", help="termbase (default: DIR/termbase.tbx; with --add: ./locales/)")
    p.add_argument("--add", action="store_true", help="add the stories' people, organisations and places")


@command(
    "terms",
    _configure_terms,
    "list the termbase (TBX), or add a story's names to it",
    "newsbilingual terms --add story.toml",
)
def cmd_terms(args: argparse.Namespace) -> int:
    from .check.run import add_story_names
    from .check.termbase import read_termbase, termbase_table, write_termbase

    locales_folder = _locales(args)
    if not args.add:
        print(termbase_table(read_termbase(Path(args.termbase or locales_folder / "termbase.tbx"))))
        return 0
    # Written next to the catalogs being worked on, never into the installed package.
    path = Path(args.termbase or _writable_locales(args) / "termbase.tbx")
    stories = _stories(args)
    termbase, added = add_story_names(read_termbase(path) if path.is_file() else None, stories, locales_folder)
    write_termbase(termbase, path)
    for term in added:
        print(f"{path}: added {term.id}: " + " = ".join(form.text for form in term.forms))
    return 0


def _configure_xliff(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", required=True, metavar="{export,import}")
    export = actions.add_parser("export", help="a story's catalog in one language as XLIFF")
    export.add_argument("story", nargs="?", help="story file (default: the bundled seed story)")
    export.add_argument("--lang", required=True, help="the catalog's language (zh, zh-Hant-TW, ...)")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="the XLIFF file to write")
    export.add_argument("--xliff-version", choices=("1.2", "2.0"), default="1.2", help="XLIFF version (default 1.2)")
    export.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales, else the bundled one)")
    export.add_argument("--termbase", metavar="TBX", help="termbase for 2.0 glossaries (default: DIR/termbase.tbx)")
    back = actions.add_parser("import", help="merge a translator's XLIFF file into its catalog")
    back.add_argument("file", help="the XLIFF file")
    back.add_argument("--locales", metavar="DIR", help="catalogs folder (default: ./locales)")


@command(
    "xliff",
    _configure_xliff,
    "XLIFF 1.2/2.0 for CAT tools: export a catalog, import the translator's file",
    "newsbilingual xliff export story.toml --lang zh -o story.zh.xlf",
)
def cmd_xliff(args: argparse.Namespace) -> int:
    from .atomic import write_bytes_atomic
    from .catalog.translations import catalog_path, read_po
    from .catalog.xliff import export_xliff, import_xliff
    from .check.termbase import read_termbase

    if args.action == "import":
        path, skipped = import_xliff(Path(args.file), _writable_locales(args))
        for problem in skipped:
            _warn(str(problem))
        print(path)
        return 0
    story = _story(args)
    locales = _locales(args)
    termbase_file = Path(args.termbase or locales / "termbase.tbx")
    glossary = []
    if termbase_file.is_file():
        for term in read_termbase(termbase_file).terms:
            for source in term.forms_in(story.language):
                glossary += [(source.text, target.text) for target in term.forms_for(args.lang)]
    data = export_xliff(
        read_po(catalog_path(locales, story.id, args.lang)),
        domain=story.id,
        source_language=story.language,
        target_language=args.lang,
        version=args.xliff_version,
        glossary=glossary,
    )
    write_bytes_atomic(Path(args.output), data)
    print(args.output)
    return 0


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
    run: Callable[[argparse.Namespace], int] = args.run  # the command's function (see command())
    try:
        return run(args)
    except SourceTextError as error:  # the publish gate found untranslated text: a finding, not a failure
        print(f"newsbilingual: {error}", file=sys.stderr)
        return EXIT_INVALID
    except NewsbilingualError as error:
        print(f"newsbilingual: {error}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as error:
        # A folder where a file should be, a missing path, a full disk: say which file and why.
        where = f"{error.filename}: " if error.filename else ""
        print(f"newsbilingual: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_ERROR
