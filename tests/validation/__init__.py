"""Tests of validation: the layers, the semantic checks, the reports and the CLI."""
