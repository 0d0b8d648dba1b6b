"""The CIN census (children in need), built as the DfE's XML. See returns.base for the contract."""
