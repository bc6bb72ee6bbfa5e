"""Test and dev support: launchers for the real broker and database, fakes for unit tests."""
