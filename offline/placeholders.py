"""Offline placeholders, labelled: the ids only Azure knows, which the mocks answer with fixed
GUIDs. A reviewer must not mistake ``00000000-...`` for a real subscription, so every report
shows them by name and says once what they stand for."""

from __future__ import annotations

from aml_landing_zone.offline.mocks import CLIENT_ID, OBJECT_ID, SUBSCRIPTION_ID, TENANT_ID

# Mock value -> the label reports show instead (getClientConfig answers all four offline).
PLACEHOLDERS: dict[str, str] = {
    SUBSCRIPTION_ID: "{placeholder subscription}",
    TENANT_ID: "{placeholder tenant}",
    CLIENT_ID: "{placeholder client}",
    OBJECT_ID: "{placeholder object}",
}


def label_placeholders(text: str) -> str:
    """``text`` with every mock id replaced by its label."""
    for value, label in PLACEHOLDERS.items():
        text = text.replace(value, label)
    return text


def legend(texts: list[str]) -> str | None:
    """One sentence naming the placeholders that appear in ``texts`` (None when none does)."""
    used = [label for label in PLACEHOLDERS.values() if any(label in text for text in texts)]
    if not used:
        return None
    return (
        f"Offline placeholders ({', '.join(used)}): ids only Azure knows, which the offline "
        "mocks answer with fixed GUIDs; set azure-native:subscriptionId in the stack file to see "
        "your subscription in ids."
    )
