"""The tenant described by profile.yaml is provisioned once per test session on a real PostgreSQL
(DATABASE_URL when set, else vaxkit's built-in server) by vaxkit's pytest plugin."""

pytest_plugins = ["vaxkit.testing.plugin"]
