"""Accuracy on documents itadoc was not developed on: variants of the sample specs."""
