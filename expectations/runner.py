"""The one validation runner: a frame and a Great Expectations suite in, valid rows and
quarantined rows (each with a reason) out.

Every expectation in a suite carries ``meta={"reason": ...}``, the sentence written on the rows
it rejects. Row reasons computed by the rules (NIP structure, duplicates, PIN mapping) can be
passed in and are merged with the suite's, so one place decides what is quarantined and why.
GX is imported lazily: it costs about two seconds per process.

Nothing passes by default: an expectation that raises inside GX, a missing reason, or a result
without unexpected row indices makes the whole validation fail loudly.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from vocabulary import columns as c
from vocabulary.frames import combine_reasons

CONTRACT_PREFIX = "contract: "


class ValidationFailed(RuntimeError):
    """The validator itself failed: results cannot be trusted, so nothing is published."""


@dataclass
class Validation:
    """The outcome of validating one frame against one contract."""

    contract: str
    valid: pd.DataFrame
    quarantine: pd.DataFrame
    failed_expectations: dict[str, int] = field(default_factory=dict)
    evaluated_expectations: int = 0

    @property
    def rows_in(self) -> int:
        return len(self.valid) + len(self.quarantine)


@functools.cache
def _context() -> tuple[Any, Any]:
    """One ephemeral GX context per process, with its whole-dataframe batch definition: building
    them costs more than validating a small frame, and nothing in them depends on the frame."""
    import great_expectations as gx

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_def = (
        ctx.data_sources.add_pandas("frames")
        .add_dataframe_asset("frame")
        .add_batch_definition_whole_dataframe("whole")
    )
    return ctx, batch_def


def run_suite(frame: pd.DataFrame, suite: Any) -> tuple[pd.Series, dict[str, int], int]:
    """Run a GX suite over the whole frame at once.

    Returns:
        The reason per row (<NA> when it met every expectation), unexpected counts per failed
        expectation, and the number of expectations evaluated.
    """
    reasons = pd.Series(pd.NA, index=frame.index, dtype="string")
    if frame.empty:
        return reasons, {}, len(suite.expectations)
    for exp in suite.expectations:
        if not (exp.meta or {}).get("reason"):
            raise ValidationFailed(f"suite {suite.name}: {exp.expectation_type} has no reason")
    # GX receives only the columns the suite reads: the whole frame would be copied and profiled
    used: set[str] = set()
    for exp in suite.expectations:
        for attr in ("column", "column_A", "column_B"):
            if getattr(exp, attr, None):
                used.add(getattr(exp, attr))
        used.update(getattr(exp, "column_list", None) or [])
    frame = frame[[col for col in frame.columns if col in used]]
    ctx, batch_def = _context()
    suite = ctx.suites.add_or_update(suite)
    try:
        result = batch_def.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite, result_format={"result_format": "COMPLETE"}
        )
    except Exception as exc:  # GX failures must fail validation, never pass it
        raise ValidationFailed(f"suite {suite.name} could not run: {exc}") from exc
    failed: dict[str, int] = {}
    per_expectation: list[tuple[int, pd.Series]] = []
    position = {
        (exp.expectation_type, getattr(exp, "column", None)): i
        for i, exp in enumerate(suite.expectations)
    }
    for res in result.results:
        cfg = res.expectation_config
        info = res.exception_info or {}
        if info.get("raised_exception"):
            raise ValidationFailed(
                f"suite {suite.name}: {cfg.type} on {cfg.kwargs.get('column')} raised "
                f"{info.get('exception_message')}"
            )
        if res.success:
            continue
        indices = res.result.get("unexpected_index_list")
        count = int(res.result.get("unexpected_count") or 0)
        if indices is None or len(indices) != count:
            raise ValidationFailed(
                f"suite {suite.name}: {cfg.type} failed without row indices; cannot quarantine"
            )
        failed[f"{cfg.type}({cfg.kwargs.get('column', '')})"] = count
        per = pd.Series(pd.NA, index=frame.index, dtype="string")
        per.loc[list(indices)] = CONTRACT_PREFIX + cfg.meta["reason"]
        per_expectation.append((position.get((cfg.type, cfg.kwargs.get("column")), 0), per))
    if per_expectation:
        # reasons in the suite's order, whatever order GX reports its results in
        reasons = combine_reasons(*(r for _, r in sorted(per_expectation, key=lambda p: p[0])))
    return reasons, failed, len(result.results)


def validate(
    frame: pd.DataFrame,
    suite: Any,
    row_reasons: pd.Series | None = None,
    raw_column: str = c.RAW,
    valid_without: tuple[str, ...] = (),
) -> Validation:
    """Split a frame into valid rows and quarantined rows with reasons.

    Args:
        frame: rows with lineage columns (``source_file``, ``source_line``) and ``raw``.
        suite: a ``gx.ExpectationSuite`` whose expectations carry ``meta['reason']``.
        row_reasons: reasons already found by the rules, on the same index (<NA> = none).
        raw_column: the column that holds the raw record text.
        valid_without: columns the valid rows do not keep (the raw text of a million valid
            punches is never needed: copying it costs more than the checks).

    Returns:
        The valid rows and the quarantine (source_file, source_line, raw, reason).
    """
    frame = frame.reset_index(drop=True)
    suite_reasons, failed, evaluated = run_suite(frame, suite)
    parts = [suite_reasons]
    if row_reasons is not None:
        parts.insert(0, row_reasons.reset_index(drop=True).astype("string"))
    reason = combine_reasons(*parts) if len(parts) > 1 else suite_reasons
    bad = reason.notna()
    quarantine = pd.DataFrame(
        {
            c.SOURCE_FILE: frame.loc[bad, c.SOURCE_FILE].astype("string"),
            c.SOURCE_LINE: frame.loc[bad, c.SOURCE_LINE].astype("int64"),
            c.RAW: frame.loc[bad, raw_column].astype("string"),
            c.REASON: reason[bad],
        }
    ).reset_index(drop=True)
    kept = frame[[col for col in frame.columns if col not in valid_without]]
    valid = kept[~bad].reset_index(drop=True) if bad.any() else kept
    return Validation(
        contract=suite.name,
        valid=valid,
        quarantine=quarantine,
        failed_expectations=failed,
        evaluated_expectations=evaluated,
    )
