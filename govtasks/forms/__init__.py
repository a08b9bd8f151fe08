"""forms: the second stage — a Breakdown becomes one progress form (进展情况表) per unit.

Takes in: a Breakdown, a period, and a form template (.xlsx with Jinja2 placeholders,
default templates/form.xlsx).
Gives out: one .xlsx per unit (``write``), each carrying its identity (hidden 任务编号
column, ``_meta`` sheet; docs/form-contract.md).

Modules: ``template`` compiles a template once (``style`` reads its formats, validations,
print setup); ``sheet`` writes a compiled template's rows for one unit; ``write`` picks the
units and writes the files; ``rounds`` holds the rules of two-round collection
(cooperating units report to the lead unit, the lead unit to the office) and ``feedback``
writes the cooperating answers a lead unit's round-two form carries.
"""
