"""``drafts``: write upsell drafts (the top three, or any client) as .eml, text, mailto: links or a zip;
list the follow-ups, or write them as calendar reminders (.ics)."""
from __future__ import annotations

import argparse
import sys

from freelancekit.cli import Say, add_db_option
from freelancekit.drafts.store import DraftsPart

ICS_NAME = "follow-ups.ics"  # followups.ICS_NAME (not imported here: the CLI starts without numpy)


def register(sub: argparse._SubParsersAction, say: Say) -> None:
    p = sub.add_parser("drafts", help=say("cli.help.drafts"))
    add_db_option(p, say)
    p.add_argument("--out", metavar="DIR", help=say("cli.help.drafts.out"))
    p.add_argument("--client", action="append", metavar="NAME", help=say("cli.help.drafts.client"))
    p.add_argument("--list", action="store_true", help=say("cli.help.drafts.list"))
    p.add_argument("--ics", action="store_true", help=say("cli.help.drafts.ics", name=ICS_NAME))
    p.add_argument("--format", choices=("eml", "txt", "mailto", "zip"), default="eml", help=say("cli.help.drafts.format"))
    p.add_argument("--tone", choices=("warm", "formal"), default=None, help=say("cli.help.drafts.tone"))
    p.add_argument("--force", action="store_true", help=say("cli.help.drafts.force"))
    p.add_argument("--save", action="store_true", help=say("cli.help.drafts.save"))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from freelancekit.drafts.drafting import addressed, draft_top_three, load_drafts
    from freelancekit.drafts.followups import outcome_history
    from freelancekit.drafts.mailexport import LinkTooLong, export_drafts, fitting_mailto, split_writable
    from freelancekit.errors import EXIT_INPUT, FreelancekitError
    from freelancekit.language.i18n import t
    from freelancekit.language.l10n import join_list, plural
    from freelancekit.language.wording import error_text
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(args.db, create=False) as store:
        portfolio = store.portfolio()
        saved = {d.client_id: d for d in load_drafts(store)}
        templates = DraftsPart(store).templates()
    if args.list:
        return print_follow_ups(portfolio, list(saved.values()), args.lang, args.digits)
    if not args.out:
        raise FreelancekitError(code="usage.drafts_out", exit_code=EXIT_INPUT)
    if args.ics:
        return write_ics(portfolio, list(saved.values()), args.out, args.force, args.lang, args.digits)
    if not portfolio.clients:
        raise FreelancekitError(code="drafts.no_clients", exit_code=EXIT_INPUT)
    # a --lang given on the command line writes the drafts in that language too (else each client's own)
    fresh = draft_top_three(portfolio, tone=args.tone or "warm", templates=templates, clients=args.client,
                            outcomes=outcome_history(portfolio, saved.values()),
                            locale=args.lang if getattr(args, "lang_given", False) else None)
    clients = {c.id: c for c in portfolio.clients}
    drafts, notes = [], []
    for d in fresh.drafts:
        kept = saved.get(d.client_id) if args.tone is None and not getattr(args, "lang_given", False) else None
        drafts.append(addressed(kept, clients[d.client_id]) if kept else d)
        notes.append(t("cli_out.draft_saved", args.lang, name=d.client_name) if kept else
                     t("cli_out.draft_new", args.lang, name=d.client_name, tone=t(f"cli_out.tone_{d.tone}", args.lang)))

    for name, reason in fresh.skipped:
        print(t("cli_out.draft_skipped", args.lang, name=name, reason=reason.text(args.lang)))
    if not drafts:
        raise FreelancekitError(code="drafts.nothing_to_offer_these" if args.client else "drafts.nothing_to_offer", exit_code=EXIT_INPUT)
    # one client's refused field (say, data saved before a rule existed) never stops the other drafts
    writable, refused = split_writable(drafts, portfolio.profile.email, portfolio.profile.name)
    for r in refused:
        print(t("cli_out.not_written", args.lang, name=r.client_name, error=error_text(r.error, args.lang, digits=args.digits, isolate=False)), file=sys.stderr)
    if not writable:
        raise FreelancekitError(code="drafts.none_writable", name=refused[0].client_name, exit_code=EXIT_INPUT)
    notes = [n for d, n in zip(drafts, notes) if any(d is w for w in writable)]
    drafts = writable
    paths = export_drafts(drafts, args.out, args.format, force=args.force,
                          sender_email=portfolio.profile.email, sender_name=portfolio.profile.name)
    listed = join_list(notes, args.lang, listed=True)
    print(t("cli_out.drafts_written", args.lang, files=plural("cli_out.files", len(paths), args.lang, args.digits),
            drafts=plural("cli_out.drafts", len(drafts), args.lang, args.digits), folder=paths[0].parent, notes=listed))
    for path in paths:
        print(f"  {path.name}")
    if args.save:
        kept_count = keep_drafts(args.db, drafts, saved)
        print(plural("cli_out.drafts_kept", kept_count, args.lang, args.digits))
    if args.format in ("mailto", "zip"):
        for d in drafts:
            try:
                found = fitting_mailto(d)
            except LinkTooLong as exc:
                print(t("cli_out.note", args.lang, text=error_text(exc, args.lang, digits=args.digits, isolate=False)))
                continue
            if found.left_out:
                print(t("cli_out.note", args.lang, text=plural("cli_out.mailto_left_out", found.left_out, args.lang, args.digits, name=d.client_name)))
    return 0


def keep_drafts(db, drafts, saved) -> int:  # type: ignore[no-untyped-def]
    """Save the drafts just written (``--save``), each with a follow-up date a week out, so ``--list`` and
    ``--ics`` follow them; a saved draft is saved again over its own revision."""
    from dataclasses import replace
    from datetime import date, timedelta

    from freelancekit.drafts.drafting import FOLLOW_UP_DAYS, save_draft
    from freelancekit.portfolio.api import open_portfolio

    with open_portfolio(db, create=False) as store:
        for d in drafts:
            before = saved.get(d.client_id)
            follow_up = d.follow_up or date.today() + timedelta(days=FOLLOW_UP_DAYS)
            save_draft(store, replace(d, follow_up=follow_up, revision=before.revision if before else 0))
    return len(drafts)


def print_follow_ups(portfolio, drafts, locale: str = "en", digits: str | None = None) -> int:  # type: ignore[no-untyped-def]
    """The follow-ups list, overdue first (docs/drafts.md, "Follow-ups"), and the upsell income won this year."""
    from datetime import date

    from freelancekit.drafts.followups import follow_ups, won_income
    from freelancekit.language.i18n import t
    from freelancekit.language.phrasing import money

    today = date.today()
    rows = follow_ups(drafts, portfolio.clients, today)
    if not rows:
        print(t("cli_out.no_drafts", locale))
        return 0
    for r in rows:
        when = r.follow_up.isoformat() if r.follow_up else "-"
        flag = "  " + t("cli_out.overdue", locale) if r.overdue else ""
        value = f"  {money(r.won_value, portfolio.profile.currency, locale, digits)}" if r.won_value is not None else ""
        status = r.status if locale == "en" else t(f"status.{r.status}", locale)  # English keeps the status as saved
        print(f"{r.client_name}\t{status}\t{when}{flag}{value}")
    total = won_income(drafts, today.year)
    print(t("cli_out.won_income", locale, digits=digits, year=today.year, money=money(total, portfolio.profile.currency, locale, digits)))
    return 0


def write_ics(portfolio, drafts, out: str, force: bool, locale: str = "en",  # type: ignore[no-untyped-def]
              digits: str | None = None) -> int:
    """Every open follow-up date as an all-day calendar reminder, in DIR/follow-ups.ics."""
    from datetime import date

    from freelancekit.drafts.followups import follow_ups, to_ics
    from freelancekit.files.safe_files import check_free, prepare_folder, write_new_file
    from freelancekit.language.i18n import t
    from freelancekit.language.l10n import plural

    rows = [r for r in follow_ups(drafts, portfolio.clients, date.today()) if r.follow_up and r.status not in ("won", "declined")]
    root = prepare_folder(out)
    check_free(root, [ICS_NAME], force=force)
    path = write_new_file(root, ICS_NAME, to_ics(rows, locale=portfolio.profile.locale), force=force)
    print(t("cli_out.ics_written", locale, path=path, reminders=plural("cli_out.reminders", len(rows), locale, digits)))
    return 0
