from twinhub.schools.tests.conftest import people  # noqa: F401  (the named users per role)
