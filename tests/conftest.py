"""Shared fixtures: the hand-made March 2024 inbox, profiles, and a helper that materializes
the pipeline with explicit resources (real files, a real DuckDB file, a real Dagster instance)."""

import fcntl
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest
import sqlalchemy as sa

from assets.partitions import partition_of
from pipelines.jobs import ALL_ASSETS
from resources.bind import bind
from resources.rulebook import load_profile
from resources.settings import Settings, parse_as_of
from resources.warehouse.engine import make_engine

FIXTURES = Path(__file__).parent / "fixtures"
MARCH_2024 = FIXTURES / "march2024"
PG_ENV = "KINERJA_TEST_PG_URL"

# The hand-made fixture's employees (see tests/fixtures/march2024/README.md)
E1 = "198509122010011001"  # dinkes, ZK USB attlog; the lateness boundaries
E2 = "199003152015032002"  # dinkes; sick leave, dinas luar, pending and rejected requests
E3 = "199507202022211003"  # PPPK, bkpsdm, ADMS push; scan-window edges in Ramadan
E4 = "198801012012121004"  # kec-timur in WITA, ZKTime AC-No. XLSX with US times
E5 = "199211302019022005"  # disdik, Fingerspot JSON; PIN re-enrolled on 18 March
E6 = "200001012024031006"  # new CPNS from 18 March, mapped with device_key '*'
E7 = "196403011990031007"  # retires 15 March (tmtPensiun), no PIN at all


# modules whose tests each run a month of their own: spread over the workers, not grouped
SPREAD = ("test_bad_inputs_pipeline.py", "test_optional_inputs.py")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Two things for `make test` (`-n auto --dist loadgroup`):
    - the longest tests start first (the deployed stack, the browser, then every test marked
      slow), so the workers finish together instead of one starting the deployed stack while the
      other has nothing left; within a rank the order is unchanged (xdist needs the same order
      in every worker);
    - the tests of a module that computes a fixture once per module (a month, a generated year)
      go to one worker, which computes it once, instead of once on each worker."""

    def rank(item: pytest.Item) -> int:
        if item.get_closest_marker("browser") or "test_deploy_postgres" in item.nodeid:
            return 0
        return 1 if item.get_closest_marker("slow") else 2

    for item in items:
        module = item.nodeid.split("::")[0]
        if module.endswith(SPREAD):
            continue
        defs = getattr(item, "_fixtureinfo", None)
        shared = defs is not None and any(
            d.scope == "module" and d.baseid == module
            for fixture in defs.name2fixturedefs.values()
            for d in fixture
        )
        if shared:
            item.add_marker(pytest.mark.xdist_group(module))
    items.sort(key=rank)


@pytest.fixture(scope="session")
def nasional():
    return load_profile("nasional")


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A writable copy of the March 2024 fixture inbox."""
    target = tmp_path / "inbox"
    shutil.copytree(MARCH_2024, target)
    return target


@dataclass
class Pipeline:
    """One pipeline installation: inbox, state folder, warehouse, instance."""

    inbox: Path
    state: Path
    url: str
    instance: dg.DagsterInstance
    profile: str = "nasional"
    as_of: str = "2026-11-24T00:00:00+00:00"

    def settings(self) -> Settings:
        return Settings(
            inbox=self.inbox,
            state_dir=self.state,
            warehouse_url=self.url,
            profile=self.profile,
            as_of=parse_as_of(self.as_of),
        )

    def resources(self) -> dict[str, object]:
        """The run's resources, bound the way the code location binds them."""
        return bind(self.settings())

    def run(self, month: str, raise_on_error: bool = True) -> dg.ExecuteInProcessResult:
        return dg.materialize(
            ALL_ASSETS,
            partition_key=partition_of(month),
            resources=self.resources(),
            instance=self.instance,
            raise_on_error=raise_on_error,
        )

    def engine(self) -> sa.Engine:
        return make_engine(self.url)

    def table(self, name: str, order: list[str] | None = None, drop=()) -> pd.DataFrame:
        engine = self.engine()
        try:
            with engine.connect() as conn:
                query = sa.select(sa.literal_column("*")).select_from(sa.table(name))
                frame = pd.read_sql(query, conn, coerce_float=False)
        finally:
            engine.dispose()
        frame = frame.sort_values(order or [col for col in frame.columns if col not in drop])
        return frame.drop(columns=list(drop)).reset_index(drop=True)


@pytest.fixture
def instance():
    with dg.DagsterInstance.ephemeral() as inst:
        yield inst


@pytest.fixture
def pipeline(tmp_path: Path, inbox: Path, instance) -> Pipeline:
    state = tmp_path / "state"
    return Pipeline(
        inbox=inbox, state=state, url=f"duckdb:///{state}/warehouse.duckdb", instance=instance
    )


def _march2024(inbox: Path) -> None:
    shutil.copytree(MARCH_2024, inbox)


def _march2024_tpp(inbox: Path) -> None:
    """The fixture with the TPP inputs (payroll, reference, decisions) of tests/tpp_fixtures."""
    from tests.tpp_fixtures import write_tpp_inbox  # it imports this module

    shutil.copytree(MARCH_2024, inbox)
    write_tpp_inbox(inbox)


# the months ComputedMonths computes: name -> (what writes the inbox, month), computed with
# `Pipeline`'s profile and as_of
MONTH_RECIPES = {"march2024": (_march2024, "2024-03"), "march2024_tpp": (_march2024_tpp, "2024-03")}


class ComputedMonths:
    """Months computed once per test session for the tests that only READ what a month
    published: each caller gets its own copy of the inbox and the state folder (the DuckDB
    warehouse file included; copying it costs milliseconds, computing the month seconds) and
    brings its own Dagster instance, which holds none of the month's runs (an ephemeral instance
    cannot be copied). Under xdist the workers share the folder: the first to need a month
    computes it under a file lock, the others wait for it and copy. A test that changes the
    inbox, reruns the month, or reads the run's result or the instance's events computes its
    own month with `Pipeline.run`."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def copy(self, name: str, dest: Path, instance: dg.DagsterInstance) -> Pipeline:
        """A Pipeline on a copy of month ``name`` (a key of MONTH_RECIPES) in ``dest``."""
        source = self.root / name
        with (self.root / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not (source / "computed").exists():
                shutil.rmtree(source, ignore_errors=True)  # a worker that died half-way
                write_inbox, month = MONTH_RECIPES[name]
                write_inbox(source / "inbox")
                with dg.DagsterInstance.ephemeral() as own:
                    assert _in(source, own).run(month).success
                (source / "computed").touch()
        shutil.copytree(source / "inbox", dest / "inbox")
        shutil.copytree(source / "state", dest / "state")
        return _in(dest, instance)


def _in(root: Path, instance: dg.DagsterInstance) -> Pipeline:
    state = root / "state"
    return Pipeline(root / "inbox", state, f"duckdb:///{state}/warehouse.duckdb", instance)


@pytest.fixture(scope="session")
def computed_months(tmp_path_factory: pytest.TempPathFactory) -> ComputedMonths:
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # gw0, gw1...: their parent folder is shared
        base = base.parent
    return ComputedMonths(base / "computed-months")


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database for this test, dropped afterwards."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL tests need a server (see .ci/run)")
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"kinerja_test_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
