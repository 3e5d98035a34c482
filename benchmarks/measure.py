"""Measuring one benchmark pass: which step belongs to which stage, a sampler of the process's
CPU time and memory, the steps' spans and metadata from the run's event log, and the machine."""

import os
import platform
import threading
import time
from pathlib import Path

STAGES = {
    "read": ("attendance_files", "ekinerja_exports", "payroll", "tpp_reference"),
    "validate": ("employees", "pin_map", "leave_records", "devices", "attendance_punches"),
    "classify": ("daily_attendance",),
    "discipline": ("monthly_discipline",),
    "scores": ("performance_monthly", "skp_compliance_monthly", "cascading", "lapkin_monthly",
               "lapkin_compliance_monthly", "tindak_lanjut_monthly", "dialog_kinerja"),
    "TPP": ("tpp_monthly",),
    "publish": ("warehouse_reference", "warehouse_ekinerja", "warehouse_tpp",
                "warehouse_attendance_month", "warehouse_performance_month",
                "warehouse_tpp_month", "warehouse_cascade", "warehouse_cycle_month",
                "warehouse_dialog"),
}  # fmt: skip
ORDER = [*STAGES, "other"]
STAGE_OF = {step: stage for stage, steps in STAGES.items() for step in steps}
# what each stage counts as its rows: (step, metadata key)
ROWS = {
    "read": [("attendance_files", "baris masuk (rows_in)")],
    "validate": [("attendance_punches", "baris masuk (rows_in)")],
    "classify": [("daily_attendance", "baris (rows)")],
    "discipline": [("monthly_discipline", "baris (rows)")],
    "scores": [("performance_monthly", "baris masuk (rows_in)"), ("performance_monthly", "rows")],
    "TPP": [("tpp_monthly", "baris (rows)")],
}


class Sampler(threading.Thread):
    """CPU seconds and RSS of this process, every ``interval`` seconds, with timestamps."""

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[tuple[float, float, int]] = []
        self._stop_event = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def sample(self) -> None:
        with open("/proc/self/statm") as fh:
            rss = int(fh.read().split()[1]) * self._page
        self.samples.append((time.time(), time.process_time(), rss))

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            time.sleep(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
        self.sample()

    def window(self, start: float, end: float) -> tuple[float, int]:
        """CPU seconds used and peak RSS seen between two wall-clock instants."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        before = [s for s in self.samples if s[0] <= start]
        after = [s for s in self.samples if s[0] >= end]
        first = before[-1] if before else (inside[0] if inside else self.samples[0])
        last = after[0] if after else (inside[-1] if inside else self.samples[-1])
        peak = max([s[2] for s in inside] + [first[2], last[2]])
        return max(0.0, last[1] - first[1]), peak


def steps(instance, run_id: str) -> dict[str, list[tuple[float, float]]]:
    """Start and end instants of every step, from the run's event log."""
    starts, spans = {}, {}
    for entry in instance.all_logs(run_id):
        event = entry.dagster_event
        if event is None or event.step_key is None:
            continue
        kind = event.event_type_value
        if kind == "STEP_START":
            starts[event.step_key] = entry.timestamp
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and event.step_key in starts:
            spans.setdefault(event.step_key, []).append((starts[event.step_key], entry.timestamp))
    return spans


def step_metadata(result) -> dict[str, dict]:
    meta: dict[str, dict] = {}
    for event in result.all_events:
        if event.event_type_value == "ASSET_MATERIALIZATION" and event.step_key:
            mat = event.event_specific_data.materialization
            values = {
                k: v.value
                for k, v in mat.metadata.items()
                if isinstance(getattr(v, "value", None), (int, float))
            }
            meta.setdefault(event.step_key, {}).update(values)
    return meta


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}"
    )
