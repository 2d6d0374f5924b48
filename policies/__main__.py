"""Entry point the Pulumi CLI runs: serves the pack to the engine over gRPC."""

from aml_landing_zone.policies.pack import ALL_POLICIES, PACK_ENFORCEMENT_LEVEL, PACK_NAME
from pulumi_policy import PolicyPack

PolicyPack(name=PACK_NAME, policies=ALL_POLICIES, enforcement_level=PACK_ENFORCEMENT_LEVEL)
