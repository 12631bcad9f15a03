"""Public APIs of a tenant: the CoWIN-compatible `/api/v2/` and the own `/api/v1/`."""
