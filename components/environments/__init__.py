"""An estate of environments from one definition (seed 002).

``config`` is the ``environments`` section, ``component`` the MultiEnvironment,
``regional_hubs`` a hub per extra training region."""
