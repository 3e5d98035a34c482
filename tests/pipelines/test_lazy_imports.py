"""Processes that validate nothing never import Great Expectations (about 2 CPU s per process):
the code location loading its definitions (the webserver's and the daemon's code servers, every
run before its first suite) and the CLI's help. Run in fresh interpreters, as they really run."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GX_LOADED = "import sys; print(any(m.split('.')[0] == 'great_expectations' for m in sys.modules))"


def _gx_loaded_after(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\n{GX_LOADED}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip().splitlines()[-1]


def test_loading_the_code_location_does_not_import_great_expectations():
    code = "from pipelines.definitions import defs; defs.resolve_job_def('month_job')"
    assert _gx_loaded_after(code) == "False"


def test_the_cli_help_does_not_import_great_expectations():
    code = (
        "import contextlib, io, sys\n"
        "from pipelines.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    )
    assert _gx_loaded_after(code) == "False"


def test_validating_a_frame_imports_it_once_and_keeps_one_context():
    code = (
        "import pandas as pd\n"
        "from expectations import devices\n"
        "from expectations.runner import _context, validate\n"
        "f = pd.DataFrame({'device_key': ['a', None], 'timezone': ['Asia/Jakarta', 'Mars/X'],\n"
        "                  'source_file': ['f', 'f'], 'source_line': [1, 2], 'raw': ['x', 'y']})\n"
        "a = validate(f, devices.suite()); b = validate(f, devices.suite())\n"
        "assert len(a.quarantine) == len(b.quarantine) == 1\n"
        "assert _context.cache_info().misses == 1"
    )
    assert _gx_loaded_after(code) == "True"
