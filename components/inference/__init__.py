"""Inference: the private AKS cluster a serving region gets, the Azure ML extension on it, its
attach to the serving workspace as a ``Kubernetes`` compute, and the online endpoints (shells)
product teams deploy to."""
