"""The whole journey in one language: the app's own words are all Arabic (or all English).

One walk per language, in a real browser against a real ``freelancekit serve``:
the profile, a client added with a refused value (the form error), edited and
deleted, a sheet imported with problems (a bad rating, an unknown column), a
weight changed, a custom criterion added, the drafts, and the export links. After
each step the visible text of the app's own elements (and their tooltips) is collected and checked:
in Arabic no Latin-script word, in English no Arabic letter; in both, no tooltip "null".

What is not the app's own words, and so not checked (``USER_DATA``, by DOM class):
user data is shown in ``.fk-literal`` / ``.fk-literal-label`` elements or in a
``<bdi>`` (a value isolated from the sentence around it: a name, an address, a
service, a number); inputs hold what the user typed; plotly charts lay out the
user's client names themselves. In the remaining text, the allowed exceptions
(``ALLOWED``) are: file names (``clients.csv``), e-mail addresses, ISO currency
codes (``USD``), a value or column name quoted from the user's file (``«paid_on»``,
``“favourite_colour”``), keyboard keys (``Ctrl``/``⌘``),
file formats and the programs a file comes from (``CSV``, ``UTF-8``, ``Excel``,
``Toggl``...), the product's name (``freelancekit``) and the name of the other
language in the language switch (``English`` / ``العربية``).
"""
from __future__ import annotations

import re

import pytest
from app_page import add_client, click, css, fill, open_tab, wait_for
from live_app import open_app, screenshot, serve_app

from freelancekit.drafts.examples import arabic_demo_portfolio
from freelancekit.language import i18n
from freelancekit.portfolio.api import create_demo, open_portfolio
from freelancekit.ui import dom

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STEP_TIMEOUT_MS = 45_000  # per step; the machine is shared (a busy kernel builds the rate grid in ~20 s)
USER_TEXT = "bdi, .fk-literal, .fk-literal-label, .js-plotly-plot"  # elements showing the user's own text
USER_DATA = f"input, textarea, select, script, style, {USER_TEXT}"
VISIBLE_TEXT = """([root, skip, literal]) => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector(root), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || el.closest(skip) || !node.textContent.trim()) continue;
        if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
        out.push(node.textContent.trim());
    }
    for (const el of document.querySelector(root).querySelectorAll('input[placeholder], textarea[placeholder]')) {
        if (el.getClientRects().length && el.placeholder.trim()) out.push(el.placeholder.trim());
    }
    for (const el of document.querySelector(root).querySelectorAll('[title]')) {  // tooltips
        if (el.getClientRects().length && el.title.trim() && !el.closest(literal)) out.push(el.title.trim());
    }
    return out;
}"""
CURRENCIES = r"(?:USD|EUR|GBP|SAR|AED|EGP|JOD|KWD|QAR|MAD|CAD|AUD)"
ALLOWED = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
    r"|[\w.-]*\.(?:csv|xlsx|eml|txt|zip|ics|sqlite|md)\b"  # a file name
    rf"|\b{CURRENCIES}\b"  # a currency code
    r"|«[^»]*»|“[^”]*”"  # a value or column name quoted from the user's file (the page isolates values too)
    r"|\bCtrl\b|⌘"  # the keys as printed on the keyboard
    r"|\b(?:CSV|UTF-8|Excel|xlsx|Toggl Track|Toggl|Harvest|Clockify|Invoice Ninja|Zoho Invoice|Invoicely|Gmail|Outlook)\b"  # formats, exporters, web mail
    r"|\bfreelancekit\b|\bEnglish\b|العربية",  # the product, the language switch's choices
)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
FOREIGN = {"ar": LATIN_WORD, "en": ARABIC}

SHEETS = {  # a good row and a rating outside 1-5
    "en": "name,email,hourly_rate,ease\nOrchid Studio,hi@orchid.example,60,4\nBroken Rating Co,br@broken.example,50,9\n",
    "ar": "name,email,hourly_rate,ease\nاستوديو الأوركيد,hi@orchid.example,60,4\nشركة التقييم,br@broken.example,50,9\n",
}
UNKNOWN_COLUMN = "name,favourite_colour\nOrchid Studio,blue\n"  # a column the app does not know: the header is refused
NEW_CLIENT = {"en": ("Juniper Print", "Juniper Print & Co"), "ar": ("مطبعة العرعر", "مطبعة العرعر وشركاه")}
CRITERION = {"en": "Response speed", "ar": "سرعة الرد"}


@pytest.fixture(params=["ar", "en"])
def app_in(request, tmp_path):
    db = tmp_path / "portfolio.sqlite"
    with create_demo(db) as store:
        if request.param == "ar":
            store.replace_all(arabic_demo_portfolio())
    with serve_app(db) as app:
        yield request.param, app


def foreign_words(page, locale: str) -> list[str]:
    """The app's own visible texts holding a word of the other script (after the allowed exceptions)."""
    texts = page.evaluate(VISIBLE_TEXT, [css(dom.APP), USER_DATA, USER_TEXT])
    assert i18n.t("tab.clients", locale) in texts, texts  # the collector sees the app's own words (the tab bar)
    return [t for t in texts if FOREIGN[locale].search(ALLOWED.sub(" ", t)) or t in ("null", "undefined")]


class Walk:
    """Collects, step by step, every foreign word the app shows; the test asserts once at the end."""

    def __init__(self, page, locale: str):
        self.page, self.locale, self.found = page, locale, {}

    def check(self, step: str) -> None:
        words = foreign_words(self.page, self.locale)
        if words:
            self.found[step] = sorted(set(words))
        screenshot(self.page, f"one-language-{self.locale}-{step}")


def upload(page, text: str) -> None:
    with page.expect_file_chooser() as chooser:
        click(page, dom.IMPORT_UPLOAD)
    chooser.value.set_files(files=[{"name": "clients.csv", "mimeType": "text/csv", "buffer": text.encode()}])


def client_names(db) -> set[str]:
    with open_portfolio(db, create=False) as store:
        return {c.name for c in store.clients()}


def test_the_app_speaks_one_language(app_in, page):
    locale, app = app_in
    page.set_default_timeout(STEP_TIMEOUT_MS)
    walk = Walk(page, locale)
    open_app(page, app.url)

    # profile
    open_tab(page, "profile", locale)
    fill(page, dom.profile_field("signature"), NEW_CLIENT[locale][0])
    walk.check("profile")

    # a client: a refused value next to its field, then saved, edited and deleted
    open_tab(page, "clients", locale)
    walk.check("clients")
    name, renamed = NEW_CLIENT[locale]
    add_client(page, {"name": name, "hourly_rate": "-20", "email": "not-an-address"})
    page.locator(css(dom.client_error("hourly_rate"))).first.wait_for(state="visible")
    walk.check("client-form-error")
    fill(page, dom.client_field("hourly_rate"), "45")
    fill(page, dom.client_field("email"), "studio@juniper.example")
    click(page, dom.CLIENT_SAVE)
    wait_for(lambda: name in client_names(app.db), "the new client to be saved")
    walk.check("client-saved")
    click(page, dom.CLIENT_CLOSE)
    row = page.locator(f"{css(dom.CLIENT_ROW)} >> visible=true", has_text=name).first
    row.locator(css(dom.CLIENT_EDIT)).click()
    page.locator(css(dom.CLIENT_DELETE)).first.wait_for(state="visible")
    fill(page, dom.client_field("name"), renamed)
    click(page, dom.CLIENT_SAVE)
    wait_for(lambda: renamed in client_names(app.db), "the edit to be saved")
    walk.check("client-edited")
    click(page, dom.CLIENT_DELETE)
    page.locator(f"{css(dom.CONFIRM_YES)} >> visible=true").first.wait_for(state="visible")
    walk.check("client-confirm-delete")
    click(page, dom.CONFIRM_YES)
    wait_for(lambda: renamed not in client_names(app.db), "the client to be deleted")
    walk.check("client-deleted")

    # a sheet with problems
    open_tab(page, "import", locale)
    upload(page, UNKNOWN_COLUMN)
    page.locator(css(dom.IMPORT_MESSAGE), has_text="favourite_colour").first.wait_for(state="visible")
    walk.check("import-header")
    upload(page, SHEETS[locale])
    page.locator(f"{css(dom.IMPORT_ERRORS)} {css(dom.IMPORT_PROBLEM)}").first.wait_for(state="visible")
    walk.check("import-problems")

    # weights and a custom criterion
    open_tab(page, "criteria", locale)
    click(page, dom.PRESET_PREFIX + "money")
    criteria = css(dom.tab("criteria"))
    page.locator(f"{criteria} .lm-AccordionPanel-title, {criteria} .jupyter-widget-Collapse-header").first.click()
    fill(page, dom.NEW_CRITERION_LABEL, CRITERION[locale])
    click(page, dom.NEW_CRITERION_ADD)
    page.locator(css(dom.RATE_GRID)).first.wait_for(state="visible")  # opened by itself on the new criterion
    walk.check("criteria")

    # drafts
    open_tab(page, "drafts", locale)
    page.locator(css(dom.DRAFT_CARD)).first.wait_for(state="visible")
    page.locator(css(dom.DRAFT_EXPORTS)).first.wait_for(state="visible")
    walk.check("drafts")

    # export
    open_tab(page, "import", locale)
    click(page, dom.EXPORT_PREPARE)
    page.locator(f"{css(dom.EXPORT_LINKS)} a").first.wait_for(state="visible")
    walk.check("export")

    assert not walk.found, f"{locale}: the app's own words in the other script, by step: {walk.found}"
