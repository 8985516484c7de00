"""Review: near-duplicate groups (and, later, grading and merging)."""
