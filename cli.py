"""``python cli.py ...`` behaves exactly like ``vaxkit ...``.

On a fresh clone it first prepares ``.venv`` (see ``vaxkit/devenv.py``), so that the README's two
commands work on a machine that has Python and nothing else.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from vaxkit import devenv  # noqa: E402

if __name__ == "__main__":
    devenv.ensure(ROOT, sys.argv)
    from vaxkit.cli import main

    main()
