"""Quarantine reason codes: every reason sentence the readers, contracts and rules write maps to
a code other than LAINNYA (the reliability corpus holds one of each kind)."""

import pandas as pd
import pytest

from tests.reliability.corpus import CASES, Loaded
from vocabulary.reasons import CODES, LABELS, OTHER, reason_code, reason_codes


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        pytest.param(
            "duplicate punch (same device, PIN and second); first at attendance/a.dat:3",
            "DUPLIKAT",
            id="duplicate",
        ),
        pytest.param(
            "PIN 55 on device dinkes is not mapped to an NIP on 2024-03-04; add it to pin_map.csv",
            "PIN_TANPA_NIP",
            id="unmapped PIN",
        ),
        pytest.param(
            "nip 199901012020011999 is not in the employee master", "NIP_TIDAK_DIKENAL", id="nip"
        ),
        pytest.param(
            "device clock reset: 2000-01-01 is a reset date; check the machine's clock",
            "JAM_MESIN_SALAH",
            id="clock",
        ),
        pytest.param(
            "contract: unorNama is empty: every employee needs a unit",
            "DATA_WAJIB_KOSONG",
            id="contract prefix",
        ),
        pytest.param(
            "realisasi is negative; contract: realisasi is negative",
            "JUMLAH_TIDAK_VALID",
            id="combined: the first reason decides",
        ),
        pytest.param(
            "file ends mid-record: time '2024-03-' is not a valid YYYY-MM-DD HH:MM:SS",
            "BERKAS_TERPOTONG",
            id="cut file",
        ),
        pytest.param(
            "EnNo 0: not enrolled (a finger, card or face the machine does not know); not a "
            "punch of anyone",
            "TIDAK_TERDAFTAR",
            id="glog EnNo 0",
        ),
        pytest.param(
            "failed verification (major 5, minor 39): refused by the terminal, not a punch",
            "VERIFIKASI_GAGAL",
            id="hikvision failed",
        ),
        pytest.param("door event (major 5, minor 21): not a punch", "BUKAN_PRESENSI", id="door"),
        pytest.param("alarm event (major 1, minor 1): not a punch", "BUKAN_PRESENSI", id="alarm"),
        pytest.param("empty DateTime", "DATA_WAJIB_KOSONG", id="empty column"),
        pytest.param("something nobody wrote yet", OTHER, id="unknown"),
        pytest.param(None, OTHER, id="missing"),
    ],
)
def test_reason_codes(reason, code):
    assert reason_code(reason) == code


def test_every_corpus_reason_has_a_code_and_every_code_a_label():
    outcomes = [case.values[2] for case in CASES]
    reasons = [r for o in outcomes if isinstance(o, Loaded) for _, r in o.quarantined]
    assert reasons
    assert {r: reason_code(r) for r in reasons if reason_code(r) == OTHER} == {}
    assert set(LABELS) == {code.code for code in CODES} | {OTHER}


def test_vectorised_codes_equal_one_by_one():
    s = pd.Series(["duplicate x", None, "pin is empty", "duplicate x"], dtype="string")
    assert reason_codes(s).tolist() == ["DUPLIKAT", OTHER, "DATA_WAJIB_KOSONG", "DUPLIKAT"]
