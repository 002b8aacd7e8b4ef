"""智匠 Zhijiang: the digital-skills talent platform (Django project)."""
