"""Stage 4, resolution: the findings of every document merged into entities (one node per
real-world entity across documents, with its aliases), pledges and stances."""
