"""The landing zone program: validate the whole stack config, build the zone, export outputs."""

import pulumi
from aml_landing_zone import LandingZone, load_stack_config

config = load_stack_config()
zone = LandingZone("hub", config)
for key, value in zone.outputs().items():
    pulumi.export(key, value)
