"""Readers and contracts of the issue-16 exports (360 feedback, RHK plans, daily activity
reports): exact rows, quarantine and lineage per fixture (tests/fixtures/feedback_rhk_lapkin/),
detection beside the other e-Kinerja layouts, and empty files."""

from pathlib import Path

import pandas as pd
import pytest

from expectations import feedback_360, lapkin_reports, rhk_plans
from expectations.runner import validate
from formats.base import FileEmpty, FileRejected
from formats.ekinerja import ALL_LAYOUTS, read_ekinerja
from formats.feedback_rhk_lapkin import read_feedback_rhk_lapkin
from vocabulary import columns as c

FIXTURES = Path(__file__).parents[1] / "fixtures" / "feedback_rhk_lapkin"
N = "1985091220100110"  # + two digits: the hand-made employees


def read(name: str, layouts=ALL_LAYOUTS):
    return read_ekinerja((FIXTURES / name).read_bytes(), name, layouts)


def values(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    out = frame[columns].astype(object).where(frame[columns].notna(), None)
    return out.values.tolist()


def test_feedback_360_rows_quarantine_and_lineage():
    result = read("feedback360.csv")
    assert result.layout == "perilaku_360"
    assert values(
        result.rows,
        [c.SOURCE_LINE, c.NIP, c.NIP_PENILAI, c.RELASI, c.PERIOD, c.ASPEK, c.SKOR, c.RATING],
    ) == [
        [2, N + "03", N + "02", "atasan", "2021-S2", "komitmen", 85.0, None],
        # tahun 2021, bulan 9, semesteran -> 2021-S2; '78,5' Indonesian decimal
        [3, N + "03", N + "04", "rekan_setingkat", "2021-S2", "kerja_sama", 78.5, None],
        [4, N + "05", N + "03", "atasan", "2024-03", "akuntabel", None, "sesuai_ekspektasi"],
    ]
    assert result.rows[c.TANGGAL_ISI].dt.strftime("%Y-%m-%d").tolist() == [
        "2021-12-20",
        "2021-12-20",  # 20/12/2021, day first
        "2024-04-02",
    ]
    assert "nama" not in result.rows.columns and "Pegawai" not in "".join(result.rows[c.RAW])
    assert values(result.quarantine, [c.SOURCE_FILE, c.SOURCE_LINE, c.REASON]) == [
        [
            "feedback360.csv",
            5,
            "relasi 'teman' is not atasan, rekan_setingkat, bawahan or diri_sendiri",
        ],
        [
            "feedback360.csv",
            6,
            "the period is neither a label (2024, 2024-S1, 2024-Q2, 2024-03) nor tahun with "
            "bulan and jenis_periode (bulanan, triwulanan, semesteran, tahunan)",
        ],
        ["feedback360.csv", 7, "rating 'Hebat' is not Di Atas, Sesuai or Di Bawah Ekspektasi"],
    ]


def test_rhk_xlsx_rows_quarantine_and_lineage():
    result = read("rhk.xlsx")
    assert result.layout == "rhk" and result.info["sheet"] == "RHK 2024"
    assert values(
        result.rows,
        [c.SOURCE_LINE, c.RHK_ID, c.NIP, c.JENIS, c.RHK_ATASAN_ID, c.RHK_ATASAN_TEXT, c.NIP_ATASAN],
    ) == [
        [4, "B1", N + "02", "utama", "K1", None, N + "01"],
        [5, "A2", N + "03", "utama", None, "Meningkatnya mutu pelayanan rujukan RS", N + "04"],
        [6, "T2", N + "05", "tambahan", None, None, N + "03"],
    ]
    dates = result.rows[[c.PERIOD_START, c.PERIOD_END]].apply(lambda s: s.dt.strftime("%m-%d"))
    assert dates.values.tolist() == [["01-01", "06-30"], ["01-01", "12-31"], ["01-01", "12-31"]]
    assert result.rows[c.PERIOD].tolist() == ["2024"] * 3
    assert result.rows[c.IS_PLT_PLH].tolist() == [False, True, False]
    assert result.rows[c.N_INDIKATOR].tolist() == [2, 2, 0]  # JSON list; 'a; b'; none
    assert values(result.quarantine, [c.SOURCE_LINE, c.REASON]) == [
        [
            7,
            "NIP arrived as a spreadsheet number (1.98509122010011e+17): digits after the 15th "
            "are lost; re-export the column formatted as text",
        ],
        [8, "periode_akhir is before periode_awal"],
        [9, "rhk_id is empty: no RHK can intervene this one"],
        [10, "jenis 'pokok' is not utama or tambahan"],
    ]


def test_lapkin_json_rows_quarantine_and_lineage():
    result = read("lapkin.json")
    assert result.layout == "lapkin_harian"
    assert values(result.rows, [c.SOURCE_LINE, c.NIP, c.AKTIVITAS, c.MENIT, c.STATUS]) == [
        [1, N + "05", "Pelayanan pasien rawat jalan", 300, "sudah_diverifikasi"],
        [2, N + "05", "Rekap kunjungan", 150, "sudah_diverifikasi"],  # 08:00-10:30; Disetujui
    ]
    assert result.rows[c.TANGGAL_LAPOR].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-01",  # the time of day is ignored
        "2024-03-08",
    ]
    assert values(result.quarantine, [c.SOURCE_LINE, c.REASON]) == [
        [
            3,
            "NIP arrived as a spreadsheet number (198509122010011006): digits after the 15th "
            "are lost; re-export the column formatted as text",
        ],
        [4, "no menit and no jam_mulai/jam_selesai: the activity has no duration"],
        [5, "tanggal '31-02-2024' is not a date"],
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("empty.csv", "empty.csv: is empty: 0 bytes; export it again", id="0 bytes"),
        pytest.param(
            "header_only_360.csv",
            "header_only_360.csv: is empty: a header row (row 1) and no records; export it again",
            id="header only",
        ),
        pytest.param(
            "empty.json",
            "empty.json: is empty: the JSON list holds no records ([]); export it again",
            id="[]",
        ),
    ],
)
def test_empty_files_are_reported_empty(name, message):
    for reader in (lambda d, f: read_ekinerja(d, f, ALL_LAYOUTS), read_feedback_rhk_lapkin):
        with pytest.raises(FileEmpty) as info:
            reader((FIXTURES / name).read_bytes(), name)
        assert str(info.value) == message


def test_callers_of_the_five_issue_3_layouts_get_a_clear_rejection():
    with pytest.raises(FileRejected, match="is an RHK plan export \\(layout rhk\\), which this"):
        read("rhk.xlsx", layouts=("bkn_laporan_skp",))
    assert (
        read_feedback_rhk_lapkin((FIXTURES / "rhk.xlsx").read_bytes(), "rhk.xlsx").layout == "rhk"
    )


def test_contracts_quarantine_with_their_reasons():
    fb = read("feedback360.csv").rows
    fb.loc[0, c.SKOR] = 130.0
    fb.loc[1, c.RELASI] = "kolega"
    out = validate(fb, feedback_360.suite())
    assert values(out.quarantine, [c.SOURCE_LINE, c.REASON]) == [
        [2, "contract: skor outside 0-120"],
        [3, "contract: relasi outside the allowed set"],
    ]
    rhk = read("rhk.xlsx").rows
    rhk.loc[2, c.JENIS] = "lainnya"
    assert values(validate(rhk, rhk_plans.suite()).quarantine, [c.SOURCE_LINE, c.REASON]) == [
        [6, "contract: jenis is not utama or tambahan"]
    ]
    lap = read("lapkin.json").rows
    lap.loc[1, c.MENIT] = 2000
    out = validate(lap, lapkin_reports.suite())
    assert len(out.valid) == 1 and out.quarantine[c.REASON].tolist() == [
        "contract: menit outside 0-1440"
    ]
