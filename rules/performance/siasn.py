"""SIASN-ready kinerja results (tax-360 §4): what the payloads an operator uploads say.

One row per employee with a result in fact_performance_period for the requested period:

- a year ('2024') -> ``skp22/save``; a month or a semester -> ``kinerjaperiodik/save``;
- hasilKinerjaNilai / perilakuKerjaNilai from the two ratings (1 Di Atas, 2 Sesuai, 3 Di
  Bawah), kuadranKinerjaNilai from the predikat of the profile's 3x3 matrix (1 Sangat Baik, 2
  Baik, 3 Butuh Perbaikan, 4 Kurang/Misconduct, 5 Sangat Kurang), never from the public
  client's max() shortcut, which can never give 4 (tax-360 §0, §4.3);
- pnsDinilaiOrang (and PnsDinilaiId) = the SIASN PNS id of the employee master; an employee
  without one is listed with a reason, never guessed;
- the penilai fields from the pejabat penilai of the employee's SKP (``assessors_of``) and the
  employee master; koefisienId from the jenjang in the name of a functional position;
- ``id`` = the SIASN riwayat id read back from SIASN (so a resend updates the record), else
  null; ``export_id`` = a uuid5 of (nip, period, endpoint): the same input gives the same ids
  and the same files;
- the JSON payloads themselves, validated against their schema, are ``formats.siasn_payloads``.

Rows that cannot be sent keep a ``reason`` (no SIASN id, no ratings because the result was
derived from monthly predikat, no assessor, an unknown periodikId).
"""

from __future__ import annotations

import uuid

import pandas as pd

from rules.performance.permenpanrb6 import matrix_predikat
from rules.rulebook.performance import PerformanceRules
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.performance import (
    KINERJA_PERIODIK_SAVE,
    PERIODIK_FIELDS,
    SIASN_GOLONGAN_ID,
    SIASN_KOEFISIEN,
    SIASN_KUADRAN,
    SIASN_RATING,
    SKP22_SAVE,
)
from vocabulary.units import MONTH, SEMESTER, YEAR, parse_periods

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "kinerja-pipeline/siasn-kinerja")
PENILAI = ["penilaiNipNrp", "penilaiNama", "penilaiJabatan", "penilaiGolongan", "penilaiUnorNama"]
ASSESSOR_COLUMNS = [c.NIP, *PENILAI]
ROW_COLUMNS = [
    c.NIP,
    c.PERIOD,
    c.ENDPOINT,
    c.EXPORT_ID,
    c.PREDIKAT,
    *PERIODIK_FIELDS[1:],
    c.REASON,
]
_KOEFISIEN_RE = "(" + "|".join(sorted(SIASN_KOEFISIEN, key=len, reverse=True)) + ")"


def assessors_of(
    plans: pd.DataFrame, employees: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp
) -> pd.DataFrame:
    """The pejabat penilai of each employee for [first, last] and his master data.

    Args:
        plans: SKP-level rows with the assessor (nip, nip_atasan, period_start, period_end,
            is_plt_plh), e.g. the RHK export (one nip_atasan per SKP).
        employees: the employee master (nip, nama, jabatan, golongan, unit).
        first, last: the period.

    Returns:
        ``ASSESSOR_COLUMNS``: the definitive SKP overlapping the period with the latest end
        wins (as ``permenpanrb6.choose`` picks assessments); penilaiGolongan is SIASN's
        golRuangAkhirId when the golongan is a PNS one (III/a -> 31) [I], else as written.
    """
    p = plans[(plans[c.PERIOD_START] <= last) & (plans[c.PERIOD_END] >= first)]
    p = p[p[c.NIP_ATASAN].notna()].assign(_plt=p[c.IS_PLT_PLH].fillna(False).astype(bool))
    p = p.sort_values([c.NIP, "_plt", c.PERIOD_END], ascending=[True, True, False], kind="stable")
    chosen = p.drop_duplicates(c.NIP)[[c.NIP, c.NIP_ATASAN]]
    emp = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    boss = chosen[c.NIP_ATASAN]
    golongan = boss.map(emp[c.GOLONGAN]).astype("string")
    out = pd.DataFrame(
        {
            c.NIP: chosen[c.NIP].astype("string"),
            "penilaiNipNrp": boss.astype("string"),
            "penilaiNama": boss.map(emp[c.NAMA]).astype("string"),
            "penilaiJabatan": boss.map(emp[c.JABATAN]).astype("string"),
            "penilaiGolongan": golongan.map(SIASN_GOLONGAN_ID).fillna(golongan).astype("string"),
            "penilaiUnorNama": boss.map(emp[c.UNIT]).astype("string"),
        }
    )
    return out.reset_index(drop=True)


def export_ids(nip: pd.Series, period: pd.Series, endpoint: str) -> pd.Series:
    """uuid5 of (nip, period, endpoint): stable across runs and machines."""
    keys = nip.astype("string") + "|" + period.astype("string") + "|" + endpoint
    return pd.Series([str(uuid.uuid5(NAMESPACE, k)) for k in keys], index=nip.index, dtype="string")


def koefisien_ids(jenis_jabatan: pd.Series, jabatan: pd.Series) -> pd.Series:
    """koefisienId of functional positions from the jenjang in the jabatan name ('Perawat Ahli
    Pertama' -> 12); '' for other positions; <NA> for a functional one without a jenjang."""
    functional = jenis_jabatan.fillna("").str.contains("fungsional", case=False)
    jenjang = jabatan.fillna("").str.lower().str.extract(_KOEFISIEN_RE, expand=False)
    code = jenjang.map(SIASN_KOEFISIEN).astype("Int64").astype("string")
    return code.where(functional, "").astype("string")


def _int(values: pd.Series) -> pd.Series:
    return values.astype("Int64")


def siasn_results(
    facts: pd.DataFrame,
    employees: pd.DataFrame,
    assessors: pd.DataFrame,
    period: str,
    rules: PerformanceRules,
    readback: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The SIASN rows of one period ('2024', '2024-S1' or '2024-03').

    Args:
        facts: fact_performance_period rows (nip, period, period_kind, predikat, ratings).
        employees: the employee master (nip, siasn_id, jenis_jabatan, jabatan).
        assessors: ``assessors_of`` for the period.
        period: the period label; a year gives skp22/save, a semester or month
            kinerjaperiodik/save.
        rules: the performance rules (``siasn`` codes and the 6/2022 matrix).
        readback: optional (nip, period, siasn_riwayat_id) read back from SIASN.

    Returns:
        ``ROW_COLUMNS`` sorted by nip: every SIASN field and ``reason`` (<NA> when the row
        can be sent; ``formats.siasn_payloads.with_payloads`` makes its JSON line). Same input,
        same output.
    """
    parsed = parse_periods(pd.Series([period])).iloc[0]
    kind = parsed[c.PERIOD_KIND]
    if kind not in (YEAR, SEMESTER, MONTH):
        raise ValueError(f"{period!r}: export a year (2024), a semester (2024-S1) or a month")
    endpoint = SKP22_SAVE if kind == YEAR else KINERJA_PERIODIK_SAVE
    f = facts[facts[c.PERIOD] == period].drop_duplicates([c.NIP, c.PERIOD])
    f = f.sort_values(c.NIP, kind="stable").reset_index(drop=True)
    emp = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    nip = f[c.NIP].astype("string")
    siasn_id = (
        nip.map(emp[c.SIASN_ID]).astype("string")
        if c.SIASN_ID in emp.columns
        else pd.Series(pd.NA, index=nip.index, dtype="string")
    )
    hk, pk = f[c.RATING_HASIL_KERJA].astype("string"), f[c.RATING_PERILAKU].astype("string")
    matrix = matrix_predikat(hk, pk, rules.permenpanrb_6_2022)
    start, end = parsed[c.PERIOD_START], parsed[c.PERIOD_END]
    periodik = rules.siasn.periodik_id.get(kind) if kind != YEAR else None
    out = pd.DataFrame(
        {
            c.NIP: nip,
            c.PERIOD: period,
            c.ENDPOINT: endpoint,
            c.EXPORT_ID: export_ids(nip, f[c.PERIOD], endpoint),
            c.PREDIKAT: f[c.PREDIKAT].astype("string"),
            "id": pd.Series(pd.NA, index=f.index, dtype="string"),
            "pnsDinilaiOrang": siasn_id,
            "tahun": start.year,
            "hasilKinerjaNilai": _int(hk.map(SIASN_RATING)),
            "perilakuKerjaNilai": _int(pk.map(SIASN_RATING)),
            "kuadranKinerjaNilai": _int(matrix.map(SIASN_KUADRAN)),
        }
    )
    a = assessors.drop_duplicates(c.NIP).set_index(c.NIP)
    for col in PENILAI:
        out[col] = nip.map(a[col]).astype("string") if len(a) else pd.NA
    out["statusPenilai"] = rules.siasn.status_penilai
    out["path"] = "[]"
    koef = koefisien_ids(nip.map(emp[c.JENIS_JABATAN]), nip.map(emp[c.JABATAN]))
    periodic = endpoint == KINERJA_PERIODIK_SAVE
    none = pd.Series(pd.NA, index=out.index, dtype="string")
    out["PnsDinilaiId"] = siasn_id if periodic else none
    out["KoefisienId"] = koef if periodic else none
    out["PeriodikId"] = str(periodik) if periodic and periodik is not None else pd.NA
    out["BulanMulaiPenilaian"] = str(start.month) if periodic else pd.NA
    out["BulanSelesaiPenilaian"] = str(end.month) if periodic else pd.NA
    out["TahunMulaiPenilaian"] = start.year if periodic else pd.NA
    out["TahunSelesaiPenilaian"] = end.year if periodic else pd.NA
    if readback is not None and len(readback):
        back = readback[readback[c.PERIOD] == period].drop_duplicates(c.NIP, keep="last")
        out["id"] = nip.map(back.set_index(c.NIP)[c.SIASN_RIWAYAT_ID]).astype("string")
    jf_without = periodic & koef.isna()
    out[c.REASON] = first_reason(
        (
            pd.Series(start.year < rules.siasn.first_year, index=out.index),
            f"SIASN kinerja payloads start in {rules.siasn.first_year} (PermenPAN-RB 6/2022)",
        ),
        (siasn_id.isna(), "no SIASN id (siasn_id) in the employee master: not guessed"),
        (
            hk.isna() | pk.isna(),
            "no rating hasil kerja / perilaku (a result derived from monthly predikat): SIASN "
            "needs both ratings",
        ),
        (
            pd.Series(periodic and periodik is None, index=out.index),
            f"no SIASN periodikId is known for a {kind} (profile performance.siasn.periodik_id)",
        ),
        (
            (matrix != f[c.PREDIKAT]).fillna(True),
            "predikat " + f[c.PREDIKAT].fillna("") + " disagrees with the matrix of its ratings",
        ),
        (out["penilaiNama"].isna(), "no pejabat penilai of the SKP in the employee master"),
        (
            jf_without,
            "functional position '" + nip.map(emp[c.JABATAN]).fillna("") + "' names no jenjang:"
            " koefisienId unknown",
        ),
        index=out.index,
    )
    return out[ROW_COLUMNS]
