"""CPU seconds of a process that validates one small frame against one GX suite.

    .venv/bin/python benchmarks/validate_once.py

Prints, in CPU seconds (``time.process_time``): the project's imports, the Great Expectations
import, building the (ephemeral, cached) context, the first and a second validation. Run it in
a fresh process each time: the GX import is paid once per process.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

t0 = time.process_time()
import pandas as pd  # noqa: E402

from expectations import devices  # noqa: E402
from expectations.runner import _context, validate  # noqa: E402

t1 = time.process_time()
import great_expectations  # noqa: E402, F401

t2 = time.process_time()
_context()
t3 = time.process_time()
frame = pd.DataFrame(
    {
        "device_key": ["a", None, "c"],
        "timezone": ["Asia/Jakarta", "Asia/Jakarta", "Mars/X"],
        "source_file": ["f"] * 3,
        "source_line": [1, 2, 3],
        "raw": ["x", "y", "z"],
    }
)
first = validate(frame, devices.suite())
t4 = time.process_time()
second = validate(frame, devices.suite())
t5 = time.process_time()
assert len(first.quarantine) == len(second.quarantine) == 2
print(
    f"imports {t1 - t0:.2f}  gx_import {t2 - t1:.2f}  context {t3 - t2:.2f}  "
    f"first_validation {t4 - t3:.2f}  second {t5 - t4:.2f}  total {t5:.2f} CPU s"
)
