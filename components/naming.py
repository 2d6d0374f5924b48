"""The Azure names the landing zone builds from its naming parts (organisation, workload,
environment, region), and the rule each resource type's name must keep.

Names the stack file gives (computes, datastores, outbound rules) are checked against the same
rules (``RULES``) where they are written; the few names Azure fixes or that never vary live
beside the resource that takes them (``default`` services and zone groups, the lock's
``do-not-delete``, the diagnostic setting's name, the default key ``cmk-aml``), and role
assignments are named by ``blocks/rbac.py`` (a GUID of stable keys).

Names follow the Cloud Adoption Framework pattern ``<abbr>-<org>-<workload>-<env>-<region>``.
Globally unique names (storage, key vault, registry) get a short suffix derived from stable
configuration, never from randomness, so the same config gives the same names on every run.
Each name is checked against its resource type's length and character rules; a name that cannot
fit is a ``ConfigError`` naming the configuration values it was built from.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass, replace

from .errors import ConfigError
from .regions import region_code


@dataclass(frozen=True)
class NameRule:
    """Azure's rule for one resource type's name; ``words`` says what ``pattern`` allows."""

    what: str
    min_len: int
    max_len: int
    pattern: str
    words: str

    def problem(self, name: str) -> str | None:
        """Why Azure refuses ``name`` (its length, else its characters); None when it takes it.
        The one check of a name: ``check`` here, the config's ``name_issue`` for names written
        in the stack file."""
        if not self.min_len <= len(name) <= self.max_len:
            return f"has {len(name)} characters; Azure allows {self.min_len}–{self.max_len}"
        if not re.fullmatch(self.pattern, name):
            return f"breaks Azure's rule: {self.words}"
        return None

    def check(self, name: str, source: str) -> str:
        """``name``, or a ConfigError naming the configuration values it was built from."""
        problem = self.problem(name)
        if problem is None:
            return name
        if len(name) > self.max_len:
            advice = "Shorten the value."
        elif len(name) < self.min_len:
            advice = "Lengthen the value."
        else:
            advice = "Change the value."
        raise ConfigError(f"the {self.what} name '{name}' (from {source}) {problem}. {advice}")


_LETTERS_DIGITS_DASH = "letters, digits or '-', starting and ending with a letter or digit"
_DOTTED = (
    "letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a "
    "letter, digit or '_'"
)
_WORKSPACE = "letters, digits, '_' or '-', starting with a letter or digit"
_NOT_AG = "no : < > + / & % \\ ? | or control characters, not ending with a space or '.'"
_NOT_ALERT = "no * # & + : < > ? @ % { } \\ / or control characters, not ending with a space or '.'"
_NOT_LOG = "no * < > % { } & : \\ ? / # or control characters, not ending with a space or '.'"
# Fixed namespace of the names that must be GUIDs (workbooks): changing it renames them all.
_GUID_NAMESPACE = uuid.UUID("0d6e3c52-8f0e-5b1c-9a43-7b2f4e1d6a90")
_COMPUTE = r"[a-zA-Z](?!.*-[0-9]$)[a-zA-Z0-9-]*[a-zA-Z0-9]"
_COMPUTE_WORDS = (
    "letters, digits or '-', starting with a letter, never ending with '-' or '-' and a digit"
)
RULES: dict[str, NameRule] = {
    "resource_group": NameRule(
        "resource group",
        1,
        90,
        r"[-\w.()]*[-\w()]",
        "letters, digits, '_', '-', '.', '(' or ')', not ending with '.'",
    ),
    "workspace": NameRule("ML workspace", 3, 33, r"[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}", _WORKSPACE),
    "storage": NameRule("storage account", 3, 24, r"[a-z0-9]+", "lowercase letters or digits"),
    "key_vault": NameRule(
        "key vault",
        3,
        24,
        r"[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]",
        "letters, digits or '-', starting with a letter, ending with a letter or digit, never '--'",
    ),
    "registry": NameRule("container registry", 5, 50, r"[a-zA-Z0-9]+", "letters or digits"),
    # unique in the tenant, immutable: https://learn.microsoft.com/azure/machine-learning/how-to-manage-registries
    "ml_registry": NameRule("ML registry", 2, 32, r"[a-zA-Z0-9][a-zA-Z0-9_-]{1,31}", _WORKSPACE),
    "log_analytics": NameRule(
        "Log Analytics workspace",
        4,
        63,
        r"[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]",
        _LETTERS_DIGITS_DASH,
    ),
    # Microsoft.Insights/components: "Can't use: %&\?/ or control characters. Can't end with
    # space or period." (resource-name-rules)
    "app_insights": NameRule(
        "Application Insights",
        1,
        260,
        r"[^%&\\?/\x00-\x1f]*[^%&\\?/\x00-\x1f. ]",
        "no % & \\ ? / or control characters, not ending with a space or '.'",
    ),
    "private_endpoint": NameRule("private endpoint", 2, 64, r"[a-zA-Z0-9][\w.-]*\w", _DOTTED),
    "private_link_scope": NameRule(
        "Azure Monitor private link scope",
        1,
        255,
        r"[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]",
        _LETTERS_DIGITS_DASH,
    ),
    "identity": NameRule("managed identity", 3, 128, r"[a-zA-Z0-9][a-zA-Z0-9_-]*", _WORKSPACE),
    "virtual_network": NameRule("virtual network", 2, 64, r"[a-zA-Z0-9][\w.-]*\w", _DOTTED),
    "subnet": NameRule("subnet", 1, 80, r"[a-zA-Z0-9]([\w.-]*\w)?", _DOTTED),
    "network_security_group": NameRule(
        "network security group", 1, 80, r"[a-zA-Z0-9]([\w.-]*\w)?", _DOTTED
    ),
    "dns_link": NameRule("private DNS zone link", 1, 80, r"[a-zA-Z0-9]([\w.-]*\w)?", _DOTTED),
    # Microsoft.Insights and Microsoft.Consumption rows of
    # https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
    "action_group": NameRule(
        "action group", 1, 260, r"[^:<>+/&%\\?|\x00-\x1f]*[^:<>+/&%\\?|\x00-\x1f. ]", _NOT_AG
    ),
    "action_group_short": NameRule(
        "action group short", 1, 12, r"[A-Za-z0-9-]+", "letters, digits or '-'"
    ),
    "metric_alert": NameRule(
        "metric alert",
        1,
        260,
        r"[^*#&+:<>?@%{}\\/\x00-\x1f]*[^*#&+:<>?@%{}\\/\x00-\x1f. ]",
        _NOT_ALERT,
    ),
    "log_alert": NameRule(
        "log search alert",
        1,
        260,
        r"[^*<>%{}&:\\?/#\x00-\x1f]*[^*<>%{}&:\\?/#\x00-\x1f. ]",
        _NOT_LOG,
    ),
    "budget": NameRule("budget", 1, 63, r"[A-Za-z0-9_-]+", "letters, digits, '_' or '-'"),
    # The service's own message: "A name for an Azure ML Compute Instance must be between 3 and
    # 24 characters ... must start with letters. Numbers cannot be the ending of the name if the
    # previous character is a minus symbol".
    "compute_instance": NameRule("compute instance", 3, 24, _COMPUTE, _COMPUTE_WORDS),
    # Other computes (clusters, attached AKS): ARM's naming rules give workspaces/computes 2-16.
    # https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
    "compute": NameRule("compute", 2, 16, _COMPUTE, _COMPUTE_WORDS),
    # AKS: 1-63 letters, digits, '_' or '-', starting and ending with a letter or digit
    # (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules)
    "kubernetes_cluster": NameRule(
        "AKS cluster", 1, 63, r"[a-zA-Z0-9]([\w-]*[a-zA-Z0-9])?", _WORKSPACE
    ),
    "datastore": NameRule("datastore", 1, 255, r"[a-z0-9_]+", "lowercase letters, digits or '_'"),
}


def deployment_subscription() -> str:
    """The subscription the azure-native provider deploys to (its ``subscriptionId`` setting or
    the signed-in account's), asked once at preview time: names must be plain strings."""
    from pulumi_azure_native import authorization  # only programs that name resources need it

    return str(authorization.get_client_config().subscription_id or "")


def stable_suffix(*parts: str, length: int = 5) -> str:
    """A short deterministic suffix that makes globally unique names unique per landing zone."""
    digest = hashlib.sha256("/".join(parts).encode()).hexdigest()
    return digest[:length]


# Every naming scheme that has shipped, frozen: an upgrade of the library must never rename (and
# so replace) a live resource. A change to how names are built is a new scheme, opt-in per stack
# (``namingVersion``); tests/golden/names.json pins what each scheme gives the shipped stacks.
#   1: the 0.1 scheme: the suffix hashes organisation, workload, environment and region only.
#   2: the suffix also hashes the subscription and ``nameSeed``; the seed suffixes workspaces.
NAMING_SCHEMES: dict[int, str] = {
    1: "suffix of organisation, workload, environment and region (0.1)",
    2: "suffix also of the subscription and nameSeed; nameSeed suffixes workspace names",
}
DEFAULT_NAMING_VERSION = 2  # frozen: later schemes are opt-in, so upgrading renames nothing


@dataclass(frozen=True)
class Naming:
    """Names for one landing zone (organisation + workload + environment + region).

    ``subscription_id`` makes globally unique names differ between subscriptions (as Bicep's
    ``uniqueString(subscription().id)`` does), so two organisations that both call themselves
    contoso do not collide. ``seed`` changes every globally unique and soft-deletable name (the
    suffix and the workspace names): the way through a name still held by a soft-deleted key vault
    or workspace after a stack was torn down."""

    organization: str
    workload: str
    environment: str
    location: str
    subscription_id: str = ""
    seed: str = ""
    version: int = DEFAULT_NAMING_VERSION
    product: str = ""  # a data product's key: names its own resources (``for_product``)

    def __post_init__(self) -> None:
        if self.version not in NAMING_SCHEMES:
            raise ConfigError(
                f"naming version {self.version} does not exist; known: "
                f"{', '.join(map(str, NAMING_SCHEMES))}"
            )
        if self.version == 1 and self.seed:
            raise ConfigError("nameSeed needs naming version 2 or later")

    def for_product(self, key: str) -> Naming:
        """The names of one data product's own resources: the product stands where the
        workload stood, and its key joins the hash of globally unique names. Names without a
        product are exactly what they were."""
        return replace(self, product=key)

    @property
    def source(self) -> str:
        product = f", data product '{self.product}'" if self.product else ""
        return (
            f"organization '{self.organization}', workload '{self.workload}', "
            f"environment '{self.environment}', location '{self.location}'{product}"
        )

    @property
    def _stem(self) -> str:
        middle = self.product or self.workload
        return f"{self.organization}-{middle}-{self.environment}-{region_code(self.location)}"

    @property
    def suffix(self) -> str:
        parts = [self.organization, self.workload, self.environment, self.location]
        if self.version >= 2:
            parts += [self.subscription_id.lower(), self.seed]
        if self.product:
            parts += ["product", self.product]
        return stable_suffix(*parts)

    @property
    def _seeded(self) -> str:
        return f"-{self.seed}" if self.seed else ""

    def _compact(self, abbr: str) -> str:
        """Hyphen-free form for the types that forbid hyphens, suffixed for global uniqueness.
        A product's form keeps as much of the product key as a storage account's 24 characters
        leave (the suffix hashes the whole key and the organisation)."""
        if self.product:
            room = 24 - len(abbr) - len(self.environment) - len(self.suffix)
            key = self.product.replace("-", "")[: max(room, 0)]
            return f"{abbr}{key}{self.environment}{self.suffix}".lower()
        return f"{abbr}{self.organization}{self.workload}{self.environment}{self.suffix}".lower()

    def resource_group(self, purpose: str) -> str:
        return RULES["resource_group"].check(f"rg-{self._stem}-{purpose}", self.source)

    def project_resource_group(self, key: str) -> str:
        """A project's own resource group (hub.projectResourceGroups perProject), beside the
        hub's groups: ``rg-<org>-<workload>-<env>-<region>-proj-<key>``."""
        name = f"rg-{self._stem}-proj-{key}"
        return RULES["resource_group"].check(name, f"{self.source}, project '{key}'")

    def hub(self) -> str:
        return RULES["workspace"].check(f"hub-{self._stem}{self._seeded}", self.source)

    def project(self, key: str) -> str:
        name = f"proj-{self.organization}-{key}-{self.environment}{self._seeded}"
        return RULES["workspace"].check(name, f"{self.source}, project '{key}'")

    def data_product_workspace(self) -> str:
        """A data product's Default workspace (``mlw``, the CAF abbreviation for a workspace)."""
        name = f"mlw-{self.organization}-{self.product}-{self.environment}{self._seeded}"
        return RULES["workspace"].check(name, self.source)

    def storage(self) -> str:
        return RULES["storage"].check(self._compact("st"), self.source)

    def key_vault(self) -> str:
        name = f"kv-{self.organization}-{self.environment}-{self.suffix}"
        return RULES["key_vault"].check(name, self.source)

    def registry(self) -> str:
        return RULES["registry"].check(self._compact("cr"), self.source)

    def ml_registry(self) -> str:
        """The Azure ML registry models and components are promoted through (tenant-unique)."""
        return RULES["ml_registry"].check(f"mlr-{self._stem}-{self.suffix}", self.source)

    def log_analytics(self) -> str:
        return RULES["log_analytics"].check(f"log-{self._stem}", self.source)

    def app_insights(self) -> str:
        return RULES["app_insights"].check(f"appi-{self._stem}", self.source)

    def private_link_scope(self) -> str:
        return RULES["private_link_scope"].check(f"ampls-{self._stem}", self.source)

    def private_endpoint(self, target: str, group: str) -> str:
        return RULES["private_endpoint"].check(f"pep-{target}-{group}", self.source)

    def identity(self, purpose: str) -> str:
        return RULES["identity"].check(f"id-{self._stem}-{purpose}", self.source)

    def kubernetes_cluster(self) -> str:
        """The serving region's inference cluster (``aks``, the CAF abbreviation)."""
        return RULES["kubernetes_cluster"].check(f"aks-{self._stem}", self.source)

    def virtual_network(self) -> str:
        return RULES["virtual_network"].check(f"vnet-{self._stem}", self.source)

    def subnet(self, purpose: str) -> str:
        return RULES["subnet"].check(f"snet-{purpose}", self.source)

    def network_security_group(self, purpose: str) -> str:
        return RULES["network_security_group"].check(f"nsg-{self._stem}-{purpose}", self.source)

    def dns_link(self, virtual_network_name: str, virtual_network_id: str | None = None) -> str:
        """A zone's link to a network; a given id adds a suffix, as two networks in different
        groups may share a name."""
        name = f"link-{virtual_network_name}"
        if virtual_network_id is not None:
            name = name[: 80 - 7] + "-" + stable_suffix(virtual_network_id.lower(), length=6)
        return RULES["dns_link"].check(name, self.source)

    # Observability: the environment's action group, alerts, budgets and dashboard. These names
    # have no region and no suffix: they live in the hub's resource group, one set per stack.
    @property
    def _environment_stem(self) -> str:
        return f"{self.organization}-{self.workload}-{self.environment}"

    def action_group(self) -> str:
        return RULES["action_group"].check(f"ag-{self._environment_stem}", self.source)

    def action_group_short_name(self) -> str:
        """The name shown in e-mails and SMS (12 characters at most)."""
        short = f"{self.organization}-{self.environment}"[:12].rstrip("-")
        return RULES["action_group_short"].check(short, self.source)

    def metric_alert(self, target: str, key: str) -> str:
        """A metric alert rule on ``target`` (a workspace or endpoint name)."""
        return RULES["metric_alert"].check(f"alert-{target}-{key}", f"{self.source}, '{key}'")

    def log_alert(self, target: str, key: str) -> str:
        """A log search alert rule about ``target``."""
        return RULES["log_alert"].check(f"alert-{target}-{key}", f"{self.source}, '{key}'")

    def budget(self, scope: str) -> str:
        """A budget: ``scope`` is 'hub', a project key or a data product key (the config refuses
        a product named like a project)."""
        name = f"budget-{self._environment_stem}-{scope}"
        return RULES["budget"].check(name, f"{self.source}, budget '{scope}'")

    def workbook(self) -> str:
        """The environment's dashboard. Azure wants a GUID; it is derived from the stack's
        identity (never random), so every run names the same workbook."""
        parts = [self.subscription_id.lower(), self._stem, self.seed, "workbook"]
        return str(uuid.uuid5(_GUID_NAMESPACE, "/".join(parts)))
