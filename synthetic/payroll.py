"""Synthetic payroll exports and TPP reference files for the simulated pemda.

    write_payroll(out, employees, "2024-03", 2, rng)

writes, for each month of the period:

- ``payroll/simgaji_<YYYY-MM>.xlsx`` (PNS, the SIMGAJI ``fgaji`` layout: TGLGAJI as a date cell,
  money as number cells, the family data KDSTAWIN/JISTRI/JANAK); the second month as a
  semicolon CSV re-saved from Excel with Indonesian thousand separators (``4.500.000``);
- ``payroll/gpp_pppk_<YYYY-MM>.csv`` (PPPK, the GPP layout with its full header: npwp, nmrek,
  nm_bank and rekening are filled and must be dropped at the door; ``kdkawin`` the family);

once ``reference/ptkp.csv`` (synthetic/tax.py, its own random stream) and
``reference/sanctions.csv`` (PP 94/2021 hukuman disiplin) and
``reference/status_events.csv`` (CPNS for employees appointed in the last year, CLTN, tugas
belajar, diberhentikan sementara; over nine months or more also a death in the fifth month and a
transfer out from the ninth: leavers trued up in their last paid month, issue 21). The
profile's default ceilings apply (no ceiling file).

Quirks, each quarantined with a reason by the readers: an NIP stored as a number cell, a row
repeated in the same month, a sanction of 7 months, a sanction for an NIP not in the master, an
unknown status. An amount with sen is read (rounded half up, issue 21). Some employees are
missing from one month's payroll, and a new hire's first month has no row: finance's decisions
for them (carry, or the month's gaji gross) go to attendance_decisions.csv. Salaries are
plausible, not the PP 15/2019 tables.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from synthetic.tax import write_ptkp

FIXED_CREATED = dt.datetime(2024, 1, 1, 8, 0, 0)  # workbook metadata: fixed for identical bytes
SIMGAJI_HEADER = ["TGLGAJI", "NIP", "NAMA", "KDSTAWIN", "JISTRI", "JANAK", "GAPOK", "TJISTRI",
                  "TJANAK", "TJESELON", "TJFUNGSI", "TJKHUSUS", "TJBERAS", "TJUMUM", "TBULAT",
                  "BERSIH"]  # fmt: skip
GPP_HEADER = ["kdsatker", "kdanak", "kdsubanak", "bulan", "tahun", "nogaji", "kdjns", "nip",
              "nmpeg", "kdduduk", "kdgol", "npwp", "nmrek", "nm_bank", "rekening", "kdbankspan",
              "nmbankspan", "kdpos", "kdnegara", "kdkppn", "tipesup", "gjpokok", "tjistri",
              "tjanak", "tjupns", "tjstruk", "tjfungs", "tjdaerah", "tjpencil", "tjlain",
              "tjkompen", "pembul", "tjberas", "tjpph", "potpfkbul", "potpfk2", "GajiKotor",
              "potpfk10", "potpph", "potswrum", "potkelbtj", "potlain", "pottabrum", "bersih",
              "sandi", "kdkawin", "kdjab", "thngj", "kdgapok", "bpjs", "bpjs2"]  # fmt: skip
GAPOK_RANGE = {"I": (1_685_700, 2_901_400), "II": (2_184_000, 3_643_400),
               "III": (2_785_700, 4_797_000), "IV": (3_287_800, 5_901_200)}  # fmt: skip


def _months(start: str, months: int) -> list[dt.date]:
    first = dt.date.fromisoformat(f"{start}-01")
    return [
        dt.date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        for i in range(months)
    ]


def _dates(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.replace("", pd.NA), format="%d-%m-%Y", errors="coerce")


def _salaries(emp: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One salary structure per employee, kept for every month (whole rupiah)."""
    n = len(emp)
    pppk = emp["kedudukanPnsNama"].str.contains("PPPK").to_numpy()
    group = emp["golRuangAkhir"].str.split("/").str[0].to_numpy()
    low = np.array([GAPOK_RANGE.get(g, (2_966_500, 4_872_000))[0] for g in group])
    high = np.array([GAPOK_RANGE.get(g, (2_966_500, 4_872_000))[1] for g in group])
    gapok = (low + rng.random(n) * (high - low)).round(-2).astype(np.int64)
    married = rng.random(n) < 0.72
    children = np.where(married, rng.integers(0, 3, n), 0)
    jenis = emp["jenisJabatan"].to_numpy()
    kelas = pd.to_numeric(emp["kelas_jabatan"], errors="coerce").fillna(5).to_numpy()
    return pd.DataFrame(
        {
            "gapok": gapok,
            "tjistri": np.where(married, gapok // 10, 0),
            "tjanak": gapok * 2 // 100 * children,
            "tjeselon": np.where(jenis == "Struktural", (kelas * 95_000).astype(np.int64), 0),
            "tjfungsi": np.where(jenis == "Fungsional", (kelas * 80_000).astype(np.int64), 0),
            "tjumum": np.where(jenis == "Pelaksana", 185_000, 0),
            "tjberas": 72_420 * (1 + married.astype(int) + children),
            "pppk": pppk,
            "married": married,
            "children": children,
        }
    )


def _simgaji_rows(emp: pd.DataFrame, pay: pd.DataFrame, month: dt.date) -> pd.DataFrame:
    gross = pay[["gapok", "tjistri", "tjanak", "tjeselon", "tjfungsi", "tjumum", "tjberas"]].sum(
        axis=1
    )
    return pd.DataFrame(
        {
            "TGLGAJI": month,
            "NIP": emp["nipBaru"].to_numpy(),
            "NAMA": emp["nama"].to_numpy(),
            # family data (issue 21): KDSTAWIN 2 kawin / 1 belum kawin, spouses and children
            # on tunjangan, as the tunjangan istri/anak columns pay them
            "KDSTAWIN": np.where(pay["married"], 2, 1),
            "JISTRI": pay["married"].astype(int).to_numpy(),
            "JANAK": pay["children"].to_numpy(),
            "GAPOK": pay["gapok"].to_numpy(),
            "TJISTRI": pay["tjistri"].to_numpy(),
            "TJANAK": pay["tjanak"].to_numpy(),
            "TJESELON": pay["tjeselon"].to_numpy(),
            "TJFUNGSI": pay["tjfungsi"].to_numpy(),
            "TJKHUSUS": 0,
            "TJBERAS": pay["tjberas"].to_numpy(),
            "TJUMUM": pay["tjumum"].to_numpy(),
            "TBULAT": (100 - gross % 100) % 100,
            "BERSIH": (gross * 0.9).round(-2).astype(np.int64).to_numpy(),
        }
    )


def _write_simgaji_xlsx(path: Path, rows: pd.DataFrame, number_nip_row: int | None) -> None:
    book = xlsxwriter.Workbook(str(path))  # column-wise writes: not constant_memory
    book.set_properties({"created": FIXED_CREATED, "author": "SIMGAJI"})
    ws = book.add_worksheet("fgaji")
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy"})
    for j, name in enumerate(SIMGAJI_HEADER):
        ws.write_string(0, j, name)
    for j, name in enumerate(SIMGAJI_HEADER):
        values = rows[name].tolist()
        if name == "TGLGAJI":
            ws.write_column(1, j, [dt.datetime.combine(v, dt.time()) for v in values], date_fmt)
        elif name in ("NIP", "NAMA"):
            ws.write_column(1, j, [str(v) for v in values])
        else:
            ws.write_column(1, j, [int(v) for v in values])
    if number_nip_row is not None:  # Excel keeps 15 digits of a number cell: quarantined
        ws.write_number(number_nip_row + 1, 1, float(rows["NIP"].iloc[number_nip_row]))
    book.close()


def _dots(values: pd.Series) -> pd.Series:
    """4500000 -> '4.500.000' (Indonesian thousands)."""
    text = values.astype("int64").map("{:,}".format).astype("string")
    return text.str.replace(",", ".", regex=False)


def _gpp_rows(
    emp: pd.DataFrame, pay: pd.DataFrame, month: dt.date, rng: np.random.Generator
) -> pd.DataFrame:
    n = len(emp)
    rows = pd.DataFrame({col: "" for col in GPP_HEADER}, index=range(n))
    rows["kdsatker"] = "999999"
    rows["bulan"] = f"{month.month:02d}"
    rows["tahun"] = str(month.year)
    rows["nip"] = emp["nipBaru"].to_numpy()
    rows["nmpeg"] = emp["nama"].to_numpy()
    rows["kdgol"] = emp["golRuangAkhir"].to_numpy()
    rows["npwp"] = emp["noNpwp"].to_numpy()
    rows["nmrek"] = emp["nama"].str.upper().to_numpy()
    rows["nm_bank"] = "BANK PEMBANGUNAN DAERAH"
    rows["rekening"] = pd.Series(rng.integers(10**9, 10**10, n)).astype(str).to_numpy()
    for src, col in (("gapok", "gjpokok"), ("tjistri", "tjistri"), ("tjanak", "tjanak"),
                     ("tjumum", "tjupns"), ("tjeselon", "tjstruk"), ("tjfungsi", "tjfungs"),
                     ("tjberas", "tjberas")):  # fmt: skip
        rows[col] = pay[src].astype("int64").astype(str).to_numpy()
    dotted = rng.random(n) < 0.3  # re-keyed by hand with thousand separators
    rows.loc[dotted, "gjpokok"] = _dots(pay.loc[dotted, "gapok"]).to_numpy()
    decimals = rng.random(n) < 0.2  # exported from a money column: '3203600.00'
    rows.loc[decimals, "tjistri"] = rows.loc[decimals, "tjistri"] + ".00"
    rows["bersih"] = (pay["gapok"] * 9 // 10).astype(str).to_numpy()
    # kdkawin: the employee, a spouse on tunjangan, two digits of children (issue 21)
    family = "1" + pay["married"].astype(int).astype(str) + pay["children"].map("{:02d}".format)
    rows["kdkawin"] = family.to_numpy()
    return rows


def write_payroll(
    out: Path,
    employees: pd.DataFrame,
    start: str,
    months: int,
    rng: np.random.Generator,
    tax_rng: np.random.Generator | None = None,
) -> dict[str, int]:
    """Write inbox/payroll/ and inbox/reference/ for the employees; returns files per kind.
    With ``tax_rng`` also reference/ptkp.csv (synthetic/tax.py), drawn from that stream only."""
    out = Path(out)
    emp = employees.reset_index(drop=True).astype(str)
    pay = _salaries(emp, rng)
    if tax_rng is not None:
        write_ptkp(out, emp, pay, start, tax_rng)
    tmt = _dates(emp["tmtCpns"])
    retire = _dates(emp["tmtPensiun"])
    folder = out / "payroll"
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"payroll simgaji": 0, "payroll gpp": 0}
    gaps: list[tuple[int, dt.date, bool]] = []  # (employee, month, paid before) without a row
    paid_before = np.zeros(len(emp), dtype=bool)
    gone = pd.Series(pd.NaT, index=emp.index, dtype="datetime64[ns]")
    for i, (_, day) in _leavers(len(emp), start, months).items():
        gone.iloc[i] = day  # no payroll row after the last month of service
    for k, month in enumerate(_months(start, months)):
        stamp = pd.Timestamp(month)
        in_service = (tmt.isna() | (tmt <= stamp)) & (retire.isna() | (retire > stamp))
        in_service &= gone.isna() | (gone > stamp)
        late = rng.random(len(emp)) < 0.01  # payroll not processed yet this month
        here = (in_service & ~late).to_numpy()
        # joined during the month: TPP from the TMT, the first gaji not in this month's export
        joining = (tmt > stamp) & (tmt <= stamp + pd.offsets.MonthEnd(0))
        gaps += [
            (int(i), month, bool(paid_before[i]))
            for i in np.flatnonzero(((in_service & late) | joining).to_numpy())
        ]
        pns = here & ~pay["pppk"].to_numpy()
        if k == 0 and pns.sum() > 10:  # the row written with its NIP as a number: rejected
            gaps.append((int(np.flatnonzero(pns)[4]), month, False))
        rows = _simgaji_rows(emp[pns], pay[pns], month)
        if len(rows) > 5:
            rows = pd.concat([rows, rows.iloc[[2]]], ignore_index=True)  # repeated row
        name = f"simgaji_{month:%Y-%m}"
        if k == 1:  # re-saved from Excel: semicolons, Indonesian thousands, dd/mm/yyyy
            text = rows.copy()
            text["TGLGAJI"] = f"{month:%d/%m/%Y}"
            for col in SIMGAJI_HEADER[3:]:
                text[col] = _dots(rows[col])
            (folder / f"{name}.csv").write_text(
                text.to_csv(sep=";", index=False, lineterminator="\n"), encoding="utf-8"
            )
        else:
            nip_row = 4 if k == 0 and len(rows) > 10 else None
            _write_simgaji_xlsx(folder / f"{name}.xlsx", rows, nip_row)
        counts["payroll simgaji"] += 1
        pppk = here & pay["pppk"].to_numpy()
        if pppk.any():
            gpp = _gpp_rows(emp[pppk], pay[pppk].reset_index(drop=True), month, rng)
            if len(gpp) > 3:
                gpp.loc[1, "tjanak"] = "12500,50"  # sen: quarantined
            gpp.to_csv(folder / f"gpp_pppk_{month:%Y-%m}.csv", index=False, lineterminator="\n")
            counts["payroll gpp"] += 1
        paid_before |= here
    _write_payroll_decisions(out, emp, pay, gaps)
    _write_reference(out, emp, tmt, start, rng, months)
    counts["reference csv"] = 2 + (tax_rng is not None)
    return counts


def _half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def _gaji_gross(p: pd.Series) -> int:
    """The month's gaji gross for PPh 21 as finance states it: the components plus the employer
    premiums (BPJS 4 % of gapok + keluarga + jabatan/umum up to 12,000,000, JKK 0.24 % and JKM
    0.72 % of gapok, each half up), computed here on its own, not with rules/tax/gaji.py."""
    base = int(p["gapok"] + p["tjistri"] + p["tjanak"] + p["tjeselon"] + p["tjfungsi"])
    base += int(p["tjumum"])
    gapok = int(p["gapok"])
    premiums = (
        _half_up(min(base, 12_000_000) * 4, 100)
        + _half_up(gapok * 24, 10_000)
        + _half_up(gapok * 72, 10_000)
    )
    return base + int(p["tjberas"]) + premiums


def _write_payroll_decisions(
    out: Path, emp: pd.DataFrame, pay: pd.DataFrame, gaps: list[tuple[int, dt.date, bool]]
) -> None:
    """Finance's decisions for the employee-months the payroll writer left without a readable
    row (issue 21), appended to attendance_decisions.csv (whose payroll decisions this writer
    owns: earlier ones are replaced): ``carry`` where an earlier month has the employee's row,
    else ``amount`` with the month's gaji gross for PPh 21 (rules/tax/gaji.py)."""
    path = Path(out) / "attendance_decisions.csv"
    header = ["device_key", "nip", "date_from", "date_to", "decision", "decided_by", "note",
              "file", "amount"]  # fmt: skip
    kept = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame()
    if len(kept):
        kept = kept[~kept["decision"].isin(["carry", "amount"])]
    rows = []
    for i, month, earlier in gaps:
        last = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
        amount = "" if earlier else str(_gaji_gross(pay.iloc[i]))
        rows.append(
            {
                "nip": emp["nipBaru"].iloc[i],
                "date_from": f"{month:%Y-%m-%d}",
                "date_to": f"{last:%Y-%m-%d}",
                "decision": "carry" if earlier else "amount",
                "decided_by": "Kepala BPKAD (ND 900/21)",
                "note": "payroll row late or unreadable",
            }
        )
        rows[-1]["amount"] = amount
    if not rows and not len(kept):
        return
    table = pd.concat([kept, pd.DataFrame(rows)], ignore_index=True)
    table = table.reindex(columns=header, fill_value="").fillna("")
    table.to_csv(path, index=False, lineterminator="\n")


def _leavers(n: int, start: str, months: int) -> dict[int, tuple[str, pd.Timestamp]]:
    """Over nine months or more (a year): one employee dies in the fifth month (meninggal, the
    day after the death: no longer paid from then) and one is transferred out from the ninth
    (issue 21). Employee index -> (status text, date_from); no random draw."""
    if months < 9 or n < 20:
        return {}
    first = pd.Timestamp(f"{start}-01")
    return {
        n // 5: ("meninggal dunia", first + pd.DateOffset(months=4) + pd.Timedelta(days=15)),
        n // 4: ("mutasi keluar", first + pd.DateOffset(months=8)),
    }


def _write_reference(
    out: Path,
    emp: pd.DataFrame,
    tmt: pd.Series,
    start: str,
    rng: np.random.Generator,
    months: int = 1,
) -> None:
    folder = out / "reference"
    folder.mkdir(parents=True, exist_ok=True)
    first = pd.Timestamp(f"{start}-01")
    n = len(emp)
    nip = emp["nipBaru"].to_numpy()
    # sanctions: a few TPP cuts decided in the months before the period, some reprimands
    cut = np.flatnonzero(rng.random(n) < 0.006)
    reprimand = np.flatnonzero(rng.random(n) < 0.01)
    decided = first - pd.to_timedelta(rng.integers(5, 200, len(cut)), unit="D")
    sanctions = [
        pd.DataFrame(
            {
                "nip": nip[cut],
                "sanction_type": "Pemotongan TPP 25%",
                "decision_date": decided.strftime("%Y-%m-%d"),
                "months": rng.choice([6, 9, 12], len(cut)).astype(str),
                "nomor_sk": [f"800/{i + 1}/BKPSDM/{d.year}" for i, d in enumerate(decided)],
            }
        ),
        pd.DataFrame(
            {
                "nip": nip[reprimand],
                "sanction_type": "teguran tertulis",
                "decision_date": (first - pd.Timedelta(days=20)).strftime("%Y-%m-%d"),
                "months": "0",
                "nomor_sk": "",
            }
        ),
        pd.DataFrame(
            {
                "nip": [nip[0], "199901012020011099"],
                "sanction_type": ["pemotongan tpp", "pemotongan tpp"],
                "decision_date": [(first - pd.Timedelta(days=40)).strftime("%Y-%m-%d")] * 2,
                "months": ["7", "6"],  # 7 months: not a PP 94/2021 duration; unknown NIP
                "nomor_sk": "",
            }
        ),
    ]
    pd.concat(sanctions, ignore_index=True).to_csv(
        folder / "sanctions.csv", index=False, lineterminator="\n"
    )
    # status events: CPNS for the first year after TMT, some CLTN, tugas belajar, one suspension
    pns = ~emp["kedudukanPnsNama"].str.contains("PPPK").to_numpy()  # PPPK are never CPNS
    recent = np.flatnonzero((tmt > first - pd.DateOffset(years=1)).to_numpy() & pns)
    cpns_from = tmt.iloc[recent]
    cltn = np.flatnonzero(rng.random(n) < 0.003)
    study = np.flatnonzero(rng.random(n) < 0.002)
    cltn_from = first + pd.to_timedelta(rng.integers(0, 25, len(cltn)), unit="D")
    events = [
        pd.DataFrame(
            {
                "nip": nip[recent],
                "status": "CPNS",
                "date_from": cpns_from.dt.strftime("%Y-%m-%d").to_numpy(),
                "date_to": (cpns_from + pd.DateOffset(years=1) - pd.Timedelta(days=1))
                .dt.strftime("%Y-%m-%d")
                .to_numpy(),
            }
        ),
        pd.DataFrame(
            {
                "nip": nip[cltn],
                "status": "Cuti di Luar Tanggungan Negara",
                "date_from": cltn_from.strftime("%Y-%m-%d"),
                "date_to": (cltn_from + pd.DateOffset(months=6)).strftime("%Y-%m-%d"),
            }
        ),
        pd.DataFrame(
            {
                "nip": nip[study],
                "status": "tugas belajar",
                "date_from": first.strftime("%Y-%m-%d"),
                "date_to": "",
            }
        ),
        pd.DataFrame(
            {
                "nip": [nip[n // 2], nip[n // 3]],
                "status": ["pemberhentian sementara", "cuti besar"],  # the second is unknown
                "date_from": [(first + pd.Timedelta(days=9)).strftime("%Y-%m-%d")] * 2,
                "date_to": "",
            }
        ),
    ]
    leavers = _leavers(n, start, months)
    if leavers:
        events.append(
            pd.DataFrame(
                {
                    "nip": [nip[i] for i in leavers],
                    "status": [status for status, _ in leavers.values()],
                    "date_from": [day.strftime("%Y-%m-%d") for _, day in leavers.values()],
                    "date_to": "",
                }
            )
        )
    pd.concat(events, ignore_index=True).to_csv(
        folder / "status_events.csv", index=False, lineterminator="\n"
    )
