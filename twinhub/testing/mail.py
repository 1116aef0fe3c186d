"""E-mail in tests: a mail server that is away (for the outbox's retries and failures)."""

from django.core.mail.backends.base import BaseEmailBackend

REFUSING_BACKEND = "twinhub.testing.mail.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server refused the connection")
