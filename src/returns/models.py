"""Models of the returns app (export runs, validation findings) live here."""
