"""python -m pipelines: see pipelines/cli.py.

A setting read when the code location loads (KINERJA_FIRST_MONTH: the monthly partitions are
built at import) that cannot be used is one line on stderr and exit status 2, never a stack.
"""

import sys

from resources.settings import SettingError

try:
    from pipelines.cli import main
except SettingError as exc:
    sys.stderr.write(f"ERROR: {exc}\n")
    sys.exit(2)

sys.exit(main())
