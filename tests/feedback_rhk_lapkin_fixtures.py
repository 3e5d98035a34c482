"""Hand-made frames for the performance-cycle rules (issue 16): a small dinas with a kepala, a
kabid, two kasi and staff, and one employee of another unit."""

from __future__ import annotations

import json

import pandas as pd

from vocabulary import columns as c


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


# --- the same dinas as an inbox, for the asset tests (tests/assets/test_feedback_rhk_lapkin.py) ---
# KEPALA heads the dinas (no atasan in the master); KABID under him; KASI_A and KASI_B under
# KABID; STAF_1 and STAF_2 under KASI_A; STAF_3 and STAF_4 under KASI_B. Every value below is
# used by an exact assertion.
JABATAN_KELAS = [12, 11, 9, 9, 8, 6, 9, 7, 10]


def _csv(path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = ",".join(header) + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")


def write_cycle_inbox(inbox) -> None:
    """employees.csv and the e-Kinerja exports of the dinas (2021-S2 SKP detail, 2024 SKP,
    predikat, RHK, 360 and daily reports)."""
    from tests.ekinerja_fixtures import DETAIL_HEADER, PLAN_HEADER, _row, _xlsx

    emp = employees()
    _csv(
        inbox / "employees.csv",
        ["nipBaru", "nama", "unorNama", "unorIndukNama", "jabatanNama", "jenisJabatan",
         "kedudukanPnsNama", "golRuangAkhir", "tmtCpns", "tmtPensiun", "kelas_jabatan",
         "siasn_id"],
        [[r.nip, r.nama, r.unit, r.unit_induk, r.jabatan, r.jenis_jabatan, "Aktif", r.golongan,
          "01-01-2010", "", k, "" if pd.isna(r.siasn_id) else r.siasn_id]
         for r, k in zip(emp.itertuples(), JABATAN_KELAS, strict=True)],
    )  # fmt: skip
    d = inbox / "ekinerja"
    d.mkdir(parents=True, exist_ok=True)
    # 2021-S2 (PermenPAN-RB 8/2021): KASI_A and KASI_B both reach nilai SKP 102.8 (reg §4.3)
    # with the atasan's template perilaku 85
    rows = [
        row
        for who in (KASI_A, KASI_B)
        for row in (
            _row(who, "2021-S2", "utama", uraian="IKI 1", bobot=50, target=100, realisasi="108,56"),
            _row(who, "2021-S2", "utama", uraian="IKI 2", bobot=50, target=100, realisasi="97,2"),
            *[_row(who, "2021-S2", "perilaku", aspek=a, nilai=85)
              for a in ("orientasi_pelayanan", "komitmen", "inisiatif_kerja", "kerja_sama")],
        )
    ]  # fmt: skip
    _xlsx(d / "skp_detail_2021.xlsx", "SKP", ["Rincian SKP 2021"], DETAIL_HEADER, rows)
    # SKP 2024 for everyone but STAF_4 (no_skp) and OTHER
    _xlsx(
        d / "Laporan SKP 2024.xlsx",
        "Sheet1",
        ["LAPORAN SKP TAHUN 2024"],
        PLAN_HEADER,
        [[f"skp{i}", n, f"Pegawai {i}", "x", DINKES, "0", "2024-01-01", "2024-12-31",
          "persetujuan"]
         for i, n in enumerate((KEPALA, KABID, KASI_A, KASI_B, STAF_1, STAF_2, STAF_3), 1)],
    )  # fmt: skip
    # predikat from SIASN rw-kinerjaperiodik: STAF_2 Butuh Perbaikan in February and March
    # (tindak lanjut); STAF_1's 2024-S1 evaluation (beside his 360 summary)
    marks = {
        "Februari": [(STAF_2, "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan")],
        "Maret": [
            (KABID, "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"),
            (KASI_A, "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"),
            (STAF_1, "Di Atas Ekspektasi", "Sesuai Ekspektasi", "Baik"),
            (STAF_2, "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan"),
            (STAF_3, "Sesuai Ekspektasi", "Di Bawah Ekspektasi", "Kurang/Misconduct"),
            (OTHER, "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik"),  # no SIASN id
        ],
        "Semester I": [(STAF_1, "Sesuai Ekspektasi", "Sesuai Ekspektasi", "Baik")],
    }
    siasn = [
        {"tahun": "2024", "nip": n, "periodikNama": month, "hasilKinerja": hk,
         "perilakuKerja": pk, "kuadranKinerja": kuadran}
        for month, rows in marks.items()
        for n, hk, pk, kuadran in rows
    ]  # fmt: skip
    (d / "rw-kinerjaperiodik.json").write_text(json.dumps({"code": 1, "data": siasn}))
    rhk_header = ["rhk_id", "skp_id", "nip", "tahun", "jenis", "deskripsi", "rhk_atasan_id",
                  "rhk_atasan_text", "nip_atasan"]  # fmt: skip
    _csv(
        d / "rhk_2024.csv",
        rhk_header,
        [
            ["R1", "skp1", KEPALA, 2024, "utama", "Meningkatnya derajat kesehatan", "", "", ""],
            ["R2", "skp1", KEPALA, 2024, "utama", "Meningkatnya kualitas pelayanan kesehatan",
             "", "", ""],
            ["B1", "skp2", KABID, 2024, "utama", "Terlaksananya rujukan", "R1", "", KEPALA],
            ["B2", "skp2", KABID, 2024, "utama", "Terlaksananya layanan primer", "",
             "kualitas pelayanan kesehatan Meningkatnya", KEPALA],
            ["A1", "skp3", KASI_A, 2024, "utama", "Tersusunnya data rujukan", "B1", "", KABID],
            ["S1", "skp4", KASI_B, 2024, "utama", "Tercapainya target", "RHK-HAPUS", "", KABID],
            ["T1", "skp5", STAF_1, 2024, "utama", "Input data rujukan", "A1", "", KASI_A],
            ["T2", "skp6", STAF_2, 2024, "utama", "Arsip", "", "", KASI_A],
            ["T3", "skp6", STAF_2, 2024, "tambahan", "Tim vaksinasi", "", "", ""],
            ["C1", "skp7", STAF_3, 2024, "utama", "Laporan A", "C2", "", KASI_B],
            ["C2", "skp8", STAF_4, 2024, "utama", "Laporan B", "C1", "", KASI_B],
        ],
    )  # fmt: skip
    # 360: the tax-360 §2.2 worked example for KASI_A in 2021-S2 (atasan 85, rekan 80 and 76,
    # bawahan 80), and a 6/2022 round for STAF_1 in 2024-S1; one self-rating
    f360 = ["nip_dinilai", "nip_penilai", "relasi", "periode", "aspek", "skor", "rating"]
    worked = [(KABID, "atasan", 85), (KASI_B, "rekan", 80), (STAF_3, "rekan", 76),
              (STAF_1, "bawahan", 80)]  # fmt: skip
    aspects_8 = ("orientasi_pelayanan", "komitmen", "inisiatif_kerja", "kerja_sama")
    ratings = [(KASI_A, "atasan", "Sesuai Ekspektasi", "Sesuai Ekspektasi"),
               (STAF_2, "rekan", "Di Atas Ekspektasi", "Di Bawah Ekspektasi"),
               (STAF_3, "rekan", "Sesuai Ekspektasi", "Sesuai Ekspektasi"),
               (STAF_4, "rekan", "Di Bawah Ekspektasi", "Sesuai Ekspektasi")]  # fmt: skip
    _csv(
        d / "umpan_balik_360.csv",
        f360,
        [[KASI_A, n, rel, "2021-S2", a, s, ""] for n, rel, s in worked for a in aspects_8]
        + [[STAF_1, n, rel, "2024-S1", a, "", r]
           for n, rel, r1, r2 in ratings
           for a, r in (("akuntabel", r1), ("kompeten", r2))]
        + [[STAF_1, STAF_1, "rekan", "2024-S1", "loyal", "", "Di Atas Ekspektasi"]],
    )  # fmt: skip
    _csv(
        d / "laporan_kinerja_harian_2024-03.csv",
        ["nip", "tanggal", "aktivitas", "menit", "status", "tanggal_lapor"],
        [
            [STAF_1, "2024-03-01", "Input data", 240, "sudah_diverifikasi", "2024-03-01"],
            [STAF_1, "2024-03-01", "Rapat", 120, "sudah_diverifikasi", "2024-03-02"],
            [STAF_1, "2024-03-04", "Verifikasi", 300, "belum_diverifikasi", "2024-03-04"],
            [STAF_1, "2024-03-05", "Monitoring", 60, "ditolak", "2024-03-12"],  # late
            [STAF_2, "2024-03-04", "Arsip", 480, "sudah_diverifikasi", "2024-03-05"],
            [KASI_A, "2024-02-28", "Rapat", 100, "sudah_diverifikasi", "2024-02-28"],
            [OTHER, "2024-03-06", "Mengajar", 200, "disetujui", "2024-03-06"],
            [STAF_2, "2024-03-05", "Lembur", 1500, "sudah_diverifikasi", "2024-03-06"],
            ["199901012020011099", "2024-03-05", "x", 60, "sudah_diverifikasi", "2024-03-05"],
        ],
    )
