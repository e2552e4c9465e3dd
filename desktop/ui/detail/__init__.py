"""The run detail dock: overview, params, metrics and charts, tags, artifacts."""
