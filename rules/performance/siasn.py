"""SIASN-ready kinerja results: what the payloads an operator uploads say.

One row per employee with a result in fact_performance_period for the requested period:

- a year ('2024') -> ``skp22/save`` with the annual field names (tax-360 §4.1 [S×4]); a month
  ('2024-03') or a quarter ('2024-Q1') -> ``kinerjaperiodik/save`` with the periodic body's own
  names (``pnsDinilaiId``, ``penilaiJabatanNama``, ``periodikId``, ``koefisienId``, the months and
  years of the period; year-end §0, §5.2 [S×3]); periodikId 1 for a month, 2 for a quarter
  [S×2]. SIASN knows no semester code, so a semester is refused in words (``refusal``), never
  sent under a code of our own;
- hasilKinerjaNilai / perilakuKerjaNilai from the two ratings (1 Di Atas, 2 Sesuai, 3 Di
  Bawah), kuadranKinerjaNilai from the predikat of the profile's 3x3 matrix (1 Sangat Baik, 2
  Baik, 3 Butuh Perbaikan, 4 Kurang/Misconduct, 5 Sangat Kurang), never from the public
  client's max() shortcut, which can never give 4 (tax-360 §0, §4.3);
- the annual record is the atasan's annual assessment: a year derived from monthly predikat
  carries no ratings and is listed as ``needs_annual_assessment``, never sent (year-end §5.3);
- pnsDinilaiOrang / pnsDinilaiId = the SIASN PNS id of the employee master; an employee
  without one is listed with a reason, never guessed;
- the penilai fields from the pejabat penilai of the employee's SKP (``assessors_of``) and the
  employee master; koefisienId (required by SIASN) from the jenjang in the name of a functional
  position, for other positions the profile's ``koefisien_for_non_jf`` (unknown by default: the
  row is listed, never sent with an empty koefisienId);
- ``id`` = the SIASN riwayat id read back from SIASN (so a resend updates the record), else
  null; ``export_id`` = a uuid5 of (nip, period, endpoint): the same input gives the same ids
  and the same files;
- the JSON payloads themselves, validated against their endpoint's schema, are
  ``formats.siasn_payloads``.
"""

from __future__ import annotations

import uuid

import pandas as pd

from rules.performance.permenpanrb6 import choose, matrix_predikat
from rules.rulebook.performance import PerformanceRules
from vocabulary import columns as c
from vocabulary.frames import first_reason
from vocabulary.performance import (
    FIELDS_OF,
    KINERJA_PERIODIK_SAVE,
    NEEDS_ANNUAL_ASSESSMENT,
    SIASN_GOLONGAN_ID,
    SIASN_KOEFISIEN,
    SIASN_KUADRAN,
    SIASN_RATING,
    SKP22_SAVE,
)
from vocabulary.units import MONTH, QUARTER, SEMESTER, YEAR, parse_periods

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "kinerja-pipeline/siasn-kinerja")
PENILAI = ["penilaiNipNrp", "penilaiNama", "penilaiJabatan", "penilaiGolongan", "penilaiUnorNama"]
ASSESSOR_COLUMNS = [c.NIP, *PENILAI]
DERIVED_SOURCE = "monthly:"  # fact source prefix of a result derived from monthly predikat


def row_columns(endpoint: str) -> list[str]:
    """The columns of the SIASN rows of an endpoint: keys, the endpoint's fields, reason."""
    keys = [c.NIP, c.PERIOD, c.ENDPOINT, c.EXPORT_ID, c.PREDIKAT]
    return [*keys, *FIELDS_OF[endpoint][1:], c.REASON]


def refusal(period: str) -> str | None:
    """Why ``period`` cannot be exported to SIASN at all, in words; None when it can."""
    kind = parse_periods(pd.Series([period]))[c.PERIOD_KIND].iloc[0]
    if kind == SEMESTER:
        return (
            f"{period}: SIASN has no semester record. kinerjaperiodik/save knows periodikId 1 "
            "(Bulanan) and 2 (Triwulanan) only (year-end §5.2), and a semester's ratings are "
            "not two quarters' ratings, so nothing is sent: export the quarters "
            f"(--quarter {period[:4]}-Q{1 if period.endswith('S1') else 3} and the next) or "
            "the months, or the year (--year) for the annual SKP"
        )
    if kind not in (YEAR, QUARTER, MONTH):
        return f"{period!r}: export a year (2024), a quarter (2024-Q1) or a month (2024-03)"
    return None


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


def assessors_named(
    assessments: pd.DataFrame, employees: pd.DataFrame, period: str, priority: list[str]
) -> pd.DataFrame:
    """The pejabat penilai each employee's assessment of ``period`` names (SIASN records and
    annual Penilaian SKP that carry ``nip_penilai``): the one who rated, who may be outside the
    master (the Sekda rating a kepala dinas). The assessment that counts is the one
    ``permenpanrb6.choose`` keeps; each field the record leaves empty is taken from the master
    by the penilai's NIP.

    Returns:
        ``ASSESSOR_COLUMNS`` plus ``statusPenilai`` (<NA> where the record gives none), one row
        per employee whose assessment names a penilai.
    """
    empty = pd.DataFrame(columns=[*ASSESSOR_COLUMNS, "statusPenilai"], dtype="string")
    if c.NIP_PENILAI not in assessments.columns or assessments.empty:
        return empty
    rows = assessments[assessments[c.PERIOD] == period]
    rows = choose(rows, priority) if len(rows) else rows
    rows = rows[rows[c.NIP_PENILAI].notna()] if len(rows) else rows
    if rows.empty:
        return empty
    emp = employees.drop_duplicates(c.NIP).set_index(c.NIP)
    boss = rows[c.NIP_PENILAI].astype("string")

    def given(col: str) -> pd.Series:
        values = rows[col] if col in rows.columns else pd.Series(pd.NA, index=rows.index)
        return values.astype("string")

    golongan = given(c.PENILAI_GOLONGAN).fillna(boss.map(emp[c.GOLONGAN]).astype("string"))
    out = pd.DataFrame(
        {
            c.NIP: rows[c.NIP].astype("string"),
            "penilaiNipNrp": boss,
            "penilaiNama": given(c.PENILAI_NAMA).fillna(boss.map(emp[c.NAMA]).astype("string")),
            "penilaiJabatan": given(c.PENILAI_JABATAN).fillna(
                boss.map(emp[c.JABATAN]).astype("string")
            ),
            "penilaiGolongan": golongan.map(SIASN_GOLONGAN_ID).fillna(golongan).astype("string"),
            "penilaiUnorNama": given(c.PENILAI_UNOR).fillna(boss.map(emp[c.UNIT]).astype("string")),
            "statusPenilai": given(c.STATUS_PENILAI),
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
    """The SIASN rows of one period ('2024', '2024-Q1' or '2024-03').

    Args:
        facts: fact_performance_period rows (nip, period, predikat, ratings, source).
        employees: the employee master (nip, siasn_id, jenis_jabatan, jabatan).
        assessors: ``assessors_of`` for the period.
        period: the period label; a year gives skp22/save, a quarter or a month
            kinerjaperiodik/save; a semester raises ``ValueError`` with ``refusal``'s words.
        rules: the performance rules (``siasn`` codes and the 6/2022 matrix).
        readback: optional (nip, period, siasn_riwayat_id) read back from SIASN.

    Returns:
        ``row_columns(endpoint)`` sorted by nip: every field of the endpoint and ``reason``
        (<NA> when the row can be sent; ``formats.siasn_payloads.with_payloads`` makes its JSON
        line). Same input, same output.
    """
    refused = refusal(period)
    if refused:
        raise ValueError(refused)
    parsed = parse_periods(pd.Series([period])).iloc[0]
    kind = parsed[c.PERIOD_KIND]
    endpoint = SKP22_SAVE if kind == YEAR else KINERJA_PERIODIK_SAVE
    periodic = endpoint == KINERJA_PERIODIK_SAVE
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
    source = (
        f[c.SOURCE].astype("string")
        if c.SOURCE in f.columns
        else pd.Series(pd.NA, index=f.index, dtype="string")
    )
    derived = source.fillna("").str.startswith(DERIVED_SOURCE)
    start, end = parsed[c.PERIOD_START], parsed[c.PERIOD_END]
    out = pd.DataFrame(
        {
            c.NIP: nip,
            c.PERIOD: period,
            c.ENDPOINT: endpoint,
            c.EXPORT_ID: export_ids(nip, f[c.PERIOD], endpoint),
            c.PREDIKAT: f[c.PREDIKAT].astype("string"),
            "id": pd.Series(pd.NA, index=f.index, dtype="string"),
            "pnsDinilaiOrang": siasn_id,
            "pnsDinilaiId": siasn_id,
            "tahun": start.year,
            "hasilKinerjaNilai": _int(hk.map(SIASN_RATING)),
            "perilakuKerjaNilai": _int(pk.map(SIASN_RATING)),
            "kuadranKinerjaNilai": _int(matrix.map(SIASN_KUADRAN)),
        }
    )
    a = assessors.drop_duplicates(c.NIP).set_index(c.NIP)
    for col in PENILAI:
        out[col] = nip.map(a[col]).astype("string") if len(a) else pd.NA
    out["penilaiJabatanNama"] = out["penilaiJabatan"]
    status = (
        nip.map(a["statusPenilai"]).astype("string")
        if "statusPenilai" in a.columns and len(a)
        else pd.Series(pd.NA, index=out.index, dtype="string")
    )
    out["statusPenilai"] = status.fillna(rules.siasn.status_penilai)
    out["path"] = "[]"
    jenis = nip.map(emp[c.JENIS_JABATAN])
    koef = koefisien_ids(jenis, nip.map(emp[c.JABATAN]))
    non_jf = koef.eq("").fillna(False)
    koef = koef.mask(non_jf, rules.siasn.koefisien_for_non_jf).astype("string")
    periodik = rules.siasn.periodik_id.get(kind) if periodic else None
    out["periodikId"] = str(periodik) if periodik is not None else pd.NA
    out["koefisienId"] = koef
    out["bulanMulaiPenilaian"] = start.month
    out["bulanSelesaiPenilaian"] = end.month
    out["tahunMulaiPenilaian"] = start.year
    out["tahunSelesaiPenilaian"] = end.year
    if readback is not None and len(readback):
        back = readback[readback[c.PERIOD] == period].drop_duplicates(c.NIP, keep="last")
        out["id"] = nip.map(back.set_index(c.NIP)[c.SIASN_RIWAYAT_ID]).astype("string")
    no_ratings = hk.isna() | pk.isna()
    out[c.REASON] = first_reason(
        (
            pd.Series(start.year < rules.siasn.first_year, index=out.index),
            f"SIASN kinerja payloads start in {rules.siasn.first_year} (PermenPAN-RB 6/2022)",
        ),
        (siasn_id.isna(), "no SIASN id (siasn_id) in the employee master: not guessed"),
        (
            no_ratings & derived & (kind == YEAR),
            NEEDS_ANNUAL_ASSESSMENT
            + ": only monthly predikat exist for "
            + period
            + " ("
            + source.fillna("")
            + "); skp22/save takes the atasan's annual assessment with both "
            "ratings, never an aggregate of months (year-end §5.3)",
        ),
        (
            no_ratings & derived,
            "no rating hasil kerja / perilaku (a result derived from monthly predikat): SIASN "
            "needs both ratings",
        ),
        (no_ratings, "no rating hasil kerja / perilaku in the assessment: SIASN needs both"),
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
            periodic & non_jf & koef.isna(),
            "koefisienId is required by kinerjaperiodik/save and unknown for a position that is "
            "not functional ('" + jenis.fillna("?").astype("string") + "'; profile "
            "performance.siasn.koefisien_for_non_jf, year-end §5.2): not sent empty",
        ),
        (
            periodic & ~non_jf & koef.isna(),
            "functional position '" + nip.map(emp[c.JABATAN]).fillna("") + "' names no jenjang:"
            " koefisienId unknown, not sent empty",
        ),
        index=out.index,
    )
    return out[row_columns(endpoint)]
