"""Azure ML computes: private (no public IP), keyless, SSH off.

``config`` holds the compute settings (a data product's instances, clusters and attached
Kubernetes clusters) and the PersonalComputeInstance's spec, ``args`` their args, ``blocks`` the
builders every owner uses, ``component`` the PersonalComputeInstance."""
