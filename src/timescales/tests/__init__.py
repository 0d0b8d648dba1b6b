"""Tests for the timescales app."""
