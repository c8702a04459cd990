"""bdw: the budget-disclosure warehouse.

``bdw.extract`` is the pure-Python extraction library (no Dagster import, enforced by a test);
``bdw.defs`` wires it into Dagster; ``bdw.cli`` is the ``bdw`` command.
"""

__version__ = "0.1.0"
