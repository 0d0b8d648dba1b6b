"""Ofsted's Annex A lists 1-11, built as an Excel workbook. See returns.base."""
