"""What is mutated, grouped as the README reports it, and the test files each group's mutants
may be killed by (the coverage map then picks, per mutant, the tests that ran its lines)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# test files that run the landing-zone program (the blocks' and RBAC's resources)
PROGRAM_TESTS = (
    "tests/test_hardened_options.py",
    "tests/test_grants.py",
    "tests/test_role_assignment_names.py",
    "tests/test_hub.py",
    "tests/test_project.py",
    "tests/test_data_landing_zone.py",
    "tests/test_environments.py",
    "tests/test_lifecycle.py",
    "tests/test_observability.py",
    "tests/test_deployability.py",
    "tests/test_project_resource_groups.py",
    "tests/test_platform_outputs.py",
    "tests/test_regional_hubs.py",
    "tests/test_max_scenario.py",
    "tests/test_inference.py",
    "tests/test_secrets.py",
    "tests/network",
)


@dataclass(frozen=True)
class Group:
    name: str
    sources: tuple[str, ...]  # files or folders of .py files, relative to ROOT
    tests: tuple[str, ...]

    def files(self) -> list[Path]:
        found: list[Path] = []
        for source in self.sources:
            path = ROOT / source
            found += sorted(path.glob("*.py")) if path.is_dir() else [path]
        return [f for f in found if f.name != "__init__.py"]


GROUPS = {
    "naming": Group(
        "naming",
        ("components/naming.py",),
        (
            "tests/test_facts.py",
            "tests/test_naming_versions.py",
            "tests/test_config_errors.py",
            "tests/test_config_bounds.py",
            "tests/test_hub.py",
            "tests/test_data_landing_zone.py",
            "tests/test_observability.py",
            "tests/network/test_identity.py",
        ),
    ),
    "rbac": Group(
        "rbac",
        ("components/roles.py", "components/blocks/rbac.py"),
        (
            "tests/test_facts.py",
            "tests/test_rbac_block.py",
            "tests/test_config_errors.py",
            "tests/policies/test_preset_levels.py",
            "tests/offline/test_offline_report.py",
            *PROGRAM_TESTS,
        ),
    ),
    "comparison": Group(
        "comparison",
        ("offline/compare.py",),
        (
            "tests/offline",
            "tests/policies/test_reads.py",
            # the comparisons of whole stacks: renames, replacements, blocked steps, warnings
            "tests/test_report.py",
            "tests/test_lifecycle.py",
            "tests/test_environments.py",
            "tests/test_upgrades.py",
            "tests/test_budget_dates.py",
        ),
    ),
    "rules": Group(
        "rules",
        ("policies/rules",),
        (
            "tests/policies",
            "tests/test_preview.py",
            "tests/test_lifecycle.py",
            "tests/test_resource_types.py",
        ),
    ),
    "blocks": Group("blocks", ("components/blocks",), ("tests/test_facts.py", *PROGRAM_TESTS)),
}
# rbac.py is reported under rbac, not twice
EXCLUDED = {"blocks": ("rbac.py",)}


def files_of(group: Group) -> list[Path]:
    return [f for f in group.files() if f.name not in EXCLUDED.get(group.name, ())]


def module_name(path: Path) -> str:
    """The import name of a library file (one import name, three folders)."""
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    if parts[0] == "components":
        parts = parts[1:]
    return ".".join(["aml_landing_zone", *parts])
