"""The performance cycle's warehouse slices (issue 16): each publish is one transaction through
``resources.warehouse.publish`` for the agency the resource is scoped to; numbers reach the
NUMERIC columns as exact text, never as floats."""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from resources.warehouse import engine as wh
from resources.warehouse.performance import tables as t
from resources.warehouse.performance import tables as tp
from resources.warehouse.publish import scores_as_text
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.performance import DIALOG_RULES
from vocabulary.units import decimal_text, periods_of_semester

COVERAGE_PCT = {
    "pegawai_coverage_units": c.PEGAWAI_COVERAGE_PCT,
    "rhk_coverage_units": c.RHK_COVERAGE_PCT,
    "perilaku_coverage_units": c.PERILAKU_COVERAGE_PCT,
    "tepat_waktu_units": c.TEPAT_WAKTU_PCT,
    "template_units": c.TEMPLATE_PCT,
}


def decimals_as_text(frame: pd.DataFrame, columns: dict[str, int]) -> pd.DataFrame:
    """Float columns as exact text with the given decimals (<NA> stays empty)."""
    out = frame.copy()
    for col, places in columns.items():
        x = pd.to_numeric(out[col], errors="coerce").astype("float64").to_numpy()
        text = np.char.mod(f"%.{places}f", np.nan_to_num(x))
        out[col] = pd.Series(text, index=out.index, dtype="string").mask(np.isnan(x))
    return out


def feedback_snapshot(feedback: Checked) -> wh.Replace:
    """fact_feedback_360 replaced whole by the valid 360 rows of the inbox snapshot."""
    rows = decimals_as_text(feedback.valid, {c.SKOR: 2})
    return wh.Replace(t.fact_feedback_360, sa.true(), rows)


def cascade(
    target: wh.WarehouseResource, facts: pd.DataFrame, scores: pd.DataFrame
) -> dict[str, int]:
    """fact_rhk_cascade and fact_cascade_score, replaced whole (the RHK export is a snapshot)."""
    shares = {"alignment_pct": 2, "coverage_pct": 2, "cascade_score": 2}
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(t.fact_rhk_cascade, sa.true(), decimals_as_text(facts, {c.MATCH_SCORE: 2})),
            wh.Replace(t.fact_cascade_score, sa.true(), decimals_as_text(scores, shares)),
        ],
    )


def _cases(cases: pd.DataFrame) -> pd.DataFrame:
    """Tindak lanjut rows with their assignee (empty for the rules that name none)."""
    return cases if c.ASSIGNED_TO in cases.columns else cases.assign(**{c.ASSIGNED_TO: pd.NA})


def _not_dialog(f: sa.Table) -> sa.ColumnElement[bool]:
    """The dialog kinerja cases are the inbox snapshot's (``dialog``), not a month's."""
    return f.c.rule.not_in(DIALOG_RULES)


def cycle_month(
    target: wh.WarehouseResource,
    month: str,
    monthly: pd.DataFrame,
    compliance: pd.DataFrame,
    cases: pd.DataFrame,
) -> dict[str, int]:
    """The month's fact_lapkin_monthly (the kinerja percentage as exact DECIMAL(9,4) text),
    fact_lapkin_compliance and fact_tindak_lanjut."""
    m, k, f = t.fact_lapkin_monthly, t.fact_lapkin_compliance, t.fact_tindak_lanjut
    rows = monthly.assign(kinerja_pct=decimal_text(monthly[c.KINERJA_PCT_UNITS], 4))
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(m, m.c.month == month, rows, month),
            wh.Replace(k, k.c.period == month, compliance, month),
            wh.Replace(f, sa.and_(f.c.period == month, _not_dialog(f)), _cases(cases), month),
        ],
    )


def cycle_semester(
    target: wh.WarehouseResource,
    label: str,
    perilaku: pd.DataFrame,
    summary: pd.DataFrame,
    counts: pd.DataFrame,
    cases: pd.DataFrame,
) -> dict[str, int]:
    """The semester's periods (semester, quarters, in S2 the year) of fact_perilaku_360,
    fact_feedback_360_summary and fact_feedback_360_counts, and its fact_tindak_lanjut."""
    periods = periods_of_semester(label, quarters=True)
    p, s, n, f = (
        t.fact_perilaku_360,
        t.fact_feedback_360_summary,
        t.fact_feedback_360_counts,
        t.fact_tindak_lanjut,
    )
    scores = {col: 2 for col in (c.NILAI_ATASAN, c.NILAI_REKAN, c.NILAI_BAWAHAN)}
    scores[c.NILAI_PERILAKU_360] = 2
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(p, p.c.period.in_(periods), decimals_as_text(perilaku, scores), label),
            wh.Replace(
                s, s.c.period.in_(periods), decimals_as_text(summary, {c.PCT_DI_BAWAH: 2}), label
            ),
            wh.Replace(n, n.c.period.in_(periods), counts, label),
            wh.Replace(f, sa.and_(f.c.period == label, _not_dialog(f)), _cases(cases), label),
        ],
    )


def dialog(
    target: wh.WarehouseResource,
    coverage: pd.DataFrame,
    pegawai: pd.DataFrame,
    penilai: pd.DataFrame,
    cases: pd.DataFrame,
) -> dict[str, int]:
    """The dialog kinerja of the inbox snapshot in one transaction: fact_dialog_coverage,
    fact_dialog_pegawai and fact_dialog_penilai replaced whole, and the dialog rules' rows of
    fact_tindak_lanjut (every period: the dialogue exports are snapshots). Shares go in as exact
    DECIMAL(5,2) text from their integer units."""
    rows = coverage.copy()
    for units, column in COVERAGE_PCT.items():
        rows[column] = decimal_text(rows[units].astype("Int64"), 2)
    rows = decimals_as_text(rows, {c.MEDIAN_LAG_HARI: 1})
    f = t.fact_tindak_lanjut
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(t.fact_dialog_coverage, sa.true(), rows),
            wh.Replace(t.fact_dialog_pegawai, sa.true(), pegawai),
            wh.Replace(t.fact_dialog_penilai, sa.true(), penilai),
            wh.Replace(f, f.c.rule.in_(DIALOG_RULES), cases, "dialog"),
        ],
    )


def performance_month(
    target: wh.WarehouseResource, month: str, facts: pd.DataFrame, compliance: pd.DataFrame
) -> dict[str, int]:
    """The month's predikat in fact_performance_period and its fact_skp_compliance."""
    f, k = tp.fact_performance_period, tp.fact_skp_compliance
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(f, f.c.period == month, scores_as_text(facts)),
            wh.Replace(k, k.c.period == month, compliance),
        ],
    )


def performance_semester(
    target: wh.WarehouseResource, label: str, scores: pd.DataFrame, compliance: pd.DataFrame
) -> dict[str, int]:
    """A semester's scores (the semester, its quarters and, in S2, the year) and compliance."""
    periods = periods_of_semester(label, quarters=True)
    f, k = tp.fact_performance_period, tp.fact_skp_compliance
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            wh.Replace(f, f.c.period.in_(periods), scores_as_text(scores)),
            wh.Replace(k, k.c.period == label, compliance),
        ],
    )
