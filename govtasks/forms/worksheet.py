"""The form's worksheet class (imported when forms are written: XlsxWriter loads lazily)."""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet


class FormWorksheet(Worksheet):  # type: ignore[misc]  # XlsxWriter ships no type information
    """A worksheet whose answer rows grow with what is typed.

    XlsxWriter marks every row given a height as a fixed height (``customHeight="1"``), and
    Excel, WPS and LibreOffice never grow such a row: a long answer typed into a form would be
    cut off on paper. The task rows keep the height govtasks computed for the task text, but
    without that mark, so the programs treat them as automatic ("optimal") height and grow them
    as a unit types (tests/test_forms_print.py types a 400-character answer with LibreOffice).
    XlsxWriter has no option for it; this drops the attribute where it writes a ``<row>``
    (``_xml_start_tag_unencoded`` / ``_xml_empty_tag_unencoded``, XlsxWriter 3.3; pinned ``<4``).
    """

    def __init__(self) -> None:
        super().__init__()
        self.growing: set[int] = set()
        """1-based numbers of the rows written without a fixed height."""

    def _row_attributes(self, tag: str, attributes: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        if tag == "row" and self.growing and attributes and attributes[0][1] in self.growing:
            return [a for a in attributes if a[0] != "customHeight"]
        return attributes

    def _xml_start_tag_unencoded(self, tag: str, attributes: Any = ()) -> None:
        super()._xml_start_tag_unencoded(tag, self._row_attributes(tag, list(attributes)))

    def _xml_empty_tag_unencoded(self, tag: str, attributes: Any = ()) -> None:
        super()._xml_empty_tag_unencoded(tag, self._row_attributes(tag, list(attributes)))
