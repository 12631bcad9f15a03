"""The platform's own versioned REST API (``/api/v1/``), OpenAPI generated from the code."""
