"""No models: timescale rules are code-level data and the calendar comes from ``holidays``."""
