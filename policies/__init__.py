"""The CrossGuard policy pack for Azure ML landing zones.

``pack`` holds the policies (``ALL_POLICIES``), ``config/*.json`` the per-environment presets,
``presets`` reads them as the Pulumi CLI does, and ``python -m aml_landing_zone.policies.docs``
prints the rule table. The CLI runs ``policies/__main__.py``.
"""
