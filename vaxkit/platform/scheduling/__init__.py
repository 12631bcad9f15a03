"""Centres, sessions, public availability search and booking."""
