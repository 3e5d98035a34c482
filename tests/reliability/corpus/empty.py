"""The bad-input corpus: empty cases (see tests/reliability/corpus/__init__.py)."""

from __future__ import annotations

import pytest

from tests.reliability.corpus.common import ACNO_HEADER, GPP_HEADER, PIN_HEADER, Empty

EMPTY = [
    pytest.param(
        "attendance/kec-timur/header.csv",
        (ACNO_HEADER + "\n").encode(),
        Empty(("a ZKTime 'AC-No.' export with no record", "export it again from the machine")),
        id="attendance acno header only",
    ),
    pytest.param(
        "attendance/disdik/none.json",
        b'{"status": true, "data": []}',
        Empty(("a Fingerspot get_attlog response with no record",)),
        id="attendance fingerspot data []",
    ),
    pytest.param(
        "attendance/disdik/list.json",
        b"[]",
        Empty(("the JSON holds no records ([])",)),
        id="attendance json []",
    ),
    pytest.param("employees.json", b"[]", Empty(("holds no records ([])",)), id="employees []"),
    pytest.param(
        "pin_map.csv",
        (PIN_HEADER + "\n").encode(),
        Empty(("a header row (row 1) and no records",)),
        id="pin map header only",
    ),
    pytest.param(
        "leave.json",
        b'{"data": []}',
        Empty(("the JSON 'data' list holds no records",)),
        id="leave data []",
    ),
    pytest.param(
        "payroll/gpp.csv",
        (GPP_HEADER + "\n").encode(),
        Empty(("a header row (row 1) and no records",)),
        id="payroll header only",
    ),
    pytest.param("payroll/gaji.json", b"[]", Empty(("holds no records ([])",)), id="payroll []"),
    pytest.param(
        "ekinerja/rw-kinerjaperiodik.json",
        b"[]",
        Empty(("holds no records ([])",)),
        id="ekinerja []",
    ),
    pytest.param(
        "ekinerja/penilaian.csv",
        b"nip,predikat\n",
        Empty(("a header row (row 1) and no records",)),
        id="ekinerja header only",
    ),
    pytest.param(
        "reference/sanctions.csv",
        b"\xef\xbb\xbf\r\n",
        Empty(("only blank lines",)),
        id="reference bom and blank line",
    ),
]
