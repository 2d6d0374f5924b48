"""Observability of a landing zone: the action group, alerts, the dashboard and budgets.

``config`` is the ``observability`` section, ``alerts`` and ``dashboard`` the blocks,
``component`` what a LandingZone builds from them (``observe``)."""
