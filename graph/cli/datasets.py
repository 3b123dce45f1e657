"""The command that makes a dataset of one's own: ``init`` (see :mod:`graph.rdf.datasets`)."""

from __future__ import annotations

from pathlib import Path

from graph.cli.options import command
from graph.errors import ParameterError


def register(sub) -> None:
    s = command(sub, "init", cmd_init, "make a dataset folder of your own, built on the curated graph unless --standalone",
                "carekg init my-dataset")
    s.add_argument("folder", type=Path, nargs="?", metavar="DIR",
                   help="the new folder (new or empty, in a folder that exists); or give it as --data DIR")
    s.add_argument("--standalone", action="store_true",
                   help="a dataset that does not build on the curated graph: its commands read its own facts only")


def folder_of(args) -> Path:
    """The folder ``init`` makes: DIR, or --data DIR (the same folder if both are given)."""
    folder, data = args.folder, args.data
    if folder is None and data is None:
        raise ParameterError("init: name the new folder: carekg init DIR")
    if folder is not None and data is not None and Path(folder).resolve() != Path(data).resolve():
        raise ParameterError(f"init: two folders given ({folder} and --data {data}): name one")
    return Path(folder if folder is not None else data)


def cmd_init(args, ctx) -> int:
    from graph.rdf.datasets import DECLARATION, init_dataset

    folder = init_dataset(folder_of(args), standalone=args.standalone)
    what = "standing alone" if args.standalone else "built on the curated graph"
    print(f"made {folder}: a dataset {what} ({folder / DECLARATION}; article texts go in {folder / 'sources'}, "
          f"its build in {folder / 'build'})")
    print(f"next: carekg --data {folder} source add ARTICLE.txt --title HEADLINE --date DATE")
    return 0


__all__ = ["register", "cmd_init", "folder_of"]
