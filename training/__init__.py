"""Reproducible training of the shipped German pipeline (see training/README.md)."""
