"""Everything Qt: main window, experiment tree, runs table, dialogs."""

from desktop.ui.pyside_imports import skip_feature_source_scan

skip_feature_source_scan()  # before the window's modules are imported
