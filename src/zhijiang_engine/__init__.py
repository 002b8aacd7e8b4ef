"""The platform's intelligence as pure Python: no Django, no I/O beyond explicit loaders.

Sub-packages (text, normalize, skills, match, irt, curriculum, screening, llm) arrive with
the issues that need them; each takes and returns plain values so that it can be tested and
benchmarked without a database.
"""

__version__ = "0.1.0"
