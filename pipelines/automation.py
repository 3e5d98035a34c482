"""Declarative automation: a recompute of a month flows downstream, for that month only.

HR recomputes months after a correction by launching a backfill of whatever they find first (one
asset, a group, month_job) for a range of months. Every monthly asset downstream of what was
recomputed then follows, month by month, because it carries ``recompute_month``, which the
automation sensor below evaluates (the daemon that `make ui` and the deploy start runs it).

``recompute_month`` is Dagster's ``eager()`` without two of its parts (tech-notes §14):
- ``in_latest_time_window()``: with it, only the current month would ever follow; HR recomputes
  older months;
- ``newly_missing()``: with it, opening the UI on a state where some months were never computed
  would launch them all; a month is computed when someone asks for it (or the nightly run);
and it ignores the inbox snapshot (unpartitioned assets): re-reading the inbox does not recompute
every month, only the months someone recomputes (or that new exports cover: new_months_sensor).
It waits for a dependency's *run*, not for the dependency's whole backfill to be marked done
(eager's ``any_deps_in_progress`` includes backfills): each month follows as soon as it can.

A closed month is never rewritten: its tpp_monthly recompute becomes tpp_adjustment lines in
warehouse_tpp_month (resources.warehouse.tpp.ledger), whichever way it was launched.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import dagster as dg

SENSOR_NAME = "recompute_months_sensor"
# how often the daemon evaluates the conditions (the AssetDaemon loops every 5 s at best)
SENSOR_INTERVAL_SECONDS = 5


def recompute_month(
    inbox: dg.AssetSelection, optional: dg.AssetSelection | None = None
) -> dg.AutomationCondition:
    """True for a month of an asset when a monthly asset it reads was recomputed for that month
    (or is requested on this tick), once nothing it reads is missing or running. ``optional``:
    dependencies a month may never have (the close, read by month_summary for its status)."""
    upstream_month = dg.AutomationCondition.any_deps_updated().ignore(inbox)
    missing = dg.AutomationCondition.any_deps_missing()
    if optional is not None:
        missing = missing.ignore(optional)
    return (
        upstream_month.since_last_handled()
        & ~missing
        # a dependency's run still going: wait for it. Not a dependency's whole backfill: the
        # month follows as soon as its own upstream run is done, not when every month is
        & ~dg.AutomationCondition.any_deps_match(dg.AutomationCondition.run_in_progress())
        # the asset itself running, or in a backfill that will compute it: leave it to that
        & ~dg.AutomationCondition.in_progress()
    ).with_label("hitung ulang bulan yang sama (recompute month)")


def with_recompute(
    assets: Sequence[dg.AssetsDefinition],
    inbox: Sequence[dg.AssetsDefinition],
    optional: Sequence[dg.AssetsDefinition] = (),
) -> list[dg.AssetsDefinition]:
    """The monthly assets with ``recompute_month`` as their automation condition."""
    condition = recompute_month(
        dg.AssetSelection.assets(*inbox),
        dg.AssetSelection.assets(*optional) if optional else None,
    )
    return list(
        dg.map_asset_specs(
            lambda spec: spec.replace_attributes(automation_condition=condition), assets
        )
    )


def recompute_sensor(
    assets: Sequence[dg.AssetsDefinition],
) -> dg.AutomationConditionSensorDefinition:
    """Evaluates the monthly assets' conditions. Running by default: it launches nothing unless
    someone recomputed a month. Its requests are plain runs (one per month), not backfills: the
    backfill daemon's 30 s loop would double the wait."""
    return dg.AutomationConditionSensorDefinition(
        SENSOR_NAME,
        target=dg.AssetSelection.assets(*assets),
        default_status=dg.DefaultSensorStatus.RUNNING,
        minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
        emit_backfills=False,
        run_tags={"kinerja/trigger": "recompute"},
        description="Menghitung ulang aset bulanan di hilir untuk bulan yang sama setelah HR "
        "menghitung ulang sebuah bulan (recompute downstream months). Bulan yang sudah ditutup "
        "menghasilkan baris penyesuaian (tpp_adjustment), tidak ditimpa.",
    )


AUTOMATION_ENV = "KINERJA_AUTOMATION"


def automation_status() -> tuple[dg.DefaultSensorStatus, dg.DefaultScheduleStatus]:
    """The default status of the sensors that launch runs on their own (new inbox files, the
    months they cover) and of the nightly schedule: STOPPED unless KINERJA_AUTOMATION=on (the
    deploy sets it; deploy/kinerja.env.example). Opening the UI on a laptop launches nothing;
    the sensors can still be turned on in the UI. Read when the code location loads."""
    on = (os.environ.get(AUTOMATION_ENV) or "").strip().lower() in {"on", "1", "true", "yes"}
    if on:
        return dg.DefaultSensorStatus.RUNNING, dg.DefaultScheduleStatus.RUNNING
    return dg.DefaultSensorStatus.STOPPED, dg.DefaultScheduleStatus.STOPPED
