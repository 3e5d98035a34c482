"""Prove that a change left every published number and file as it was.

Runs the generated demo (``python -m pipelines demo``: 300 employees, March-April 2024 closed, the
semester scored) of a checkout into a fresh state folder with a fixed "now", exports the SIASN
periodic files of March and of April (SIASN has no semester code: the exporter refuses
``--semester`` since issue 22), then fingerprints what
it published: every warehouse table and reporting view (rows sorted, the columns that only say
*when* or *which run* left out) and every finance and SIASN file (its bytes; CSV and Parquet by
their rows without the run columns, XLSX without the close time and run of its status line).

    .venv/bin/python benchmarks/compare_outputs.py snapshot --checkout . --out after.json
    .venv/bin/python benchmarks/compare_outputs.py snapshot --checkout ../old --out before.json
    .venv/bin/python benchmarks/compare_outputs.py compare before.json after.json

``compare`` prints each table or file that differs and exits 1; 0 when all are identical. The
snapshot reads the DuckDB file directly (no project import), so an older checkout can be measured
by the same script.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import duckdb
import pandas as pd

AS_OF = "2024-05-15T10:00:00+07:00"
# which run or when: they differ between two runs of the same code and inputs
VOLATILE = {
    "run_id",
    "loaded_at",
    "published_at",
    "computed_at",
    "closed_at",
    "decided_at",
    "created_at",
    "updated_at",
    "recorded_at",
    "generated_at",
}
SCHEMAS = ("main", "reporting")
# the status line of a daftar nominatif says when and by which run the month was closed
CLOSED_STAMP = re.compile(rb"ditutup \d{4}-\d\d-\d\d \d\d:\d\d UTC \(run [0-9a-f]+\)")


def _table_digest(con: duckdb.DuckDBPyConnection, schema: str, name: str) -> dict[str, object]:
    cols = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, name],
        ).fetchall()
    ]
    kept = [c for c in cols if c not in VOLATILE and not c.endswith("_run_id")]
    if not kept:
        return {"rows": 0, "sha256": "", "columns": []}
    quoted = ", ".join(f'"{c}"' for c in kept)
    # every value as text, so DECIMAL, DATE and TIMESTAMP compare by what they say
    sql = f'SELECT {quoted} FROM "{schema}"."{name}"'  # noqa: S608 (names from information_schema)
    frame = con.execute(sql).df()
    text = frame.astype("string").fillna("\u2205")
    lines = sorted("\t".join(row) for row in text.itertuples(index=False, name=None))
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return {"rows": len(lines), "sha256": digest, "columns": kept}


def warehouse_digest(path: Path) -> dict[str, dict[str, object]]:
    """Per table and view of the warehouse file: row count and a digest of its sorted rows."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = con.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema IN ('main', 'reporting') AND table_name <> 'alembic_version' "
            "ORDER BY 1, 2"
        ).fetchall()
        return {f"{s}.{n}": _table_digest(con, s, n) for s, n in names}
    finally:
        con.close()


def files_digest(root: Path, digest=None) -> dict[str, str]:
    """sha256 of every file under ``root`` as people see it (month folders are links to the set
    written last; the hidden staging folders and locks beside them are left out)."""
    if not root.exists():
        return {}
    out = {}
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder) / name
                out[str(path.relative_to(root))] = (digest or file_digest)(path)
    return out


def _frame_digest(frame: pd.DataFrame) -> str:
    kept = [c for c in frame.columns if c not in VOLATILE]
    text = frame[kept].astype("string").fillna("\u2205")
    lines = sorted("\t".join(row) for row in text.itertuples(index=False, name=None))
    return hashlib.sha256(("\t".join(kept) + "\n" + "\n".join(lines)).encode()).hexdigest()


def file_digest(path: Path) -> str:
    """What a file says, without what only says when or by which run it was written: CSV and
    Parquet without the run columns, XLSX without its document properties (the creation time) and
    the close stamp of its status line;
    any other file byte for byte."""
    if path.suffix == ".csv":
        return _frame_digest(pd.read_csv(path, dtype=str, keep_default_na=False))
    if path.suffix == ".parquet":
        return _frame_digest(pd.read_parquet(path))
    if path.suffix == ".xlsx":
        digest = hashlib.sha256()
        with zipfile.ZipFile(path) as book:
            for name in sorted(book.namelist()):
                if name != "docProps/core.xml":
                    data = CLOSED_STAMP.sub(b"ditutup (when) (run)", book.read(name))
                    digest.update(name.encode() + b"\0" + data)
        return digest.hexdigest()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_demo(checkout: Path, work: Path) -> Path:
    """The demo of ``checkout`` into ``work``; returns its state folder."""
    state = work / "state"
    env = {
        **os.environ,
        "KINERJA_INBOX": str(work / "inbox"),
        "KINERJA_STATE_DIR": str(state),
        "DAGSTER_HOME": str(work / "dagster_home"),
        "KINERJA_AS_OF": AS_OF,
    }
    for name in ("KINERJA_WAREHOUSE_URL", "KINERJA_FINANCE_DIR", "KINERJA_PROFILE"):
        env.pop(name, None)
    python = checkout / ".venv" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-m", "pipelines", "demo"],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"the demo of {checkout} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    for period in (["--month", "2024-03"], ["--month", "2024-04"]):
        folder = state / "siasn" / period[1]
        cmd = [str(python), "-m", "pipelines", "export", "siasn", *period, "--out", str(folder)]
        done = subprocess.run(cmd, cwd=checkout, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"the SIASN export of {checkout} failed:\n{done.stderr[-3000:]}")
    return state


def snapshot(checkout: Path, out: Path, keep: Path | None, ran: bool = False) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = keep or Path(tmp)
        state = work / "state" if ran else run_demo(checkout.resolve(), work)
        result = {
            "warehouse": warehouse_digest(state / "warehouse.duckdb"),
            "finance": files_digest(state / "finance"),
            "siasn": files_digest(state / "siasn"),
            "inbox": files_digest(
                work / "inbox", lambda p: hashlib.sha256(p.read_bytes()).hexdigest()
            ),
        }
    out.write_text(json.dumps(result, indent=1, sort_keys=True))
    tables = len(result["warehouse"])
    rows = sum(int(t["rows"]) for t in result["warehouse"].values())
    print(f"{out}: {tables} tables and views ({rows} rows), {len(result['finance'])} finance files")


def compare(before: Path, after: Path) -> int:
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    differ = 0
    for part in ("warehouse", "finance", "siasn", "inbox"):
        old, new = a.get(part, {}), b.get(part, {})
        for name in sorted(set(old) | set(new)):
            if name not in new:
                print(f"{part}: {name} is gone")
            elif name not in old:
                print(f"{part}: {name} is new")
            elif old[name] != new[name]:
                print(f"{part}: {name} differs: {old[name]} -> {new[name]}")
            else:
                continue
            differ += 1
        print(f"{part}: {len(set(old) & set(new))} compared")
    print("identical" if differ == 0 else f"{differ} difference(s)")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot", help="run the demo of a checkout and fingerprint its output")
    snap.add_argument("--checkout", type=Path, default=Path("."))
    snap.add_argument("--out", type=Path, required=True)
    snap.add_argument("--keep", type=Path, help="run in this folder and keep it (default: temp)")
    snap.add_argument(
        "--ran", action="store_true", help="the demo already ran in --keep: only fingerprint it"
    )
    cmp_ = sub.add_parser("compare", help="compare two snapshots; exit 1 when they differ")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "snapshot":
        if args.ran and not args.keep:
            parser.error("--ran needs --keep (the folder the demo ran in)")
        snapshot(args.checkout, args.out, args.keep, args.ran)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
