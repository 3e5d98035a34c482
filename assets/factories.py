"""Asset factories (Dagster's documented pattern) for the shapes that repeat: an inbox source
read into one asset per kind, and a snapshot publisher of unpartitioned inputs.

The kinds themselves (where they live, reader, contract, rules, defaults) are declared once in
``ingest.kinds``; here they only become assets, checks and UI metadata.
"""

from collections.abc import Callable, Iterator, Sequence

import dagster as dg
import pandas as pd

from assets.metadata import (
    checked_metadata,
    counts,
    label,
    labelled,
    preview,
    rejected_files,
)
from ingest.kinds import SOURCES, Context, Kind
from ingest.reference import read_source
from resources.inbox import InboxResource
from resources.rulebook import RulebookResource
from resources.warehouse import publish
from resources.warehouse.engine import Replace, WarehouseResource
from vocabulary import columns as c
from vocabulary.frames import Checked

Extra = Callable[[Checked], dict[str, object]]
POOL = "warehouse"  # one writer at a time (DuckDB is a single-writer file)


def _empty_reason(kind: Kind, where: str, checked: Checked) -> str:
    if checked.audit.empty:
        return f"no {kind.name} file in the inbox ({where}): the month cannot be computed"
    return (
        f"no valid rows in {where}: every row was rejected; see the quarantine and "
        "load_audit for the reasons"
    )


def kind_results(
    kind: Kind, where: str, checked: Checked, columns: Sequence[str], extra: Extra | None
) -> Iterator[dg.Output | dg.AssetCheckResult]:
    """The output of one kind and its ``<kind>_contract`` check: blocking when the kind is
    required and has no valid row, a warning when rows were quarantined or files rejected."""
    numbers = counts(checked)
    meta = checked_metadata(checked)
    yield dg.Output(
        checked,
        output_name=kind.name,
        metadata=labelled(
            {
                **meta,
                label("rejected_files"): rejected_files(checked.audit),
                label("preview"): preview(checked.valid, list(columns)),
                **(extra(checked) if extra else {}),
            }
        ),
    )
    empty = len(checked.valid) == 0
    yield dg.AssetCheckResult(
        asset_key=kind.name,
        check_name=f"{kind.name}_contract",
        passed=(not empty)
        if kind.required
        else (numbers["rows_quarantined"] == 0 and numbers["files_rejected"] == 0),
        severity=dg.AssetCheckSeverity.ERROR if kind.required else dg.AssetCheckSeverity.WARN,
        description=_empty_reason(kind, where, checked) if kind.required and empty else None,
        metadata=labelled(
            {
                **{label(k): v for k, v in numbers.items()},
                label("quarantine_by_code"): meta[label("quarantine_by_code")],
                label("rejected_files"): rejected_files(checked.audit),
            }
        ),
    )


def _check_spec(kind: Kind) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(
        f"{kind.name}_contract",
        asset=kind.name,
        blocking=kind.required,
        description="Masukan wajib harus punya baris sah; baris yang dikarantina dicantumkan."
        if kind.required
        else "Peringatan bila ada baris dikarantina atau berkas ditolak.",
    )


def source_asset(
    source_name: str,
    *,
    group: str,
    descriptions: dict[str, str],
    previews: dict[str, Sequence[str]],
    needs_master: bool = True,
    name: str | None = None,
    extra: dict[str, Extra] | None = None,
    inputs: Sequence[str] = (),
) -> dg.AssetsDefinition:
    """One asset per kind of an inbox source, read and validated by ``ingest``.

    Args:
        source_name: a source of ``ingest.kinds.SOURCES``.
        group: the asset group.
        descriptions: per kind, its description in the UI.
        previews: per kind, the (non-personal) columns of its preview.
        needs_master: the kinds' rules need the employee master's NIPs (asset ``employees``).
        name: the node's name when the source holds several kinds.
        extra: per kind, more metadata computed from its result.
        inputs: kinds of other sources the rules need (``Context.upstream``), e.g. HR's
            decisions for payroll; requires ``needs_master``.
    """
    source = SOURCES[source_name]
    outs = {
        k.name: dg.AssetOut(kinds={"pandas"}, description=descriptions[k.name])
        for k in source.kinds
    }

    def results(
        rulebook: RulebookResource,
        inbox: InboxResource,
        master: pd.DataFrame | None,
        upstream: dict[str, Checked] | None = None,
    ) -> Iterator[dg.Output | dg.AssetCheckResult]:
        known = master[c.NIP] if master is not None else pd.Series(dtype="string")
        ctx = Context(rulebook.load(), known, employees=master, upstream=upstream or {})
        checked = read_source(source_name, inbox.root(), ctx)
        for kind in source.kinds:
            yield from kind_results(
                kind,
                source.where,
                checked[kind.name],
                previews[kind.name],
                (extra or {}).get(kind.name),
            )

    specs = [_check_spec(k) for k in source.kinds]
    node = name or source.kinds[0].name
    if needs_master:

        @dg.multi_asset(
            name=node,
            group_name=group,
            outs=outs,
            check_specs=specs,
            ins={"employees": dg.AssetIn(), **{k: dg.AssetIn() for k in inputs}},
        )
        def _read(
            context: dg.AssetExecutionContext,
            inbox: InboxResource,
            rulebook: RulebookResource,
            **upstream: Checked,
        ):
            employees = upstream.pop("employees")
            yield from results(rulebook, inbox, employees.valid, upstream)

        return _read

    @dg.multi_asset(name=node, group_name=group, outs=outs, check_specs=specs)
    def _read_alone(
        context: dg.AssetExecutionContext, inbox: InboxResource, rulebook: RulebookResource
    ):
        yield from results(rulebook, inbox, None)

    return _read_alone


def snapshot_publisher(
    name: str,
    inputs: Sequence[str],
    *,
    group: str,
    description: str,
    also: Callable[[dict[str, Checked]], list[Replace]] | None = None,
) -> dg.AssetsDefinition:
    """An asset that publishes the quarantine and load audit of unpartitioned inputs (and
    ``also``) to the warehouse in one transaction."""

    @dg.asset(
        name=name,
        group_name=group,
        kinds={"sql"},
        pool=POOL,
        description=description,
        ins={k: dg.AssetIn() for k in inputs},
    )
    def _publish(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource, **checked: Checked
    ) -> dg.MaterializeResult:
        ordered = {k: checked[k] for k in inputs}
        written = publish.snapshot(
            warehouse, context.run.run_id, ordered, also(ordered) if also else []
        )
        return dg.MaterializeResult(
            metadata=labelled({**written, "warehouse": warehouse.describe()})
        )

    return _publish
