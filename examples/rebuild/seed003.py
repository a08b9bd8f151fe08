"""Rebuild seed 003 (广丰区 2021) as the plain-text notice it was published as.

The seed
--------
``003_60d2928a38aacd54.txt`` is a web scrape of the notice
"区政府办公室关于印发2021年区政府工作报告重点工作责任分工的通知" (issuer
上饶市广丰区人民政府办公室, dated 2021年3月25日, no 文号): addressees, a
preamble with three numbered requirements ("一、以目标倒逼落实。…"), the
contact person, signature and date, then the attachment
"2021年区政府工作报告所列重点工作责任分工" with the note
"(宏观指标与重点项目完成情况另行调度)": seven sections "一、…(N项)", each with
sub-sections "(一)…", and 101 numbered tasks, each followed by an inline
annotation "(主办单位:…;协办单位:…)". Task 4's annotation stands on its own
line; task 95 has none.

What the rebuild does
---------------------
* Drops the page chrome: "分享到:" and "【字体:" at the top (and the blank
  lines they left), "扫一扫在手机打开当前页" and "相关阅读" at the bottom.
* Writes one paragraph per line with one blank line between paragraphs (as
  the scrape does) and a final newline; everything else is kept as scraped,
  including the indentation of the signature and date lines.

Restored characters (certain patterns only)
-------------------------------------------
* Dates that lost 月 in the preamble: "615日" -> "6月15日", "1215日" -> "12月15日",
  "625日" -> "6月25日", "1225日" -> "12月25日" (each digit run has exactly one
  valid month/day split; the half-year deadlines match the 广丰 practice:
  协办 units by 6/15 and 12/15, 牵头 units by 6/25 and 12/25).
* The notice date "2021325" -> "2021年3月25日".
* The first section heading lost its opening bracket: "…不断做强发展支柱13项)"
  -> "…不断做强发展支柱(13项)" (the ")" is unbalanced, and the six other
  headings all read "(N项)").

Not restored (not certain)
--------------------------
* The scrape normalised the full-width punctuation "，（）：；" to ASCII; it is
  kept as scraped (as for seed 000), so task texts keep "," and "(".
* The contact line "联系人:陈哲琪(18879351014 413946681@qq.com" lost its ")"
  and the separator between phone and e-mail: kept as scraped.
* Task 43's voltages "霞峰22万伏", "大坪311万伏", "1010千伏" look damaged
  (220千伏? 3个11万伏? 10个10千伏?) but the originals are not known.
* Task 64's "2A+" and the unlabelled "各乡镇(街道)" of task 83
  ("(主办单位:区水利局、林业局;各乡镇(街道))", probably a lost "协办单位:").
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

SEED = "003_60d2928a38aacd54.txt"
OUTPUT = "广丰区2021年区政府工作报告重点工作责任分工.txt"
META: dict[str, Any] = {
    "title": "2021年区政府工作报告所列重点工作责任分工",
    "year": 2021,
    "issuer": "上饶市广丰区人民政府办公室",
    "doc_number": "",
    "source": "区政府办公室关于印发2021年区政府工作报告重点工作责任分工的通知 (附件), "
    "上饶市广丰区人民政府办公室, 2021年3月25日",
}

_CHROME = ("分享到:", "【字体:", "扫一扫在手机打开当前页", "相关阅读")
_WS = " \t\xa0\u2002\u3000"
_ATTACHMENT = "2021年区政府工作报告所列重点工作责任分工"
_MONTH_DAY = re.compile(r"(?<![\d月])(\d{3,4})日")
_DATE = re.compile(r"^(20\d\d)(\d{3})$")
_LOST_BRACKET = "不断做强发展支柱13项)"


def _month_day(digits: str) -> str:
    """"615" -> "6月15日": the one split into a month 1-12 and a day 10-31."""
    splits = [(digits[:k], digits[k:]) for k in (1, 2)
              if 1 <= int(digits[:k]) <= 12 and 10 <= int(digits[k:]) <= 31 and len(digits[k:]) == 2]
    if len(splits) != 1:
        raise ValueError(f"ambiguous or invalid date digits: {digits!r}")
    month, day = splits[0]
    return f"{month}月{day}日"


def _restore_preamble(line: str) -> str:
    return _MONTH_DAY.sub(lambda m: _month_day(m.group(1)), line)


def _restore_date(line: str) -> str:
    """"2021325" -> "2021年3月25日", keeping the line's indentation."""
    indent = line[: len(line) - len(line.lstrip(_WS))]
    m = _DATE.match(line.strip(_WS))
    if m is None:
        return line
    return indent + m.group(1) + "年" + _month_day(m.group(2))


def paragraphs(text: str) -> list[str]:
    """The notice's paragraphs (non-blank lines) without chrome and with the restorations above."""
    out: list[str] = []
    in_attachment = False
    for line in text.split("\n"):
        if not line.strip(_WS) or line.strip(_WS).startswith(_CHROME):
            continue
        in_attachment = in_attachment or line.strip(_WS) == _ATTACHMENT
        if not in_attachment:
            line = _restore_date(_restore_preamble(line.rstrip(_WS)))
        out.append(line.replace(_LOST_BRACKET, "不断做强发展支柱(13项)").rstrip(_WS))
    return out


def rebuild(text: str) -> str:
    """The notice as published: paragraphs separated by blank lines, final newline."""
    return "\n\n".join(paragraphs(text)) + "\n"


def build(seeds_dir: Path, out_dir: Path) -> Path:
    """Rebuild the seed and write ``out_dir / OUTPUT`` (UTF-8)."""
    text = (Path(seeds_dir) / SEED).read_text(encoding="utf-8")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / OUTPUT
    out.write_text(rebuild(text), encoding="utf-8", newline="\n")
    return out


if __name__ == "__main__":
    _repo = Path(__file__).resolve().parents[2]
    print(build(_repo / "examples" / "sources", _repo / "examples" / "data"))
