"""Mutation testing of the landing zone's building blocks, policy rules, naming, RBAC and plan
comparison: ``uv run python -m benchmarks.mutation`` (see __main__.py for the options).

mutmut's mutation operators (``mutmut.mutation.mutators``) make the mutants, over whole modules:
mutmut's own runner only mutates function bodies, and the facts this project must not get wrong
sit in module-level tables (role GUIDs, name rules, DNS zones, rule levels). Each mutant runs the
tests that executed its lines (a coverage map by test), in a child forked from a process that
has the third-party imports warm, so a mutant costs its tests, not a fresh interpreter."""
