"""Tenants: jurisdictions (a country, or a state of a federal country), each with its own schema."""
