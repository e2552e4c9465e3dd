"""Everything Qt: main window, experiment tree, runs table, dialogs."""
