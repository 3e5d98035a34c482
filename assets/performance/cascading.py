"""Cascading of RHK (rencana hasil kerja): each RHK's link to its atasan's, the score per unit and
period, warning checks for orphans and unlinked RHK, and their warehouse tables."""

import dagster as dg
import pandas as pd

from assets.factories import POOL
from assets.metadata import preview
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
            description="One row per RHK: the atasan RHK it intervenes (by id, or by a fuzzy "
            "match of the text), its link status, sub-period, depth, cycle flag and how many "
            "bawahan RHK intervene it.",
        ),
        "cascade_score": dg.AssetOut(
            kinds={"pandas"},
            description="Per unit and period: alignment, coverage ('dibagi habis') and the "
            "cascade score.",
        ),
    },
    check_specs=[
        dg.AssetCheckSpec(
            "rhk_cascade_orphans",
            asset="rhk_cascade",
            blocking=False,
            description="Warns about utama RHK that intervene no existing atasan RHK.",
        ),
        dg.AssetCheckSpec(
            "rhk_cascade_cycles",
            asset="rhk_cascade",
            blocking=False,
            description="Warns about RHK in a cycle of intervened RHK.",
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
        metadata={
            "rows": len(facts),
            "link_status": dg.MetadataValue.json(facts[c.LINK_STATUS].value_counts().to_dict()),
        },
    )
    yield dg.Output(
        scores,
        "cascade_score",
        metadata={"units": len(scores), "preview": preview(scores, list(scores))},
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
            metadata={"rhk": len(found), "list": _listing(found, [c.UNIT, c.PERIOD, "warning"])},
        )


@dg.asset(group_name=GROUP, kinds={"sql"}, pool=POOL)
def warehouse_cascade(
    warehouse: WarehouseResource, rhk_cascade: pd.DataFrame, cascade_score: pd.DataFrame
) -> dg.MaterializeResult:
    """fact_rhk_cascade and fact_cascade_score, replaced whole in one transaction."""
    return dg.MaterializeResult(
        metadata=performance_publish.cascade(warehouse, rhk_cascade, cascade_score)
    )
