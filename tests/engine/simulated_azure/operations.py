"""Create, read, update and delete against the simulated ARM, with the rules in between."""

from __future__ import annotations

import hashlib
from typing import Any

from . import arm_ids, config, rules
from .azure_fills import FillContext, created_state, input_projection, live_view, principals_of
from .diffing import apply_diff
from .errors import ArmError, ProviderError
from .rules import key_vault, ml_workspace
from .rules.base import Op
from .state import Record, Store, Tx


class Simulator:
    """One provider process's view of the simulated Azure."""

    def __init__(self, store: Store, subscription: str | None = None) -> None:
        self.store = store
        self.subscription = subscription or config.default_subscription()
        with store.transaction() as tx:
            tx.add_principal(config.client_object_id(), "ServicePrincipal", "client")

    # Check -------------------------------------------------------------------------------------
    def check(
        self, token: str, urn: str, olds: dict[str, Any], news: dict[str, Any]
    ) -> tuple[dict[str, Any], list[str]]:
        """azure-native Check: auto-name (reusing the old name), default azureApiVersion."""
        arm = arm_ids.lookup(token, news)
        news = dict(news)
        name = arm.name_param
        if name and news.get(name) is None and name not in arm.defaults:
            if olds.get(name) is not None:
                news[name] = olds[name]
            elif arm.autoname == "uuid":
                news[name] = arm_ids.guid("autoname", urn)
            elif arm.autoname == "random":
                suffix = hashlib.sha256(urn.encode()).hexdigest()[:8]
                news[name] = urn.rsplit("::", 1)[-1] + suffix
        if arm.api_version and "azureApiVersion" not in news:
            news["azureApiVersion"] = arm.api_version
        missing = [p for p in arm.params if news.get(p) is None and p not in arm.defaults]
        return news, [f"missing required property '{p}'" for p in missing]

    # Helpers -----------------------------------------------------------------------------------
    def _op(self, tx: Tx, token: str, inputs: dict[str, Any], old: Record | None) -> Op:
        arm = arm_ids.lookup(token, inputs)
        rid = old.id if old else arm_ids.build_id(arm, inputs, self.subscription)
        if rid is None:
            raise ProviderError(
                f"cannot build the resource id of {token}: a path parameter is missing"
            )
        sub = arm_ids.subscription_of(rid) or self.subscription
        return Op(
            tx,
            token,
            arm,
            rid,
            inputs,
            sub,
            config.tenant_id(),
            config.now(),
            old,
            home=self.subscription,
        )

    def _ctx(self, tx: Tx) -> FillContext:
        return FillContext(tx, config.tenant_id(), config.now())

    @staticmethod
    def _expire(tx: Tx) -> None:
        key_vault.expire(tx, config.now())
        ml_workspace.expire(tx, config.now())

    @staticmethod
    def _save(tx: Tx, record: Record) -> None:
        tx.put(record)
        for principal in principals_of(record):
            tx.add_principal(principal, "ServicePrincipal", record.id)

    # CRUD --------------------------------------------------------------------------------------
    def create(self, token: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        with self.store.transaction() as tx:
            self._expire(tx)
            op = self._op(tx, token, inputs, None)
            rules.before_create(op)
            state = created_state(self._ctx(tx), token, op.id, inputs)
            record = Record(op.id, token, op.subscription, inputs, state)
            rules.after_write(op, record)
            self._save(tx, record)
            return op.id, state

    def read(
        self, resource_id: str, old_inputs: dict[str, Any] | None, old_outputs: dict[str, Any]
    ) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
        with self.store.transaction() as tx:
            self._expire(tx)
            record = tx.get(resource_id)
            if record is None:
                return None
            live = live_view(self._ctx(tx), record)
        if not old_inputs:
            return record.id, live, record.inputs
        inputs = apply_diff(old_inputs, input_projection(old_outputs), input_projection(live))
        return record.id, live, inputs

    def update(self, token: str, resource_id: str, news: dict[str, Any]) -> dict[str, Any]:
        with self.store.transaction() as tx:
            old = tx.get(resource_id)
            if old is None:
                raise ArmError(
                    "ResourceNotFound", f"The Resource '{resource_id}' was not found.", 404
                )
            op = self._op(tx, token, news, old)
            rules.before_update(op)
            state = (
                old.state
                if ml_workspace.keeps_old_state(op)
                else created_state(self._ctx(tx), token, op.id, news)
            )
            record = Record(op.id, token, old.subscription, news, state, dict(old.sim))
            rules.after_write(op, record)
            self._save(tx, record)
            return live_view(self._ctx(tx), record)  # azure-native reads after the write

    def delete(self, token: str, resource_id: str) -> None:
        with self.store.transaction() as tx:
            record = tx.get(resource_id)
            if record is None:
                return  # azure-native treats 404 on delete as done
            rules.before_delete(self._op(tx, token, record.inputs, record))
            # ARM deletes what is nested below (a resource group's contents, a resource's
            # children and extension resources), deepest first.
            for child in sorted(tx.under(record.id), key=lambda r: -len(r.id)):
                if child.token == key_vault.VAULT:
                    key_vault.soft_delete(tx, child, config.now())
                elif child.token == ml_workspace.WORKSPACE:
                    ml_workspace.soft_delete(tx, child, config.now())
                tx.delete(child.id)
            # What Azure created for the resource (a registry's managed group) goes with it.
            for owned in tx.all():
                if owned.sim.get("ownedBy", "").lower() == record.key:
                    for child in sorted(tx.under(owned.id), key=lambda r: -len(r.id)):
                        tx.delete(child.id)

    def invoke_get(self, token: str, args: dict[str, Any]) -> dict[str, Any]:
        """``azure-native:<module>:get<Type>``: the resource's live outputs."""
        _, module, fn = ([*token.split(":", 2), "", ""])[:3]
        resource_token = f"azure-native:{module}:{fn[3:]}" if fn.startswith("get") else ""
        arm = arm_ids.lookup(resource_token, args)
        rid = arm_ids.build_id(arm, args, self.subscription)
        with self.store.transaction() as tx:
            record = tx.get(rid) if rid else None
            if record is None:
                from .rules.existence import not_found

                raise not_found(rid or token)
            return live_view(self._ctx(tx), record)
