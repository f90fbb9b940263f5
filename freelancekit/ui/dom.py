"""CSS class names the browser tests use to find the app's widgets.

This module is the contract between the widgets and the Playwright tests:
tests import these names instead of spelling selectors by hand, so a rename
here breaks loudly in both places. ipywidgets put a class on the widget's
outer element: for a Text the ``<input>`` is inside it (``.fk-client-name
input``), for a Dropdown the ``<select>`` (``.fk-client-ease select``), for a
slider the handle is ``.fk-weight-ease .noUi-handle`` and the readout
``.fk-weight-ease .widget-readout``.

Dropdown ``<option>`` values in the DOM are the option *labels*: choose with
``select_option(label=...)`` (ratings are labelled "1".."5", "not rated";
the language "English" / "العربية").

HTML tables (clients are widgets, the ranking table is one HTML widget) use
plain classes and ``data-*`` attributes inside: see ``RANK_ROW``.
"""
from __future__ import annotations

# -- the shell ----------------------------------------------------------------
APP = "fk-app"  # root container; also carries RTL when the language is Arabic
RTL = "fk-rtl"  # added to APP for right-to-left languages (dir=rtl via the stylesheet)
TABS = "fk-tabs"  # the Tab widget
TAB_PREFIX = "fk-tab-"  # + view name (wiring.VIEWS), on each view's box
# the box inside a tab that holds its views, once the page shows the tabs (App._place); not "fk-tab-...":
# the stylesheet makes every box whose class starts so a card, and the holder is not a view
TAB_HOLDER = "fk-holder"


def tab(name: str) -> str:
    """Class of one view's box, by its name in ``wiring.VIEWS``: profile, clients, import, records_import,
    criteria, records_sources, ranking or drafts (a tab shows one or more of them)."""
    return TAB_PREFIX + name


COLUMNS = "fk-columns"  # a two-column tab (wiring.COLUMNS): the controls beside the result from 1024 px, above it below
COLUMN_CONTROLS = "fk-column-controls"  # its first column: the weights (and where Pay rate / On-time payment come from)
COLUMN_RESULT = "fk-column-result"  # its second: the ranking
NAMED = "fk-named"  # an input whose description is its label for screen readers only (common.named)
STATUS = "fk-status"  # the friendly message area (success and unexpected errors)
STATUS_ERROR = "fk-status-error"  # added to STATUS while it shows an error
NOTICE = "fk-notice"  # a message beside the control it is about ("Saved.", an import's result); one shows at a time
NOTICE_ERROR = "fk-notice-error"  # added to NOTICE while it shows an error


def notice(of: str) -> str:
    """The notice beside the control of class ``of`` (``notice(BACKUP)``: the Backup button's)."""
    return f"{of}-notice"


DEMO_BANNER = "fk-demo-banner"
DEMO_START_OWN = "fk-demo-start-own"  # "Start my own portfolio"
DEMO_BACK = "fk-demo-back"  # "Back to the demo" (shown when the portfolio is not the demo)
CONFIRM_BOX = "fk-confirm"  # any yes/cancel confirmation row
CONFIRM_YES = "fk-confirm-yes"
CONFIRM_CANCEL = "fk-confirm-cancel"
BACKUP = "fk-backup"  # the shell's Backup button
BACKUP_LINK = "fk-backup-link"  # the box that then shows the download link
BACKUP_DOWNLOAD = "fk-backup-download"  # the <a download> itself

# -- profile --------------------------------------------------------------------
PROFILE_PREFIX = "fk-profile-"  # + name, email, signature, currency, locale, digits; + "-error" for its message
SERVICE_ROW = "fk-service-row"  # one service row; its inputs: fk-service-name / -value / -price, -name-ar / -value-ar
SERVICE_NAME = "fk-service-name"
SERVICE_VALUE = "fk-service-value"
SERVICE_NAME_AR = "fk-service-name-ar"  # Text (dir rtl): the service's name in Arabic drafts
SERVICE_VALUE_AR = "fk-service-value-ar"  # Text (dir rtl): its value line in Arabic
LANGUAGE_TAG = "fk-language-tag"  # the small "English" / "العربية" before a row's line of one language
SERVICE_PRICE = "fk-service-price"
SERVICE_ERROR = "fk-service-error"
SERVICE_REMOVE = "fk-service-remove"
SERVICE_ADD = "fk-service-add"
PROFILE_STALE = "fk-profile-stale"  # the other-tab dialog; buttons:
PROFILE_STALE_RELOAD = "fk-profile-stale-reload"  # "Reload their version"
PROFILE_STALE_KEEP = "fk-profile-stale-keep"  # "Keep mine"

# -- clients ----------------------------------------------------------------------
CLIENTS_TABLE = "fk-clients-table"
CLIENT_ROW = "fk-client-row"  # one visible table row (a widget box)
CLIENT_EDIT = "fk-client-edit"  # the row's Edit button
CLIENT_SORT_PREFIX = "fk-sort-"  # + column key, header buttons that sort
CLIENTS_SEARCH = "fk-clients-search"
CLIENTS_PREV = "fk-clients-prev"
CLIENTS_NEXT = "fk-clients-next"
CLIENTS_PAGE = "fk-clients-page"
CLIENT_NEW = "fk-client-new"
CLIENT_FORM = "fk-client-form"
CLIENT_SERVICES_HINT = "fk-client-services-hint"  # shown next to the services list while the profile has none
CLIENT_FIELD_PREFIX = "fk-client-"  # + field: name, contact_name, title, email, industry, services, other_services,
#   last_win, last_win_date, working_on, language, currency, notes, start_date, and every criterion key (e.g. fk-client-ease); + "-error" for its message
CLIENT_SAVE = "fk-client-save"
CLIENT_DELETE = "fk-client-delete"
CLIENT_CLOSE = "fk-client-close"
CLIENT_FORM_MESSAGE = "fk-client-form-message"
INVALID = "fk-invalid"  # on an input whose value was refused (the red frame); any form
STALE_DIALOG = "fk-stale-dialog"
STALE_RELOAD = "fk-stale-reload"  # "Reload their version"
STALE_KEEP = "fk-stale-keep"  # "Keep mine"


def client_field(field: str) -> str:
    return CLIENT_FIELD_PREFIX + field


def client_error(field: str) -> str:
    return CLIENT_FIELD_PREFIX + field + "-error"


def profile_field(field: str) -> str:
    return PROFILE_PREFIX + field


def profile_error(field: str) -> str:
    return PROFILE_PREFIX + field + "-error"


# -- import / export ------------------------------------------------------------------
IMPORT_UPLOAD = "fk-import-upload"
UPLOAD_GUARD = "fk-upload-guard"  # carries the upload limit and its message for the page's own check (see the app template)
IMPORT_MESSAGE = "fk-import-message"  # too big / unreadable file / import result
IMPORT_PREVIEW = "fk-import-preview"  # summary plus the first rows
IMPORT_SERVICE = "fk-import-service"  # one service of a new client in the preview (a cell's split, one per name)
IMPORT_ERRORS = "fk-import-errors"  # the per-row problem list (li.fk-import-problem inside)
IMPORT_PROBLEM = "fk-import-problem"
IMPORT_ONLY_VALID = "fk-import-only-valid"  # checkbox
IMPORT_CONFIRM = "fk-import-confirm"
IMPORT_CHANGES = "fk-import-changes"  # table of old -> new per updated client (tr.fk-import-change rows)
IMPORT_CHANGE = "fk-import-change"
IMPORT_NEW_CLIENTS = "fk-import-new-clients"  # table of the clients an import adds: every column understood (td[data-column=KEY])
IMPORT_UNDO = "fk-import-undo"  # "Undo this import" button, shown while the last import can be undone
IMPORT_UNDO_INFO = "fk-import-undo-info"  # which import it would undo
EXPORT_PREPARE = "fk-export-prepare"
EXPORT_LINKS = "fk-export-links"  # contains a.fk-export-csv and a.fk-export-xlsx (data: URIs)
EXPORT_CSV = "fk-export-csv"
EXPORT_XLSX = "fk-export-xlsx"

# -- criteria & weights -----------------------------------------------------------------
WEIGHT_PREFIX = "fk-weight-"  # + criterion key: the slider (e.g. fk-weight-ease)
SHARE_PREFIX = "fk-share-"  # + criterion key: the "23%" label
CRITERION_ROW = "fk-criterion-row"  # every criterion's row: name, slider, and its message on a line of its own
CRITERION_ROW_PREFIX = "fk-criterion-"  # + key: the row box
CRITERION_LABEL_PREFIX = "fk-criterion-label-"  # + key: rename field
CRITERION_DIRECTION_PREFIX = "fk-criterion-direction-"  # + key
CRITERION_REMOVE_PREFIX = "fk-criterion-remove-"  # + key
CRITERION_ERROR_PREFIX = "fk-criterion-error-"  # + key
PRESETS = "fk-presets"  # the row of presets under the weights
PRESET_PREFIX = "fk-preset-"  # + money, balanced, growth, peace
PRESET_NAMES = ("money", "balanced", "growth", "peace")
NEW_CRITERION_LABEL = "fk-new-criterion-label"
NEW_CRITERION_KIND = "fk-new-criterion-kind"
NEW_CRITERION_DIRECTION = "fk-new-criterion-direction"
NEW_CRITERION_ADD = "fk-new-criterion-add"
NEW_CRITERION_ERROR = "fk-new-criterion-error"
WEIGHTS_ERROR = "fk-weights-error"  # e.g. "all weights are zero"


def weight(key: str) -> str:
    return WEIGHT_PREFIX + key


def share(key: str) -> str:
    return SHARE_PREFIX + key


# -- ranking ---------------------------------------------------------------------------------
RANKING_TABLE = "fk-ranking-table"  # HTML widget; inside: table > tbody > tr.fk-rank-row
RANK_ROW = "fk-rank-row"  # attributes: data-rank="1", data-client-id, data-score="87.5" (2 decimals)
RANK_TOP = "fk-rank-top"  # added to the rows of the top three
RANK_INCOMPLETE = "fk-rank-incomplete"  # added to rows of incomplete clients
RANK_UNRATED = "fk-rank-unrated"  # the marker in that row: its title and text name the unrated criteria
RANK_NAME = "fk-rank-name"  # the td holding the client name (text, escaped)
RANKING_PREV = "fk-ranking-prev"
RANKING_NEXT = "fk-ranking-next"
CHART_CONTRIB = "fk-chart-contrib"  # Output widget holding the stacked bar chart (.js-plotly-plot inside)
CHART_RADAR = "fk-chart-radar"  # Output widget holding the top-three polar chart
RANKING_MESSAGE = "fk-ranking-message"
RANK_VALUE = "fk-rank-value"  # a criterion cell: the raw value as text; title="65 USD/h → 18.2 points", data-points="18.20"
RANKING_SEARCH = "fk-ranking-search"  # Text: part of a client's name (input inside)
RANKING_SEARCH_INFO = "fk-ranking-search-info"  # "3 clients match ..." / "no client's name contains ..."
RANKING_PAGE = "fk-ranking-page"  # "1–50 of 10000"
RANKING_NOTE = "fk-ranking-note"  # how numbers such as pay rate are scored (two sentences)
RANKING_NOT_COMPARED = "fk-ranking-not-compared"  # the clients whose pay could not be compared: their currency has no rate
WHY_TOP = "fk-why-top"  # the top three's "why" sentences, one p.fk-why per client (data-rank)
WHY = "fk-why"
SURE = "fk-sure"  # how sure the top three is: method, each share (p.fk-sure-share data-rank data-share), swap, drops
SURE_SHARE = "fk-sure-share"
SURE_SWAP = "fk-sure-swap"
SURE_DROP = "fk-sure-drop"  # one per outcome of dropping a weighted criterion (data-keys: the criteria, space-separated)
WHY_PICK = "fk-why-pick"  # Dropdown: any client of the table's page (select inside)
WHY_ANY = "fk-why-any"  # the chosen client's sentences
RANKING_PREPARE = "fk-ranking-prepare"  # Button: make the ranking files
RANKING_LINKS = "fk-ranking-links"  # contains a.fk-ranking-csv and a.fk-ranking-xlsx (data: URIs)
RANKING_CSV = "fk-ranking-csv"
RANKING_XLSX = "fk-ranking-xlsx"

# -- drafts ------------------------------------------------------------------------------------
DRAFTS = "fk-drafts"
DRAFTS_MESSAGE = "fk-drafts-message"  # "add clients" / "all weights are zero"
DRAFT_CARD = "fk-draft-card"  # one per top-three client, best first; attribute-free, find by index or text
DRAFT_FACTS = "fk-draft-facts"  # rank, client, contact, what they buy, last win (escaped text)
DRAFT_MISSING = "fk-draft-missing"  # the box of service picks ("services to offer, best fit first")
DRAFT_PICK_PREFIX = "fk-draft-pick-"  # + 1-based position in the card's suggestions: the Checkbox (input inside)
DRAFT_PICK_ROW = "fk-draft-pick-row"  # one suggestion: checkbox, then the service name and its reason (text)
RANKING_UPSELL = "fk-ranking-upsell"  # HTML: upsell income won this year, and the clients it is a good moment to ask
RANKING_WON = "fk-ranking-won"  # <p> inside it: "Upsell income won in 2026: $1,300"
RANKING_GOOD_MOMENT = "fk-ranking-good-moment"  # <p> inside it: the clients whose win is recent (docs/drafts.md)
PACKAGES = "fk-packages"  # the profile's packages editor: three fk-package-row
PACKAGE_ROW = "fk-package-row"
PACKAGE_NAME = "fk-package-name"  # Text
PACKAGE_NAME_AR = "fk-package-name-ar"  # Text (dir rtl): the package's name in Arabic drafts
PACKAGE_SERVICES = "fk-package-services"  # SelectMultiple of the profile's services
PACKAGE_PRICE = "fk-package-price"  # Text: one price for the package
PACKAGE_NOTE = "fk-package-note"  # Text: what the price covers ("per month")
PACKAGE_SEPARATE = "fk-package-separate"  # Text: the services' price one by one (shows the saving)
PACKAGE_ERROR = "fk-package-error"
RATES = "fk-rates"  # the profile's exchange rates editor (docs/currencies.md)
RATE_CURRENCY = "fk-rate-currency"  # Text: the currency of the rate (EGP)
RATE_VALUE = "fk-rate-value"  # Text: what one unit is worth
RATE_QUOTE = "fk-rate-quote"  # Text: in which currency (USD)
RATE_DAY = "fk-rate-day"  # DatePicker: the day of the rate
RATE_SAVE = "fk-rate-save"
RATE_CONFIRM = "fk-rate-confirm"  # shown when a rate moves more than 50 %: save it anyway
RATE_ERROR = "fk-rate-error"
RATE_LIST = "fk-rate-list"  # the saved rates, one fk-rate-row each
RATE_ROW = "fk-rate-row"
DRAFT_FOLLOWUPS = "fk-draft-followups"  # HTML: the follow-ups table (every saved draft, any client; overdue first)
DRAFT_FOLLOWUP_OVERDUE = "fk-draft-followup-overdue"  # <tr> of an overdue follow-up
DRAFT_ICS_BOX = "fk-draft-ics-box"  # HTML holding a.fk-draft-ics (the follow-up dates as an .ics download)
DRAFT_ICS = "fk-draft-ics"
DRAFT_OTHER = "fk-draft-other"  # Combobox: any client, to open its draft card below the top three
DRAFT_OPEN_OTHER = "fk-draft-open-other"  # Button opening that card
DRAFT_OTHER_ERROR = "fk-draft-other-error"
DRAFT_GOOD_MOMENT = "fk-draft-good-moment"  # "good moment to ask": the client's win is recent (docs/drafts.md)
DRAFT_WEBMAIL = "fk-draft-webmail"  # "Write in Gmail" / "Write in Outlook": web mail's compose page, filled
DRAFT_NO_MOMENT = "fk-draft-no-moment"  # no good moment yet: what to wait for (docs/drafts.md, "True to the data")
DRAFT_PACKAGE_NOTE = "fk-draft-package-note"  # "your packages are offered" in place of the picks
DRAFT_PICK_ERROR = "fk-draft-pick-error"  # "choose at least one service" / "at most 3"
DRAFT_TONE = "fk-draft-tone"  # Dropdown (select inside), labels "Warm" / "Formal"
DRAFT_PACKAGES = "fk-draft-packages"  # Checkbox: add good/better/best packages
DRAFT_WRITE = "fk-draft-write"  # Button "Write draft" (not saved yet) / "Rewrite" (saved)
DRAFT_HINT = "fk-draft-hint"  # "your choices changed: click Rewrite"
DRAFT_STATE = "fk-draft-state"  # "Not saved yet…" / "Saved."
DRAFT_MESSAGE = "fk-draft-message"  # a card-level problem (nothing to offer, client deleted…)
DRAFT_EDITOR = "fk-draft-editor"  # the box with subject, body, status and follow-up
DRAFT_SUBJECT = "fk-draft-subject"  # Text (input inside); saved when left (Enter or Tab)
DRAFT_BODY = "fk-draft-body"  # Textarea (textarea inside); saved when left
DRAFT_STATUS = "fk-draft-status"  # Dropdown, labels "Draft" / "Sent" / "Replied"
DRAFT_FOLLOWUP = "fk-draft-followup"  # DatePicker (input[type=date] inside)
DRAFT_WON_WHAT = "fk-draft-won-what"  # Text, shown while the status is Won: the services or package taken (; between)
DRAFT_WON_VALUE = "fk-draft-won-value"  # Text, shown while the status is Won: what it is worth
DRAFT_WON_WHAT_ERROR = "fk-draft-won-what-error"
DRAFT_WON_VALUE_ERROR = "fk-draft-won-value-error"
DRAFT_SUBJECT_ERROR = "fk-draft-subject-error"  # each field's message (core text), empty when fine
DRAFT_BODY_ERROR = "fk-draft-body-error"
DRAFT_STATUS_ERROR = "fk-draft-status-error"
DRAFT_FOLLOWUP_ERROR = "fk-draft-followup-error"
DRAFT_LINT = "fk-draft-lint"  # "before sending, check: …" (empty when the draft is clean)
DRAFT_STALE = "fk-draft-stale"  # the other-tab dialog; buttons:
DRAFT_STALE_RELOAD = "fk-draft-stale-reload"  # "Reload their version"
DRAFT_STALE_KEEP = "fk-draft-stale-keep"  # "Keep mine"
DRAFT_EXPORTS = "fk-draft-exports"  # HTML widget; inside a.fk-draft-eml, a.fk-draft-mailto or
#   span.fk-draft-mailto-too-long, a.fk-draft-txt, or span.fk-draft-export-error
DRAFT_EML = "fk-draft-eml"  # <a download="<client>.eml" href="data:message/rfc822;base64,…">
DRAFT_MAILTO = "fk-draft-mailto"  # <a href="mailto:…"> (RFC 6068)
DRAFT_MAILTO_TOO_LONG = "fk-draft-mailto-too-long"  # shown instead of the mailto link
DRAFT_COPY = "fk-draft-copy"  # <button> copying the whole email (data-text: base64 of the UTF-8 text)
DRAFT_TXT = "fk-draft-txt"  # <a download="<client>.txt" href="data:text/plain;charset=utf-8;base64,…">
DRAFT_EXPORT_ERROR = "fk-draft-export-error"
DRAFT_ZIP_BOX = "fk-draft-zip-box"  # HTML widget under the cards; inside a.fk-draft-zip (drafts.zip)
DRAFT_ZIP = "fk-draft-zip"


def draft_pick(n: int) -> str:
    """Class of a card's n-th suggested service checkbox (1 = best fit)."""
    return f"{DRAFT_PICK_PREFIX}{n}"

# -- criteria: "rate everyone" (one criterion, every client) ----------------------------
RATE_GRID = "fk-rate-grid"  # the grid's box (inside the criteria view's "Rate everyone" section)
RATE_OPEN = "fk-rate-open"  # the accordion that holds it
RATE_CRITERION = "fk-rate-criterion"  # which criterion (a Dropdown)
RATE_SEARCH = "fk-rate-search"  # a name to look for
RATE_ONLY_UNRATED = "fk-rate-only-unrated"  # a Checkbox
RATE_SUMMARY = "fk-rate-summary"  # "12 of 300 clients are not rated yet on ..."
RATE_ROW = "fk-rate-row"  # one visible client row
RATE_INPUT = "fk-rate-input"  # its input: a Dropdown (rating) or a Text (number); the hidden one is display:none
RATE_ERROR = "fk-rate-error"  # the message for a refused value
RATE_PREV = "fk-rate-prev"  # also the Ratings tab's pager
RATE_NEXT = "fk-rate-next"
# -- records: time logs and invoices (docs/records.md) --------------------------------
RECORDS_UPLOAD = "fk-records-upload"  # FileUpload of the "Import records" panel (Import tab)
RECORDS_SOURCE = "fk-records-source"  # format Dropdown: "detect from the header" or one format
RECORDS_MESSAGE = "fk-records-message"  # unreadable file / result of the import
RECORDS_PREVIEW = "fk-records-preview"  # what the file holds (format, counts)
RECORDS_NOT_USED = "fk-records-not-used"  # the preview's line naming the columns the import does not read
RECORDS_FIGURES = "fk-records-figures"  # the preview's line of one client's figures after the import
RECORDS_ERRORS = "fk-records-errors"  # li.fk-records-problem per problem, in the user's language
RECORDS_PROBLEM = "fk-records-problem"
RECORDS_ONLY_VALID = "fk-records-only-valid"  # checkbox: store the valid rows only
RECORDS_CONFIRM = "fk-records-confirm"  # "Import records" button
RECORDS_UNMATCHED = "fk-records-unmatched"  # one row per unmatched name (data-name on its label)
RECORDS_ADD_CLIENT = "fk-records-add-client"  # in an unmatched row: "Add as client"
RECORDS_MAP_TO = "fk-records-map-to"  # in an unmatched row: Dropdown of clients
RECORDS_MAP = "fk-records-map"  # in an unmatched row: "Map"
RECORDS_COLUMNS = "fk-records-columns"  # the column step of a file of no known format (a VBox)
RECORDS_COLUMN = "fk-records-column"  # in it, one Dropdown per file column (its description: the column as written)
RECORDS_READ_MAPPED = "fk-records-read-mapped"  # "Read with these columns"
RECORDS_DATES = "fk-records-dates"  # the date-order question (hidden unless the file cannot tell)


def records_switch(key: str) -> str:
    """ToggleButtons "my rating" / "from my records" of a measured criterion (hourly_rate, on_time_payment)."""
    return f"fk-records-switch-{key}"


RECORDS_SWITCH_INFO = "fk-records-switch-info"  # how many clients the measured values cover
RECORDS_MEASURED = "fk-measured"  # on a ranking cell whose value came from the records (data-records="N")
MEASURED_MARK = "fk-mark-measured"  # the inline-SVG mark after a measured value (ui/marks.py), in cells and the legend
MARKS_LEGEND = "fk-marks-legend"  # "measured from your records / your rating", under a table that shows both
RECORDS_TYPED = "fk-typed"  # on a ranking cell of a switched criterion that kept the typed value
RECORDS_CONCENTRATION = "fk-records-concentration"  # the income concentration line (ranking view)
RECORDS_RISK = "fk-records-risk"  # the warning inside it, when one or two clients bring too much
RECORDS_PLOTS = "fk-records-plots"  # Output with the monthly and days-late plots
DRAFT_CONCENTRATION = "fk-draft-concentration"  # a card's note that more work from this client raises the risk


# -- the guided first run (an empty portfolio: services -> clients -> records -> the ranking) ------------------
FIRST_RUN = "fk-first-run"  # the guide's box, shown instead of the tabs
FIRST_STEP = "fk-first-step"  # "Step 1 of 3", carries data-step on its <p>
FIRST_NEXT = "fk-first-next"  # the step's one primary action (Next / See my ranking)
FIRST_BACK = "fk-first-back"  # back to the step before
FIRST_SKIP = "fk-first-skip"  # leave the guide for the tabs
FIRST_LANGUAGE = "fk-first-language"  # ToggleButtons: English / العربية (buttons inside)
FIRST_KIND = "fk-first-kind"  # ToggleButtons: writer, designer, developer, assistant, marketer
FIRST_STARTER = "fk-first-starter"  # one starter service row (data-key on its value line)
FIRST_PICK = "fk-first-pick"  # in a row: the ToggleButton that adds (and takes back) the service
FIRST_PRICE = "fk-first-price"  # in a row: its editable price (input inside)
FIRST_PICKED = "fk-first-picked"  # how many services the profile has now
FIRST_CLIENT_NAME = "fk-first-client-name"  # by hand: a first client's name (input inside)
FIRST_CLIENT_EMAIL = "fk-first-client-email"
FIRST_CLIENT_RATE = "fk-first-client-rate"
FIRST_CLIENT_ADD = "fk-first-client-add"
FIRST_CLIENT_ERROR = "fk-first-client-error"
FIRST_CLIENTS_COUNT = "fk-first-clients-count"  # "8 clients so far."
FIRST_SWITCHED = "fk-first-switched"  # "Now measured from your records: Pay rate and On-time payment."
FIRST_UNDO_SWITCH = "fk-first-undo-switch"  # "Use my ratings instead"


# -- the Ratings tab: every client by every rating criterion (ui/rating_sheet.py) ---------------------------
RATE_SHEET_ROW = "fk-rate-sheet-row"  # one client's row (its name, then one cell per criterion)
RATE_SHEET_SUMMARY = "fk-rate-sheet-summary"  # "3 clients still have a criterion to rate."
RATE_LEVELS = "fk-rate-levels"  # "1 — very poor · 2 — often a struggle · … · 5 — a pleasure"
RATE_MEASURED = "fk-rate-measured"  # a cell's measured value, shown in place of its box
RATE_BOX = "fk-rate-box"  # a cell: its box to type in, or (with RATE_BOX_MEASURED) its measured value (the stylesheet hides the other)
RATE_BOX_MEASURED = "fk-rate-box-measured"


def rate_cell(key: str) -> str:
    """A rating box of criterion ``key`` in the Ratings tab (input inside); a row has one per rating criterion."""
    return f"fk-rate-cell-{key}"
