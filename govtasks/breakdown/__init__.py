"""breakdown: the first stage — a published task breakdown becomes a :class:`~govtasks.model.Breakdown`.

Takes in: a document as governments publish it (a table in .xlsx/.xls/.ods/.csv, a text
notice, a saved web page, a Word file, a prose work plan) or the standard workbook.
Gives out: a Breakdown with its issues, and the standard workbook (``standard``).

Modules: ``importer`` picks the reader by file type and content; ``table``, ``text``
(+ ``textrules``), ``html``, ``docx`` (+ ``document``) find the tasks; ``draft`` turns
what they found into Tasks (units, deadlines, IDs, issues); ``units`` splits and
resolves unit cells; ``deadlines`` parses 完成时限; ``labels`` knows header words.
"""
