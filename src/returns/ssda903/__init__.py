"""The SSDA903 children looked after return, built as CSV files. See returns.base."""
