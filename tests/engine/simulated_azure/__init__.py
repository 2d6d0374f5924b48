"""A simulated Azure Resource Manager behind the real Pulumi CLI: a test oracle.

It plays the ``azure-native`` (3.29.0) and ``time`` resource-provider plugins, keeps ARM's state
in SQLite (``AMLLZ_SIM_AZURE_DB``) and enforces the ARM rules that decide whether a real
deployment succeeds, each with Azure's error code and wording. Its rules and tables come from
Azure's documentation and the azure-native provider's source (cited next to each rule); it never
reads the library under test.
"""

from .errors import ArmError
from .seed import SimulatedAzure

__all__ = ["ArmError", "SimulatedAzure"]
