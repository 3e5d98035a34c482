"""The quarantine as HR reads it in the UI: counts per code and per file, and the rejected rows
with NIPs masked and no raw record."""

import pandas as pd

from assets.metadata import quarantine_metadata
from vocabulary import columns as c

NIP = "198509122010011001"


def _quarantine() -> pd.DataFrame:
    return pd.DataFrame(
        {
            c.SOURCE_FILE: ["attendance/a.dat", "attendance/a.dat", "employees.csv"],
            c.SOURCE_LINE: [3, 4, 7],
            c.REASON: [
                "duplicate punch (same device, PIN and second); first at attendance/a.dat:2",
                "duplicate punch (same device, PIN and second); first at attendance/a.dat:2",
                f"nip {NIP} is not in the employee master",
            ],
            c.RAW: ["1\t2024-03-04 07:00:00", "x", f"{NIP},Andi Wijaya"],
        }
    )


def test_counts_per_code_and_file_and_masked_rows():
    meta = quarantine_metadata(_quarantine())
    by_code = meta["karantina per kode (quarantine_by_code)"]
    assert [(r.data["kode"], r.data["baris"]) for r in by_code.records] == [
        ("DUPLIKAT", 2),
        ("NIP_TIDAK_DIKENAL", 1),
    ]
    assert by_code.records[1].data["contoh"] == "nip …1001 is not in the employee master"
    by_file = meta["karantina per berkas (quarantine_by_file)"]
    assert [tuple(r.data.values()) for r in by_file.records] == [
        ("attendance/a.dat", "DUPLIKAT", 2),
        ("employees.csv", "NIP_TIDAK_DIKENAL", 1),
    ]
    rows = meta["baris dikarantina (contoh) (quarantine_rows)"].value
    assert "| berkas" in rows and "NIP_TIDAK_DIKENAL" in rows and "…1001" in rows
    assert NIP not in rows and "Andi" not in rows  # masked, and the raw record never shown


def test_an_empty_quarantine_says_so():
    empty = _quarantine().head(0)
    meta = quarantine_metadata(empty)
    assert meta["karantina per kode (quarantine_by_code)"].records == []
    assert "tidak ada" in meta["baris dikarantina (contoh) (quarantine_rows)"].value


def test_the_row_examples_cover_every_file_and_code_before_repeating_one():
    from assets.metadata import quarantine_rows

    md = quarantine_rows(_quarantine(), rows=2).value
    lines = md.splitlines()
    assert [line.split("|")[3].strip() for line in lines[2:4]] == ["DUPLIKAT", "NIP_TIDAK_DIKENAL"]
    assert "| arti" in lines[0] and "1 baris lagi" in md  # the third row: a repeated pair
    assert NIP not in md
