"""Entry point of the PyInstaller bundle (the same as ``mlflow-desktop``).

Worker processes of a frozen app start this executable again: ``freeze_support``
turns those launches into workers before any argument parsing. A windowed build on
Windows has no standard streams; they become ``os.devnull`` so that ``print`` and
``--version`` cannot fail.
"""

import multiprocessing
import os
import sys


def main() -> int:
    multiprocessing.freeze_support()
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
    from desktop.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
