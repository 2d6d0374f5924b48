"""The hub (seed 000): the shared, secured workspace projects are created under.

``config`` is the ``hub`` section of a stack file and the Hub's spec, ``args`` its args,
``component`` the Hub; ``ml_registry`` and ``registry_access`` the promotion registry it creates
or reaches."""
