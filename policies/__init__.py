"""The CrossGuard policy pack for Azure ML landing zones.

``policies.pack`` holds the policies (``ALL_POLICIES``), ``policies/config/*.json`` the
per-environment presets, ``policies.presets`` reads them as the Pulumi CLI does, and
``python -m policies.docs`` prints the rule table. The CLI runs ``policies/__main__.py``.
"""
