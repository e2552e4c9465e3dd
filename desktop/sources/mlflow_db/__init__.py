"""Reader of MLflow SQLite tracking databases (``mlflow.db``), schemas 1.x to 3.x.

Opened strictly read-only with SQLAlchemy over ``sqlite3``; never imports ``mlflow``.
"""
