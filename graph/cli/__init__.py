"""The ``carekg`` command line: a thin layer over the library.  The parser (``parser``), the
options shared by several commands (``options``, with the library constants they show in
``constants``), what an invocation works on (``context``), the console (output and errors as
one line), one module of commands per topic (``building``, ``querying``, ``describing``,
``exports``, ``map``, ``analysis``, ``coding``, ``scale``), and the reference written from the
parser (``reference``, docs/cli.md).
"""
