"""io: files in and out, below every stage. Knows workbooks, not tasks.

Takes in: paths of .xlsx/.xlsm/.xls/.ods/.csv files (and anything LibreOffice can convert).
Gives out: :class:`~govtasks.io.workbook.Workbook` — plain text grids with merges, formula
cells and saved time (``workbook``, ``details``, ``xls``, ``libreoffice``); an XlsxWriter
workbook saved atomically (``xlsxout``); row heights for wrapped Chinese text (``textfit``).

Imports only the core. Every reader of a stage above parses the grids this gives it.
"""
