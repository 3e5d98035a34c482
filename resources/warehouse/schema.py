"""Every warehouse table, registered on one MetaData: import this module to see them all.

The shared tables (quarantine, load audit, the employee dimension) are in ``tables``; each domain
keeps its own in ``<domain>/tables.py`` on the same ``metadata``. A new domain adds its module here
so that one ``create_all`` (and Alembic, in production) sees every table.
"""

from resources.warehouse import tables
from resources.warehouse.attendance import tables as attendance
from resources.warehouse.performance import tables as performance
from resources.warehouse.tables import metadata
from resources.warehouse.tpp import tables as tpp

TABLE_MODULES = (tables, attendance, performance, tpp)

__all__ = ["TABLE_MODULES", "metadata"]
