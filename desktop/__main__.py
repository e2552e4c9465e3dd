"""``python -m desktop``: the same entry point as ``mlflow-desktop``."""

import sys

from desktop.cli import main

sys.exit(main())
