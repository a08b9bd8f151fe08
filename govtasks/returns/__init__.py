"""returns: the third stage — the workbooks units send back become :class:`~govtasks.returns.model.Returns`.

Takes in: a folder (or files) of returned workbooks, whatever units did to them, and the
Breakdown they were made from.
Gives out: every answer as a Progress with its source cell, every file with its state,
and the issues (missing units, empty answers, edited tasks, odd files …).

Modules: ``read`` walks the folder and reads each file; ``form`` tells whose form a
workbook is and for which period; ``match`` finds the header and matches rows to tasks;
``rows`` turns matched rows into answers and row issues; ``versions`` combines several
versions of one unit's return task by task; ``relay`` reads the cooperating answers a lead
unit's round-two form carries; ``status`` says who has returned;
``notice`` writes the 催报 notice; ``model`` holds the data classes.
"""
