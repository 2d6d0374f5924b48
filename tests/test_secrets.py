"""A config value set with `pulumi config set --secret` stays a Pulumi secret in every resource
input it feeds (never in clear in the state or a preview), and no message shows it. The shipped
prod stack keeps its PagerDuty webhook as a `secure:` value; offline-preview, which cannot
decrypt it, takes it as given."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from aml_landing_zone.errors import ConfigError
from aml_landing_zone.offline.model import SECRET_SIG_KEY, SECRET_SIG_VALUE
from aml_landing_zone.offline.plan import plan_document
from aml_landing_zone.offline.program import run_program

from tests.conftest import one, run_stack
from tests.stack_values import ROOT, stack_config

ACTION_GROUP = "azure-native:monitor:ActionGroup"
# What `pulumi config set --secret` would have stored, as the secrets provider decrypts it.
PAGER = "https://events.pagerduty.com/integration/0123456789abcdef/enqueue"


def _secret(value: str) -> dict[str, str]:
    """A secret in the engine's wire form, as the recorder receives it."""
    return {SECRET_SIG_KEY: SECRET_SIG_VALUE, "value": value}


def _in_clear(value: Any) -> Iterator[str]:
    """Every text of an input that is not inside a secret."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict) and value.get(SECRET_SIG_KEY) != SECRET_SIG_VALUE:
        for item in value.values():
            yield from _in_clear(item)
    elif isinstance(value, list):
        for item in value:
            yield from _in_clear(item)


def test_a_decrypted_secret_webhook_is_a_secret_in_every_input() -> None:
    run = run_program(ROOT, "prod", decrypt=lambda ciphertext: PAGER)
    group = one(run, ACTION_GROUP)
    assert group.inputs["webhookReceivers"] == [
        {"name": "pager", "serviceUri": _secret(PAGER), "useCommonAlertSchema": True}
    ]
    assert [r.name for r in run.resources if any(PAGER in t for t in _in_clear(r.inputs))] == []
    assert PAGER not in json.dumps(plan_document(run))
    # only the secure leaf: the rest of the 'observability' key (a secret key as a whole for
    # the engine) stays plain, like the on-call e-mail receiver
    assert group.inputs["emailReceivers"] == [
        {"name": "oncall", "emailAddress": "ml-oncall@contoso.com", "useCommonAlertSchema": True}
    ]


def test_offline_preview_keeps_the_shipped_secure_webhook_a_secret() -> None:
    """Undecryptable offline, the value is the placeholder: it passes the webhook check and is
    still sent as a secret."""
    assert stack_config("prod")["aml-landing-zone:observability"]["actionGroup"]["webhooks"][
        "pager"
    ].keys() == {"secure"}
    group = one(run_stack("prod"), ACTION_GROUP)
    assert group.inputs["webhookReceivers"][0]["serviceUri"] == _secret("[secret]")


def test_a_mistake_in_a_secret_value_is_reported_without_the_value(tmp_path: Any) -> None:
    leaked = "http://events.pagerduty.com/integration/0123456789abcdef/enqueue"
    with pytest.raises(ConfigError) as caught:
        run_program(ROOT, "prod", decrypt=lambda ciphertext: leaked)
    assert leaked not in str(caught.value)
    assert (
        "aml-landing-zone:observability.actionGroup.webhooks.pager: '[secret]' is not an https "
        "URI [LZ-CFG-004]"
    ) in str(caught.value)
