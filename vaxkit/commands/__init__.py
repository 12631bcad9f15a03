"""Command-line adapters: each command parses its options and calls one library function."""
