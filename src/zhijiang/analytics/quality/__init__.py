"""The quality review of generated content: what is sampled, how, and from where."""
