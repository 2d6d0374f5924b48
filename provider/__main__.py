"""Entry point the Pulumi CLI starts for this component package: serves the components."""

from aml_landing_zone.component_provider import serve

serve()
