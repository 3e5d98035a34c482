"""CPU seconds of the hot paths of a month, on the work folder a benchmark pass left behind.

    .venv/bin/python benchmarks/run.py --single --employees 20000    # prints "inbox": <work>/inbox
    .venv/bin/python benchmarks/hot_paths.py <work> --repeat 2

Times, with ``time.process_time()`` (CPU, far steadier than wall time on a shared machine), the
Great Expectations context, the e-Kinerja source (read, rules, contracts), the attendance readers
into a fresh staging cache, the file manifest and the month's punches, each on the frames the
pass stored. Run it from two checkouts one after the other to compare them in the same
conditions (issue 24 in BENCHMARKS.md); ``--dump DIR`` pickles the outputs so that the two can be
compared frame by frame.
"""

import argparse
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _timed(name: str, fn, repeat: int):
    best, out = None, None
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        spent = time.process_time() - t
        best = spent if best is None else min(best, spent)
    print(f"{name}: {best:.2f} CPU s (best of {repeat})", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="a benchmark pass's folder (inbox/, storage/)")
    parser.add_argument("--month", default="2024-03")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dump", type=Path, help="pickle every output into this folder")
    args = parser.parse_args()

    import pandas as pd

    import expectations.runner as runner
    from assets.partitions import FIRST_DAY
    from expectations import punches as punches_contract
    from ingest.attendance import file_manifest, month_punches, stage_attendance
    from ingest.kinds import Context
    from ingest.reference import read_source
    from resources.inbox import InboxResource
    from resources.rulebook import load_profile
    from resources.state import StagingCache
    from vocabulary.units import month_bounds

    store = args.work / "storage"

    def stored(asset: str) -> pd.DataFrame:
        return pd.read_parquet(store / asset / "_" / "valid.parquet")

    profile = load_profile("nasional")
    employees, devices, pin_map = stored("employees"), stored("devices"), stored("pin_map")
    _timed("Great Expectations context (import and build)", runner._context, 1)
    ctx = Context(profile, employees["nip"], employees=employees, upstream={})
    ekinerja = _timed(
        "e-Kinerja source: read, rules, contracts",
        lambda: read_source("ekinerja", args.work / "inbox", ctx),
        args.repeat,
    )
    zones = dict(zip(devices["device_key"], devices["timezone"], strict=True))
    orders = {
        k: o
        for k, o in zip(devices["device_key"], devices["date_order"], strict=True)
        if isinstance(o, str)
    }
    files = InboxResource(path=str(args.work / "inbox")).attendance_files()

    caches: list[Path] = []

    def fresh_stage():
        caches.append(Path(tempfile.mkdtemp(prefix="kinerja-hot-")))
        cache = StagingCache(caches[-1])
        return cache, stage_attendance(files, orders, cache)

    cache, staged = _timed("attendance readers (fresh staging cache)", fresh_stage, args.repeat)
    manifest, _ = _timed(
        "file manifest", lambda: file_manifest(staged, zones, profile, FIRST_DAY), args.repeat
    )
    first, last = month_bounds(args.month)
    suite = punches_contract.suite()
    punches = _timed(
        "the month's punches",
        lambda: month_punches(
            manifest.valid, cache, zones, profile, FIRST_DAY, first, last, pin_map, employees,
            suite, "attendance_punches", args.month,
        ),
        args.repeat,
    )  # fmt: skip
    print(f"{len(punches.valid)} valid punches, {len(punches.quarantine)} quarantined")
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        outputs = {
            "ekinerja": {k: (v.valid, v.quarantine, v.audit) for k, v in ekinerja.items()},
            "manifest": (manifest.valid, manifest.quarantine, manifest.audit),
            "punches": (punches.valid, punches.quarantine, punches.audit),
        }
        (args.dump / "hot_paths.pkl").write_bytes(pickle.dumps(outputs))
    for folder in caches:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
