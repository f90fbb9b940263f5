"""The demo portfolio in Arabic (``freelancekit demo --lang ar``, the Arabic example drafts)."""
from __future__ import annotations

from dataclasses import asdict, replace

from freelancekit.portfolio.demo import DEMO_PROFILE, demo_portfolio
from freelancekit.portfolio.model import Package, Portfolio, Service, make_client

ARABIC_PACKAGES = (
    Package("Essentials", ("Blog management",), 600, "شهرياً", name_ar="الباقة الأساسية"),
    Package("Growth", ("Blog management", "SEO content refresh"), 900, "شهرياً", 1050, name_ar="باقة النمو"),
    Package("Complete", ("Blog management", "SEO content refresh", "Case studies"), 1300, "شهرياً", 1550, name_ar="الباقة الشاملة"),
)

# English demo service -> (Arabic name, value statement, price hint): each service carries both languages' names
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
    """The demo portfolio as an Arabic-speaking freelancer would keep it: an Arabic profile, each service and
    package with its English and Arabic name and value line, the clients' services listed by their Arabic
    names and their wins in Arabic (Latin names kept as they are)."""
    demo = demo_portfolio()
    services = tuple(Service(s.name, s.value, ARABIC_SERVICES[s.name][2], ARABIC_SERVICES[s.name][0], ARABIC_SERVICES[s.name][1])
                     for s in DEMO_PROFILE.services)
    profile = replace(DEMO_PROFILE, locale="ar", services=services, packages=ARABIC_PACKAGES,
                      signature="Maya Carter\nكاتبة ومحررة محتوى\nmayacarter-writes.com")
    clients = tuple(make_client({**asdict(c), "services": [ARABIC_SERVICES[s][0] for s in c.services],
                                 "last_win": ARABIC_WINS.get(c.name, ""),
                                 "industry": ARABIC_INDUSTRIES.get(c.industry, c.industry)}, demo.criteria)
                    for c in demo.clients)
    return replace(demo, profile=profile, clients=clients)


__all__ = ["ARABIC_INDUSTRIES", "ARABIC_PACKAGES", "ARABIC_SERVICES", "ARABIC_WINS", "arabic_demo_portfolio"]
