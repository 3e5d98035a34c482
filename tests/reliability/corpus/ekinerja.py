"""The bad-input corpus: ekinerja cases (see tests/reliability/corpus/__init__.py)."""

from __future__ import annotations

import pytest

from tests.conftest import E1, E2, E3, E4, E5
from tests.reliability import builders as b
from tests.reliability.corpus.common import (
    DETAIL_HEADER,
    PENILAIAN_HEADER,
    PENILAIAN_TITLE,
    Loaded,
    Rejected,
    lines,
)


def penilaian(*rows: str, title: str = PENILAIAN_TITLE) -> bytes:
    return (
        f"{title}\nInstansi Pemerintah Kabupaten Contoh\n\n{PENILAIAN_HEADER}\n".encode()
        + lines(*rows)
    )


def detail(*rows: str) -> bytes:
    return lines(DETAIL_HEADER, *rows)


EKINERJA = [
    pytest.param(
        "ekinerja/penilaian_mar.csv",
        penilaian(
            f"s1,{E1},Andi,Di Atas Ekspektasi,Di Atas Ekspektasi,Sangat Baik",
            f"s2,{E2},Siti,Luar Biasa,Sesuai Ekspektasi,Baik",
            f"s3,{E3},Budi,,,Istimewa",
            f"s4,{E4},Made,Sesuai Ekspektasi,Sesuai Ekspektasi,Baik",
        ),
        Loaded(
            4,
            2,
            [
                (
                    6,
                    "rating hasil kerja 'Luar Biasa' is not Di Atas, Sesuai or Di Bawah Ekspektasi",
                ),
                (
                    7,
                    "hasil_akhir 'Istimewa' is not a predikat (Sangat Baik, Baik, Butuh "
                    "Perbaikan, Kurang/Misconduct, Sangat Kurang) nor '-' for not assessed",
                ),
            ],
        ),
        id="penilaian ratings outside the allowed set",
    ),
    pytest.param(
        "ekinerja/penilaian.csv",
        penilaian(f"s1,{E1},Andi,,,Baik", title="LAPORAN PENILAIAN SKP"),
        Rejected(
            ("cannot tell which month this Laporan Penilaian SKP is for", "keep the title row")
        ),
        id="penilaian without its month",
    ),
    pytest.param(
        "ekinerja/penilaian_b.csv",
        {
            "ekinerja/penilaian_a.csv": penilaian(f"s1,{E1},Andi,,,Baik"),
            "ekinerja/penilaian_b.csv": penilaian(
                f"s1,{E1},Andi,,,Sangat Baik", f"s5,{E5},Dewi,,,Baik"
            ),
        },
        Loaded(
            2, 1, [(5, "duplicate assessment of the same SKP; first at ekinerja/penilaian_a.csv:5")]
        ),
        id="duplicate nip across two penilaian exports",
    ),
    pytest.param(
        "ekinerja/rw-kinerjaperiodik.json",
        b.json_bytes(
            {
                "data": [
                    {
                        "nip": E1,
                        "tahun": "2024",
                        "periodikNama": "Maret",
                        "hasilKinerja": "Di Atas Ekspektasi",
                        "perilakuKerja": "Sesuai Ekspektasi",
                        "kuadranKinerja": "Baik",
                    },
                    {
                        "nip": 199003152015032002,
                        "tahun": "2024",
                        "periodikNama": "Maret",
                        "kuadranKinerja": "Baik",
                    },
                    {
                        "nip": E3,
                        "tahun": "2024",
                        "periodikNama": "Bulan 13",
                        "kuadranKinerja": "Baik",
                    },
                    {
                        "nip": E4,
                        "tahun": "2024",
                        "periodikNama": "Maret",
                        "hasilKinerja": "Hebat",
                        "perilakuKerja": "Sesuai Ekspektasi",
                    },
                ]
            }
        ),
        Loaded(
            4,
            1,
            [
                (
                    2,
                    "NIP arrived as a spreadsheet number (199003152015032002): digits after "
                    "the 15th are lost; re-export the column formatted as text",
                ),
                (
                    3,
                    "tahun '2024' / periodikNama 'Bulan 13' is not a period (a month, "
                    "Triwulan I-IV, Semester I-II or Tahunan of a year 20xx)",
                ),
                (4, "hasilKinerja 'Hebat' is not Di Atas, Sesuai or Di Bawah Ekspektasi"),
            ],
        ),
        id="siasn json nip as number, unknown period, bad rating",
    ),
    pytest.param(
        "ekinerja/rw-kinerjaperiodik.json",
        {
            "ekinerja/penilaian_mar.csv": penilaian(f"s1,{E1},Andi,,,Sangat Kurang"),
            "ekinerja/rw-kinerjaperiodik.json": b.json_bytes(
                {
                    "data": [
                        {
                            "nip": E1,
                            "tahun": "2024",
                            "periodikNama": "Maret",
                            "kuadranKinerja": "Baik",
                        }
                    ]
                }
            ),
        },
        Loaded(
            1,
            0,
            [
                (
                    1,
                    "conflicting assessment: this siasn_periodik row says Baik; the "
                    "bkn_penilaian row at ekinerja/penilaian_mar.csv:5 says Sangat Kurang and "
                    "holds (docs/performance.md, which assessment counts; profile "
                    "permenpanrb_6_2022.source_priority)",
                )
            ],
        ),
        id="bkn penilaian and siasn periodik disagree",
    ),
    pytest.param(
        "ekinerja/skp_detail_2021s2.csv",
        detail(
            f"{E1},2021-S2,utama,Layanan,,100,-5,,naik",
            f"{E1},2021-S2,utama,Rapat,,100,,,naik",
            f"{E1},2021-S2,utama,Laporan,,100,sepuluh,,naik",
            f"{E1},2021-S3,utama,Survei,,100,90,,naik",
            f'{E1},2021-S2,utama,Inovasi,,100,"87,5",,naik',
        ),
        Loaded(
            5,
            1,
            [
                (2, "realisasi is negative; contract: realisasi is negative"),
                (3, "realisasi is empty: write 0 when nothing was realised"),
                (4, "realisasi 'sepuluh' is not a number"),
                (5, "periode '2021-S3' is not a year (2020) or a semester (2021-S1, 2021-S2)"),
            ],
        ),
        id="skp detail negative, missing and text realisasi",
    ),
    pytest.param(
        "ekinerja/laporan_skp.csv",
        lines(
            "LAPORAN SKP TAHUN 2024",
            "",
            "id,nip,nama,jabatan,skp_unor_induk,is_plt_plh,periode_awal,periode_akhir,skp_status",
            f"s1,{E1},Andi,Dokter,Dinas Kesehatan,0,2024-01-01,2024-12-31,persetujuan",
            f"s2,{E2},Siti,Perawat,Dinas Kesehatan,ya,2024-12-31,2024-01-01,draft",
            f"s1,{E3},Budi,Analis,BKPSDM,0,2024-01-01,2024-12-31,persetujuan",
        ),
        Loaded(
            3,
            1,
            [
                (5, "periode_akhir is before periode_awal"),
                (6, "duplicate SKP id; first at ekinerja/laporan_skp.csv:4"),
            ],
        ),
        id="laporan skp backwards period and duplicate id",
    ),
    pytest.param(
        "ekinerja/predikat_organisasi.csv",
        b"unit,periode,predikat_organisasi\nDinas Kesehatan,2024,Istimewa\n"
        b"BKPSDM,2024,Luar Biasa\nDinas Kesehatan,2024,Baik\n",
        Loaded(
            3,
            1,
            [
                (
                    3,
                    "predikat_organisasi 'Luar Biasa' is not Istimewa, Baik, Butuh "
                    "Perbaikan/Cukup, Kurang or Sangat Kurang",
                ),
                (4, "duplicate organisation predikat; first at ekinerja/predikat_organisasi.csv:2"),
            ],
        ),
        id="organisation predikat unknown label and repeat",
    ),
    pytest.param(
        "ekinerja/notes.csv",
        b"nip,catatan\n198509122010011001,rajin\n",
        Rejected(("has an nip column but is none of the e-Kinerja layouts",)),
        id="ekinerja unknown layout with an nip column",
    ),
    pytest.param(
        "ekinerja/photo.xlsx",
        b.junk(1),
        Rejected(("contains NUL bytes", "remove it from the inbox")),
        id="ekinerja binary junk",
    ),
    pytest.param(
        "ekinerja/umpan_balik_kinerja.csv",
        lines(
            "nip_pemberi,nama_pemberi,nip_penerima,relasi,objek,periode,tanggal_diberikan,"
            "tanggal_input,teks",
            f"{E1},Andi,{E2},penilai,umum,2024-Q1,2024-03-05,2024-03-05,Laporan sudah lengkap",
            f"{E1},Andi,{E2},bos,umum,2024-Q1,2024-03-06,2024-03-06,Rapat mingguan",
            f"{E1},Andi,{E2},penilai,umum,2024-Q1,2024-03-20,2024-03-02,Diketik sebelum diberikan",
            f"{E1},Andi,{E2},penilai,umum,2024-Q1,2024-03-07,2024-03-07,Laporan sudah lengkap",
        ),
        Loaded(
            4,
            2,
            [
                (
                    3,
                    "relasi 'bos' is not penilai, atasan_penilai, pimpinan_lain, rekan or bawahan",
                ),
                (
                    4,
                    "tanggal_diberikan 2024-03-20 is after tanggal_input 2024-03-02 by more than "
                    "a day: feedback cannot be given after it was entered",
                ),
            ],
        ),
        id="dialog umpan balik bad relation and a date after its entry (no text kept)",
    ),
    pytest.param(
        "ekinerja/pembinaan_kinerja.json",
        b.json_bytes(
            {
                "data": [
                    {"nip": E2, "nip_pembina": E1, "jenis": "konseling", "tanggal": "2024-04-02"},
                    {"nip": E2, "nip_pembina": E1, "jenis": "teguran", "tanggal": "2024-04-03"},
                    {
                        "nip": "199901012020011099",
                        "nip_pembina": E1,
                        "jenis": "bimbingan",
                        "tanggal": "2024-04-04",
                    },
                ]
            }
        ),
        Loaded(
            3,
            1,
            [
                (2, "jenis 'teguran' is not bimbingan, konseling, coaching, mentoring or lainnya"),
                (3, "nip 199901012020011099 is not in the employee master"),
            ],
        ),
        id="dialog pembinaan unknown kind and NIP",
    ),
]
