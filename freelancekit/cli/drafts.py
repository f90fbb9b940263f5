"""``drafts``: write the top three clients' upsell drafts as .eml, text, mailto: links or a zip."""
from __future__ import annotations

import argparse
import sys

from . import add_db_option


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("drafts", help="write email drafts for your top three clients into a folder")
    add_db_option(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the drafts into (created if missing)")
    p.add_argument("--format", choices=("eml", "txt", "mailto", "zip"), default="eml",
                   help="eml (opens as a draft in your mail program, default), txt, mailto (links) or zip (all three)")
    p.add_argument("--tone", choices=("warm", "formal"), default=None,
                   help="write fresh drafts in this tone (default: your saved drafts, else fresh warm ones)")
    p.add_argument("--force", action="store_true", help="replace files that already exist in DIR")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..api import open_portfolio
    from ..drafting import addressed, draft_top_three, load_drafts
    from ..errors import FreelancekitError
    from ..mailexport import LinkTooLong, export_drafts, fitting_mailto, split_writable

    with open_portfolio(args.db, create=False) as store:
        portfolio = store.portfolio()
        saved = {d.client_id: d for d in load_drafts(store)}
        templates = store.templates()
    if not portfolio.clients:
        raise FreelancekitError("there are no clients yet: add some with 'freelancekit import FILE' or try 'freelancekit demo'")
    fresh = draft_top_three(portfolio, tone=args.tone or "warm", templates=templates)
    clients = {c.id: c for c in portfolio.clients}
    drafts, notes = [], []
    for d in fresh.drafts:
        kept = saved.get(d.client_id) if args.tone is None else None
        drafts.append(addressed(kept, clients[d.client_id]) if kept else d)
        notes.append(f"{d.client_name} ({'your saved draft' if kept else f'new {d.tone} draft'})")
    for name, reason in fresh.skipped:
        print(f"Skipped {name}: {reason}")
    if not drafts:
        raise FreelancekitError("none of your top three clients has a service left to offer: add services to your profile")
    # one client's refused field (say, data saved before a rule existed) never stops the other drafts
    writable, refused = split_writable(drafts, portfolio.profile.email, portfolio.profile.name)
    for r in refused:
        print(f"Not written: the draft for {r.client_name}: {r.error}", file=sys.stderr)
    if not writable:
        raise FreelancekitError(f"no draft could be written: {refused[0].error}")
    notes = [n for d, n in zip(drafts, notes) if any(d is w for w in writable)]
    drafts = writable
    paths = export_drafts(drafts, args.out, args.format, force=args.force,
                          sender_email=portfolio.profile.email, sender_name=portfolio.profile.name)
    print(f"Wrote {len(paths)} file{'s' if len(paths) != 1 else ''} for {len(drafts)} drafts to {paths[0].parent}: {', '.join(notes)}")
    for path in paths:
        print(f"  {path.name}")
    if args.format in ("mailto", "zip"):
        for d in drafts:
            try:
                found = fitting_mailto(d)
            except LinkTooLong as exc:
                print(f"Note: {exc}")
                continue
            if found.left_out:
                print(f"Note: the mail link for {d.client_name} carries a shortened email ({found.left_out} lines left out where it says […]); "
                      "the full email is in its .eml and .txt")
    return 0
