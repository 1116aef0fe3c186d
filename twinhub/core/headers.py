"""Permissions-Policy on every response (decision 20): the platform uses no camera, microphone,
location, payment or sensor, so no page — nor anything injected into one — may ask for them.
Django's SecurityMiddleware sets HSTS, Referrer-Policy, X-Content-Type-Options and
Cross-Origin-Opener-Policy; XFrameOptionsMiddleware sets X-Frame-Options; django-csp the CSP."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
