"""The resource set of a run, built in one place for the Definitions, the agencies of a
multi-agency deployment, the CLI and the tests.

``bind()`` without settings gives resources that read their settings from the environment when
a run starts (never at import): what the code location serves. ``bind(settings)`` points every
resource at explicit places (an agency's inbox, a test's temporary folders).
"""

from __future__ import annotations

from pathlib import Path

from resources.clock import ClockResource
from resources.finance import FinanceResource
from resources.inbox import InboxResource
from resources.rulebook import RulebookResource
from resources.settings import Settings
from resources.state import ParquetIOManager, StateResource
from resources.warehouse.engine import WarehouseResource


def bind(settings: Settings | None = None, agency: str = "") -> dict[str, object]:
    """Every resource of a run.

    Args:
        settings: explicit settings; None reads the environment when each run starts.
        agency: one agency of a multi-agency deployment: its inbox is ``<inbox>/<agency>``, its
            state ``<state>/agencies/<agency>``, its warehouse rows are scoped to it, and an
            ``<inbox>/<agency>/profile.yaml`` replaces the deployment's profile.
    """
    if settings is None:
        return {
            "inbox": InboxResource(),
            "state": StateResource(),
            "warehouse": WarehouseResource(),
            "rulebook": RulebookResource(),
            "clock": ClockResource(),
            "finance": FinanceResource(),
            "io_manager": ParquetIOManager(),
        }
    inbox, state, finance = settings.inbox, settings.state_dir, settings.finance_dir
    profile = settings.profile
    if agency:
        inbox, state = inbox / agency, state / "agencies" / agency
        finance = finance / agency if finance else None
        own = inbox / "profile.yaml"
        profile = str(own) if own.is_file() else profile
    return {
        "inbox": InboxResource(path=str(inbox)),
        "state": StateResource(path=str(state)),
        "warehouse": WarehouseResource(url=settings.warehouse_url, agency=agency),
        "rulebook": RulebookResource(profile=profile),
        "clock": ClockResource(as_of=settings.as_of.isoformat() if settings.as_of else ""),
        "finance": FinanceResource(path=str(finance or Path(state) / "finance")),
        "io_manager": ParquetIOManager(path=str(state)),
    }
