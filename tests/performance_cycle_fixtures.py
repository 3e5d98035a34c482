"""Hand-made frames for the performance-cycle rules (issue 16): a small dinas with a kepala, a
kabid, two kasi and staff, and one employee of another unit."""

from __future__ import annotations

import pandas as pd

from rules import columns as c


def nip(i: int) -> str:
    """A valid NIP (born 1985-09-12, TMT 2010-01, male) with sequence ``i``."""
    return f"198509122010011{i:03d}"


KEPALA, KABID, KASI_A, KASI_B, STAF_1, STAF_2, STAF_3, STAF_4, OTHER = (
    nip(i) for i in range(1, 10)
)
DINKES = "Dinas Kesehatan"
DISDIK = "Dinas Pendidikan"


def employees() -> pd.DataFrame:
    nips = [KEPALA, KABID, KASI_A, KASI_B, STAF_1, STAF_2, STAF_3, STAF_4, OTHER]
    units = [DINKES] * 8 + [DISDIK]
    frame = pd.DataFrame(
        {
            c.NIP: pd.Series(nips, dtype="string"),
            c.NAMA: [f"Pegawai {i}" for i in range(1, 10)],
            c.UNIT: pd.Series(units, dtype="string"),
            c.UNIT_INDUK: pd.Series(units, dtype="string"),
            c.JABATAN: [
                "Kepala Dinas Kesehatan",
                "Kepala Bidang Pelayanan",
                "Kepala Seksi Rujukan",
                "Kepala Seksi Primer",
                "Perawat Ahli Pertama",
                "Pengadministrasi Umum",
                "Epidemiolog Kesehatan Ahli Muda",
                "Bidan Terampil",
                "Guru Ahli Madya",
            ],
            c.JENIS_JABATAN: ["Struktural"] * 4
            + ["Fungsional", "Pelaksana", "Fungsional", "Fungsional", "Fungsional"],
            c.GOLONGAN: [
                "IV/c",
                "IV/a",
                "III/d",
                "III/c",
                "III/a",
                "II/c",
                "III/b",
                "II/d",
                "IV/a",
            ],
            c.ACTIVE_FROM: pd.Series([pd.Timestamp("2010-01-01")] * 9, dtype="datetime64[s]"),
            c.ACTIVE_TO: pd.Series([pd.NaT] * 9, dtype="datetime64[s]"),
            c.SIASN_ID: pd.Series([f"A{i:031X}" for i in range(1, 9)] + [pd.NA], dtype="string"),
        }
    )
    return frame
