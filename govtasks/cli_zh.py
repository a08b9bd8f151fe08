"""argparse in Chinese: usage, help headings and error lines a clerk can read.

argparse's own words come from its English message catalogue; this keeps its parsing and
replaces what it prints: the ``用法：`` prefix (a help formatter), the help headings (every
argument goes into a titled group, ``-h`` included), and the error lines (``error()``
translates argparse's messages). Only argparse's public extension points are used.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

EXIT_CODES = "退出码：0 正常；1 数据有错误（输出文件仍已写出）；2 文件无法使用、命令行有误或其他无法继续的问题。"

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), r) for p, r in (
    (r"^argument command: invalid choice: (.+?) \(choose from (.*)\)$", r"没有命令 \1（可用的命令：\2）"),
    (r"^the following arguments are required: command$", r"请给出命令（govtasks -h 列出全部命令）"),
    (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
    (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
    (r"^argument (.+?): invalid choice: (.+?) \(choose from (.*)\)$", r"参数 \1 的取值 \2 无效（可选：\3）"),
    (r"^argument (.+?): expected one argument$", r"参数 \1 后面需要一个值"),
    (r"^argument (.+?): expected at least one argument$", r"参数 \1 后面至少需要一个值"),
    (r"^argument (.+?): expected at most one argument$", r"参数 \1 后面最多只能有一个值"),
    (r"^argument (.+?): invalid (\w+) value: (.*)$", r"参数 \1 的值 \3 无效"),
    (r"^argument (.+?): not allowed with argument (.*)$", r"参数 \1 不能与 \2 同时使用"),
    (r"^argument (.+?): ignored explicit argument (.*)$", r"参数 \1 不接受取值 \2"),
    (r"^ambiguous option: (.+?) could match (.*)$", r"选项 \1 有歧义，可能是：\2"),
    (r"^one of the arguments (.*) is required$", r"必须给出以下参数之一：\1"),
    (r"^argument (.+?): (.*)$", r"参数 \1：\2"),
))


def translate(message: str) -> str:
    """argparse's English error message in Chinese (left as it is when unknown)."""
    for pattern, replacement in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Usage lines start with 用法：; descriptions and epilogs keep their line breaks."""

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Chinese. Add arguments to :attr:`args`
    (a group titled 参数) rather than to the parser itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.args = self.add_argument_group("参数")
        self.args.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{translate(message)}\n")
