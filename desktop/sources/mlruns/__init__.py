"""Reader of MLflow FileStore folders (``mlruns/``) as written by MLflow 0.x to 3.x."""
