"""Django configuration of this deployment; the application itself is vaxkit."""
