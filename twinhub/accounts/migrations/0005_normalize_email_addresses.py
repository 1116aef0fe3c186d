"""Existing addresses in the one normalisation (decision 0025): an account created as
`CaseTest@Example.org` or `İLKER@…` could not log in, because log-in compares the normalised form.

An address whose normalised form another account already holds is left as it is (and printed):
two accounts cannot share an address, and which one the person uses is theirs to say."""

from django.db import migrations

from twinhub.accounts.addresses import normalize_email


def normalize_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.only("pk", "email").iterator():
        wanted = normalize_email(user.email)
        if wanted == user.email:
            continue
        if User.objects.filter(email=wanted).exclude(pk=user.pk).exists():
            print(f"\n  address {user.email!r} (account {user.pk}) kept: another account holds {wanted!r}")
            continue
        User.objects.filter(pk=user.pk).update(email=wanted)
    for address in EmailAddress.objects.only("pk", "email", "user_id", "verified").iterator():
        wanted = normalize_email(address.email)
        if wanted == address.email:
            continue
        same_account = EmailAddress.objects.filter(user_id=address.user_id, email=wanted).exclude(pk=address.pk)
        if same_account.exists():
            print(f"\n  address {address.email!r} (account {address.user_id}) kept: the account also holds {wanted!r}")
            continue
        if address.verified and EmailAddress.objects.filter(email=wanted, verified=True).exclude(
                pk=address.pk).exists():
            print(f"\n  address {address.email!r} (account {address.user_id}) kept: another account verified {wanted!r}")
            continue
        EmailAddress.objects.filter(pk=address.pk).update(email=wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_token_scopes"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(normalize_addresses, migrations.RunPython.noop)]
