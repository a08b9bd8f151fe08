"""Type text into a cell with LibreOffice, as a clerk would, and save the workbook as .xlsx.

    /usr/bin/python3 tests/tools/lo_type.py FILE SHEET CELL TEXTFILE OUT PROFILE_DIR

Run by Debian's Python, which has LibreOffice's UNO bridge (package python3-uno, installed by
.ci/system-deps). It starts a headless soffice listening on a private pipe, opens FILE, sets
the cell's text the way a typed entry does (LibreOffice then adjusts the row height as its own
rules say), and stores the document as OUT. Prints the row height before and after.
"""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

path, sheet_name, cell_name, text_file, out, profile_dir = sys.argv[1:7]
pipe = f"govtasks{os.getpid()}"
profile = uno.systemPathToFileUrl(os.path.abspath(profile_dir))
proc = subprocess.Popen(["soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore", "--invisible",
                         f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(300):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.2)
    else:
        sys.exit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0, (prop("Hidden", True),))
    sheet = doc.Sheets.getByName(sheet_name)
    cell = sheet.getCellRangeByName(cell_name)
    before = sheet.getRows().getByIndex(cell.CellAddress.Row).Height
    cell.setString(open(text_file, encoding="utf-8").read())
    after = sheet.getRows().getByIndex(cell.CellAddress.Row).Height
    print("height", before, after, "optimal", sheet.getRows().getByIndex(cell.CellAddress.Row).OptimalHeight)
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(out)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
finally:
    proc.terminate()
    proc.wait(10)
