"""Two directives that generate reference pages from the code, so nothing is written twice.

``newsbilingual-cli``: every sub-command of :func:`newsbilingual.cli.build_parser`, with the help
text argparse prints. ``newsbilingual-api``: autodoc entries for every name in
``newsbilingual.__all__``, grouped by the pipeline stage that defines it. Commands and public
names added later appear without anyone editing a page.
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import newsbilingual
from newsbilingual.cli import build_parser

HELP_WIDTH = "100"
STAGES = {
    "story": "Stories: objects and story files",
    "catalog": "Catalogs: gettext",
    "check": "Checks",
    "newsml": "NewsML-G2: render, read, validate",
    "ingest": "Ingest: plain-text copy",
    "desk": "The desk: editions and the wire job",
}


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its sub-parsers only here
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


class CommandLineReference(SphinxDirective):
    """One section per sub-command: its summary and its ``--help``."""

    def run(self) -> list[nodes.Node]:
        os.environ["COLUMNS"] = HELP_WIDTH  # argparse wraps help to the terminal's width
        parser = build_parser()
        sections: list[nodes.Node] = [nodes.literal_block(text=parser.format_help(), language="text")]
        for name, sub in _subcommands(parser).items():
            section = nodes.section(ids=[f"command-{name}"], names=[f"newsbilingual {name}"])
            section += nodes.title(text=f"newsbilingual {name}")
            section += nodes.paragraph(text=sub.description or "")
            section += nodes.literal_block(text=sub.format_help(), language="text")
            sections.append(section)
        return sections


def _stage(value: object) -> str:
    module = getattr(value, "__module__", "") or ""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[1] in STAGES else "shared"


class PublicAPIReference(SphinxDirective):
    """autodoc for every public name, under its stage's heading."""

    def run(self) -> list[nodes.Node]:
        groups: dict[str, list[str]] = defaultdict(list)
        for name in newsbilingual.__all__:
            groups[_stage(getattr(newsbilingual, name))].append(name)
        lines: list[str] = []
        for stage in [*STAGES, "shared"]:
            if not groups.get(stage):
                continue
            title = STAGES.get(stage, "Shared: settings, errors, bundled data")
            lines += [title, "-" * len(title), ""]
            for name in groups[stage]:
                value = getattr(newsbilingual, name)
                if isinstance(value, type):
                    lines += [f".. autoclass:: newsbilingual.{name}", "   :members:", ""]
                elif callable(value):
                    lines += [f".. autofunction:: newsbilingual.{name}", ""]
                else:
                    lines += [f".. autodata:: newsbilingual.{name}", "   :no-value:", ""]
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(StringList(lines, source="newsbilingual.__all__"), 0, container, match_titles=True)
        return container.children


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("newsbilingual-cli", CommandLineReference)
    app.add_directive("newsbilingual-api", PublicAPIReference)
    return {"parallel_read_safe": True}
