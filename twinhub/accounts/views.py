from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twinhub.accounts import lockout, services
from twinhub.accounts.forms import AccountForm, ProfileForm, TokenForm
from twinhub.accounts.models import User
from twinhub.accounts.selectors import has_profile, tokens_of
from twinhub.core.digests import notification_digest_choose, notification_digest_chosen
from twinhub.core.errors import ApplicationError, not_found
from twinhub.core.files import private_file_response
from twinhub.core.htmx import render_page, wants_fragment
from twinhub.core.notifications import notifications_mark_read
from twinhub.core.pages import explains_refusals, show_refusal


@explains_refusals
def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "accounts/home.html")


@login_required
@explains_refusals
def profile(request):
    """The eTwinning profile; for an account without one (staff, someone who has not joined yet)
    its name and language — never a detour to "Join eTwinning"."""
    p = request.user.profile if has_profile(request.user) else None
    initial = {"first_name": request.user.first_name, "last_name": request.user.last_name,
               "language": request.user.language or request.LANGUAGE_CODE}
    if p is None:
        form = AccountForm(request.POST or None, initial=initial)
    else:
        initial |= {"role": p.role, "subjects": p.subjects, "languages": p.languages, "age_ranges": p.age_ranges,
                    "bio": p.bio, "available_for_projects": p.available_for_projects}
        form = ProfileForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.profile_update(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                status = show_refusal(request, error).status
            else:
                messages.success(request, _("Your profile was saved."))
                return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form, "profile": p}, status=status)


@login_required
@require_POST
@explains_refusals
def profile_photo(request):
    """Upload a new profile photo (cropped to a square on the server), or remove it."""
    if request.POST.get("action") == "remove":
        services.profile_photo_remove(user=request.user)
        messages.success(request, _("Your photo was removed."))
        return redirect("profile")
    upload = request.FILES.get("photo")
    if upload is None:
        messages.error(request, _("Choose a photo first."))
        return redirect("profile")
    try:
        services.profile_photo_set(user=request.user, upload=upload)
    except ApplicationError as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Your photo was saved."))
    return redirect("profile")


@login_required
@explains_refusals
def user_photo(request, user_id: int):
    """A person's photo, for people signed in (through the private-file delivery of core/files.py)."""
    person = User.objects.filter(pk=user_id, is_active=True).exclude(photo="").first()
    if person is None:
        raise not_found()
    response = private_file_response(file=person.photo, filename="photo.jpg", content_type="image/jpeg", inline=True)
    return response


@login_required
@explains_refusals
def tokens(request):
    """Personal API tokens: create (the raw value is shown this once), list, revoke."""
    form = TokenForm(request.POST or None)
    new_raw, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, new_raw = services.api_token_create(
                    user=request.user, name=form.cleaned_data["name"], scopes=form.cleaned_data["scopes"],
                    expires_in_days=form.cleaned_data["expires_in_days"])
            except ApplicationError as error:
                status = show_refusal(request, error).status
            else:
                form = TokenForm()
        else:
            status = 400
    response = render(request, "accounts/tokens.html", {
        "form": form, "new_raw": new_raw, "tokens": tokens_of(request.user)}, status=status)
    response["Cache-Control"] = "no-store"  # the raw token must not stay in a cache
    return response


@login_required
@require_POST
@explains_refusals
def token_revoke(request, token_id: int):
    try:
        services.api_token_revoke(user=request.user, token_id=token_id)
    except ApplicationError as error:  # someone else's token does not exist for you: 404
        show_refusal(request, error)
    else:
        messages.success(request, _("The token was revoked."))
    return redirect("tokens")


@login_required
@explains_refusals
def notifications(request):
    # Looking is not reading them all: they are marked read by the buttons (notifications_read).
    items = list(request.user.notifications.all()[:50])
    return render_page(request, "accounts/notifications.html", {
        "items": items, "daily_digest": notification_digest_chosen(request.user)},
        fragment="accounts/_notifications_list.html")


@login_required
@require_POST
@explains_refusals
def notifications_digest(request):
    daily = request.POST.get("daily_digest") == "on"
    notification_digest_choose(user=request.user, daily=daily)
    messages.success(request, _("You will receive a daily summary of your unread notifications.") if daily
                     else _("You will not receive a daily summary any more."))
    return redirect("notifications")


@login_required
@require_POST
@explains_refusals
def notifications_read(request):
    raw = request.POST.get("id", "")
    notifications_mark_read(user=request.user, notification_id=int(raw) if raw.isdigit() else None)
    if wants_fragment(request):  # HTMX: the list, marked, and the header's count (decision 36)
        return notifications(request)
    return redirect("notifications")


@explains_refusals
def unlock(request, token: str):
    """The one-time link of the lock-out e-mail (accounts/lockout.py): a GET shows, a POST lifts."""
    if request.method == "POST":
        done = lockout.unlock(token)
        return render(request, "accounts/unlock.html", {"done": done, "failed": not done}, status=200 if done else 400)
    return render(request, "accounts/unlock.html", {})
