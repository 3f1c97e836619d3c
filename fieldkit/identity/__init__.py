"""People and identity rules: China resident ID numbers, masking."""
