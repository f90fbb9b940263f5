"""Every word the app shows, in English and Arabic.

Pure data plus two small functions, so the core, the CLI and the widgets can
share it without importing any widget library. A missing Arabic text falls
back to English rather than failing, and a test checks that none is missing.
"""
from __future__ import annotations

from collections.abc import Mapping

LOCALES: tuple[str, ...] = ("en", "ar")
RTL_LOCALES: frozenset[str] = frozenset({"ar"})
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "ar": "العربية"}

# key -> {locale: text}; ``{name}`` placeholders are filled by ``t``.
STRINGS: dict[str, dict[str, str]] = {
    # shell
    "app.title": {"en": "freelancekit — grow income from your clients", "ar": "freelancekit — زِد دخلك من عملائك الحاليين"},
    "tab.profile": {"en": "Profile", "ar": "الملف الشخصي"},
    "tab.clients": {"en": "Clients", "ar": "العملاء"},
    "tab.import": {"en": "Import / export", "ar": "استيراد / تصدير"},
    "tab.criteria": {"en": "Criteria & weights", "ar": "المعايير والأوزان"},
    "tab.ranking": {"en": "Ranking", "ar": "الترتيب"},
    "tab.drafts": {"en": "Top three & drafts", "ar": "أفضل ثلاثة والمسودات"},
    "demo.banner": {"en": "This is a DEMO portfolio with sample clients. Look around, then start your own.",
                    "ar": "هذه محفظة تجريبية بعملاء نموذجيين. استكشفها ثم ابدأ محفظتك الخاصة."},
    "demo.start_own": {"en": "Start my own portfolio", "ar": "ابدأ محفظتي الخاصة"},
    "demo.back": {"en": "Back to the demo", "ar": "العودة إلى النسخة التجريبية"},
    "demo.confirm_start_changed": {"en": "You have changed the demo. Start an empty portfolio anyway? A backup copy of the current one is saved first.",
                                   "ar": "لقد أجريت تغييرات على المحفظة التجريبية. هل تبدأ محفظة فارغة رغم ذلك؟ ستُحفظ نسخة احتياطية من المحفظة الحالية أولاً."},
    "demo.yes_start": {"en": "Yes, start empty", "ar": "نعم، ابدأ محفظة فارغة"},
    "demo.confirm_back": {"en": "Replace ALL your data (profile, clients, criteria, drafts) with the demo? A backup copy is saved first.",
                          "ar": "هل تستبدل كل بياناتك (الملف والعملاء والمعايير والمسودات) بالنسخة التجريبية؟ ستُحفظ نسخة احتياطية أولاً."},
    "demo.backed_up": {"en": "Your previous portfolio was backed up to {path}", "ar": "حُفظت نسخة احتياطية من محفظتك السابقة في {path}"},
    "demo.started": {"en": "Your own empty portfolio is ready: fill in your profile, then add clients.",
                     "ar": "محفظتك الفارغة جاهزة: املأ ملفك الشخصي ثم أضف العملاء."},
    "demo.restored": {"en": "The demo portfolio is back.", "ar": "عادت المحفظة التجريبية."},
    "common.yes": {"en": "Yes", "ar": "نعم"},
    "common.cancel": {"en": "Cancel", "ar": "إلغاء"},
    "common.saved": {"en": "Saved.", "ar": "تم الحفظ."},
    "common.prev": {"en": "◀ Previous", "ar": "السابق ▶"},
    "common.next": {"en": "Next ▶", "ar": "◀ التالي"},
    "common.page": {"en": "{first}–{last} of {total}", "ar": "{first}–{last} من {total}"},
    "common.none": {"en": "—", "ar": "—"},
    "error.unexpected": {"en": "Something went wrong, but nothing you saved was lost. Please try again; if it keeps happening, reload the page.",
                         "ar": "حدث خطأ، لكن لم يُفقد شيء مما حفظته. حاول مرة أخرى، وإن تكرر فأعد تحميل الصفحة."},
    "error.elsewhere": {"en": "The portfolio was changed in another tab or program: the view was refreshed.",
                        "ar": "تغيّرت المحفظة في تبويب أو برنامج آخر: تم تحديث العرض."},
    # profile
    "profile.heading": {"en": "Your profile", "ar": "ملفك الشخصي"},
    "profile.intro": {"en": "Everything here is saved as soon as you leave a field.",
                      "ar": "يُحفظ كل شيء هنا فور مغادرتك الحقل."},
    "profile.name": {"en": "Your name", "ar": "اسمك"},
    "profile.email": {"en": "Your email", "ar": "بريدك الإلكتروني"},
    "profile.signature": {"en": "Email signature", "ar": "توقيع البريد"},
    "profile.currency": {"en": "Currency", "ar": "العملة"},
    "profile.language": {"en": "Language", "ar": "اللغة"},
    "profile.services": {"en": "Services you offer", "ar": "الخدمات التي تقدمها"},
    "profile.service_name": {"en": "Service", "ar": "الخدمة"},
    "profile.service_value": {"en": "Why a client wants it (one line)", "ar": "لماذا يريدها العميل (سطر واحد)"},
    "profile.service_price": {"en": "Price hint (optional)", "ar": "السعر التقريبي (اختياري)"},
    "profile.add_service": {"en": "+ Add a service", "ar": "+ أضف خدمة"},
    "profile.remove_service": {"en": "Remove", "ar": "حذف"},
    "profile.stale": {"en": "“{what}” was changed in another tab after you opened it. Which version do you want?",
                      "ar": "تغيّر «{what}» في تبويب آخر بعد أن فتحته. أي نسخة تريد؟"},
    # clients
    "clients.heading": {"en": "Your clients", "ar": "عملاؤك"},
    "clients.new": {"en": "+ New client", "ar": "+ عميل جديد"},
    "clients.edit": {"en": "Edit", "ar": "تعديل"},
    "clients.search": {"en": "Search", "ar": "بحث"},
    "clients.empty": {"en": "No clients yet: add your first one with “New client”, or import a spreadsheet.",
                      "ar": "لا يوجد عملاء بعد: أضف أول عميل بزر «عميل جديد» أو استورد جدولاً."},
    "clients.incomplete": {"en": "incomplete", "ar": "غير مكتمل"},
    "clients.form_new": {"en": "New client", "ar": "عميل جديد"},
    "clients.form_edit": {"en": "Edit client: {name}", "ar": "تعديل العميل: {name}"},
    "field.name": {"en": "Client name *", "ar": "اسم العميل *"},
    "field.contact_name": {"en": "Contact person", "ar": "الشخص المسؤول"},
    "field.email": {"en": "Email", "ar": "البريد الإلكتروني"},
    "field.industry": {"en": "Industry", "ar": "المجال"},
    "field.services": {"en": "Services they buy", "ar": "الخدمات التي يشتريها"},
    "field.services_none": {"en": "Add the services you offer under Profile to pick them here; or type them under Other services.",
                            "ar": "أضف الخدمات التي تقدمها في «الملف الشخصي» لتختارها هنا، أو اكتبها في «خدمات أخرى»."},
    "field.other_services": {"en": "Other services", "ar": "خدمات أخرى"},
    "field.other_services_hint": {"en": "services not in your profile, separated by ;", "ar": "خدمات ليست في ملفك، افصل بينها بـ ;"},
    "field.last_win": {"en": "Last win / milestone", "ar": "آخر إنجاز"},
    "field.notes": {"en": "Notes", "ar": "ملاحظات"},
    "field.start_date": {"en": "Client since", "ar": "عميل منذ"},
    "field.not_rated": {"en": "not rated", "ar": "بلا تقييم"},
    "field.per_hour": {"en": "{currency} per hour", "ar": "{currency} للساعة"},
    "clients.save": {"en": "Save", "ar": "حفظ"},
    "clients.delete": {"en": "Delete", "ar": "حذف"},
    "clients.cancel": {"en": "Close form", "ar": "إغلاق النموذج"},
    "clients.confirm_delete": {"en": "Delete “{name}” for good?", "ar": "هل تحذف «{name}» نهائياً؟"},
    "clients.yes_delete": {"en": "Yes, delete", "ar": "نعم، احذف"},
    "clients.saved": {"en": "Saved “{name}”.", "ar": "تم حفظ «{name}»."},
    "clients.deleted": {"en": "Deleted “{name}”.", "ar": "تم حذف «{name}»."},
    "clients.fix_fields": {"en": "Nothing was saved: please fix the fields marked in red.",
                           "ar": "لم يُحفظ شيء: يرجى تصحيح الحقول المعلّمة بالأحمر."},
    "clients.stale": {"en": "“{name}” was changed in another tab after you opened it. Which version do you want?",
                      "ar": "تغيّر «{name}» في تبويب آخر بعد أن فتحته. أي نسخة تريد؟"},
    "clients.reload_theirs": {"en": "Reload their version", "ar": "اعرض نسختهم"},
    "clients.keep_mine": {"en": "Keep mine", "ar": "احتفظ بنسختي"},
    "clients.gone": {"en": "“{name}” was deleted in another tab, so your edit was not saved. Your typed values are still here: Save again to add it back as a new client, or close the form.",
                     "ar": "حُذف «{name}» في تبويب آخر فلم يُحفظ تعديلك. ما كتبته ما زال هنا: احفظ مرة أخرى لإضافته كعميل جديد، أو أغلق النموذج."},
    # import / export
    "import.heading": {"en": "Import clients from a spreadsheet", "ar": "استيراد العملاء من جدول"},
    "import.help": {"en": "Choose a .csv or .xlsx file (up to {mb} MB). Only the column “name” is required.",
                    "ar": "اختر ملف ‎.csv أو ‎.xlsx (حتى {mb} ميغابايت). العمود «name» وحده إلزامي."},
    "import.choose": {"en": "Choose file", "ar": "اختر ملفاً"},
    "import.too_big": {"en": "“{file}” is {size} MB: files up to {mb} MB can be uploaded here. Split it, or use the command line: freelancekit import FILE.",
                       "ar": "حجم «{file}» ‏{size} ميغابايت: الحد هنا {mb} ميغابايت. قسّمه أو استخدم سطر الأوامر: freelancekit import FILE."},
    "import.preview": {"en": "{valid} of {rows} rows are ready to import.", "ar": "{valid} من {rows} صفاً جاهزة للاستيراد."},
    "import.problems": {"en": "{count} problems found:", "ar": "وُجدت {count} مشكلة:"},
    "import.only_valid": {"en": "Import only the valid rows (skip rows with problems)", "ar": "استورد الصفوف السليمة فقط (تجاهل الصفوف ذات المشاكل)"},
    "import.confirm": {"en": "Import", "ar": "استيراد"},
    "import.blocked": {"en": "Nothing can be imported yet: fix the problems in the file, or tick “import only the valid rows”.",
                       "ar": "لا يمكن الاستيراد بعد: صحّح المشاكل في الملف أو اختر «استورد الصفوف السليمة فقط»."},
    "import.done": {"en": "Imported: {added} added, {updated} updated, {skipped} skipped.",
                    "ar": "تم الاستيراد: أُضيف {added}، وحُدّث {updated}، وتُجوهل {skipped}."},
    "export.heading": {"en": "Download your clients", "ar": "نزّل قائمة عملائك"},
    "export.prepare": {"en": "Prepare downloads", "ar": "جهّز التنزيلات"},
    "export.csv": {"en": "Download CSV", "ar": "نزّل CSV"},
    "export.xlsx": {"en": "Download Excel (.xlsx)", "ar": "نزّل Excel ‏(.xlsx)"},
    # criteria
    "criteria.heading": {"en": "What matters to you now?", "ar": "ما الذي يهمك الآن؟"},
    "criteria.intro": {"en": "Move a slider to give a criterion more or less weight; the share of the total is shown in %.",
                       "ar": "حرّك المنزلق لزيادة وزن المعيار أو إنقاصه؛ تظهر حصته من المجموع بالنسبة المئوية."},
    "criteria.presets": {"en": "Presets:", "ar": "إعدادات جاهزة:"},
    "preset.money": {"en": "Money first", "ar": "المال أولاً"},
    "preset.balanced": {"en": "Balanced", "ar": "متوازن"},
    "preset.growth": {"en": "Growth & learning", "ar": "النمو والتعلّم"},
    "preset.peace": {"en": "Peace of mind", "ar": "راحة البال"},
    "criteria.label": {"en": "Name", "ar": "الاسم"},
    "criteria.kind": {"en": "Kind", "ar": "النوع"},
    "criteria.direction": {"en": "Better when", "ar": "أفضل عندما"},
    "kind.rating": {"en": "rating 1–5", "ar": "تقييم 1–5"},
    "kind.number": {"en": "number", "ar": "رقم"},
    "direction.higher": {"en": "higher", "ar": "أعلى"},
    "direction.lower": {"en": "lower", "ar": "أقل"},
    "criteria.add_heading": {"en": "Add a criterion of your own", "ar": "أضف معياراً خاصاً بك"},
    "criteria.add": {"en": "+ Add criterion", "ar": "+ أضف المعيار"},
    "criteria.remove": {"en": "Remove", "ar": "حذف"},
    "criteria.confirm_remove": {"en": "Remove “{label}” and every client's value for it?", "ar": "هل تحذف «{label}» وكل قيم العملاء له؟"},
    "criteria.all_zero": {"en": "All weights are zero: give at least one criterion a weight above 0.",
                          "ar": "كل الأوزان صفر: أعطِ معياراً واحداً على الأقل وزناً أكبر من صفر."},
    # ranking
    "ranking.heading": {"en": "Your clients, best first", "ar": "عملاؤك مرتّبون من الأفضل"},
    "ranking.rank": {"en": "Rank", "ar": "الترتيب"},
    "ranking.client": {"en": "Client", "ar": "العميل"},
    "ranking.score": {"en": "Score", "ar": "النقاط"},
    "ranking.top3": {"en": "top 3", "ar": "أفضل 3"},
    "ranking.incomplete_note": {"en": "⚠ = incomplete: some criteria are not rated yet and count 0.",
                                "ar": "⚠ = غير مكتمل: بعض المعايير بلا تقييم وتُحسب صفراً."},
    "ranking.empty": {"en": "Add clients to see them ranked.", "ar": "أضف عملاء لترى ترتيبهم."},
    "chart.contrib_title": {"en": "Score by criterion (top {n})", "ar": "النقاط حسب المعيار (أفضل {n})"},
    "chart.radar_title": {"en": "Top three compared (0 = worst, 1 = best)", "ar": "مقارنة أفضل ثلاثة (0 = الأسوأ، 1 = الأفضل)"},
    "chart.points": {"en": "points", "ar": "نقاط"},
    "chart.value": {"en": "value", "ar": "القيمة"},
    "chart.missing": {"en": "not rated", "ar": "بلا تقييم"},
    # ranking: values, why, how sure, export
    "ranking.score_points": {"en": "Score (points of 100)", "ar": "المجموع (نقاط من 100)"},
    "ranking.value_points": {"en": "{value} → {points} points", "ar": "{value} ← {points} نقطة"},
    "ranking.header_hint": {"en": "{label}: the client's value; hover it for the points it brings (of {full})",
                            "ar": "{label}: قيمة العميل؛ مرّر المؤشر فوقها لترى نقاطها (من {full})"},
    "ranking.scoring_note": {"en": "Numbers such as pay rate are scored against your own clients: the lowest gets 0 points, the highest the criterion's full points, the others in between in proportion. Ratings are scored on their scale (1 → 0 points, 5 → full points) and a missing value counts 0; hover a value to see its points.",
                             "ar": "تُقيَّم الأرقام مثل أجر الساعة بالمقارنة مع عملائك أنت: الأدنى يأخذ 0 نقطة والأعلى كامل نقاط المعيار، ومن بينهما بالتناسب. وتُقيَّم التقييمات على مقياسها (1 ← 0 نقطة، 5 ← كامل النقاط) والقيمة الناقصة تُحسب صفراً؛ مرّر المؤشر فوق أي قيمة لترى نقاطها."},
    "ranking.search": {"en": "Find a client", "ar": "ابحث عن عميل"},
    "ranking.search_hint": {"en": "part of a name", "ar": "جزء من الاسم"},
    "ranking.no_match": {"en": "No client's name contains “{text}”.", "ar": "لا يوجد عميل يحتوي اسمه على «{text}»."},
    "ranking.matches": {"en": "{count} clients match “{text}”.", "ar": "عدد العملاء المطابقين لـ«{text}»: {count}."},
    "ranking.explain": {"en": "Why here?", "ar": "لماذا هنا؟"},
    "ranking.explain_pick": {"en": "choose a client", "ar": "اختر عميلاً"},
    "ranking.why_heading": {"en": "Why these three", "ar": "لماذا هؤلاء الثلاثة"},
    "ranking.download": {"en": "Download the ranking", "ar": "نزّل الترتيب"},
    "ranking.prepare": {"en": "Prepare the ranking files", "ar": "جهّز ملفات الترتيب"},
    "ranking.csv": {"en": "ranking.csv", "ar": "ranking.csv"},
    "ranking.xlsx": {"en": "ranking.xlsx", "ar": "ranking.xlsx"},
    "value.per_hour": {"en": "{amount} {currency}/h", "ar": "{amount} {currency}/ساعة"},
    "value.rating": {"en": "{value}/{hi}", "ar": "{value}/{hi}"},
    "why.strongest": {"en": "#{rank} {name} is strongest on {items}.", "ar": "أقوى ما لدى {name} (رقم {rank}): {items}."},
    "why.earned": {"en": "{criterion} ({points} of {full} points)", "ar": "{criterion} ({points} من {full} نقطة)"},
    "why.weakest": {"en": "Weakest on {items}.", "ar": "وأضعف ما لديه: {items}."},
    "why.missed": {"en": "{criterion} ({points} points missed)", "ar": "{criterion} (فاتته {points} نقطة)"},
    "why.no_weak": {"en": "It misses no points worth mentioning.", "ar": "ولا تفوته نقاط تُذكر."},
    "why.above": {"en": "Ranked above {other} by {gap} points, mostly because of {criterion}: {points} points.",
                  "ar": "يتقدّم على {other} بفارق {gap} نقطة، وأكثر ما يميّزه {criterion}: {points} نقطة."},
    "why.below": {"en": "Ranked below {other} by {gap} points, mostly because of {criterion}: {points} points.",
                  "ar": "يأتي بعد {other} بفارق {gap} نقطة، وأكثر ما يؤخّره {criterion}: {points} نقطة."},
    "why.above_plain": {"en": "Ranked above {other} by {gap} points.", "ar": "يتقدّم على {other} بفارق {gap} نقطة."},
    "why.below_plain": {"en": "Ranked below {other} by {gap} points.", "ar": "يأتي بعد {other} بفارق {gap} نقطة."},
    "why.tie": {"en": "Tied with {other} on points: the alphabetical order of the names decides which comes first.",
                "ar": "يتساوى مع {other} في النقاط: الترتيب الأبجدي للاسمين يحدد أيهما يأتي أولاً."},
    "sure.heading": {"en": "How sure is this top three?", "ar": "ما مدى ثبات أفضل ثلاثة؟"},
    "sure.method": {"en": "Every weight was varied at random by up to ±{spread}% ({samples} times) and the clients ranked again.",
                    "ar": "غُيّر كل وزن عشوائياً بما يصل إلى ±{spread}٪ ({samples} مرة) وأُعيد ترتيب العملاء."},
    "sure.share": {"en": "#{rank} {name} stays in your top three in {pct}% of nearby weightings.",
                   "ar": "يبقى {name} (رقم {rank}) ضمن أفضل ثلاثة في {pct}٪ من الأوزان القريبة."},
    "sure.share_short": {"en": "in the top three in {pct}% of nearby weightings", "ar": "ضمن أفضل ثلاثة في {pct}٪ من الأوزان القريبة"},
    "sure.swap": {"en": "Smallest single change that swaps #3 and #4: {criterion} from {old} to {new} puts {fourth} above {third}.",
                  "ar": "أصغر تغيير لوزن واحد يبدّل الثالث والرابع: {criterion} من {old} إلى {new} يضع {fourth} قبل {third}."},
    "sure.no_swap": {"en": "No change of a single weight (0–100) puts {fourth} above {third}.",
                     "ar": "لا يوجد تغيير لوزن واحد (0–100) يضع {fourth} قبل {third}."},
    "sure.drop_same": {"en": "Without {criterion}: the same top three, in the same order.", "ar": "بدون {criterion}: أفضل ثلاثة أنفسهم وبالترتيب نفسه."},
    "sure.drop_order": {"en": "Without {criterion}: the same three, in another order ({top}).", "ar": "بدون {criterion}: الثلاثة أنفسهم بترتيب آخر ({top})."},
    "sure.drop_changed": {"en": "Without {criterion}: {left} leaves the top three and {entered} comes in ({top}).",
                          "ar": "بدون {criterion}: يخرج {left} من أفضل ثلاثة ويدخل {entered} ({top})."},
    "sure.drop_only": {"en": "{criterion} is the only criterion with a weight: without it nothing can be ranked.",
                       "ar": "{criterion} هو المعيار الوحيد الذي له وزن: بدونه لا يمكن الترتيب."},
    # drafts
    "drafts.heading": {"en": "Your top three: ask them for more work", "ar": "أفضل ثلاثة عملاء: اطلب منهم عملاً إضافياً"},
    "drafts.intro": {"en": "For each client, tick one to three services to offer, pick a tone, then make the email your own. "
                           "Every change is saved as soon as you leave the field.",
                     "ar": "لكل عميل، اختر من خدمة إلى ثلاث خدمات لتعرضها عليه، وحدّد أسلوب الرسالة، ثم عدّلها بكلماتك. "
                           "يُحفظ كل تغيير فور مغادرتك الحقل."},
    "drafts.buys": {"en": "Buys now:", "ar": "يشتري الآن:"},
    "drafts.could_buy": {"en": "Services to offer (best fit first):", "ar": "خدمات يمكن أن تعرضها (الأنسب أولاً):"},
    "drafts.to": {"en": "To:", "ar": "إلى:"},
    "drafts.tone": {"en": "Tone", "ar": "الأسلوب"},
    "tone.warm": {"en": "Warm", "ar": "ودّي"},
    "tone.formal": {"en": "Formal", "ar": "رسمي"},
    "drafts.packages": {"en": "Offer my packages (from my profile) when this client can take one",
                        "ar": "اعرض باقاتي (من ملفي الشخصي) حين تناسب هذا العميل"},
    "drafts.packages_offered": {"en": "This draft offers your packages from the profile. Untick “Offer my packages” to pick services yourself.",
                                "ar": "تعرض هذه المسودة باقاتك من الملف الشخصي. ألغِ تحديد «اعرض باقاتي» لتختار الخدمات بنفسك."},
    "drafts.write": {"en": "Write draft", "ar": "اكتب المسودة"},
    "drafts.rewrite": {"en": "Rewrite", "ar": "أعد الكتابة"},
    "drafts.confirm_rewrite": {"en": "Rewrite the email to “{name}”? The changes you made to it will be replaced.",
                               "ar": "هل تعيد كتابة الرسالة إلى «{name}»؟ ستُستبدل التعديلات التي أجريتها عليها."},
    "drafts.yes_rewrite": {"en": "Yes, rewrite", "ar": "نعم، أعد الكتابة"},
    "drafts.choices_changed": {"en": "Your choices changed: click “Rewrite” to write the email again with them.",
                               "ar": "تغيّرت اختياراتك: اضغط «أعد الكتابة» لكتابة الرسالة من جديد بها."},
    "drafts.unsaved": {"en": "Not saved yet: your first change (or “Write draft”) saves it.",
                       "ar": "لم تُحفظ بعد: أول تعديل تجريه (أو زر «اكتب المسودة») يحفظها."},
    "drafts.saved_state": {"en": "Saved.", "ar": "محفوظة."},
    "drafts.saved": {"en": "Saved the email to “{name}”.", "ar": "تم حفظ الرسالة إلى «{name}»."},
    "drafts.subject": {"en": "Subject", "ar": "الموضوع"},
    "drafts.body": {"en": "Email", "ar": "نص الرسالة"},
    "drafts.status": {"en": "Status", "ar": "الحالة"},
    "drafts.follow_up": {"en": "Follow up on", "ar": "موعد المتابعة"},
    "status.draft": {"en": "Draft", "ar": "مسودة"},
    "status.sent": {"en": "Sent", "ar": "أُرسلت"},
    "status.replied": {"en": "Replied", "ar": "وصل الرد"},
    "drafts.stale": {"en": "The email to “{name}” was changed in another tab after you opened it. Which version do you want?",
                     "ar": "تغيّرت الرسالة إلى «{name}» في تبويب آخر بعد أن فتحتها. أي نسخة تريد؟"},
    "drafts.check": {"en": "Before sending, check:", "ar": "راجع قبل الإرسال:"},
    "drafts.send": {"en": "Send it:", "ar": "أرسلها:"},
    "drafts.eml": {"en": "Download .eml (opens as a draft in your mail program)", "ar": "نزّل ملف ‎.eml (يُفتح كمسودة في برنامج البريد)"},
    "drafts.mailto": {"en": "Open in my mail program", "ar": "افتحها في برنامج البريد"},
    "drafts.mailto_too_long": {"en": "Too long for a mail link: use the .eml file.", "ar": "الرسالة أطول من أن تُفتح برابط بريد: استخدم ملف ‎.eml."},
    "drafts.txt": {"en": "Download as text (.txt)", "ar": "نزّلها كنص (‎.txt)"},
    "drafts.zip": {"en": "Download all three (zip)", "ar": "نزّل الرسائل الثلاث (zip)"},
    "drafts.export_blocked": {"en": "Cannot export yet: {problem}", "ar": "لا يمكن التصدير بعد: {problem}"},
    "drafts.nothing_more": {"en": "already buys every service in your profile — add more services to your profile.",
                            "ar": "يشتري كل خدمات ملفك — أضف خدمات أخرى إلى ملفك."},
    "drafts.last_win": {"en": "Last win:", "ar": "آخر إنجاز:"},
    "drafts.no_services": {"en": "Add the services you offer to your profile: the suggestions and emails are made from them.",
                           "ar": "أضف الخدمات التي تقدّمها إلى ملفك الشخصي: منها تُبنى الاقتراحات والرسائل."},
    "drafts.no_clients": {"en": "Add clients and weights to see your top three.", "ar": "أضف عملاء وأوزاناً لترى أفضل ثلاثة."},
    # backup and the safety of what is typed (safe-app)
    "backup.button": {"en": "Backup", "ar": "نسخة احتياطية"},
    "backup.tooltip": {"en": "Download a complete copy of your portfolio, as it is saved now",
                       "ar": "نزّل نسخة كاملة من محفظتك كما هي محفوظة الآن"},
    "backup.link": {"en": "Download {filename} ({size})", "ar": "نزّل {filename} ({size})"},
    "backup.ready": {"en": "Your backup of {time} is ready: click the download link next to Backup and keep the file somewhere safe.",
                     "ar": "نسختك الاحتياطية من الساعة {time} جاهزة: انقر رابط التنزيل بجانب زر النسخة الاحتياطية واحفظ الملف في مكان آمن."},
    "backup.too_big": {"en": "The portfolio is too big ({size}) to download through the page: run 'freelancekit backup FILE' instead.",
                       "ar": "المحفظة أكبر ({size}) من أن تُنزَّل عبر الصفحة: شغّل الأمر 'freelancekit backup FILE' بدلاً من ذلك."},
}

# The built-in criteria are stored with English labels; show them translated
# while the user has not renamed them.
BUILTIN_LABELS: dict[str, dict[str, str]] = {
    "hourly_rate": {"en": "Pay rate", "ar": "أجر الساعة"},
    "on_time_payment": {"en": "On-time payment", "ar": "الالتزام بمواعيد الدفع"},
    "ease": {"en": "Ease of working with", "ar": "سهولة التعامل"},
    "enjoyment": {"en": "Enjoyment of the work", "ar": "الاستمتاع بالعمل"},
    "learning": {"en": "Learning new skills", "ar": "تعلّم مهارات جديدة"},
}


def normalise_locale(locale: str | None) -> str:
    return locale if locale in LOCALES else "en"


def t(key: str, locale: str | None = "en", **values: object) -> str:
    """The text for ``key`` in ``locale`` (English when missing), with placeholders filled."""
    texts = STRINGS[key]
    text = texts.get(normalise_locale(locale)) or texts["en"]
    return text.format(**values) if values else text


def is_rtl(locale: str | None) -> bool:
    return normalise_locale(locale) in RTL_LOCALES


def criterion_label(key: str, label: str, locale: str | None) -> str:
    """A criterion's label to show: the translation of a built-in one the user has not renamed."""
    builtin = BUILTIN_LABELS.get(key)
    if builtin and label == builtin["en"]:
        return builtin.get(normalise_locale(locale), label)
    return label


def missing_translations(strings: Mapping[str, Mapping[str, str]] = STRINGS) -> list[str]:
    """Keys without a text in every locale (the test suite keeps this empty)."""
    return sorted(k for k, texts in strings.items() if any(not texts.get(loc) for loc in LOCALES))
