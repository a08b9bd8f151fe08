# %% [markdown]
# # Import a real task breakdown
# The 芜湖市 2024 breakdown (220 tasks, section rows at three levels), as published.

# %%
from pathlib import Path

import govtasks as gt

DATA = Path(__file__).resolve().parent / "data" if "__file__" in globals() else Path("examples/data")
bd = gt.import_breakdown(DATA / "芜湖市2024年度市政府重点工作任务分解.xlsx")
print(bd.title, len(bd.tasks), "项任务")

# %% What to check before sending forms: unit groups, tasks without units ...
print(bd.issues.to_frame()[["级别", "代码", "位置", "说明"]].to_string())

# %% One row per task, Chinese labels: a DataFrame for pandas work
df = bd.to_frame()
print(df.groupby("一级标题").size())

# %% A unit's tasks: those it leads first, then those it cooperates on
for task in bd.for_unit("市科技局")[:5]:
    print(task.id, task.role_of("市科技局"), task.text[:30])

# %% Write the standard workbook and read it back: nothing is lost
out = gt.write_breakdown(bd, Path("芜湖2024_标准.xlsx"))
assert gt.read_breakdown(out) == bd
print("已写入", out)
