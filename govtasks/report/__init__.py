"""report: the last stage — Breakdown + Returns become the consolidated report (汇总表).

Takes in: a Breakdown and Returns.
Gives out: a :class:`~govtasks.report.model.Report` (``merge``, pure) and its workbook in
the published layout with 填报情况, 牵头/配合单位反馈 and 问题清单 (``write``, with
``tablesheet`` for its long tables).
"""
