"""vaxkit: a toolkit for national vaccination platforms."""

__version__ = "0.1.0"
