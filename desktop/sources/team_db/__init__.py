"""Team tracking databases (PostgreSQL, MySQL/MariaDB) read directly, read-only."""
