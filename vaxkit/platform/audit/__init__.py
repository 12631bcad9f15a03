"""The audit log: every state change and every read of personal data, with actor and purpose."""
