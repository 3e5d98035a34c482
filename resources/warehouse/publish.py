"""The slices the assets publish, as warehouse rows: an asset names the slice (a month, a
semester, the inbox snapshot) and hands over its frames; this module writes them in one
transaction (``resources.warehouse.publish``) for the agency the resource is scoped to.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import sqlalchemy as sa

from resources.warehouse import engine as wh
from resources.warehouse import tables as wt
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.reasons import REASON_CODE, reason_codes
from vocabulary.units import decimal_text


def quarantine_rows(
    checked: Checked, source: str, asset: str, partition: str, run_id: str
) -> pd.DataFrame:
    """The quarantine of a Checked as rows of the ``quarantine`` table."""
    q = checked.quarantine
    return pd.DataFrame(
        {
            "source": source,
            "asset": asset,
            "partition_key": partition,
            "file": q[c.SOURCE_FILE].astype("string"),
            "line": q[c.SOURCE_LINE].astype("int64"),
            c.REASON: q[c.REASON].astype("string"),
            c.RAW: q[c.RAW].astype("string"),
            "run_id": run_id,
            REASON_CODE: reason_codes(q[c.REASON]),
        }
    )


def audit_rows(checked: Checked, partition: str, run_id: str) -> pd.DataFrame:
    """The per-file audit of a Checked as rows of ``load_audit``."""
    a = checked.audit.copy()
    a["partition_key"] = partition
    a["run_id"] = run_id
    a["loaded_at"] = wh.now_utc()
    return a


def with_pct(frame: pd.DataFrame) -> pd.DataFrame:
    """Deduction units as the exact DECIMAL(9,4) text of ``deduction_pct``."""
    out = frame.copy()
    out[c.DEDUCTION_PCT] = decimal_text(out["deduction_units"], 4)
    return out


def scores_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores as exact two-decimal text for NUMERIC(7,2) (floats never reach the database)."""
    out = frame.copy()
    for col in (c.NILAI_SKP, c.NILAI_PERILAKU, c.NILAI_KINERJA):
        x = out[col].astype("float64").to_numpy()
        text = pd.Series(np.char.mod("%.2f", np.nan_to_num(x)), index=out.index, dtype="string")
        out[col] = text.mask(np.isnan(x))
    return out


def snapshot(
    target: wh.WarehouseResource,
    run_id: str,
    inputs: dict[str, Checked],
    also: list[wh.Replace] = (),
) -> dict[str, int]:
    """The quarantine and load audit of unpartitioned inputs (and ``also``) in one transaction:
    the snapshot's quarantine of these assets is replaced, the audit appended."""
    quarantine = pd.concat(
        [quarantine_rows(v, k, k, wt.SNAPSHOT, run_id) for k, v in inputs.items()],
        ignore_index=True,
    )
    audit = pd.concat(
        [audit_rows(v, wt.SNAPSHOT, run_id) for v in inputs.values()], ignore_index=True
    )
    qt = wt.quarantine
    return wh.publish(
        target.engine(),
        agency=target.scope(),
        replace=[
            *also,
            wh.Replace(
                qt,
                sa.and_(qt.c.partition_key == wt.SNAPSHOT, qt.c.asset.in_(list(inputs))),
                quarantine,
            ),
        ],
        append=[(wt.load_audit, audit)],
    )


def employees_dimension(employees: Checked) -> wh.Replace:
    """dim_employee replaced whole by the master's valid rows (no names or personal numbers:
    the table has no column for them)."""
    return wh.Replace(wt.dim_employee, sa.true(), employees.valid)
