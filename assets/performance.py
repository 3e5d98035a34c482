"""Performance (e-Kinerja): the exports in inbox/ekinerja/, the monthly predikat TPP uses,
semester and year scores under each regime, SKP compliance, and their warehouse tables."""

from collections.abc import Iterator

import dagster as dg
import numpy as np
import pandas as pd

from assets.ingest import audit_frame, read_reference_files, validate_reference
from assets.metadata import checked_metadata, contract_checks, preview, rejected_files
from assets.partitions import month_of, monthly, semester
from assets.warehouse import POOL, publish_snapshot
from expectations import organisation_predikat as org_contract
from expectations import performance_assessments as assessments_contract
from expectations import skp_details as details_contract
from expectations import skp_plans as plans_contract
from formats.base import FileRejected, ReadResult
from formats.ekinerja import read_ekinerja
from resources import tables_performance as tp
from resources import warehouse as wh
from resources.inbox import InboxFile, InboxResource
from resources.rulebook import RulebookResource
from rules import columns as c
from rules.calendar import month_bounds
from rules.frames import Checked
from rules.performance import (
    BKN_LAPORAN_SKP,
    BKN_PENILAIAN,
    PREDIKAT_ORGANISASI,
    SIASN_PERIODIK,
    SKP_DETAIL,
    checks,
    kurva,
)
from rules.performance.compliance import period_compliance
from rules.performance.periods import SEMESTER, YEAR, bounds, semester_label
from rules.performance.permenpanrb6 import predikat_counts
from rules.performance.scores import monthly_fact, monthly_scores, semester_scores

GROUP = "performance"
EKINERJA_DIR = "ekinerja"
PLANS, ASSESSMENTS, DETAILS, ORGANISATION = (
    "skp_plans",
    "performance_assessments",
    "skp_details",
    "organisation_predikat",
)
EXPORT_ASSETS = (PLANS, ASSESSMENTS, DETAILS, ORGANISATION)
LAYOUT_ASSET = {
    BKN_LAPORAN_SKP: PLANS,
    BKN_PENILAIAN: ASSESSMENTS,
    SIASN_PERIODIK: ASSESSMENTS,
    SKP_DETAIL: DETAILS,
    PREDIKAT_ORGANISASI: ORGANISATION,
}
UNREADABLE = "ekinerja_files"  # audit name of files no reader could read


def _read_once(files: list[InboxFile]) -> dict[str, ReadResult | Exception]:
    parsed: dict[str, ReadResult | Exception] = {}
    for f in files:
        try:
            parsed[f.rel] = read_ekinerja(f.read(), f.rel)
        except (FileRejected, OSError) as exc:
            parsed[f.rel] = exc
    return parsed


def _cached(parsed: dict[str, ReadResult | Exception], transform=None):
    def reader(_data: bytes, rel: str) -> ReadResult:
        result = parsed[rel]
        if isinstance(result, Exception):
            raise result
        if transform is None:
            return result
        return ReadResult(result.layout, transform(result.rows), result.quarantine, result.info)

    return reader


def _empty(columns: dict[str, str]) -> pd.DataFrame:
    lineage = {c.SOURCE_FILE: "string", c.SOURCE_LINE: "int64"}
    return pd.DataFrame({k: pd.Series(dtype=t) for k, t in {**lineage, **columns}.items()})


EMPTY = {
    PLANS: {
        c.SKP_ID: "string",
        c.NIP: "string",
        c.UNIT_INDUK: "string",
        c.JABATAN: "string",
        c.IS_PLT_PLH: "bool",
        c.PERIOD_START: "datetime64[s]",
        c.PERIOD_END: "datetime64[s]",
        c.SKP_STATUS: "string",
    },
    ASSESSMENTS: {
        c.SOURCE: "string",
        c.NIP: "string",
        c.SKP_ID: "string",
        c.PERIOD: "string",
        c.PREDIKAT: "string",
        c.RATING_HASIL_KERJA: "string",
        c.RATING_PERILAKU: "string",
        c.IS_PLT_PLH: "bool",
        c.SKP_PERIOD_END: "datetime64[s]",
        c.PERIOD_KIND: "string",
        c.PERIOD_START: "datetime64[s]",
        c.PERIOD_END: "datetime64[s]",
    },
    DETAILS: {
        c.NIP: "string",
        c.PERIOD: "string",
        c.JENIS: "string",
        c.URAIAN: "string",
        c.ASPEK: "string",
        **{col: "float64" for col in checks.NUMBERS},
        c.ARAH: "string",
        c.MAKSIMAL: "bool",
        c.IDE_BARU: "bool",
    },
    ORGANISATION: {c.UNIT: "string", c.PERIOD: "string", c.PREDIKAT_ORGANISASI: "string"},
}


def read_exports(files: list[InboxFile], profile, known: pd.Series) -> dict[str, Checked]:
    """Each export read once, then validated per kind; rows in = valid + quarantined per file."""
    parsed = _read_once(files)

    def of(asset: str) -> list[InboxFile]:
        return [
            f
            for f in files
            if isinstance(parsed[f.rel], ReadResult) and LAYOUT_ASSET[parsed[f.rel].layout] == asset
        ]

    plans = validate_reference(
        of(PLANS),
        _cached(parsed),
        PLANS,
        plans_contract.suite(),
        lambda f: checks.plan_reasons(f, known),
        _empty(EMPTY[PLANS]),
    )
    complete = lambda rows: checks.complete_assessments(  # noqa: E731
        checks.join_plans(rows, plans.valid), profile
    )
    assessments = validate_reference(
        of(ASSESSMENTS),
        _cached(parsed, complete),
        ASSESSMENTS,
        assessments_contract.suite(),
        lambda f: checks.assessment_reasons(f, known, profile),
        _empty(EMPTY[ASSESSMENTS]),
    )
    assessments.valid = assessments.valid.drop(columns=["_matrix"], errors="ignore")
    _, _, unreadable = read_reference_files(
        [f for f in files if isinstance(parsed[f.rel], Exception)], _cached(parsed), UNREADABLE
    )
    assessments.audit = pd.concat([assessments.audit, audit_frame(unreadable)], ignore_index=True)
    details = validate_reference(
        of(DETAILS),
        _cached(parsed),
        DETAILS,
        details_contract.suite(),
        lambda f: checks.detail_reasons(f, known, profile),
        _empty(EMPTY[DETAILS]),
    )
    organisation = validate_reference(
        of(ORGANISATION),
        _cached(parsed),
        ORGANISATION,
        org_contract.suite(),
        checks.organisation_reasons,
        _empty(EMPTY[ORGANISATION]),
    )
    return {PLANS: plans, ASSESSMENTS: assessments, DETAILS: details, ORGANISATION: organisation}


@dg.multi_asset(
    group_name=GROUP,
    outs={
        PLANS: dg.AssetOut(
            kinds={"pandas"},
            description="BKN e-Kinerja Laporan SKP: one row "
            "per SKP (id, nip, unit, Plt/Plh, period, status).",
        ),
        ASSESSMENTS: dg.AssetOut(
            kinds={"pandas"},
            description="Penilaian: every predikat "
            "and rating per NIP and period (BKN Laporan Penilaian SKP, "
            "SIASN rw-kinerjaperiodik).",
        ),
        DETAILS: dg.AssetOut(
            kinds={"pandas"},
            description="SKP detail template rows of the "
            "numeric regimes (PP 46/2011, PermenPAN-RB 8/2021).",
        ),
        ORGANISATION: dg.AssetOut(
            kinds={"pandas"},
            description="Predikat kinerja "
            "organisasi per unit and period (optional; kurva distribusi).",
        ),
    },
    check_specs=contract_checks(EXPORT_ASSETS),
)
def ekinerja_exports(
    context: dg.AssetExecutionContext,
    inbox: InboxResource,
    rulebook: RulebookResource,
    employees: Checked,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Ekspor e-Kinerja: every file in inbox/ekinerja/, its layout detected from the content,
    validated per kind with its quarantine and per-file audit."""
    checked = read_exports(
        inbox.folder_files(EKINERJA_DIR), rulebook.load(), employees.valid[c.NIP]
    )
    columns = {
        PLANS: [c.NIP, c.UNIT_INDUK, c.IS_PLT_PLH, c.PERIOD_END, c.SKP_STATUS],
        ASSESSMENTS: [c.NIP, c.PERIOD, c.PREDIKAT, c.SOURCE],
        DETAILS: [c.NIP, c.PERIOD, c.JENIS, c.TARGET, c.REALISASI],
        ORGANISATION: [c.UNIT, c.PERIOD, c.PREDIKAT_ORGANISASI],
    }
    for name, result in checked.items():
        meta = checked_metadata(result)
        yield dg.Output(
            result,
            output_name=name,
            metadata={**meta, "preview": preview(result.valid, columns[name])},
        )
        yield dg.AssetCheckResult(
            asset_key=name,
            check_name=f"{name}_contract",
            passed=meta["rows_quarantined"] == 0 and meta["files_rejected"] == 0,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                **meta,
                "rejected_files": dg.MetadataValue.json(rejected_files(result.audit)),
            },
        )


def _kurva_result(check: str, table: pd.DataFrame) -> dg.AssetCheckResult:
    failed = table[~table["passed"].astype(bool)] if len(table) else table
    return dg.AssetCheckResult(
        check_name=check,
        passed=failed.empty,
        severity=dg.AssetCheckSeverity.WARN,
        description=None if failed.empty else f"{len(failed)} unit(s) break the kurva distribusi",
        metadata={
            "units_judged": len(table),
            "violations": dg.MetadataValue.json(
                {
                    f"{u} {p}": v
                    for u, p, v in zip(
                        failed.get(c.UNIT, []),
                        failed.get(c.PERIOD, []),
                        failed.get("violations", []),
                        strict=True,
                    )
                }
            ),
        },
    )


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "performance_monthly_contract",
            asset="performance_monthly",
            blocking=True,
            description="One row per NIP and month, a known predikat.",
        ),
        dg.AssetCheckSpec(
            "performance_monthly_kurva_distribusi",
            asset="performance_monthly",
            blocking=False,
            description="Warns per unit when its predikat "
            "distribution breaks the quota of its organisation predikat "
            "(SE MenPAN-RB 3/2023), where one is given for the month.",
        ),
    ],
)
def performance_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    performance_assessments: Checked,
    organisation_predikat: Checked,
    employees: Checked,
):
    """Predikat kinerja bulanan: one row per employee assessed in the month (nip, month,
    predikat, ratings, regime, source); the performance input of TPP."""
    month = month_of(context.partition_key)
    rules = rulebook.load().version_for(month_bounds(month)[0]).performance
    frame = monthly_scores(performance_assessments.valid, month, rules)
    counts = predikat_counts(frame[c.PREDIKAT])
    yield dg.Output(
        frame,
        metadata={
            "rows": len(frame),
            "predikat": dg.MetadataValue.json(counts),
            "preview": preview(frame, [c.NIP, c.PREDIKAT, c.SOURCE]),
        },
    )
    unique = not frame.duplicated([c.NIP, c.MONTH]).any()
    yield dg.AssetCheckResult(
        check_name="performance_monthly_contract",
        passed=bool(unique and frame[c.PREDIKAT].notna().all()),
    )
    table = kurva.check_period(
        frame, employees.valid, organisation_predikat.valid, month, rules.kurva_distribusi
    )
    yield _kurva_result("performance_monthly_kurva_distribusi", table)


@dg.asset(group_name=GROUP, partitions_def=monthly, kinds={"pandas"})
def skp_compliance_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    skp_plans: Checked,
    skp_details: Checked,
    performance_monthly: pd.DataFrame,
    employees: Checked,
) -> dg.Output[pd.DataFrame]:
    """Kepatuhan SKP bulanan per unit: employees, with an SKP, with an approved SKP, assessed
    in the month."""
    month = month_of(context.partition_key)
    first, last = month_bounds(month)
    rules = rulebook.load().version_for(first).performance
    frame = period_compliance(
        employees.valid,
        skp_plans.valid,
        skp_details.valid,
        performance_monthly[c.NIP],
        month,
        first,
        last,
        [],
        rules.compliance.approved_statuses,
    )
    return dg.Output(frame, metadata={"units": len(frame), "preview": preview(frame, list(frame))})


@dg.asset(
    group_name=GROUP,
    partitions_def=semester,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "performance_semester_kurva_distribusi",
            asset="performance_semester",
            blocking=False,
            description="Warns per unit and period (semester, "
            "and the year in a second semester) when the predikat distribution "
            "breaks the quota of the organisation predikat given for it.",
        ),
    ],
)
def performance_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    skp_details: Checked,
    performance_assessments: Checked,
    organisation_predikat: Checked,
    employees: Checked,
):
    """Nilai dan predikat kinerja per semester (and per year, in a second semester) under the
    regime of the period: PP 46/2011, PermenPAN-RB 8/2021 (with the 2021 integration) or 6/2022."""
    label = semester_label(context.partition_key)
    profile = rulebook.load()
    rules = profile.version_for(bounds(label)[0]).performance
    frame = semester_scores(
        skp_details.valid, performance_assessments.valid, label, rules, profile.name
    )
    by_period = {p: predikat_counts(g[c.PREDIKAT]) for p, g in frame.groupby(c.PERIOD)}
    yield dg.Output(
        frame,
        metadata={
            "rows": len(frame),
            "semester": label,
            "predikat": dg.MetadataValue.json(by_period),
            "preview": preview(frame, [c.NIP, c.PERIOD, c.REGIME, c.NILAI_KINERJA, c.PREDIKAT]),
        },
    )
    periods = [label, label[:4]] if label.endswith("S2") else [label]
    tables = [
        kurva.check_period(
            frame[frame[c.PERIOD] == p],
            employees.valid,
            organisation_predikat.valid,
            p,
            rules.kurva_distribusi,
        )
        for p in periods
    ]
    yield _kurva_result("performance_semester_kurva_distribusi", pd.concat(tables))


@dg.asset(group_name=GROUP, partitions_def=semester, kinds={"pandas"})
def skp_compliance_semester(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    skp_plans: Checked,
    skp_details: Checked,
    performance_semester: pd.DataFrame,
    employees: Checked,
) -> dg.Output[pd.DataFrame]:
    """Kepatuhan SKP per unit for the semester: employees, with an SKP (Laporan SKP or SKP
    detail), approved, and with a semester (or, for an annual PP 46 SKP, year) result."""
    label = semester_label(context.partition_key)
    first, last = bounds(label)
    rules = rulebook.load().version_for(first).performance
    kinds = performance_semester[c.PERIOD_KIND]
    scored = performance_semester.loc[
        (kinds == SEMESTER)
        | ((kinds == YEAR) & (performance_semester[c.REGIME] != "integrasi_2021")),
        c.NIP,
    ]
    detail_periods = [label, label[:4]] if label.endswith("S2") else [label]
    frame = period_compliance(
        employees.valid,
        skp_plans.valid,
        skp_details.valid,
        scored,
        label,
        first,
        last,
        detail_periods,
        rules.compliance.approved_statuses,
    )
    return dg.Output(frame, metadata={"units": len(frame), "preview": preview(frame, list(frame))})


def scores_for_warehouse(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores as exact two-decimal text for NUMERIC(7,2) (floats never reach the database)."""
    out = frame.copy()
    for col in (c.NILAI_SKP, c.NILAI_PERILAKU, c.NILAI_KINERJA):
        x = out[col].astype("float64").to_numpy()
        text = pd.Series(np.char.mod("%.2f", np.nan_to_num(x)), index=out.index, dtype="string")
        out[col] = text.mask(np.isnan(x))
    return out


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_ekinerja(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    skp_plans: Checked,
    performance_assessments: Checked,
    skp_details: Checked,
    organisation_predikat: Checked,
) -> dg.MaterializeResult:
    """The quarantine and load audit of the inbox's e-Kinerja exports, in one transaction."""
    return publish_snapshot(
        warehouse,
        context.run.run_id,
        dict(
            zip(
                EXPORT_ASSETS,
                (skp_plans, performance_assessments, skp_details, organisation_predikat),
                strict=True,
            )
        ),
    )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_performance_month(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    rulebook: RulebookResource,
    performance_monthly: pd.DataFrame,
    skp_compliance_monthly: pd.DataFrame,
) -> dg.MaterializeResult:
    """The month's predikat in fact_performance_period and its fact_skp_compliance."""
    month = month_of(context.partition_key)
    facts = scores_for_warehouse(monthly_fact(performance_monthly, rulebook.name()))
    f, k = tp.fact_performance_period, tp.fact_skp_compliance
    written = wh.publish(
        warehouse.engine(),
        agency=warehouse.scope(),
        replace=[
            wh.Replace(f, f.c.period == month, facts),
            wh.Replace(k, k.c.period == month, skp_compliance_monthly),
        ],
    )
    return dg.MaterializeResult(metadata={**written, "month": month})


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=semester)
def warehouse_performance_semester(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    performance_semester: pd.DataFrame,
    skp_compliance_semester: pd.DataFrame,
) -> dg.MaterializeResult:
    """The semester's scores (semester, its quarters and, in S2, the year) and compliance."""
    label = semester_label(context.partition_key)
    year = label[:4]
    quarters = [f"{year}-Q{q}" for q in ((3, 4) if label.endswith("S2") else (1, 2))]
    periods = [label, *quarters, *([year] if label.endswith("S2") else [])]
    f, k = tp.fact_performance_period, tp.fact_skp_compliance
    written = wh.publish(
        warehouse.engine(),
        agency=warehouse.scope(),
        replace=[
            wh.Replace(f, f.c.period.in_(periods), scores_for_warehouse(performance_semester)),
            wh.Replace(k, k.c.period == label, skp_compliance_semester),
        ],
    )
    return dg.MaterializeResult(
        metadata={**written, "semester": label, "periods": ", ".join(periods)}
    )


MONTH_ASSETS = [performance_monthly, skp_compliance_monthly, warehouse_performance_month]
SNAPSHOT_ASSETS = [ekinerja_exports, warehouse_ekinerja]
SEMESTER_ASSETS = [performance_semester, skp_compliance_semester, warehouse_performance_semester]
