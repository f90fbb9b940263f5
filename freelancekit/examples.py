"""The example drafts shown in ``docs/examples/`` (regenerate with ``python scripts/make_examples.py``).

Three drafts from the demo portfolio: English warm (best-ranked client),
English formal (second client) and Arabic warm (best-ranked client of the same
portfolio with an Arabic profile: Arabic service names, value statements and
price hints, the clients' wins in Arabic, Latin names kept as they are).
"""
from __future__ import annotations

from dataclasses import asdict, replace

from .demo import DEMO_PROFILE, demo_portfolio
from .model import Portfolio, Service, make_client

# English demo service -> (Arabic name, value statement, price hint)
ARABIC_SERVICES = {
    "Blog posts": ("مقالات المدونة", "مقالات مدروسة تجلب زيارات منتظمة من محركات البحث", "ابتداءً من 250 دولاراً للمقال"),
    "Editing & proofreading": ("التحرير والتدقيق اللغوي", "نصوص سليمة ومتّسقة تبدو كأنها بصوت واحد", "60 دولاراً للساعة"),
    "Blog management": ("إدارة المدونة", "خطة تحريرية ونشر ومتابعة دائمة كي لا تتوقف المدونة أبداً", "ابتداءً من 600 دولار شهرياً"),
    "Social media scheduling": ("جدولة منشورات التواصل الاجتماعي", "تحويل كل مقال إلى أسبوع كامل من المنشورات المجدولة", "ابتداءً من 300 دولار شهرياً"),
    "Email newsletter": ("النشرة البريدية", "نشرة شهرية تعيد القرّاء إليكم وتشجعهم على الشراء مجدداً", "ابتداءً من 400 دولار شهرياً"),
    "SEO content refresh": ("تحديث المحتوى لمحركات البحث", "تحديث المقالات القديمة لتعود إلى صدارة نتائج البحث", "150 دولاراً للمقال"),
    "Case studies": ("دراسات الحالة", "قصص عملاء تساعد فريق المبيعات على إتمام الصفقات", "ابتداءً من 500 دولار للدراسة"),
}

ARABIC_WINS = {
    "Brightpath Software": "وصل دليل مقاييس فقدان العملاء إلى الصفحة الأولى في نتائج Google",
    "Summit Outdoor Gear": "أصبح دليل الأحذية الشتوية أكثر صفحات المتجر استقطاباً للزوار",
    "Lumen Dental Studio": "تضاعفت حجوزات المرضى الجدد القادمة من المدونة هذا الربع",
    "Flow Yoga Collective": "امتلأت كل أماكن الخلوة الربيعية بفضل نشرة مارس",
    "Green Roots Foundation": "اقتبست صحيفة وطنية قصة من تقريركم السنوي",
    "Northwind Marketing Agency": "ساهمنا معاً في الفوز بعقد Ostara Hotels",
    "Kettle & Crumb Roasters": "نفدت خلطة الأعياد بعد نشرة ديسمبر",
    "Sentinel Cyber": "أصبحت دراسة حالة برامج الفدية أكثر أدوات المبيعات تحقيقاً للنتائج",
    "مكتبة النور": "تمت مشاركة قائمة قراءات رمضان أكثر من 2,000 مرة",
    "Polyglot Language School": "سجّلت الدورة الصيفية المكثفة رقماً قياسياً في عدد الملتحقين",
}


def arabic_demo_portfolio() -> Portfolio:
    """The demo portfolio as an Arabic-speaking freelancer would keep it (same clients, Arabic services and wins)."""
    demo = demo_portfolio()
    services = tuple(Service(*ARABIC_SERVICES[s.name]) for s in DEMO_PROFILE.services)
    profile = replace(DEMO_PROFILE, locale="ar", services=services,
                      signature="Maya Carter\nكاتبة ومحررة محتوى\nmayacarter-writes.com")
    clients = tuple(make_client({**asdict(c), "services": [ARABIC_SERVICES[s][0] for s in c.services],
                                 "last_win": ARABIC_WINS.get(c.name, "")}, demo.criteria)
                    for c in demo.clients)
    return replace(demo, profile=profile, clients=clients)


def example_files() -> dict[str, str]:
    """File name -> text of each example draft, exactly as ``to_text`` exports it."""
    from .drafting import draft_top_three
    from .mailexport import to_text

    demo = demo_portfolio()
    warm = draft_top_three(demo, tone="warm").drafts[0]
    formal = draft_top_three(demo, tone="formal").drafts[1]
    arabic = draft_top_three(arabic_demo_portfolio(), tone="warm").drafts[0]
    return {"en-warm.txt": to_text(warm), "en-formal.txt": to_text(formal), "ar-warm.txt": to_text(arabic)}


__all__ = ["arabic_demo_portfolio", "example_files"]
