from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "twinhub.accounts"
    verbose_name = _("Accounts")
    label = "accounts"

    def ready(self):
        from allauth.account import signals
        from django.core.signals import request_finished, request_started

        from twinhub.accounts import services
        from twinhub.accounts.api_auth import forget_token_grant
        from twinhub.accounts.codes import CredentialChange

        # allauth's password and address pages: whatever changed, old tokens and sessions end.
        def on(change):
            def receiver(sender, request=None, user=None, **kwargs):
                services.credentials_changed(user=user, change=change, request=request)
            return receiver

        for signal, change in ((signals.password_changed, CredentialChange.PASSWORD_CHANGED),
                               (signals.password_reset, CredentialChange.PASSWORD_RESET),
                               (signals.email_removed, CredentialChange.ADDRESS_REMOVED)):
            signal.connect(on(change), weak=False, dispatch_uid=f"accounts.credentials.{change}")
        from axes.signals import user_locked_out

        from twinhub.accounts.lockout import on_locked_out

        user_locked_out.connect(on_locked_out, dispatch_uid="accounts.on_locked_out")
        # A token's grant lives only as long as its request.
        request_started.connect(forget_token_grant, dispatch_uid="accounts.forget_token_grant.start")
        request_finished.connect(forget_token_grant, dispatch_uid="accounts.forget_token_grant.end")
