"""The knowledge base every installation starts with (English and Turkish), from the questions
national services answer most. NSS staff edit them or add their country's own versions.

The articles are written out here, not imported from the app: a migration must do the same thing
on every database, whatever the code becomes later."""

from django.db import migrations

ARTICLES = [
    {
        "slug": "membership-pending", "topic": "membership-pending",
        "en": ("My school membership is pending approval",
               "When you join eTwinning or add a school to your profile, your membership of that school waits "
               "for approval. In Türkiye the provincial coordinators (il koordinatörleri) of the school's province "
               "approve it; in other countries the National Support Service does.\n\n"
               "Your dashboard shows since when you have been waiting and who decides, with their contact details. "
               "The coordinators' directory lists every province's coordinators.\n\n"
               "Until your membership is approved you cannot add contacts or join projects."),
        "tr": ("Okul üyeliğim onay bekliyor",
               "eTwinning'e katıldığınızda ya da profilinize okul eklediğinizde o okuldaki üyeliğiniz onay bekler. "
               "Türkiye'de okulun bulunduğu ilin il koordinatörleri, diğer ülkelerde Ulusal Destek Servisi onaylar.\n\n"
               "Panonuz ne zamandan beri beklediğinizi ve kimin karar vereceğini iletişim bilgileriyle gösterir. "
               "Koordinatörler sayfasında her ilin il koordinatörleri listelenir.\n\n"
               "Üyeliğiniz onaylanana kadar irtibat kişisi ekleyemez ve projelere katılamazsınız."),
    },
    {
        "slug": "national-project", "topic": "national-project",
        "en": ("Why is my project national?",
               "A project is European only if its two founders are from different countries. A project founded "
               "by two founders from the same country is national for ever, even when members from other countries "
               "join later.\n\nNational projects can never be nominated for the European Quality Label."),
        "tr": ("Projem neden ulusal proje?",
               "Bir proje ancak iki proje kurucusu farklı ülkelerden ise Avrupa projesidir. Aynı ülkeden iki "
               "kurucunun oluşturduğu projeler, daha sonra farklı bir ülkeden üye eklense de ulusal proje olarak "
               "kalır.\n\nUlusal projeler Avrupa Kalite Etiketi için aday gösterilemez."),
    },
    {
        "slug": "create-account", "topic": "",
        "en": ("How do I create my account?",
               "Log in with EU Login, or create an account with your email address. If you were on the old "
               "platform, use the email address you registered there: your old data follows that address.\n\n"
               "Then choose “Join eTwinning”, fill in your profile and choose your school."),
        "tr": ("Hesabımı nasıl oluştururum?",
               "EU Login ile giriş yapın ya da e-posta adresinizle hesap oluşturun. Eski platformda üyeliğiniz "
               "varsa orada kayıtlı e-posta adresinizi kullanın: eski bilgileriniz bu adresle gelir.\n\n"
               "Ardından “eTwinning'e Katıl” seçeneğiyle profilinizi doldurun ve okulunuzu seçin."),
    },
    {
        "slug": "old-platform-data", "topic": "legacy-data",
        "en": ("I can't see my data from the old platform",
               "Old-platform data attaches to the account that has a verified email address equal to the one "
               "registered on the old platform. Most people who miss their data made a second account with "
               "another address.\n\nYou don't need a new account: use “Claim my old eTwinning data”, add your old "
               "address and verify it. The data then attaches to this account."),
        "tr": ("Eski platformdaki bilgilerime erişemiyorum",
               "Eski platformdaki bilgiler, eski platformda kayıtlı e-posta adresiyle aynı ve doğrulanmış e-posta "
               "adresine sahip hesaba bağlanır. Bu sorunu yaşayanların çoğu farklı bir e-posta adresiyle ikinci "
               "bir hesap oluşturmuştur.\n\nYeni hesap açmanız gerekmez: “Eski eTwinning verilerimi sahiplen” "
               "bölümünden eski adresinizi ekleyip doğrulayın; bilgileriniz bu hesaba bağlanır."),
    },
    {
        "slug": "migration-phases", "topic": "migration",
        "en": ("TwinSpaces and Quality Label certificates from the old platform",
               "The move from the old platform runs in phases: users and schools first; projects; then "
               "TwinSpaces, Quality Label certificates and pending Quality Label applications. Until a phase is "
               "complete, the affected pages say so and show the phase's state."),
        "tr": ("Eski platformdaki TwinSpace'ler ve Kalite Etiketi belgeleri",
               "Yeni platforma taşınma aşamalar hâlinde yürür: önce kullanıcılar ve okullar, sonra projeler, "
               "ardından TwinSpace'ler, Kalite Etiketi belgeleri ve bekleyen Kalite Etiketi başvuruları. Bir aşama "
               "tamamlanana kadar ilgili sayfalar bunu ve aşamanın durumunu gösterir."),
    },
    {
        "slug": "contacts", "topic": "contact-add",
        "en": ("I can't add someone as a contact",
               "Only eTwinners — teachers with an approved school membership — can send or receive contact "
               "requests. If your membership or theirs is pending, the page tells you whose, since when, and "
               "which coordinator decides."),
        "tr": ("Başka bir kullanıcıyı irtibat kişisi olarak ekleyemiyorum",
               "Yalnızca okul üyeliği onaylanmış eTwinning üyeleri irtibat isteği gönderebilir ve alabilir. Sizin "
               "ya da onun üyeliği onay bekliyorsa sayfa kimin, ne zamandan beri beklediğini ve hangi il "
               "koordinatörünün karar vereceğini gösterir."),
    },
    {
        "slug": "invite-list", "topic": "invite-list",
        "en": ("A contact is missing from my project's invitation list",
               "A contact can be invited to a project only if they have switched on “Available for eTwinning "
               "projects” in their profile. The invitation list shows every contact; those who cannot be invited "
               "are greyed out with the reason."),
        "tr": ("İrtibat kişilerimden birini proje davet listesinde bulamıyorum",
               "Bir irtibat kişisi ancak profilinde “eTwinning projeleri için uygun” seçeneğini açmışsa projeye "
               "davet edilebilir. Davet listesi tüm irtibat kişilerini gösterir; davet edilemeyenler gerekçesiyle "
               "birlikte soluk görünür."),
    },
    {
        "slug": "quality-label-limits", "topic": "quality-label",
        "en": ("Quality Label: how many applications, how many members?",
               "Each country's National Support Service sets the rules. In Türkiye a teacher may apply for at most "
               "4 projects a year; if you apply for more, the first four by application time are evaluated. A "
               "project with more than 10 members from Türkiye is not evaluated.\n\nBefore you submit, the "
               "pre-check tells you exactly what would happen."),
        "tr": ("Kalite Etiketi: kaç başvuru, kaç üye?",
               "Kuralları her ülkenin Ulusal Destek Servisi belirler. Türkiye'de bir öğretmen bir yılda en fazla 4 "
               "projesi için başvurabilir; daha fazla başvuru yapılırsa başvuru tarihine göre ilk dört başvuru "
               "değerlendirilir. Türkiye'den 10'dan fazla üyesi olan projeler değerlendirmeye alınmaz.\n\n"
               "Başvurmadan önce ön kontrol ne olacağını size tam olarak söyler."),
    },
    {
        "slug": "support", "topic": "",
        "en": ("Other problems: ask your National Support Service",
               "If the “Why can't I…?” page does not solve your problem, send a support request from TwinHub. It "
               "goes to your country's National Support Service, and you get the answer by email and here."),
        "tr": ("Diğer sorunlar: Ulusal Destek Servisine sorun",
               "“Neden … yapamıyorum?” sayfası sorununuzu çözmezse TwinHub üzerinden destek talebi gönderin. "
               "Talebiniz ülkenizin Ulusal Destek Servisine gider; yanıtı e-postayla ve burada alırsınız."),
    },
]


def add_articles(apps, schema_editor):
    Article = apps.get_model("helpcentre", "Article")
    for item in ARTICLES:
        for language in ("en", "tr"):
            title, body = item[language]
            Article.objects.get_or_create(slug=item["slug"], language=language, country="",
                                          defaults={"title": title, "body": body, "topic": item["topic"]})


class Migration(migrations.Migration):
    dependencies = [("helpcentre", "0001_initial")]
    operations = [migrations.RunPython(add_articles, migrations.RunPython.noop)]
