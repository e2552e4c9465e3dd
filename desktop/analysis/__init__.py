"""Qt-free analysis of runs: curves, comparison tables, parameter importance."""
