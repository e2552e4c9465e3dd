"""The compare dialog: table, parallel coordinates, scatter, curves, importance."""
