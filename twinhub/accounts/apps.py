from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "twinhub.accounts"
    label = "accounts"
