"""Navigator: a one-door navigator for Dutch innovation funding."""

__version__ = "0.1.0"
