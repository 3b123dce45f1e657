"""Library constants the command line shows or checks, read only when first needed.

The parser is built for every command, so a choice list that lives beside heavy code (networkx,
in :mod:`graph.analysis`) would slow every command down if it were imported to build it:
``carekg query`` need not load networkx because ``discourse`` lists its qualifiers.  A
:class:`Constant` names the constant (``"module:NAME"``) and imports it when argparse first
reads it (to check a value or show the help); the help shows it through ``%(choices)s`` or, for
an option the library checks itself, through :class:`Listing`.

Examples
--------
>>> checks = Choices("graph.checks.validate:ALL_CHECKS")
>>> "shacl" in checks, str(checks)
(True, 'terms, shacl, qc, evidence, ontology, owl')
>>> from graph.checks.validate import ALL_CHECKS
>>> checks.value is ALL_CHECKS
True
>>> int(Constant("graph.map.scope:LIMIT"))
400
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from functools import cached_property


class Constant:
    """A library constant (``"module:NAME"``, or several sequences joined in order), imported
    when first read.  ``str`` joins a sequence with commas."""

    def __init__(self, *constants: str):
        self.constants = constants

    @cached_property
    def value(self):
        """The constant itself (one constant), or the constants' values joined without repeats."""
        found = [getattr(importlib.import_module(module), name) for module, name in (c.split(":") for c in self.constants)]
        if len(found) == 1:
            return found[0]
        return tuple(dict.fromkeys(v for values in found for v in values))

    def __int__(self) -> int:
        return int(self.value)

    def __str__(self) -> str:
        return self.value if isinstance(self.value, str) else ", ".join(map(str, self.value)) \
            if isinstance(self.value, (tuple, list)) else str(self.value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self.constants))})"


class Choices(Constant, Sequence):
    """A choice list that is a library constant (or several, joined in order), read when argparse
    first looks at it."""

    def __getitem__(self, i):
        return self.value[i]

    def __len__(self) -> int:
        return len(self.value)

    def __contains__(self, value) -> bool:
        return value in self.value


class Listing(argparse.Action):
    """Store the value; the help names library constants as ``%(NAME)s`` (each a :class:`Choices`,
    given as ``listing={NAME: ...}``), read when the help is shown.  For options the library
    checks itself, with one clear line, so argparse has no choices to check."""

    def __init__(self, option_strings, dest, listing: dict | None = None, **kwargs):
        super().__init__(option_strings, dest, **kwargs)
        self.listing = dict(listing or {})
        vars(self).update(self.listing)

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)


__all__ = ["Constant", "Choices", "Listing"]
