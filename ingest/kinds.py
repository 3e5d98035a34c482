"""The one table of source kinds: where each input lives in the inbox, which reader reads it,
which contract validates it, which rules find its bad rows, and what applies when it is absent.

A *source* is a place in the inbox (``employees.*``, ``payroll/``, ``ekinerja/``); it holds one
kind of rows, or several kinds told apart by each file's content (``layout``). A *kind* is one
validated dataset (one Dagster asset). The assets, the CLI and the tests all read through this
table (``ingest.reference.read_source``), so a kind is declared once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from types import ModuleType

import pandas as pd

from expectations import attendance_decisions as decisions_contract
from expectations import devices as devices_contract
from expectations import dialog_ekspektasi as ekspektasi_contract
from expectations import dialog_pembinaan as pembinaan_contract
from expectations import dialog_umpan_balik as umpan_balik_contract
from expectations import employees as employees_contract
from expectations import feedback_360 as feedback_contract
from expectations import lapkin_reports as lapkin_contract
from expectations import leave as leave_contract
from expectations import organisation_predikat as org_contract
from expectations import payroll as payroll_contract
from expectations import performance_assessments as assessments_contract
from expectations import pin_map as pin_map_contract
from expectations import plt_assignments as plt_contract
from expectations import ptkp as ptkp_contract
from expectations import rhk_plans as rhk_contract
from expectations import sanctions as sanctions_contract
from expectations import skp_details as details_contract
from expectations import skp_plans as plans_contract
from expectations import status_events as status_contract
from expectations import tpp_ceilings as ceilings_contract
from formats import decisions as dec
from formats import ekinerja as ek
from formats import reference as ref
from formats import tpp_reference as tref
from formats.base import ReadResult
from formats.dialog import empty_dialog_frame
from formats.feedback_rhk_lapkin import empty_cycle_frame
from formats.payroll import empty_payroll, read_payroll
from rules.inputs import (
    decision_reasons,
    device_reasons,
    employee_reasons,
    leave_reasons,
    pin_map_reasons,
)
from rules.performance import dialog_inputs as dialog
from rules.performance import inputs as perf_inputs
from rules.performance.cascading import rhk_reasons
from rules.performance.lapkin import lapkin_reasons
from rules.profile import Profile
from rules.tax import inputs as tax_inputs
from rules.tpp import inputs as tpp_inputs
from vocabulary import performance as perf
from vocabulary import tpp
from vocabulary.frames import Checked
from vocabulary.tax import PTKP_REFERENCE

Reader = Callable[[bytes, str], ReadResult]


@dataclass(frozen=True)
class Context:
    """What the rules of a kind may need besides its rows: the rulebook, the master's NIPs,
    the master itself (who worked where: the 360 same-unit rule), the kinds of the source
    validated before this one (``done``, filled in by ``ingest.reference``) and kinds of other
    sources (``upstream``: HR's decisions for payroll)."""

    profile: Profile
    known: pd.Series = field(default_factory=lambda: pd.Series(dtype="string"))
    employees: pd.DataFrame | None = None
    done: dict[str, Checked] = field(default_factory=dict)
    upstream: dict[str, Checked] = field(default_factory=dict)  # other sources' kinds it needs

    def valid_of(self, kind: str) -> pd.DataFrame | None:
        """The valid rows of another source's kind this one was given, or None."""
        return self.upstream[kind].valid if kind in self.upstream else None


Reasons = Callable[[pd.DataFrame, Context], pd.Series]
Prepare = Callable[[pd.DataFrame, dict[str, Checked], Context], pd.DataFrame]


@dataclass(frozen=True)
class Kind:
    """One validated dataset.

    Attributes:
        name: the Dagster asset (and quarantine ``asset``) name.
        audit: the ``asset`` its files carry in load_audit.
        contract: the expectations module (``suite()``) of its rows.
        empty: the frame it has when the inbox holds none of it.
        reasons: rules that find bad rows (duplicates, unknown NIPs, ...), or None.
        prepare: completes the rows before validation from kinds read earlier, or None.
        drop: helper columns removed from the valid rows.
        required: without valid rows the month cannot be computed.
        default: what applies when the kind is absent or empty, in words for HR.
    """

    name: str
    audit: str
    contract: ModuleType
    empty: Callable[[], pd.DataFrame]
    reasons: Reasons | None = None
    prepare: Prepare | None = None
    drop: tuple[str, ...] = ()
    required: bool = False
    default: str = ""


@dataclass(frozen=True)
class Source:
    """A place in the inbox and the kinds it holds.

    Attributes:
        name: the source's name (``employees``, ``payroll``, ``ekinerja`` ...).
        stem: ``inbox/<stem>.*`` files (CSV, XLSX or JSON), or
        folder: every file under ``inbox/<folder>/``.
        reader: reads one file (for several kinds: detects its kind from ``layout``).
        kinds: the kinds, in the order they are validated (later ones may use earlier ones).
        layout_kind: layout -> kind name, when the source holds several kinds.
        unreadable: the audit name of files no reader could read (several kinds only).
    """

    name: str
    reader: Reader
    kinds: tuple[Kind, ...]
    stem: str | None = None
    folder: str | None = None
    layout_kind: dict[str, str] = field(default_factory=dict)
    unreadable: str | None = None

    def kind_of(self, layout: str) -> str:
        return self.layout_kind.get(layout, self.kinds[0].name)

    @property
    def where(self) -> str:
        return f"inbox/{self.stem}.*" if self.stem else f"inbox/{self.folder}/"


def _reference(name: str, stem: str, reader: Reader, kind: Kind) -> Source:
    return Source(name=name, stem=stem, reader=reader, kinds=(kind,))


EMPLOYEES = _reference(
    "employees",
    "employees",
    ref.read_employees,
    Kind(
        "employees",
        "employees",
        employees_contract,
        lambda: ref.empty_frame(ref.EMPLOYEES),
        reasons=lambda f, _x: employee_reasons(f),
        required=True,
        default="none: without the employee master (SIASN data-utama) no month is computed",
    ),
)
PIN_MAP = _reference(
    "pin_map",
    "pin_map",
    ref.read_pin_map,
    Kind(
        "pin_map",
        "pin_map",
        pin_map_contract,
        lambda: ref.empty_frame(ref.PIN_MAP),
        reasons=lambda f, x: pin_map_reasons(f, x.known),
        required=True,
        default="none: without the PIN map no punch can be tied to an employee",
    ),
)
LEAVE = _reference(
    "leave",
    "leave",
    ref.read_leave,
    Kind(
        "leave_records",
        "leave",
        leave_contract,
        lambda: ref.empty_frame(ref.LEAVE),
        reasons=lambda f, x: leave_reasons(f, x.known),
        default="no approved leave, izin or dinas luar: a working day without punches is TK",
    ),
)
DEVICES = _reference(
    "devices",
    "devices",
    ref.read_devices,
    Kind(
        "devices",
        "devices",
        devices_contract,
        lambda: ref.empty_frame(ref.DEVICES),
        reasons=lambda f, _x: device_reasons(f),
        default="every machine keeps the profile's time zone and its exports' own date order",
    ),
)
DECISIONS = _reference(
    "attendance_decisions",
    "attendance_decisions",
    dec.read_decisions,
    Kind(
        "attendance_decisions",
        "attendance_decisions",
        decisions_contract,
        dec.empty_decisions,
        reasons=lambda f, x: decision_reasons(f, x.known),
        default="no decision yet: machine-days without data and employees not enrolled on any "
        "machine stay open (no deduction, and the month cannot be closed until HR decides them), "
        "and payroll files of one layout that disagree stay unused",
    ),
)
PAYROLL = Source(
    name="payroll",
    folder="payroll",
    reader=read_payroll,
    kinds=(
        Kind(
            "payroll",
            "payroll",
            payroll_contract,
            empty_payroll,
            reasons=lambda f, x: tpp_inputs.payroll_reasons_by_version(
                f, x.known, x.profile, x.valid_of(DECISIONS.kinds[0].name)
            ),
            default="no salary of the month: BPJS and PPh 21 on TPP are computed without the "
            "gaji (each row's notes say so), every employee paid TPP is listed in payroll_gap, "
            "and the month cannot be closed until the payroll export arrives or finance decides "
            "(carry or amount in attendance_decisions.csv)",
        ),
    ),
)
TPP_REFERENCE = Source(
    name="tpp_reference",
    folder="reference",
    reader=tref.read_tpp_reference,
    kinds=(
        Kind(
            "disciplinary_sanctions",
            "disciplinary_sanctions",
            sanctions_contract,
            lambda: tref.empty_frame(tpp.SANCTIONS),
            reasons=lambda f, x: tpp_inputs.sanction_reasons(f, x.known, x.profile),
            default="no disciplinary sanctions: nobody's TPP is cut under PP 94/2021",
        ),
        Kind(
            tpp.STATUS_EVENTS,
            tpp.STATUS_EVENTS,
            status_contract,
            lambda: tref.empty_frame(tpp.STATUS_EVENTS),
            reasons=lambda f, x: tpp_inputs.status_reasons(f, x.known),
            default="no status events: every employee of the master is paid as active PNS/PPPK",
        ),
        Kind(
            tpp.CEILINGS,
            tpp.CEILINGS,
            ceilings_contract,
            lambda: tref.empty_frame(tpp.CEILINGS),
            reasons=lambda f, _x: tpp_inputs.ceiling_reasons(f),
            default="the profile's TPP ceiling table applies",
        ),
        Kind(
            PTKP_REFERENCE,
            PTKP_REFERENCE,
            ptkp_contract,
            lambda: tref.empty_frame(PTKP_REFERENCE),
            reasons=lambda f, x: tax_inputs.ptkp_reasons(f, x.known),
            default="no PTKP data: PPh 21 on TPP uses the tax profile's default status (TK/0) "
            "and each row's notes say so",
        ),
        Kind(
            tpp.PLT_ASSIGNMENTS,
            tpp.PLT_ASSIGNMENTS,
            plt_contract,
            lambda: tref.empty_frame(tpp.PLT_ASSIGNMENTS),
            reasons=lambda f, x: tpp_inputs.plt_reasons(f, x.known),
            default="no Plt/Plh assignments: nobody's TPP has a Plt/Plh addition",
        ),
    ),
    layout_kind={
        tpp.SANCTIONS: "disciplinary_sanctions",
        tpp.STATUS_EVENTS: tpp.STATUS_EVENTS,
        tpp.CEILINGS: tpp.CEILINGS,
        PTKP_REFERENCE: PTKP_REFERENCE,
        tpp.PLT_ASSIGNMENTS: tpp.PLT_ASSIGNMENTS,
    },
    unreadable="tpp_reference_files",
)


def _complete_assessments(rows: pd.DataFrame, done: dict[str, Checked], x: Context) -> pd.DataFrame:
    plans = done[perf.PLANS].valid
    return perf_inputs.complete_assessments(perf_inputs.join_plans(rows, plans), x.profile)


def _feedback_reasons(rows: pd.DataFrame, x: Context) -> pd.Series:
    master = x.employees if x.employees is not None else ref.empty_frame(ref.EMPLOYEES)
    plans = x.done[perf.PLANS].valid if perf.PLANS in x.done else None
    return perf_inputs.feedback_reasons_by_version(rows, x.known, master, plans, x.profile)


def _valid(done: dict[str, Checked], kind: str, empty: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return done[kind].valid if kind in done else empty()


def _rhk_of(done: dict[str, Checked]) -> pd.DataFrame:
    return _valid(done, perf.RHK_KIND, partial(empty_cycle_frame, perf.RHK_KIND))


def _ekspektasi_of(done: dict[str, Checked]) -> pd.DataFrame:
    return _valid(done, perf.DIALOG_EKSPEKTASI, partial(empty_dialog_frame, perf.DIALOG_EKSPEKTASI))


def _umpan_balik_reasons(rows: pd.DataFrame, x: Context) -> pd.Series:
    plans = _valid(x.done, perf.PLANS, partial(ek.empty_frame, perf.PLANS))
    return dialog.umpan_balik_reasons(rows, x.known, plans, _rhk_of(x.done), _ekspektasi_of(x.done))


def _classify_relasi(rows: pd.DataFrame, done: dict[str, Checked], _x: Context) -> pd.DataFrame:
    return dialog.classify_relasi(rows, _ekspektasi_of(done), _rhk_of(done))


EKINERJA = Source(
    name="ekinerja",
    folder="ekinerja",
    # every e-Kinerja layout, the issue-16 exports included (360, RHK, daily reports)
    reader=partial(ek.read_ekinerja, layouts=ek.ALL_LAYOUTS),
    kinds=(
        Kind(
            perf.PLANS,
            perf.PLANS,
            plans_contract,
            lambda: ek.empty_frame(perf.PLANS),
            reasons=lambda f, x: perf_inputs.plan_reasons(f, x.known),
            default="no SKP plans: SKP compliance counts nobody as having an SKP",
        ),
        Kind(
            perf.ASSESSMENTS,
            perf.ASSESSMENTS,
            assessments_contract,
            lambda: ek.empty_frame(perf.ASSESSMENTS),
            reasons=lambda f, x: perf_inputs.assessment_reasons(f, x.known, x.profile),
            prepare=_complete_assessments,
            drop=("_matrix",),
            default="no predikat: the kinerja part of TPP is paid at the profile's "
            "not-assessed percentage",
        ),
        Kind(
            perf.DETAILS,
            perf.DETAILS,
            details_contract,
            lambda: ek.empty_frame(perf.DETAILS),
            reasons=lambda f, x: perf_inputs.detail_reasons(f, x.known, x.profile),
            default="no SKP details: the numeric regimes have nothing to score",
        ),
        Kind(
            perf.ORGANISATION,
            perf.ORGANISATION,
            org_contract,
            lambda: ek.empty_frame(perf.ORGANISATION),
            reasons=lambda f, _x: perf_inputs.organisation_reasons(f),
            default="no organisation predikat: the kurva distribusi is not judged",
        ),
        Kind(
            perf.FEEDBACK_KIND,
            perf.FEEDBACK_KIND,
            feedback_contract,
            partial(empty_cycle_frame, perf.FEEDBACK_KIND),
            reasons=_feedback_reasons,
            default="no 360 feedback: the numeric regimes weigh SKP/perilaku 70/30 (PP 30/2019 "
            "Pasal 41(3)) with the atasan's perilaku; 6/2022 has no feedback summary",
        ),
        Kind(
            perf.RHK_KIND,
            perf.RHK_KIND,
            rhk_contract,
            partial(empty_cycle_frame, perf.RHK_KIND),
            reasons=lambda f, x: rhk_reasons(f, x.known),
            default="no RHK plans: no cascade is measured and SIASN payloads have no penilai",
        ),
        Kind(
            perf.LAPKIN_KIND,
            perf.LAPKIN_KIND,
            lapkin_contract,
            partial(empty_cycle_frame, perf.LAPKIN_KIND),
            reasons=lambda f, x: lapkin_reasons(f, x.known),
            default="no daily activity reports: nobody reported (e-Lapkin compliance 0), and "
            "under a Lapkin kinerja basis the kinerja part is paid at 0 %",
        ),
        Kind(
            perf.DIALOG_EKSPEKTASI,
            perf.DIALOG_EKSPEKTASI,
            ekspektasi_contract,
            partial(empty_dialog_frame, perf.DIALOG_EKSPEKTASI),
            reasons=lambda f, x: dialog.ekspektasi_reasons(f, x.known, _rhk_of(x.done)),
            default="no ekspektasi: the penilai of each pegawai comes from the RHK export, an "
            "SKP counts as agreed only from the Laporan SKP, no ekspektasi khusus is counted",
        ),
        Kind(
            perf.DIALOG_UMPAN_BALIK,
            perf.DIALOG_UMPAN_BALIK,
            umpan_balik_contract,
            partial(empty_dialog_frame, perf.DIALOG_UMPAN_BALIK),
            reasons=_umpan_balik_reasons,
            prepare=_classify_relasi,
            default="no umpan balik: dialog kinerja coverage is unknown and no dialog case is "
            "raised (never read as 'nobody talked')",
        ),
        Kind(
            perf.DIALOG_PEMBINAAN,
            perf.DIALOG_PEMBINAAN,
            pembinaan_contract,
            partial(empty_dialog_frame, perf.DIALOG_PEMBINAAN),
            reasons=lambda f, x: dialog.pembinaan_reasons(f, x.known),
            default="no pembinaan sessions: no dialog_no_pembinaan_after case is raised (a "
            "missing export is not a missing session)",
        ),
    ),
    layout_kind={**perf.LAYOUT_KIND, **perf.CYCLE_LAYOUT_KIND, **perf.DIALOG_LAYOUT_KIND},
    unreadable="ekinerja_files",
)

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (EMPLOYEES, PIN_MAP, LEAVE, DEVICES, DECISIONS, PAYROLL, TPP_REFERENCE, EKINERJA)
}
KINDS: dict[str, Kind] = {k.name: k for s in SOURCES.values() for k in s.kinds}
