"""Real-layout e-Kinerja exports for the March 2024 employees, written into an inbox by the
tests (XLSX with xlsxwriter, CSV and JSON as the systems write them). Every value below is used
by an exact assertion in tests/assets/test_performance.py."""

import json
from pathlib import Path

import xlsxwriter

from tests.conftest import E1, E2, E3, E4, E5, E6, E7

OUTSIDER = "199901012020011099"  # a valid NIP that is not in the employee master


def _xlsx(path: Path, sheet: str, head: list[str], header: list[str], rows: list[list]) -> None:
    """A BKN-style workbook: title lines, a blank line, then the header and the rows; NIPs and
    ids written as text cells, as the export does."""
    book = xlsxwriter.Workbook(path)
    ws = book.add_worksheet(sheet)
    for i, text in enumerate(head):
        ws.write_string(i, 0, text)
    top = len(head) + 1
    for j, name in enumerate(header):
        ws.write_string(top, j, name)
    for i, row in enumerate(rows, start=top + 1):
        for j, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(i, j, value)
            elif value is not None:
                ws.write_number(i, j, value)
    book.close()


PLAN_HEADER = ["id", "nip", "nama", "jabatan", "skp_unor_induk", "is_plt_plh", "periode_awal",
               "periode_akhir", "skp_status"]  # fmt: skip
PENILAIAN_HEADER = ["id", "nip", "nama", "rating_hasil_kerja", "rating_perilaku", "hasil_akhir"]


def write_2024(inbox: Path) -> None:
    d = inbox / "ekinerja"
    d.mkdir(parents=True, exist_ok=True)
    _xlsx(d / "Laporan SKP 2024.xlsx", "Sheet1",
          ["LAPORAN SKP TAHUN 2024", "Instansi Pemerintah Kabupaten Contoh"], PLAN_HEADER, [
        ["s1", E1, "dr. Andi Wijaya", "Dokter Ahli Muda", "Dinas Kesehatan", "0", "2024-01-01",
         "2024-12-31", "persetujuan"],
        ["s2", E2, "Siti Rahma", "Perawat Terampil", "Dinas Kesehatan", "0", "2024-01-01",
         "2024-12-31", "draft"],
        ["s3p", E3, "Budi Santoso", "Plt Kepala Bidang", "BKPSDM", "1", "2024-02-01",
         "2024-12-31", "persetujuan"],
        ["s3", E3, "Budi Santoso", "Pengolah Data", "BKPSDM", "0", "2024-01-01", "2024-12-31",
         "persetujuan"],
        ["s4a", E4, "Made O'Neil", "Kepala Seksi", "Kecamatan Barat", "0", "2024-01-01",
         "2024-02-29", "persetujuan"],
        ["s4b", E4, "Made O'Neil", "Kepala Seksi", "Kecamatan Timur", "0", "2024-03-01",
         "2024-12-31", "persetujuan"],
        ["s9", OUTSIDER, "Orang Luar", "Analis", "Dinas Kesehatan", "0", "2024-01-01",
         "2024-12-31", "persetujuan"],
    ])  # fmt: skip
    _xlsx(d / "penilaian_mar.xlsx", "mar",
          ["LAPORAN PENILAIAN SKP BULAN MARET TAHUN 2024", "Instansi Pemerintah Kabupaten Contoh",
           "", "", "Diunduh 2024-04-02 08:15"], PENILAIAN_HEADER, [
        ["s1", E1, "dr. Andi Wijaya", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"],
        ["s2", E2, "Siti Rahma", "-", "-", "-"],
        ["s3p", E3, "Budi Santoso", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"],
        ["s3", E3, "Budi Santoso", "Di Bawah Ekspektasi", "Sesuai Ekspektasi", "Butuh Perbaikan"],
        ["s4a", E4, "Made O'Neil", None, None, "Kurang"],
        ["s4b", E4, "Made O'Neil", None, None, "Baik"],
        ["s5", E5, "Dewi Lestari", None, None, "Cukup Baik"],
        ["s1", E1, "dr. Andi Wijaya", "Di Atas Ekspektasi", "Di Atas Ekspektasi", "Sangat Baik"],
    ])  # fmt: skip
    _xlsx(d / "penilaian_2024_01.xlsx", "jan",
          ["LAPORAN PENILAIAN SKP TAHUN 2024"], PENILAIAN_HEADER, [
        ["s1", E1, "dr. Andi Wijaya", None, None, "Baik"],
        ["s3", E3, "Budi Santoso", None, None, "Baik"],
    ])  # fmt: skip
    (d / "penilaian_feb.csv").write_text(
        "Laporan Penilaian SKP Bulan Februari Tahun 2024\nInstansi Pemerintah Kabupaten Contoh\n"
        "\nid;nip;nama;hasil_akhir\n"
        f"s1;{E1};dr. Andi Wijaya;Baik\ns3;{E3};Budi Santoso;Kurang/Misconduct\n",
        encoding="utf-8",
    )
    siasn = [
        {"id": "p1", "tahun": "2024", "nip": E5, "nama": "Dewi Lestari", "periodikNama": "Maret",
         "hasilKinerja": "Sesuai Ekspektasi", "perilakuKerja": "Di Bawah Ekspektasi",
         "kuadranKinerja": None},
        {"id": "p2", "tahun": "2024", "nip": E1, "nama": "x", "periodikNama": "Maret",
         "hasilKinerja": "Sesuai Ekspektasi", "perilakuKerja": "Sesuai Ekspektasi",
         "kuadranKinerja": "Baik"},
        {"id": "p3", "tahun": "2024", "nip": E6, "nama": "x", "periodikNama": "Maret",
         "hasilKinerja": "Di Bawah Ekspektasi", "perilakuKerja": "Di Bawah Ekspektasi",
         "kuadranKinerja": "Baik"},
        {"id": "p4", "tahun": "2024", "nip": E7, "nama": "x", "periodikNama": "Bulan Ketiga Belas",
         "hasilKinerja": "Sesuai Ekspektasi", "perilakuKerja": "Sesuai Ekspektasi",
         "kuadranKinerja": "Baik"},
        {"id": "p5", "tahun": "2024", "nip": E5, "nama": "x", "periodikNama": "Semester I",
         "hasilKinerja": "Di Atas Ekspektasi", "perilakuKerja": "Di Atas Ekspektasi",
         "kuadranKinerja": "Sangat Baik"},
    ]  # fmt: skip
    (d / "rw-kinerjaperiodik.json").write_text(json.dumps({"code": 1, "data": siasn}))
    (d / "predikat_organisasi.csv").write_text(
        "unit,periode,predikat_organisasi\nDinas Kesehatan,2024-03,Baik\n"
        "BKPSDM,2024-03,Butuh Perbaikan\n"
    )


DETAIL_HEADER = ["nip", "periode", "jenis", "uraian", "aspek", "nilai", "bobot", "target",
                 "target_max", "realisasi", "arah", "ide_baru", "target_kuantitas",
                 "realisasi_kuantitas", "target_kualitas", "realisasi_kualitas", "target_waktu",
                 "realisasi_waktu", "target_biaya", "realisasi_biaya"]  # fmt: skip
_COL = {name: i for i, name in enumerate(DETAIL_HEADER)}


def _row(nip: str, periode: str, jenis: str, **values) -> list:
    row: list = [None] * len(DETAIL_HEADER)
    row[0], row[1], row[2] = nip, periode, jenis
    for k, v in values.items():
        row[_COL[k]] = v
    return row


def write_2021(inbox: Path) -> None:
    """SKP detail template for 2021: PP 46 mechanics in S1, 8/2021 in S2 (numbers as text the
    Indonesian way where HR typed them so)."""
    d = inbox / "ekinerja"
    d.mkdir(parents=True, exist_ok=True)
    pp46_aspects = {"orientasi_pelayanan": 80, "integritas": 82, "komitmen": 78,
                    "disiplin": 80, "kerja_sama": 81}  # fmt: skip
    rows = [
        _row(E1, "2021-S1", "kegiatan", uraian="Rakor pengayaan soal", target_kuantitas=1,
             realisasi_kuantitas=1, target_kualitas=100, realisasi_kualitas=90, target_waktu=6,
             realisasi_waktu=6, target_biaya="170.395.000", realisasi_biaya="170.395.000"),
        *[_row(E1, "2021-S1", "perilaku", aspek=a.replace("_", " "), nilai=v)
          for a, v in pp46_aspects.items()],
        _row(E1, "2021-S2", "utama", uraian="IKI 1", bobot=50, target=100, realisasi="108,56"),
        _row(E1, "2021-S2", "utama", uraian="IKI 2", bobot=50, target=100, realisasi="97,2"),
        *[_row(E1, "2021-S2", "perilaku", aspek=a, nilai=100)
          for a in ("orientasi_pelayanan", "komitmen", "inisiatif_kerja", "kerja_sama")],
        _row(E2, "2021-S2", "utama", uraian="Waktu layanan", target=10, realisasi=8,
             arah="turun", ide_baru="ya"),
        _row(E2, "2021-S2", "tambahan", uraian="Tim vaksinasi", bobot=10, target=4, realisasi=4),
        *[_row(E2, "2021-S2", "perilaku", aspek=a, nilai=v)
          for a, v in (("orientasi_pelayanan", 90), ("komitmen", 90), ("inisiatif_kerja", 90),
                       ("kerja_sama", 90), ("kepemimpinan", 110))],
        # planted problems, one reason each
        _row(E3, "2021-S1", "utama", uraian="x", target=1, realisasi=1),
        _row(E4, "2021", "kegiatan", uraian="x", target_kuantitas=1, realisasi_kuantitas=1,
             target_kualitas=100, realisasi_kualitas=100, target_waktu=12, realisasi_waktu=12),
        _row(E5, "2021-S2", "utama", uraian="x", realisasi=5),
        _row(E1, "2021-S1", "kegiatan", uraian="Minus", target_kuantitas=1,
             realisasi_kuantitas=-1, target_kualitas=100, realisasi_kualitas=100, target_waktu=6,
             realisasi_waktu=6),
        _row(E6, "2022-S1", "utama", uraian="x", target=1, realisasi=1),
        _row(E1, "2021-S1", "perilaku", aspek="ketampanan", nilai=99),
        _row(E1, "2021-S3", "utama", uraian="x", target=1, realisasi=1),
    ]  # fmt: skip
    _xlsx(
        d / "skp_detail_2021.xlsx",
        "SKP",
        ["Rincian SKP 2021 (template kinerja-pipeline)"],
        DETAIL_HEADER,
        rows,
    )
