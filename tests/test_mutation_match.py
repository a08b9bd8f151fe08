"""Tests written against the mutants mutmut left alive in govtasks/returns/match.py (tools/README.md,
"Mutation testing").

Expected values are written out from the domain, never computed by the code under test.
"""

from __future__ import annotations
