"""The example drafts shown in ``docs/examples/`` (regenerate with ``python scripts/make_examples.py``).

Four drafts from the demo portfolio, written on ``EXAMPLE_DAY``: English and
Arabic, warm (best-ranked client, a win 12 days earlier: "a good moment to
ask") and formal (second client, a win 400 days earlier: dated, not "recent").
The Arabic ones use the same portfolio with an Arabic profile: Arabic service
names, value statements, price hints and packages, the clients' wins in
Arabic, Latin names kept as they are. Every one offers the profile's packages.
"""
from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, timedelta

from freelancekit.portfolio.demo import DEMO_PROFILE, demo_portfolio
from freelancekit.portfolio.model import Package, Portfolio, Service, make_client

EXAMPLE_DAY = date(2026, 3, 2)  # a Monday: the drafts propose a call on Wednesday and Thursday
RECENT_WIN, OLD_WIN = timedelta(days=12), timedelta(days=400)
ARABIC_PACKAGES = (
    Package("الباقة الأساسية", ("إدارة المدونة",), 600, "شهرياً"),
    Package("باقة النمو", ("إدارة المدونة", "تحديث المحتوى لمحركات البحث"), 900, "شهرياً", 1050),
    Package("الباقة الشاملة", ("إدارة المدونة", "تحديث المحتوى لمحركات البحث", "دراسات الحالة"), 1300, "شهرياً", 1550),
)

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

# the clients' industries as an Arabic-speaking freelancer writes them (drafts say "في مجال {industry}")
ARABIC_INDUSTRIES = {
    "B2B SaaS": "البرمجيات للشركات", "Outdoor e-commerce": "التجارة الإلكترونية لمعدات الرحلات", "Dental clinic": "طب الأسنان",
    "Accounting firm": "المحاسبة", "Wellness studio": "العافية واليوغا", "Nonprofit": "العمل غير الربحي",
    "Marketing agency": "التسويق", "Real estate": "العقارات", "Specialty coffee": "القهوة المختصة",
    "Cybersecurity": "الأمن السيبراني", "Bookshop": "بيع الكتب", "Education": "التعليم",
}


def arabic_demo_portfolio() -> Portfolio:
    """The demo portfolio as an Arabic-speaking freelancer would keep it (same clients, Arabic services and wins)."""
    demo = demo_portfolio()
    services = tuple(Service(*ARABIC_SERVICES[s.name]) for s in DEMO_PROFILE.services)
    profile = replace(DEMO_PROFILE, locale="ar", services=services, packages=ARABIC_PACKAGES,
                      signature="Maya Carter\nكاتبة ومحررة محتوى\nmayacarter-writes.com")
    clients = tuple(make_client({**asdict(c), "services": [ARABIC_SERVICES[s][0] for s in c.services],
                                 "last_win": ARABIC_WINS.get(c.name, ""),
                                 "industry": ARABIC_INDUSTRIES.get(c.industry, c.industry)}, demo.criteria)
                    for c in demo.clients)
    return replace(demo, profile=profile, clients=clients)


def example_files() -> dict[str, str]:
    """File name -> text of each example draft, exactly as ``to_text`` exports it."""
    from freelancekit.drafts.drafting import draft_top_three
    from freelancekit.drafts.mailexport import to_text

    files = {}
    for prefix, portfolio in (("en", demo_portfolio()), ("ar", arabic_demo_portfolio())):
        ranked = [d.client_name for d in draft_top_three(portfolio, today=EXAMPLE_DAY).drafts]
        for tone, rank, age in (("warm", 0, RECENT_WIN), ("formal", 1, OLD_WIN)):
            clients = tuple(replace(c, last_win_date=EXAMPLE_DAY - age) if c.name == ranked[rank] else c for c in portfolio.clients)
            draft = draft_top_three(replace(portfolio, clients=clients), tone=tone, today=EXAMPLE_DAY).drafts[rank]
            files[f"{prefix}-{tone}.txt"] = to_text(draft)
    return files


__all__ = ["ARABIC_INDUSTRIES", "arabic_demo_portfolio", "example_files"]
