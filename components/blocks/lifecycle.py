"""How the lifecycle options each resource type registers are applied.

What each type leaves to Azure after creation, and what replaces it, is data in the resource-type
registry (``resource_types.py``, each with its reason); this module gives them to the resources.
Two Pulumi options, both property paths on the resource's inputs (camelCase, as the engine gets
them; syntax: https://www.pulumi.com/docs/iac/concepts/miscellaneous/property-paths/):

* ``ignore_changes``: after creation the engine keeps the state's value at the path
  (``processIgnoreChanges`` in pulumi/pulumi pkg/resource/deploy/step_generator.go). Only where
  Azure owns a value after creation; never on a setting the policy pack reads (tests hold that:
  analyzers judge the inputs *after* ignoreChanges, so an ignore there would hide a violation).
  Why they are needed at all: on ``pulumi refresh`` azure-native diffs the old and new outputs and
  copies what changed into the state's inputs (``Read`` in pulumi-azure-native
  provider/pkg/provider/provider.go), so a value Azure changes on its own becomes a diff against
  the program on every ``preview --refresh`` (pulumi-azure-native #3220, #3225).
* ``replace_on_changes``: a change at the path turns the update into a replacement. Only for
  settings Azure fixes at creation that azure-native does not mark force-new itself (its list:
  provider/pkg/gen/replacement.go plus ``x-ms-mutability``); otherwise the preview shows an update
  that ARM rejects halfway through ``pulumi up``. With ``protect`` (prod) the engine refuses the
  replacement and says so ("unable to replace resource ... marked for protection"). Unprotected,
  the replacement is create-before-delete under the same name, which azure-native's Create refuses
  up front ("cannot create already existing resource": ``CanCreate`` in provider.go) before
  anything is deleted; ``delete_before_replace`` is left off on purpose for what keeps data,
  since a soft-deleted vault or workspace keeps its name and the re-create would fail after the
  delete. A real replacement takes new names (the name seed) or a deliberate delete and purge:
  see the README. Computes and alert rules, which keep nothing and are not soft-deleted, are
  deleted first instead (``delete_before_replace``), so their replacement goes through.

Paths into a map use the quoted key (``outboundRules["pypi"]``): a ``["*"]`` wildcard only resets
when the state and the program have the same keys (``PropertyPath.reset`` in
sdk/go/common/resource/properties_path.go), which stops holding once Azure adds its own rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import pulumi

from ..resource_types import ML_WORKSPACE, lifecycle_of

if TYPE_CHECKING:
    from ..config.managed_network import ManagedNetworkSettings

# Every workspace goes through blocks/ml_workspace.py, which asks ``workspace_lifecycle`` for the
# options of its kind: a hub and a Default workspace own the same things (associated resources,
# a managed network), a project owns neither.
WorkspaceKind = Literal["Hub", "Default", "Project"]


def outbound_rule_status_paths(rule_names: Iterable[str]) -> list[str]:
    """Each configured rule's ``status``: Azure sets it (Inactive -> Active) when it provisions
    the rule. Named per rule, not ``["*"]``: see the module docstring."""
    return [f'managedNetwork.outboundRules["{name}"].status' for name in sorted(rule_names)]


def workspace_lifecycle(
    kind: WorkspaceKind, network: ManagedNetworkSettings | None, extra_rules: Iterable[str] = ()
) -> tuple[list[str], list[str]]:
    """(ignoreChanges, replaceOnChanges) of a workspace of ``kind``: a project ignores the
    network it echoes from its hub; a hub or Default workspace ignores the statuses Azure gives
    its own network and each of its rules (``extra_rules``: names of rules added beside the
    configured ones)."""
    own = lifecycle_of(ML_WORKSPACE, kind)
    if kind == "Project":
        return list(own.azure_owned), list(own.create_only)
    rules = [*(network.outbound_rules if network is not None else {}), *extra_rules]
    return [*own.azure_owned, *outbound_rule_status_paths(rules)], list(own.create_only)


def lifecycle(
    opts: pulumi.ResourceOptions | None,
    *,
    ignore_changes: Sequence[str] = (),
    replace_on_changes: Sequence[str] = (),
    delete_before_replace: bool = False,
) -> pulumi.ResourceOptions:
    """``opts`` plus the options (left unset when empty, as the engine then gets nothing).
    ``delete_before_replace`` only where a replacement keeps the resource's name and nothing of
    value goes with the old one (computes, alert rules): see the module docstring."""
    return pulumi.ResourceOptions.merge(
        opts,
        pulumi.ResourceOptions(
            ignore_changes=list(ignore_changes) or None,
            replace_on_changes=list(replace_on_changes) or None,
            delete_before_replace=delete_before_replace or None,
        ),
    )


def registered_lifecycle(
    opts: pulumi.ResourceOptions | None, token: str, variant: str = ""
) -> pulumi.ResourceOptions:
    """``opts`` plus the lifecycle options the registry gives ``token`` (of ``variant``: a
    compute's type, say)."""
    own = lifecycle_of(token, variant)
    return lifecycle(
        opts,
        ignore_changes=own.azure_owned,
        replace_on_changes=own.create_only,
        delete_before_replace=own.delete_first,
    )
