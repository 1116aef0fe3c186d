"""Browser journeys (Playwright): logging in as a person would, or with a session made here."""

import os
import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from twinhub.accounts.models import User
from twinhub.testing.people import PASSWORD

# Full-page screenshots for a person to look at (README, "Tests"). A full-page PNG costs more than loading
# the page it shows, and nobody looks at the ones a CI run would make, so they are kept on request.
SCREENSHOTS = os.environ.get("TWINHUB_SCREENSHOTS") == "1"


def screenshot(page: Page, path: Path | str) -> None:
    """Save a full-page screenshot of what `page` shows, when TWINHUB_SCREENSHOTS=1."""
    if SCREENSHOTS:
        page.screenshot(path=str(path), full_page=True)


def log_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    """Fill in the login form, as a person would (the browser forgets whoever was logged in), and
    wait until the site has let them in."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def use_session_of(page_or_context, base: str, user: User | None) -> None:
    """Give the browser `user`'s session cookie without the login form (logged out for None)."""
    context = getattr(page_or_context, "context", page_or_context)
    context.clear_cookies()
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": base,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
