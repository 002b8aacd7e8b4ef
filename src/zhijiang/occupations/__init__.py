"""The CSCO-2022 occupation taxonomy, the skills vocabulary and occupational standards."""
