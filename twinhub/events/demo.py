"""The demo's networking part (called by `twinhub demo`): upcoming and past events with
registrations, a waiting list and certificates, gallery projects, and two kits. Everything goes
through the services, so the demo obeys the rules the platform enforces."""

import io
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from twinhub.accounts.models import User
from twinhub.contacts.selectors import are_contacts
from twinhub.contacts.services import contact_request_accept, contact_request_send
from twinhub.events import services
from twinhub.events.models import Event, EventKind
from twinhub.groups import services as group_services
from twinhub.labels import services as label_services
from twinhub.labels.rules import CRITERIA
from twinhub.projects import services as project_services
from twinhub.twinspace import services as space_services

SCORES = {"pedagogy": 8, "curriculum": 7, "collaboration": 9, "technology": 6, "results": 7,
          "pupil_collaboration": 3, "digital_tools": 3, "safety": 4}


def _event(organiser: User, *, days: float, hours: float = 1.5, **fields) -> Event:
    starts_at = (timezone.now() + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    kind = fields.pop("kind", EventKind.SEMINAR)
    ends_at = starts_at + (timedelta(weeks=3) if kind == EventKind.LEARNING else timedelta(hours=hours))
    return services.event_create(actor=organiser, kind=kind, starts_at=starts_at, ends_at=ends_at,
                                 link="https://meet.example.org/etwinning" if kind == EventKind.SEMINAR else "",
                                 **fields)


def _move_to_the_past(organiser: User, event: Event, days: int) -> Event:
    """The demo's past events: registered while upcoming, then held (the organiser's edit moves them)."""
    starts_at = event.starts_at - timedelta(days=days)
    return services.event_update(actor=organiser, event_id=event.pk, title=event.title, description=event.description,
                                 language=event.language, audience=event.audience, starts_at=starts_at,
                                 ends_at=starts_at + (event.ends_at - event.starts_at), link=event.link,
                                 capacity=event.capacity)


def _events(*, nss_tr: User, nss_it: User, css: User, teacher: User, others: list[User]) -> None:
    first_steps = _event(nss_tr, days=2, title="eTwinning'e ilk adım: proje ortağı bulmak", language="tr",
                         audience="newcomers", country="TR", capacity=3,
                         description="Yeni eTwinning üyeleri için: profil, ortak arama ve ilk proje.")
    for person in [teacher, *others[:3]]:  # three places: the fourth waits
        services.registration_create(user=person, event_id=first_steps.pk)
    _event(css, days=7, title="Artificial intelligence in the classroom, safely", language="en", audience="all",
           country="", capacity=200, description="A European online seminar with a live demonstration.")
    learning = _event(css, days=5, kind=EventKind.LEARNING, title="Project-based learning, step by step",
                      language="en", audience="all", country="", capacity=100,
                      description="Three weeks: one activity a week and a discussion with teachers across Europe.")
    for week, title in [(1, "Introduce yourself and your school"), (2, "Sketch a project with a partner"),
                        (3, "Plan how pupils will collaborate")]:
        services.activity_post(actor=css, event_id=learning.pk, week=week, title=title,
                               body="Post your answer in the discussion.")
    services.registration_create(user=teacher, event_id=learning.pk)
    thread = group_services.thread_create(user=teacher, group_id=learning.discussion_id,
                                          title="Hello from Ankara", body_html="<p>Looking forward to week 1!</p>")
    group_services.post_create(user=css, group_id=learning.discussion_id, thread_id=thread.pk,
                               body_html="<p>Welcome! The first activity opens on Monday.</p>")
    _event(nss_it, days=10, title="Progettare in eTwinning", language="it", audience="secondary", country="IT",
           capacity=80)

    past = _event(nss_tr, days=1, title="Dijital güvenlik ve eTwinning", language="tr", audience="all",
                  country="TR", capacity=100, description="Geçmiş seminer: kayıt ve sunum aşağıda.")
    registrations = [services.registration_create(user=p, event_id=past.pk) for p in [teacher, *others[3:6]]]
    past = _move_to_the_past(nss_tr, past, days=21)
    services.material_add(actor=nss_tr, event_id=past.pk, title="Kayıt (video)", url="https://example.org/recording")
    services.material_add(actor=nss_tr, event_id=past.pk, title="Sunum", url="https://example.org/slides.pdf")
    for registration in registrations[:3]:
        services.attendance_mark(actor=nss_tr, event_id=past.pk, registration_id=registration.pk, attended=True)


def _contacts(a: User, b: User) -> None:
    if not are_contacts(a, b):
        contact_request_accept(user=b, request_id=contact_request_send(sender=a, to_user_id=b.pk).pk)


def _cover(title: str, colour: tuple[int, int, int]) -> SimpleUploadedFile:
    """A simple banded image, uploaded by the founder as the gallery cover (it joins the TwinSpace)."""
    image = Image.new("RGB", (960, 540), colour)
    draw = ImageDraw.Draw(image)
    for band in range(6):
        shade = tuple(min(255, c + 30 * band) for c in colour)
        draw.rectangle([0, 90 * band, 960, 90 * band + 60], fill=shade)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.jpg", out.getvalue(), content_type="image/jpeg")


def _gallery(*, nss_tr: User, founders: list[tuple[User, User]]) -> None:
    texts = {key: "Pupils worked together every week and documented it in the TwinSpace." for key in CRITERIA}
    examples = [
        ("Bridges of Friendship", "Pupils from both countries wrote and illustrated a bilingual e-book.",
         ["foreign_languages", "art"], ["7-10"]),
        ("Climate Detectives", "Weather stations in two schools, shared data and a joint climate report.",
         ["science", "geography"], ["11-14"]),
        ("Maths in Our Streets", "A photo hunt for geometry in the pupils' towns, turned into puzzles.",
         ["mathematics"], ["11-14", "15-18"]),
    ]
    colours = [(11, 92, 173), (27, 110, 52), (138, 81, 0)]
    for (title, summary, subjects, ages), (founder, cofounder), colour in zip(examples, founders, colours,
                                                                              strict=False):
        _contacts(founder, cofounder)
        project = project_services.project_create(
            founder=founder, cofounder=cofounder, title=title, description=summary, languages=["en"],
            subjects=subjects, age_ranges=ages, planned_start=date.today() - timedelta(days=200),
            planned_end=date.today() - timedelta(days=10))
        project_services.project_cofounder_accept(user=cofounder, project_id=project.pk)
        page = space_services.page_create(project_id=project.pk, title="What we made", is_public=True,
                                          body_html=f"<p>{summary}</p>", user=founder)
        application = label_services.application_submit(user=founder, project_id=project.pk, texts=texts,
                                                        evidence_links=["https://example.org/evidence"])
        label_services.application_evaluate(actor=nss_tr, application_id=application.pk, scores=SCORES,
                                            feedback="", award=True)
        for person in (founder, cofounder):
            services.gallery_consent_give(user=person, project_id=project.pk)
        services.gallery_entry_save(user=founder, project_id=project.pk, summary=summary, cover_id=None,
                                    page_ids=[page.pk], cover_upload=_cover(title, colour))


KITS = [
    {"title_en": "Our Water Diary", "title_tr": "Su Günlüğümüz",
     "aims_en": "Pupils measure the water they use at home and at school, compare it with partners abroad "
                "and agree on ways to save it.",
     "aims_tr": "Öğrenciler evde ve okulda kullandıkları suyu ölçer, yurt dışındaki ortaklarıyla karşılaştırır ve "
                "tasarruf yolları üzerinde anlaşır.",
     "weeks": [("Introduce yourselves with a short video.", "Kısa bir videoyla kendinizi tanıtın."),
               ("Keep a water diary for a week.", "Bir hafta boyunca su günlüğü tutun."),
               ("Share and compare the figures in a joint chart.", "Rakamları ortak bir grafikte paylaşıp karşılaştırın."),
               ("Agree on three ways to save water and make a poster.",
                "Su tasarrufu için üç yol üzerinde anlaşın ve bir afiş hazırlayın.")],
     "tools_en": "TwinSpace pages, a shared spreadsheet, a video call.",
     "tools_tr": "TwinSpace sayfaları, ortak bir hesap tablosu, görüntülü görüşme.",
     "subjects": ["science", "geography"], "age_ranges": ["7-10", "11-14"]},
    {"title_en": "Folk Tales Across Borders", "title_tr": "Sınır Ötesi Masallar",
     "aims_en": "Pupils retell a folk tale of their country, illustrate it and translate a partner's tale.",
     "aims_tr": "Öğrenciler ülkelerinin bir masalını yeniden anlatır, resimler ve ortaklarının masalını çevirir.",
     "weeks": [("Choose a folk tale and tell it in class.", "Bir masal seçip sınıfta anlatın."),
               ("Write the tale in simple English.", "Masalı basit İngilizceyle yazın."),
               ("Illustrate the partner's tale.", "Ortağınızın masalını resimleyin."),
               ("Publish a bilingual e-book together.", "Birlikte iki dilli bir e-kitap yayımlayın.")],
     "tools_en": "TwinSpace pages and materials, an e-book tool.",
     "tools_tr": "TwinSpace sayfaları ve materyalleri, bir e-kitap aracı.",
     "subjects": ["foreign_languages", "art"], "age_ranges": ["7-10"]},
]


def seed_networking(*, teacher: User, nss_tr: User, nss_it: User, css: User, others: list[User],
                    founders: list[tuple[User, User]]) -> None:
    """`others`: at least six approved teachers besides `teacher`; `founders`: three pairs of
    approved, available teachers (one of Türkiye, one abroad) who have no project together yet."""
    _events(nss_tr=nss_tr, nss_it=nss_it, css=css, teacher=teacher, others=others)
    _gallery(nss_tr=nss_tr, founders=founders)
    services.kit_save(actor=nss_tr, country="TR", **KITS[0])
    services.kit_save(actor=css, country="", **KITS[1])
