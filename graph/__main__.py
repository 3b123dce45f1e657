"""``python -m graph`` and the ``carekg`` program (see :func:`graph.cli.parser.run`).

The command line is imported inside :func:`main`, so a Ctrl-C while it loads is one line and
exit 130 like a Ctrl-C at any later point, not a traceback.
"""

import sys


def main() -> None:
    try:
        from graph.cli.parser import run
    except KeyboardInterrupt:
        sys.stderr.write("carekg: interrupted\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
