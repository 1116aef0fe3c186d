"""The demo's Groups and partner-finding part (called by `twinhub demo`): three groups with their
three join policies, a proposal waiting for the NSS, discussions, a report in the moderation
queue, and "looking for partners" posts with an answer. Everything goes through the services, so
the demo obeys the rules the platform enforces."""

from datetime import timedelta

from django.utils import timezone

from twinhub.accounts.models import User
from twinhub.groups import services


def _post(author: User, *, title: str, idea: str, subjects, age_ranges, languages, countries=(), months=6):
    today = timezone.localdate()
    return services.partner_post_create(author=author, title=title, idea=idea, subjects=list(subjects),
                                        age_ranges=list(age_ranges), languages=list(languages),
                                        countries_wanted=list(countries), period_start=today + timedelta(days=30),
                                        period_end=today + timedelta(days=30 * months))


def seed_groups(*, teacher: User, nss_tr: User, nss_it: User, css: User, others: list[User]) -> None:
    """`others`: at least four approved eTwinners besides `teacher` (of Türkiye and abroad)."""
    stem = services.group_create(
        actor=css, title="STEM across Europe", topic="science", language="en", join_policy="open", country="",
        description="Teachers of science, technology and mathematics share experiments that work in any "
                    "classroom, and find partners for STEM projects.")
    coding = services.group_create(
        actor=nss_tr, title="Okulda kodlama", topic="computing", language="tr", join_policy="etwinners",
        country="TR", description="Kodlama ve robotik etkinliklerini sınıfa taşıyan eTwinning üyeleri için.")
    languages = services.group_create(
        actor=nss_it, title="Lingue e culture", topic="foreign_languages", language="it", join_policy="invitation",
        country="IT", description="Insegnanti di lingue che preparano scambi virtuali tra classi.")
    for member in [teacher, *others]:
        services.group_join(user=member, group_id=stem.pk)
    for member in [teacher, *others[:2]]:
        services.group_join(user=member, group_id=coding.pk)
    services.group_moderator_name(actor=css, group_id=stem.pk, user_id=teacher.pk)
    services.group_request_join(user=teacher, group_id=languages.pk)

    thread = services.thread_create(user=teacher, group_id=stem.pk, title="Measuring rain at school",
                                    body_html="<p>We built rain gauges from bottles. Who wants to compare "
                                              "data between our countries this spring?</p>")
    services.post_create(user=others[0], group_id=stem.pk, thread_id=thread.pk,
                         body_html="<p>Count us in: we have a weather station on the roof.</p>")
    services.thread_create(user=others[1], group_id=stem.pk, title="Free simulations for physics",
                           body_html="<p>PhET simulations work well on old computers too.</p>")
    spam = services.thread_create(user=others[2], group_id=stem.pk, title="Cheap tablets!!!",
                                  body_html="<p>Buy tablets at a discount, write to me.</p>")
    services.page_create(user=teacher, group_id=stem.pk, title="How this group works",
                         body_html="<p>Start a discussion for each idea; be kind; report what does not belong.</p>")
    services.thread_create(user=others[0], group_id=coding.pk, title="Scratch ile ilk oyun",
                           body_html="<p>5. sınıflarla yaptığımız labirent oyununu paylaşıyorum.</p>")
    services.report_file(reporter=others[3], target="group_post", target_id=spam.posts.get().pk,
                         reason="Advertising, not about teaching.")

    services.group_propose(actor=others[1], title="İklim eylemi kulüpleri", topic="environment", language="tr",
                           join_policy="open", description="Okul iklim kulüplerinin ortak projeleri için bir alan.")

    water = _post(teacher, title="Water in our towns", subjects=["science", "geography"], age_ranges=["11-14"],
                  languages=["en"], countries=["IT", "PL", "ES"],
                  idea="Pupils measure water use at school and home, and compare with partner classes.")
    _post(others[0], title="Fairy tales of our regions", subjects=["mother_tongue", "art"], age_ranges=["7-10"],
          languages=["en", "tr"], idea="Each class illustrates a local tale and tells it to the partners in English.")
    _post(others[1], title="Robots that sort litter", subjects=["computing", "technology"], age_ranges=["15-18"],
          languages=["en"], idea="Build a simple sorting robot and share the code and results.", months=9)
    _post(others[2], title="Music without borders", subjects=["music"], age_ranges=["11-14", "15-18"],
          languages=["en"], idea="Classes record one song together, each adding a verse in its own language.")
    services.partner_answer(user=others[3], post_id=water.pk, contact_request=True,
                            body="Our class measured tap water last year; we would love to join.")
