"""Sending SMS (OTPs, appointment confirmations) through a pluggable backend, after commit."""
