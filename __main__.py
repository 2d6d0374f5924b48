"""The landing zone program: validate the whole stack config (the shared landing-zone.yaml with
this stack's file merged over it), build this stack's environment, export outputs."""

import pulumi
from aml_landing_zone import LandingZone, MultiEnvironment, load_stack_config

config = load_stack_config()
# With an 'environments' definition the stack is one environment of the estate; without, a
# single landing zone exactly as its config says.
zone = MultiEnvironment("hub", config) if config.environments else LandingZone("hub", config)
for key, value in zone.outputs().items():
    pulumi.export(key, value)
