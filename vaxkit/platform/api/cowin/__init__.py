"""The CoWIN-compatible public API v2 (``/api/v2/``): wire-compatible with India's CoWIN API
so that clients written for it in 2021 work by changing only their base URL."""
