"""The README documents every command and every named query."""

from __future__ import annotations

import re

import pytest

from graph.cli.parser import parser
from graph.sparql.catalog import list_queries

from .helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert re.search(rf"\bcarekg {re.escape(command)}\b", README), f"README never shows `carekg {command}`"


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_named_query_is_in_the_readme(name):
    assert f"`{name}`" in README, f"README does not list the named query `{name}`"


def test_the_checker_notices_a_missing_name():
    assert "`no-such-query`" not in README and not re.search(r"\bcarekg frobnicate\b", README)
