"""The SDK's floor: registers every resource listed in $FLAT_RESOURCES with its azure-native
class, flat (no components, no config model, no naming), in dependency order. An input that
depended on another resource in the recorded run is passed as an Output of that resource, as a
hand-written program would pass ``rg.name``, so the floor keeps the same Output plumbing and
dependency graph; only our own layers are gone. With $FLAT_WIRING=literal every input is a plain
value instead: the bare registration cost, a floor no real program reaches."""

import importlib
import inspect
import json
import os
import re

import pulumi
from pulumi._types import input_type_py_to_pulumi_names

_CLASSES: dict = {}


def _class_and_params(token: str):
    if token not in _CLASSES:
        _, module_name, name = token.split(":")
        module = importlib.import_module(f"pulumi_azure_native.{module_name}")
        cls = getattr(module, name)
        # the SDK's own wire names (e.g. enableServiceSideCMKEncryption), else plain camelCase
        wire_names = input_type_py_to_pulumi_names(getattr(module, f"{name}Args"))
        by_camel = {}
        for param in inspect.signature(cls._internal_init).parameters:
            camel = wire_names.get(param) or re.sub(
                r"_([a-z0-9])", lambda m: m.group(1).upper(), param.rstrip("_")
            )
            by_camel[camel] = param
        _CLASSES[token] = (cls, by_camel)
    return _CLASSES[token]


def _in_dependency_order(resources: list[dict]) -> list[dict]:
    by_urn = {r["urn"]: r for r in resources}
    ordered, seen = [], set()

    def visit(resource: dict) -> None:
        if resource["urn"] in seen:
            return
        seen.add(resource["urn"])
        for dep in resource["dependencies"]:
            if dep in by_urn:
                visit(by_urn[dep])
        ordered.append(resource)

    for resource in resources:
        visit(resource)
    return ordered


with open(os.environ["FLAT_RESOURCES"]) as listing:
    resources = json.load(listing)
wire_outputs = os.environ.get("FLAT_WIRING", "outputs") == "outputs"
created: dict[str, pulumi.CustomResource] = {}
for resource in _in_dependency_order(resources):
    cls, by_camel = _class_and_params(resource["type"])
    kwargs = {}
    for key, value in resource["inputs"].items():
        deps = [created[u] for u in resource["propertyDependencies"].get(key, []) if u in created]
        deps = deps if wire_outputs else []
        if deps:
            value = pulumi.Output.all(*[d.id for d in deps]).apply(lambda _, v=value: v)
        kwargs[by_camel[key]] = value
    explicit = [created[u] for u in resource["dependencies"] if u in created]
    created[resource["urn"]] = cls(
        resource["name"],
        **kwargs,
        opts=pulumi.ResourceOptions(protect=resource["protect"], depends_on=explicit),
    )
