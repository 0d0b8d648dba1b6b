"""Casework's pages, a module for each part of the child's story."""
