"""The landing zone program: validate the whole stack config, build the zone, export outputs."""

import pulumi
from aml_landing_zone import deploy_landing_zone, load_stack_config

config = load_stack_config()
zone = deploy_landing_zone(config)
for key, value in zone.outputs().items():
    pulumi.export(key, value)
