"""Cascading of RHK (rencana hasil kerja): each RHK's link to its atasan's, the score per unit and
period, warning checks for orphans and unlinked RHK, and their warehouse tables."""

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.metadata import labelled, preview
from resources.rulebook import RulebookResource
from resources.warehouse.engine import WarehouseResource
from resources.warehouse.performance import publish as performance_publish
from rules.performance import cycle
from vocabulary import columns as c
from vocabulary.frames import Checked
from vocabulary.performance import ORPHAN, UNLINKED

GROUP = "performance"


def _listing(rows: pd.DataFrame, columns: list[str], limit: int = 20) -> dg.MetadataValue:
    return dg.MetadataValue.json(rows[columns].head(limit).astype(str).to_dict("records"))


@dg.multi_asset(
    name="cascading",
    group_name=GROUP,
    outs={
        "rhk_cascade": dg.AssetOut(
            kinds={"pandas"},
            description="Satu baris per RHK: RHK atasan yang diintervensinya (menurut id, atau "
            "kemiripan teks), status tautan, subperiode, kedalaman, tanda siklus dan berapa RHK "
            "bawahan yang mengintervensinya. (rhk_cascade)",
        ),
        "cascade_score": dg.AssetOut(
            kinds={"pandas"},
            description="Per unit dan periode: keselarasan, cakupan ('dibagi habis') dan skor "
            "cascading. (cascade_score)",
        ),
    },
    check_specs=[
        dg.AssetCheckSpec(
            "rhk_cascade_orphans",
            asset="rhk_cascade",
            blocking=False,
            description="Peringatan untuk RHK utama yang tidak mengintervensi RHK atasan yang ada.",
        ),
        dg.AssetCheckSpec(
            "rhk_cascade_cycles",
            asset="rhk_cascade",
            blocking=False,
            description="Peringatan untuk RHK dalam siklus RHK yang saling mengintervensi.",
        ),
    ],
)
def cascading(
    context: dg.AssetExecutionContext,
    rulebook: RulebookResource,
    rhk_plans: Checked,
    employees: Checked,
):
    facts, scores, warnings = cycle.cascade(rhk_plans.valid, employees.valid, rulebook.load())
    yield dg.Output(
        facts,
        "rhk_cascade",
        metadata=labelled(
            {
                "rows": len(facts),
                "link_status": dg.MetadataValue.json(facts[c.LINK_STATUS].value_counts().to_dict()),
            }
        ),
    )
    yield dg.Output(
        scores,
        "cascade_score",
        metadata=labelled({"units": len(scores), "preview": preview(scores, list(scores))}),
    )
    text = warnings.set_index(c.RHK_ID)["warning"]
    facts = facts.assign(warning=facts[c.RHK_ID].map(text))
    in_cycle = facts[c.IN_CYCLE].astype(bool)
    orphans = facts[facts[c.LINK_STATUS].isin([ORPHAN, UNLINKED]) & ~in_cycle]
    cycles = facts[in_cycle]
    for check, found in (("rhk_cascade_orphans", orphans), ("rhk_cascade_cycles", cycles)):
        yield dg.AssetCheckResult(
            asset_key="rhk_cascade",
            check_name=check,
            passed=found.empty,
            severity=dg.AssetCheckSeverity.WARN,
            description=None if found.empty else f"{len(found)} RHK listed",
            metadata=labelled(
                {"rhk": len(found), "list": _listing(found, [c.UNIT, c.PERIOD, "warning"])}
            ),
        )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_cascade(
    warehouse: WarehouseResource, rhk_cascade: pd.DataFrame, cascade_score: pd.DataFrame
) -> dg.MaterializeResult:
    """Cascading RHK di gudang data: fact_rhk_cascade dan fact_cascade_score diganti utuh
    dalam satu transaksi. (warehouse_cascade)"""
    return dg.MaterializeResult(
        metadata=labelled(performance_publish.cascade(warehouse, rhk_cascade, cascade_score))
    )
