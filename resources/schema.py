"""Every warehouse table, registered on one MetaData: import this module to see them all.

Each capability adds its ``resources/tables_*.py`` module to the imports below.
"""

from resources import tables, tables_cycle, tables_performance, tables_tpp
from resources.tables import metadata

TABLE_MODULES = (tables, tables_performance, tables_tpp, tables_cycle)

__all__ = ["TABLE_MODULES", "metadata"]
