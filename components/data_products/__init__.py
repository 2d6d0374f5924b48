"""ML data products in a cloud-scale analytics data landing zone (seed 004).

``config`` is the ``dataLandingZone`` and ``dataProducts`` sections and the component's spec,
``args`` its args, ``component`` the DataLandingZoneML; a product's workspace, datastores,
computes and connections are built by the modules of those names."""
