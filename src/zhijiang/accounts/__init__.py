"""Users, organisations, roles and the access rules between them; personal-data rights."""
