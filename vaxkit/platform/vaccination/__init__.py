"""Vaccinators: staff roles and scope, verification, dose recording, adverse events."""
