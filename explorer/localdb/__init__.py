"""The managed local database: its home, its launcher and supervisor, its processes."""
