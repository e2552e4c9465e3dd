"""Read an MLflow tracking server through its REST API (see mlflow-formats.md §4)."""
