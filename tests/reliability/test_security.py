"""Security: secrets only from the environment, no personal data in logs, asset metadata or
the reporting views, SQL through SQLAlchemy or bound parameters only, inbox paths that cannot
escape the inbox, and workbooks that cannot blow up the reader (the zip bombs and external links
are in the bad-input corpus)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
import sqlalchemy as sa
from dagster._serdes import serialize_value

from pipelines import db
from resources import inbox as ib
from resources.finance import slug, unit_file_names, write_month_set
from resources.warehouse import engine as wh
from tests.conftest import MARCH_2024
from tests.reliability.faults import ROOT
from tests.tpp_fixtures import write_tpp_inbox

URL_WITH_PASSWORD = re.compile(r"[a-z0-9+]+://[^\s:/@'\"]+:([^\s@'\"/]+)@")
PLACEHOLDERS = {"pw", "CHANGE_ME", "..."}  # documented examples (README, kinerja.env.example)
CONFIG_FILES = (".env", ".example", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".service")
SECRET_ASSIGNMENT = re.compile(
    r"(?im)^[ \t]*[\w.-]*(password|passwd|secret|token)[ \t]*[=:][ \t]*['\"]?([^\s'\"{}#]+)"
)
NOT_A_SECRET = {"true", "false", "null", "none", "~"}


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if listed.returncode != 0:  # not a git checkout (a source tarball): every file is shipped
        return [p for p in ROOT.rglob("*") if p.is_file() and ".venv" not in p.parts]
    return [ROOT / name for name in listed.stdout.splitlines()]


def test_no_password_or_secret_in_the_repository():
    found = []
    for path in tracked_files():
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        for m in URL_WITH_PASSWORD.finditer(text):
            if m.group(1) not in PLACEHOLDERS:
                found.append(f"{path.relative_to(ROOT)}: URL with a password: {m.group(0)}")
        for m in SECRET_ASSIGNMENT.finditer(text) if path.suffix in CONFIG_FILES else ():
            value = m.group(2)
            if value not in PLACEHOLDERS and value.lower() not in NOT_A_SECRET:
                found.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
    assert not found, "\n".join(found)


def test_resources_carry_no_configured_secret():
    """Every resource reads its URL or path from the environment when a run starts: the
    Definitions (what the UI shows as resource config) hold empty strings only."""
    from pipelines.definitions import defs

    for name, resource in defs.resources.items():
        config = resource.model_dump() if hasattr(resource, "model_dump") else {}
        assert all(value in ("", None) for value in config.values()), (name, config)


def test_sql_is_built_by_sqlalchemy_or_bound_parameters_only():
    """ruff's flake8-bandit S608 (SQL built from strings) is enabled for the whole repository;
    each remaining interpolation carries a noqa with its reason (identifiers from an allowlist:
    the warehouse's own table and column names)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "S608" in config["tool"]["ruff"]["lint"]["select"]
    bare = []
    for path in tracked_files():
        if path.suffix != ".py" or not path.is_file() or path.resolve() == Path(__file__).resolve():
            continue  # deleted in the working tree, or this test (which names the marker)
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if "noqa: S608" in line and not re.search(r"noqa: S608 \(.{12,}\)", line):
                bare.append(f"{path.relative_to(ROOT)}:{number}")
    assert not bare, f"S608 silenced without a reason: {bare}"


# -- personal data --------------------------------------------------------------------------

REKENING = {  # bank accounts added to the employee file of the test inbox
    "198509122010011001": "0011223344",
    "199003152015032002": "5566778899",
}


def personal_inbox(root: Path) -> dict[str, list[str]]:
    """The March 2024 inbox, with payroll (names, NPWP, bank accounts) and an employee file that
    carries nik, noNpwp, rekening and names; returns the personal values planted in it."""
    shutil.copytree(MARCH_2024, root)
    write_tpp_inbox(root)
    employees = pd.read_csv(root / "employees.csv", dtype=str, keep_default_na=False)
    employees["rekening"] = employees["nipBaru"].map(REKENING).fillna("")
    employees.to_csv(root / "employees.csv", index=False)
    gpp = pd.read_csv(root / "payroll" / "gpp_pppk_2024-03.csv", dtype=str, keep_default_na=False)
    npwp = [v for v in [*employees["noNpwp"], *gpp["npwp"]] if v]
    return {
        "nik": [v for v in employees["nik"] if v],
        "npwp": npwp + [re.sub(r"\D", "", v) for v in npwp],
        "rekening": [*REKENING.values(), *(v for v in gpp["rekening"] if v)],
        "names": [*employees["nama"], *gpp["nmpeg"]],
    }


def leaks(text: str, planted: dict[str, list[str]]) -> list[str]:
    return [f"{kind}: {v}" for kind, values in planted.items() for v in set(values) if v in text]


@pytest.mark.slow
def test_no_personal_data_in_logs_metadata_or_reporting_views(tmp_path, monkeypatch, capfd):
    from pipelines.cli import main

    planted = personal_inbox(tmp_path / "inbox")
    for key, value in {
        "KINERJA_INBOX": str(tmp_path / "inbox"),
        "KINERJA_STATE_DIR": str(tmp_path / "state"),
        "DAGSTER_HOME": str(tmp_path / "home"),
        "KINERJA_AS_OF": "2026-11-24T00:00:00+00:00",
        "KINERJA_LOG_LEVEL": "DEBUG",
    }.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("KINERJA_WAREHOUSE_URL", raising=False)
    monkeypatch.delenv("KINERJA_FINANCE_DIR", raising=False)
    assert main(["close", "--month", "2024-03"]) == 0
    out = capfd.readouterr()
    assert "2024-03 closed" in out.out
    assert not leaks(out.out + out.err, planted), "personal data in the CLI output and logs"

    # the Dagster event log: every message, asset metadata (previews, reasons), check results
    with dg.DagsterInstance.get() as instance:
        records = [
            serialize_value(r.event_log_entry)
            for run in instance.get_runs()
            for r in instance.get_records_for_run(run.run_id, limit=100_000).records
        ]
    assert len(records) > 100
    text = "\n".join(records)
    assert "preview" in text and "quarantine_by_code" in text  # the metadata is in there
    assert not leaks(text, planted), "personal data in the event log"

    # the warehouse: no personal column in the reporting views, and no personal value anywhere
    engine = wh.make_engine(f"duckdb:///{tmp_path}/state/warehouse.duckdb")
    with engine.connect() as conn:
        columns = conn.execute(
            sa.text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'reporting'"
            )
        ).all()
        # npwp_multiplier (1.0 or 1.2, issue 15) is the tax consequence of the NPWP status, never
        # the number: the one column whose name may say npwp; rekening (bank account) as norek /
        # no_rek / rek_bank, not nilai_rekan (the 360 peers' score)
        bank = r"rekening|norek|no_rek|rek_"
        personal = [
            c
            for c in columns
            if re.search(rf"nama|name|nik|npwp|{bank}|account", c[1]) and c[1] != "npwp_multiplier"
        ]
        assert {t for t, _ in columns} >= {"employees", "tpp_monthly", "attendance_daily"}
        assert not personal, personal
        tables = conn.execute(
            sa.text(
                "SELECT table_schema, table_name FROM information_schema.tables "
                "WHERE table_schema IN ('main', 'reporting')"
            )
        ).all()
        dumped = [
            pd.read_sql(sa.select(sa.text("*")).select_from(sa.table(t, schema=s)), conn).to_csv()
            for s, t in tables
        ]
    engine.dispose()
    assert not leaks("\n".join(dumped), planted), "personal data in the warehouse"


@pytest.mark.slow
@pytest.mark.postgres
def test_a_password_in_the_warehouse_url_never_reaches_run_config_logs_or_output(
    tmp_path, monkeypatch, capfd, pg_url
):
    """The PostgreSQL URL comes from the environment at run time: the run's config, tags and
    event log, and everything printed, show it without its password."""
    from pipelines.cli import main

    secret = "Sup3r-Secret-9417"
    url = sa.engine.make_url(pg_url).set(password=secret).render_as_string(hide_password=False)
    db.run_upgrade(url)  # the test server trusts local connections, so any password works
    shutil.copytree(MARCH_2024, tmp_path / "inbox")
    for key, value in {
        "KINERJA_INBOX": str(tmp_path / "inbox"),
        "KINERJA_STATE_DIR": str(tmp_path / "state"),
        "DAGSTER_HOME": str(tmp_path / "home"),
        "KINERJA_WAREHOUSE_URL": url,
        "KINERJA_LOG_LEVEL": "DEBUG",
    }.items():
        monkeypatch.setenv(key, value)
    assert main(["run", "--month", "2024-03"]) == 0
    out = capfd.readouterr()
    assert "Warehouse: postgresql+psycopg://" in out.out and "***" in out.out
    assert secret not in out.out + out.err
    with dg.DagsterInstance.get() as instance:
        runs = instance.get_runs()
        stored = [serialize_value(run) for run in runs] + [
            serialize_value(r.event_log_entry)
            for run in runs
            for r in instance.get_records_for_run(run.run_id, limit=100_000).records
        ]
    text = "\n".join(stored)
    assert "warehouse" in text and secret not in text


# -- inbox paths ----------------------------------------------------------------------------


def test_a_linked_folder_is_reported_not_walked_or_skipped(tmp_path):
    outside = tmp_path / "usb" / "dinkes"
    outside.mkdir(parents=True)
    (outside / "1_attlog.dat").write_text("        1\t2024-03-04 07:20:00\t1\t0\t1\t0\n")
    inbox = tmp_path / "inbox"
    (inbox / "attendance").mkdir(parents=True)
    os.symlink(outside, inbox / "attendance" / "dinkes")
    os.symlink(outside.parent, inbox / "payroll")  # the whole folder a link
    (inbox / "attendance" / "inside").mkdir()
    os.symlink(inbox / "attendance" / "inside", inbox / "attendance" / "alias")
    listed = {f.rel: f.problem for f in ib.list_attendance(inbox)}
    assert listed == {
        "attendance/alias": "is a link to a folder, which is not read; copy the files instead",
        "attendance/dinkes": (
            "is a symbolic link that points outside the inbox; copy the file instead"
        ),
    }
    (payroll,) = ib.list_folder(inbox, "payroll")  # inbox/payroll itself a link: reported
    assert (payroll.rel, payroll.problem) == (
        "payroll",
        "is a symbolic link that points outside the inbox; copy the file instead",
    )


def test_a_file_swapped_for_a_link_after_listing_is_not_read(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "attendance" / "d").mkdir(parents=True)
    target = inbox / "attendance" / "d" / "log.dat"
    target.write_text("ok")
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the pipeline")
    (entry,) = ib.list_attendance(inbox)
    assert entry.problem is None and entry.read() == b"ok"
    target.unlink()
    os.symlink(secret, target)
    with pytest.raises(PermissionError, match="replaced by a link that points outside"):
        entry.read()


def test_dot_dot_names_stay_inside(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "attendance" / "d..x").mkdir(parents=True)
    (inbox / "attendance" / "d..x" / "..log..dat").write_text("hidden: ignored")
    (inbox / "attendance" / "d..x" / "a..b.dat").write_text("x")
    listed = ib.list_attendance(inbox)
    assert [(f.rel, f.device_key) for f in listed] == [("attendance/d..x/a..b.dat", "d..x")]
    assert all(f.path.resolve().is_relative_to(inbox.resolve()) for f in listed)
    # names that reach the finance folder are slugs; months and file names are checked
    assert slug("../../etc/passwd") == "etc_passwd"
    assert unit_file_names(["../Dinas/../x"], "2024-03") == {
        "../Dinas/../x": "daftar_nominatif_2024-03_dinas_x.xlsx"
    }
    for month, name in (("../2024-03", "a.csv"), ("2024-03", "../a.csv"), ("2024-03", ".a")):
        with pytest.raises(ValueError):
            write_month_set(tmp_path / "finance", month, {name: b""}, owns=lambda n: True)


def test_a_file_too_big_to_read_is_reported_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(ib, "MAX_FILE_BYTES", 50 << 20)
    inbox = tmp_path / "inbox"
    (inbox / "attendance" / "d").mkdir(parents=True)
    with open(inbox / "attendance" / "d" / "disk.img", "wb") as fh:
        fh.truncate(60 << 20)  # sparse: 60 MB on paper, nothing written
    (entry,) = ib.list_attendance(inbox)
    assert entry.problem == (
        "is 60 MB, more than the 50 MB read from one file: a wrong file, or split the export by "
        "month"
    )
    with pytest.raises(PermissionError):
        entry.read()
