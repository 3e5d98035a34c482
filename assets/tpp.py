"""TPP: payroll exports (inbox/payroll/), TPP reference files (inbox/reference/), the month's
TPP per employee and its warehouse publish (provisional rows, or adjustment lines for a closed
month). Closing a month, the finance files and the HR report are in assets/tpp_close.py."""

from collections.abc import Iterator

import dagster as dg
import pandas as pd

from assets.ingest import audit_frame, read_reference_files, validate_reference
from assets.metadata import checked_metadata, contract_checks, preview, rejected_files
from assets.partitions import month_of, monthly
from assets.warehouse import POOL, publish_snapshot
from expectations import payroll as payroll_contract
from expectations import sanctions as sanctions_contract
from expectations import status_events as status_contract
from expectations import tpp_ceilings as ceilings_contract
from formats import tpp_reference as tref
from formats.base import FileRejected
from formats.payroll import empty_payroll, read_payroll
from resources import tpp_ledger
from resources import warehouse as wh
from resources.inbox import InboxFile, InboxResource
from resources.rulebook import RulebookResource
from rules import columns as c
from rules.frames import Checked
from rules.profile import Profile
from rules.tpp import CEILINGS, SANCTIONS, STATUS_EVENTS
from rules.tpp.checks import contract_failures, missing_inputs
from rules.tpp.compute import compute_month
from rules.tpp.reference import (
    ceiling_reasons,
    payroll_reasons,
    sanction_reasons,
    status_reasons,
)
from rules.tpp.report import unit_totals

GROUP = "tpp"
PAYROLL_DIR = "payroll"
REFERENCE_DIR = "reference"
SANCTIONS_ASSET = "disciplinary_sanctions"
REFERENCE_ASSETS = {SANCTIONS: SANCTIONS_ASSET, STATUS_EVENTS: STATUS_EVENTS, CEILINGS: CEILINGS}
UNREADABLE = "tpp_reference_files"  # audit name of reference files no reader recognised


def _warn_check(name: str, checked: Checked) -> dg.AssetCheckResult:
    meta = checked_metadata(checked)
    return dg.AssetCheckResult(
        asset_key=name,
        check_name=f"{name}_contract",
        passed=meta["rows_quarantined"] == 0 and meta["files_rejected"] == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={**meta, "rejected_files": dg.MetadataValue.json(rejected_files(checked.audit))},
    )


@dg.asset(
    group_name=GROUP,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "payroll_contract",
            asset="payroll",
            blocking=False,
            description="Warns when payroll rows were quarantined or files rejected.",
        )
    ],
)
def payroll(context: dg.AssetExecutionContext, inbox: InboxResource, employees: Checked):
    """Gaji (GPP or SIMGAJI exports in inbox/payroll/): per NIP and month the salary components
    BPJS on TPP needs; names, NPWP and bank accounts are dropped at the door."""
    known = employees.valid[c.NIP]
    checked = validate_reference(
        inbox.folder_files(PAYROLL_DIR),
        read_payroll,
        "payroll",
        payroll_contract.suite(),
        lambda f: payroll_reasons(f, known),
        empty_payroll(),
    )
    meta = checked_metadata(checked)
    months = sorted(checked.valid[c.MONTH].dropna().unique().tolist())
    yield dg.Output(
        checked,
        metadata={
            **meta,
            "months": dg.MetadataValue.json(months),
            "preview": preview(checked.valid, [c.NIP, c.MONTH, c.LAYOUT]),
        },
    )
    yield _warn_check("payroll", checked)


def _kind_of(f: InboxFile) -> str | None:
    try:
        return tref.read_tpp_reference(f.read(), f.rel).layout
    except (FileRejected, OSError):
        return None


def read_reference(
    files: list[InboxFile], profile: Profile, known: pd.Series
) -> dict[str, Checked]:
    """Each reference file validated as the kind its header says; unknown files audited."""
    kinds = {f.rel: _kind_of(f) for f in files}
    of = {k: [f for f in files if kinds[f.rel] == k] for k in REFERENCE_ASSETS}
    rules = profile.versions[-1].tpp.sanctions
    out = {
        SANCTIONS: validate_reference(
            of[SANCTIONS],
            tref.read_sanctions,
            SANCTIONS_ASSET,
            sanctions_contract.suite(),
            lambda f: sanction_reasons(f, known, rules),
            tref.empty_frame(SANCTIONS),
        ),
        STATUS_EVENTS: validate_reference(
            of[STATUS_EVENTS],
            tref.read_status_events,
            STATUS_EVENTS,
            status_contract.suite(),
            lambda f: status_reasons(f, known),
            tref.empty_frame(STATUS_EVENTS),
        ),
        CEILINGS: validate_reference(
            of[CEILINGS],
            tref.read_ceilings,
            CEILINGS,
            ceilings_contract.suite(),
            ceiling_reasons,
            tref.empty_frame(CEILINGS),
        ),
    }
    unknown = [f for f in files if kinds[f.rel] is None]
    _, _, audit = read_reference_files(unknown, tref.read_tpp_reference, UNREADABLE)
    out[SANCTIONS].audit = pd.concat([out[SANCTIONS].audit, audit_frame(audit)], ignore_index=True)
    return out


@dg.multi_asset(
    group_name=GROUP,
    outs={
        SANCTIONS_ASSET: dg.AssetOut(
            kinds={"pandas"},
            description="Hukuman disiplin (PP 94/2021): nip, type, decision date, months.",
        ),
        STATUS_EVENTS: dg.AssetOut(
            kinds={"pandas"},
            description="Status events that change TPP eligibility: CPNS, CLTN, diberhentikan "
            "sementara, tugas belajar (intervals); pensiun, mutasi keluar, berhenti (from a date).",
        ),
        CEILINGS: dg.AssetOut(
            kinds={"pandas"},
            description="The region's TPP ceiling per kelas jabatan, effective-dated (optional: "
            "the profile's table applies when there is none).",
        ),
    },
    check_specs=contract_checks(REFERENCE_ASSETS.values()),
)
def tpp_reference(
    context: dg.AssetExecutionContext,
    inbox: InboxResource,
    rulebook: RulebookResource,
    employees: Checked,
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """Referensi TPP: every file in inbox/reference/, its kind detected from the header."""
    checked = read_reference(
        inbox.folder_files(REFERENCE_DIR), rulebook.load(), employees.valid[c.NIP]
    )
    for kind, name in REFERENCE_ASSETS.items():
        result = checked[kind]
        yield dg.Output(result, output_name=name, metadata=checked_metadata(result))
        yield _warn_check(name, result)


@dg.asset(
    group_name=GROUP,
    partitions_def=monthly,
    kinds={"pandas"},
    check_specs=[
        dg.AssetCheckSpec(
            "tpp_monthly_contract",
            asset="tpp_monthly",
            blocking=True,
            description="One row per NIP; gross = kinerja + disiplin paid; net = gross - BPJS 1 % "
            "- PPh 21; no negative amount.",
        ),
        dg.AssetCheckSpec(
            "tpp_monthly_inputs",
            asset="tpp_monthly",
            blocking=False,
            description="Warns about rows computed without a ceiling, a predikat or a payroll "
            "row of the month (each row's notes say which).",
        ),
    ],
)
def tpp_monthly(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    employees: Checked,
    monthly_discipline: pd.DataFrame,
    daily_attendance: pd.DataFrame,
    performance_monthly: pd.DataFrame,
    payroll: Checked,
    disciplinary_sanctions: Checked,
    status_events: Checked,
    tpp_ceilings: Checked,
):
    """TPP bulanan: per employee the ceiling, eligibility, CPNS factor, kinerja and disiplin
    parts, discipline deduction, sanction, gross, BPJS, PPh 21 and net, every step a column."""
    month = month_of(context.partition_key)
    frame = compute_month(
        employees.valid,
        monthly_discipline,
        daily_attendance,
        performance_monthly,
        payroll.valid,
        disciplinary_sanctions.valid,
        status_events.valid,
        tpp_ceilings.valid,
        rulebook.load(),
        month,
    )
    totals = unit_totals(frame)
    yield dg.Output(
        frame,
        metadata={
            "rows": len(frame),
            "gross": int(frame[c.GROSS].sum()),
            "net": int(frame[c.NET].sum()),
            "per_unit": dg.MetadataValue.md(totals.to_markdown(index=False)),
            "preview": preview(frame, [c.NIP, c.KELAS_JABATAN, c.GROSS, c.NET, c.NOTES]),
        },
    )
    failures = contract_failures(frame)
    yield dg.AssetCheckResult(
        check_name="tpp_monthly_contract",
        passed=not failures,
        metadata={"failures": dg.MetadataValue.json(failures)},
    )
    missing = missing_inputs(frame)
    yield dg.AssetCheckResult(
        check_name="tpp_monthly_inputs",
        passed=not any(missing.values()),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"rows": dg.MetadataValue.json(missing)},
    )


INPUT_ASSETS = ("payroll", SANCTIONS_ASSET, STATUS_EVENTS, CEILINGS)


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_tpp(
    context: dg.AssetExecutionContext,
    warehouse: wh.WarehouseResource,
    payroll: Checked,
    disciplinary_sanctions: Checked,
    status_events: Checked,
    tpp_ceilings: Checked,
) -> dg.MaterializeResult:
    """The quarantine and load audit of the payroll and TPP reference files, in one transaction."""
    return publish_snapshot(
        warehouse,
        context.run.run_id,
        dict(
            zip(
                INPUT_ASSETS,
                (payroll, disciplinary_sanctions, status_events, tpp_ceilings),
                strict=True,
            )
        ),
    )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL, partitions_def=monthly)
def warehouse_tpp_month(
    context: dg.AssetExecutionContext, warehouse: wh.WarehouseResource, tpp_monthly: pd.DataFrame
) -> dg.MaterializeResult:
    """fact_tpp_monthly of an open month (status provisional); for a closed month the final rows
    stay as paid and the differences become tpp_adjustment lines."""
    month = month_of(context.partition_key)
    outcome = tpp_ledger.publish_month(
        warehouse.engine(), tpp_monthly, month, context.run.run_id, warehouse.scope()
    )
    return dg.MaterializeResult(metadata=outcome.metadata())


INBOX_ASSETS = [payroll, tpp_reference, warehouse_tpp]
MONTH_ASSETS = [tpp_monthly, warehouse_tpp_month]
