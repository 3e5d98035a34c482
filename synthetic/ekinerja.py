"""Synthetic e-Kinerja exports for the simulated pemda (inbox/ekinerja/), PermenPAN-RB 6/2022 era.

    write_ekinerja(out, employees, "2024-03", 2, rng)

For the year to date of the period (January of the first month's year up to its last month):

- ``Laporan SKP <year>.xlsx``: one SKP per employee (some never made one, some are still draft or
  diajukan), extra Plt/Plh SKPs for a few leaders, two SKPs for employees who moved (mutasi);
- ``penilaian_<mon>_<year>.xlsx`` per month (one month as a semicolon CSV, as HR re-saves them):
  title in A1, the header row at a different height each month, ratings and ``hasil_akhir``
  (mostly Baik; '-' when not assessed, always '-' for unapproved SKPs), a typo in a predikat and
  one NIP written as a number cell;
- ``rw-kinerjaperiodik.json``: the SIASN mirror of the last month for part of the staff, some
  records without kuadranKinerja;
- ``penilaian_tahunan_<year>.xlsx`` once the period reaches December: the atasan's annual
  assessment (PermenPAN-RB 6/2022's annual stage, year-end §5.3) of every employee with an SKP
  (an SKP approved late in the year is assessed too) but 2 %, with both ratings, hasil_akhir from
  the matrix and the pejabat penilai (``nip_penilai`` ... ``unor_penilai``): the employee's
  atasan of the RHK hierarchy, for a kepala the Sekda (outside the master). The first five
  assessed rows carry the five kuadran, so a generated year shows every one;
- ``predikat_organisasi.csv``: the organisation predikat of each unit for the semester.

Employees keep a tendency (their usual ratings) and change it now and then, so monthly predikat
are correlated as real ones are. Periods before 2022 (numeric regimes) get no exports: their SKP
detail template is filled by hand (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from synthetic.layouts import FIXED_CREATED

MONTH_NAMES = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]
SHORT = ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"]
RATINGS = np.array(["Di Atas Ekspektasi", "Sesuai Ekspektasi", "Di Bawah Ekspektasi"])
# matrix of PermenPAN-RB 6/2022 (reg §5.2): [hasil kerja][perilaku]
MATRIX = np.array(
    [
        ["Sangat Baik", "Baik", "Kurang/Misconduct"],
        ["Baik", "Baik", "Kurang/Misconduct"],
        ["Butuh Perbaikan", "Butuh Perbaikan", "Sangat Kurang"],
    ]
)
HK_P = [0.15, 0.75, 0.10]  # rating hasil kerja: above, as expected, below
PERILAKU_P = [0.12, 0.84, 0.04]
MONTHLY_CHANGE = 0.2  # chance that an employee's rating differs from their tendency in a month


def _last_month(start: str, months: int) -> dt.date:
    first = dt.date.fromisoformat(f"{start}-01")
    index = first.year * 12 + first.month - 1 + months - 1
    return dt.date(index // 12, index % 12 + 1, 1)


def _workbook(
    path: Path,
    sheet: str,
    head: list[str],
    gap: int,
    header: list[str],
    rows: pd.DataFrame,
    number_nip_row: int | None = None,
) -> None:
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    book.set_properties(
        {"created": FIXED_CREATED, "author": "e-Kinerja BKN"}
    )  # same seed, same bytes
    ws = book.add_worksheet(sheet)
    for i, text in enumerate(head):
        ws.write_string(i, 0, text)
    top = len(head) + gap
    for j, name in enumerate(header):
        ws.write_string(top, j, name)
    values = rows[header].astype(object).where(rows[header].notna(), None).to_numpy()
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            if v is None:
                continue
            if j == 1 and i == number_nip_row:
                ws.write_number(top + 1 + i, j, float(v))  # Excel keeps 15 digits: quarantined
            else:
                ws.write_string(top + 1 + i, j, str(v))
    book.close()


# the pejabat penilai of the kepala of each unit: the Sekda, not in the pemda's master [I]
SEKDA = {
    "nip_penilai": "196805121990031004",
    "nama_penilai": "Sekretaris Daerah Kabupaten Simulasi",
    "jabatan_penilai": "Sekretaris Daerah",
    "golongan_penilai": "IV/d",
    "unor_penilai": "Sekretariat Daerah",
}
ANNUAL_UNASSESSED = 0.02
# (hasil kerja, perilaku) planted on the first assessed annual rows: SB, B, BP, K/M, SK
EVERY_KUADRAN = [(0, 0), (1, 1), (2, 0), (1, 2), (2, 2)]
PENILAI_HEADER = ["nip_penilai", "nama_penilai", "jabatan_penilai", "golongan_penilai",
                  "unor_penilai"]  # fmt: skip


def write_ekinerja(
    out: Path,
    employees: pd.DataFrame,
    start: str,
    months: int,
    rng: np.random.Generator,
    boss: np.ndarray | None = None,
) -> dict[str, int]:
    """Write inbox/ekinerja/ for the employees; returns the number of files per kind.

    ``boss`` (the row position of each employee's atasan, -1 for a kepala; the RHK writer's
    ``hierarchy``) names the penilai of the annual assessment; without it there is none."""
    year = int(start[:4])
    if year < 2022:
        return {}
    folder = Path(out) / "ekinerja"
    folder.mkdir(parents=True, exist_ok=True)
    last = _last_month(start, months)
    # the year to date of the period's first year (a period running into the next year stops at
    # December: that year's exports are another year's SKP)
    period = [dt.date(year, m, 1) for m in range(1, (last.month if last.year == year else 12) + 1)]
    emp = employees.reset_index(drop=True)
    n = len(emp)
    nip = emp["nipBaru"].astype(str).to_numpy()
    unit = emp["unorIndukNama"].astype(str).to_numpy()
    leader = (emp["jenisJabatan"].astype(str) == "Struktural").to_numpy()

    # SKP plans: 3% never made one, 6% still draft/diajukan, Plt/Plh for 5% of leaders, 1% mutasi
    has_skp = rng.random(n) >= 0.03
    status = np.where(rng.random(n) < 0.06, rng.choice(["draft", "diajukan"], n), "persetujuan")
    moved = has_skp & (rng.random(n) < 0.01)
    plans = pd.DataFrame(
        {
            "id": [f"{year}-{i:06d}" for i in range(n)],
            "nip": nip,
            "nama": emp["nama"].astype(str),
            "jabatan": emp.get("jabatanNama", pd.Series("", index=emp.index)).astype(str),
            "skp_unor_induk": unit,
            "is_plt_plh": "0",
            "periode_awal": f"{year}-01-01",
            "periode_akhir": np.where(moved, f"{year}-03-31", f"{year}-12-31"),
            "skp_status": status,
        }
    )[has_skp]
    mutasi = plans[moved[has_skp]].assign(
        id=lambda f: f["id"] + "m", periode_awal=f"{year}-04-01", periode_akhir=f"{year}-12-31"
    )
    plt = plans[(leader & (rng.random(n) < 0.05))[has_skp]].assign(
        id=lambda f: f["id"] + "p", is_plt_plh="1", jabatan=lambda f: "Plt " + f["jabatan"]
    )
    all_plans = pd.concat([plans, mutasi, plt], ignore_index=True)
    header = list(all_plans.columns)
    _workbook(
        folder / f"Laporan SKP {year}.xlsx",
        "Sheet1",
        [f"LAPORAN SKP TAHUN {year}", "Instansi Pemerintah Kabupaten Simulasi"],
        2,
        header,
        all_plans,
    )
    files = {"laporan_skp": 1, "penilaian": 0}

    # tendencies and monthly assessments
    hk_base = rng.choice(3, n, p=HK_P)
    p_base = rng.choice(3, n, p=PERILAKU_P)
    approved = plans["skp_status"].to_numpy() == "persetujuan"
    assessable = plans.assign(_i=np.flatnonzero(has_skp), _ok=approved)
    for k, month in enumerate(period):
        change = rng.random(n) < MONTHLY_CHANGE
        hk = np.where(change, rng.choice(3, n, p=HK_P), hk_base)
        pk = np.where(change, rng.choice(3, n, p=PERILAKU_P), p_base)
        rows = assessable.copy()
        i = rows["_i"].to_numpy()
        assessed = rows["_ok"].to_numpy() & (rng.random(len(rows)) >= 0.04)
        rows["rating_hasil_kerja"] = np.where(assessed, RATINGS[hk[i]], "-")
        rows["rating_perilaku"] = np.where(assessed, RATINGS[pk[i]], "-")
        rows["hasil_akhir"] = np.where(assessed, MATRIX[hk[i], pk[i]], "-")
        if len(rows) > 10 and k == 0:
            rows.iloc[3, rows.columns.get_loc("hasil_akhir")] = "Baik Sekali"  # a typo
        cols = ["id", "nip", "nama", "rating_hasil_kerja", "rating_perilaku", "hasil_akhir"]
        title = [
            f"LAPORAN PENILAIAN SKP BULAN {MONTH_NAMES[month.month - 1].upper()} TAHUN {year}",
            "Instansi Pemerintah Kabupaten Simulasi",
            "",
            "",
            "",
            f"Diunduh {month + dt.timedelta(days=35):%Y-%m-%d} 08:00",
        ]
        name = f"penilaian_{SHORT[month.month - 1]}_{year}"
        if k == 1:  # HR re-saved one month from Excel as a semicolon CSV
            text = "\n".join(title[:2]) + "\n\n" + rows[cols].to_csv(sep=";", index=False)
            (folder / f"{name}.csv").write_text(text, encoding="utf-8")
        else:
            _workbook(
                folder / f"{name}.xlsx",
                SHORT[month.month - 1],
                title,
                1 + k % 3,
                cols,
                rows[cols],
                number_nip_row=5 if k == 0 and len(rows) > 10 else None,
            )
        files["penilaian"] += 1

    # SIASN mirror of the last month for 40% of the assessed staff
    mirror = rows[(rows["hasil_akhir"] != "-") & (rng.random(len(rows)) < 0.4)]
    no_kuadran = rng.random(len(mirror)) < 0.1
    records = [
        {
            "id": f"pk-{j}",
            "tahun": str(year),
            "nip": r.nip,
            "nama": r.nama,
            "periodikNama": MONTH_NAMES[period[-1].month - 1],
            "hasilKinerja": r.rating_hasil_kerja,
            "perilakuKerja": r.rating_perilaku,
            "kuadranKinerja": None if no_kuadran[j] else r.hasil_akhir,
        }
        for j, r in enumerate(mirror.itertuples(index=False))
    ]
    (folder / "rw-kinerjaperiodik.json").write_text(
        json.dumps({"code": 1, "data": records}, ensure_ascii=False), encoding="utf-8"
    )
    if period[-1].month == 12 and boss is not None:
        files["penilaian_tahunan"] = _annual(
            folder, year, emp, assessable, (hk_base, p_base), boss, rng
        )
    semester = f"{year}-S{1 if period[-1].month <= 6 else 2}"
    units = sorted(set(unit))
    org = rng.choice(["Baik", "Istimewa", "Butuh Perbaikan/Cukup"], len(units), p=[0.8, 0.1, 0.1])
    pd.DataFrame({"unit": units, "periode": semester, "predikat_organisasi": org}).to_csv(
        folder / "predikat_organisasi.csv", index=False, lineterminator="\n"
    )
    files.update({"siasn_periodik": 1, "predikat_organisasi": 1})
    return files


def _annual(
    folder: Path,
    year: int,
    emp: pd.DataFrame,
    assessable: pd.DataFrame,
    tendency: tuple[np.ndarray, np.ndarray],
    boss: np.ndarray,
    rng: np.random.Generator,
) -> int:
    """penilaian_tahunan_<year>.xlsx: the annual assessment with ratings and the penilai."""
    hk_base, p_base = tendency
    n = len(emp)
    change = rng.random(n) < MONTHLY_CHANGE
    hk = np.where(change, rng.choice(3, n, p=HK_P), hk_base)
    pk = np.where(change, rng.choice(3, n, p=PERILAKU_P), p_base)
    rows = assessable.copy()
    i = rows["_i"].to_numpy()
    assessed = rng.random(len(rows)) >= ANNUAL_UNASSESSED
    h, p = hk[i].copy(), pk[i].copy()
    if len(rows) >= 10:
        first = np.flatnonzero(assessed)[: len(EVERY_KUADRAN)]
        for k, (a, b) in zip(first, EVERY_KUADRAN, strict=False):
            h[k], p[k] = a, b
    rows["rating_hasil_kerja"] = np.where(assessed, RATINGS[h], "-")
    rows["rating_perilaku"] = np.where(assessed, RATINGS[p], "-")
    rows["hasil_akhir"] = np.where(assessed, MATRIX[h, p], "-")
    atasan = boss[i]
    has = atasan >= 0
    pos = np.maximum(atasan, 0)
    own = {
        "nip_penilai": emp["nipBaru"].astype(str).to_numpy()[pos],
        "nama_penilai": emp["nama"].astype(str).to_numpy()[pos],
        "jabatan_penilai": emp["jabatanNama"].astype(str).to_numpy()[pos],
        "golongan_penilai": emp["golRuangAkhir"].astype(str).to_numpy()[pos],
        "unor_penilai": emp["unorIndukNama"].astype(str).to_numpy()[pos],
    }
    for col in PENILAI_HEADER:
        rows[col] = np.where(has, own[col], SEKDA[col])
    cols = ["id", "nip", "nama", "rating_hasil_kerja", "rating_perilaku", "hasil_akhir"]
    title = [
        f"LAPORAN PENILAIAN SKP TAHUNAN {year}",
        "Instansi Pemerintah Kabupaten Simulasi",
        "",
        "",
        "",
        f"Diunduh {year + 1}-01-20 08:00",
    ]
    header = [*cols, *PENILAI_HEADER]
    _workbook(folder / f"penilaian_tahunan_{year}.xlsx", "tahunan", title, 1, header, rows)
    return 1
