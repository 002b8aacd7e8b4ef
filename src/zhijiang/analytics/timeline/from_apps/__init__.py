"""Step sources of the apps of today; each module registers its sources on import."""
