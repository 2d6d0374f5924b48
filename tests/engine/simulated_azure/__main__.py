"""The CLI: ``python -m simulated_azure [--db PATH] COMMAND``.

Commands: ``list``, ``deleted``, ``seed-principals ID...``, ``purge-vault NAME``.
"""

from __future__ import annotations

import argparse
import json
import sys

from .errors import ArmError
from .seed import SimulatedAzure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulated_azure")
    parser.add_argument("--db", help="SQLite file (default: $AMLLZ_SIM_AZURE_DB)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="resources that exist")
    sub.add_parser("deleted", help="soft-deleted vaults and workspaces")
    seed = sub.add_parser("seed-principals", help="add directory object ids")
    seed.add_argument("object_ids", nargs="+")
    seed.add_argument("--kind", default="User", choices=["User", "Group", "ServicePrincipal"])
    purge = sub.add_parser("purge-vault", help="purge a soft-deleted key vault")
    purge.add_argument("name")
    args = parser.parse_args(argv)
    azure = SimulatedAzure(args.db)
    try:
        if args.command == "list":
            for rid, token in azure.resources():
                print(f"{token}\t{rid}")
        elif args.command == "deleted":
            print(
                json.dumps(
                    {"vaults": azure.deleted_vaults(), "workspaces": azure.deleted_workspaces()},
                    indent=2,
                )
            )
        elif args.command == "seed-principals":
            azure.add_principals(args.object_ids, args.kind)
        else:
            azure.purge_vault(args.name)
    except ArmError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
