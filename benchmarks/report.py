"""The benchmark's markdown table (BENCHMARKS.md): medians and spread over the passes."""

import statistics

from benchmarks.measure import ORDER


def _fmt_spread(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}" if len(values) > 1 else "–"


def table(passes: list[dict]) -> list[str]:
    p0 = passes[0]
    label = (
        f"{p0['employees']:,} employees × {p0['months']} month"
        f"{'s' if p0['months'] > 1 else ''}, {p0['warehouse']}"
    )
    lines = [
        f"#### {label} ({len(passes)} run{'s' if len(passes) > 1 else ''})",
        "",
        f"{p0['punch_records']:,} punch records generated in "
        f"{statistics.median(p['generate_s'] for p in passes):.1f} s (not counted below).",
        "",
        "| stage | wall s (median) | spread | CPU s | rows | rows/s | peak RSS MiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for stage in ORDER:
        walls = [p["stages"][stage]["wall"] for p in passes]
        if max(walls) == 0:
            continue
        cpus = [p["stages"][stage]["cpu"] for p in passes]
        rows = p0["stages"][stage]["rows"]
        med = statistics.median(walls)
        rate = f"{rows / med:,.0f}" if rows and med else ""
        peak = max(p["stages"][stage]["peak"] for p in passes) / 2**20
        lines.append(
            f"| {stage} | {med:.2f} | {_fmt_spread(walls)} | "
            f"{statistics.median(cpus):.2f} | {rows:,} | {rate} | {peak:,.0f} |"
        )
    over = [p["dagster_overhead_s"] for p in passes]
    walls = [p["pipeline_wall_s"] for p in passes]
    imports = [p["imports_s"] for p in passes]
    lines += [
        f"| Dagster overhead (outside steps) | {statistics.median(over):.2f} | "
        f"{_fmt_spread(over)} | | | | |",
        f"| **pipeline wall time** | **{statistics.median(walls):.2f}** | "
        f"{_fmt_spread(walls)} | | | | "
        f"**{max(p['process_peak_mib'] for p in passes):,.0f}** |",
        f"| process start-up and imports | {statistics.median(imports):.2f} | "
        f"{_fmt_spread(imports)} | | | | |",
    ]
    ref = [p["reference"] for p in passes if p["reference"]]
    if ref:
        ratios = [r["ratio"] for r in ref]
        lines += [
            "",
            f"Classification vs. the DuckDB SQL reference on the same "
            f"{ref[0]['rows']:,} employee-days: "
            f"{statistics.median(r['pipeline_s'] for r in ref):.2f} s vs "
            f"{statistics.median(r['sql_s'] for r in ref):.2f} s, "
            f"ratio **{statistics.median(ratios):.2f}×** ({_fmt_spread(ratios)}); "
            f"rows that differ: {max(r['mismatches'] for r in ref)}.",
        ]
    return [*lines, ""]
