"""Why a client ranks where it does, in words, computed from the scoring's contributions.

The facts (``Why``) come only from ``Ranking.contributions``: points earned
per criterion, points missed (the criterion's full points minus what was
earned) and the per-criterion difference to the neighbouring client. The
sentences (``why_text``) word those facts in English or Arabic. The rules are
in docs/ranking.md ("Why a client ranks where it does").
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from freelancekit.language import i18n
from freelancekit.language.bidi import isolate
from freelancekit.language.l10n import join_list, plural
from freelancekit.language.numerals import written
from freelancekit.ranking.readable import ltr
from freelancekit.ranking.scoring import Ranking

if TYPE_CHECKING:
    from freelancekit.ranking.robustness import Dropped, Robustness

STRONG_WEAK = 2


@dataclass(frozen=True)
class Why:
    rank: int  # 1 = best
    name: str
    score: float
    strongest: tuple[tuple[str, float, float], ...]  # (criterion key, points earned, full points), best first
    weakest: tuple[tuple[str, float], ...]  # (criterion key, points missed), most missed first
    neighbour: str | None  # the client just below (just above for the last one); None if alone
    above: bool  # True: compared with the client below (this one ranks above it)
    gap: float  # score difference to the neighbour, >= 0
    main: tuple[str, float] | None  # the criterion that separates them most, and its point difference
    tie: bool  # equal scores after rounding: the name order decides


def why(ranking: Ranking, place: int) -> Why:
    """The facts for the client at ``place`` (0 = #1) of ``ranking``."""
    order = ranking.order
    i = int(order[place])
    keys = ranking.table.keys
    contrib = ranking.contributions
    weights = np.array([c.weight for c in ranking.criteria])
    full = weights / weights.sum() * 100.0
    active = [j for j in range(len(keys)) if weights[j] > 0]
    earned = sorted(active, key=lambda j: (-contrib[i, j], j))
    # a criterion that earned nothing is no strength ("strongest on on-time payment (0.0 of 20.0 points)" for an unrated client)
    strongest = tuple((keys[j], float(contrib[i, j]), float(full[j])) for j in earned[:STRONG_WEAK] if contrib[i, j] > 0.05)
    rest = [j for j in active if j not in earned[:STRONG_WEAK]]
    missed = sorted(rest, key=lambda j: (-(full[j] - contrib[i, j]), j))
    weakest = tuple((keys[j], float(full[j] - contrib[i, j])) for j in missed[:STRONG_WEAK] if full[j] - contrib[i, j] > 0.05)
    if len(order) < 2:
        return Why(place + 1, ranking.table.names[i], float(ranking.scores[i]), strongest, weakest, None, True, 0.0, None, False)
    above = place + 1 < len(order)
    other = int(order[place + 1] if above else order[place - 1])
    diff = contrib[i] - contrib[other] if above else contrib[other] - contrib[i]  # >= 0 in total: the leader's view
    gap = float(abs(ranking.scores[i] - ranking.scores[other]))
    tie = round(float(ranking.scores[i]), 6) == round(float(ranking.scores[other]), 6)
    main = None
    if not tie:
        j = int(np.argmax(diff))
        if diff[j] > 0:
            main = (keys[j], float(diff[j]) if above else -float(diff[j]))
    return Why(place + 1, ranking.table.names[i], float(ranking.scores[i]), strongest, weakest,
               ranking.table.names[other], above, gap, main, tie)


def points_text(x: float, locale: str = "en", signed: bool = False, digits: str | None = None) -> str:
    """Points with one decimal ('5.0', '+5.0', '−2.5'), isolated inside an Arabic sentence."""
    text = written((f"{x:+.1f}" if signed else f"{x:.1f}").replace("-", "−"), locale, digits)  # a real minus sign
    return ltr(text) if i18n.is_rtl(locale) else text


def in_sentence(label: str, locale: str) -> str:
    """A criterion label inside an English sentence: 'On-time payment' -> 'on-time payment', 'SEO reach' stays."""
    if locale == "en":
        first = label.split(" ", 1)[0]
        if len(first) > 1 and first[0].isupper() and first[1:].replace("-", "").islower():
            return label[0].lower() + label[1:]
        return label
    return isolate(label, locale)


def criterion_words(ranking: Ranking, locale: str) -> dict[str, str]:
    return {c.key: in_sentence(i18n.criterion_label(c.key, c.label, locale), locale) for c in ranking.criteria}


def why_text(facts: Why, ranking: Ranking, locale: str, digits: str | None = None) -> str:
    """Two or three sentences: strongest and weakest criteria, then what separates it from its neighbour."""
    locale = i18n.normalise_locale(locale)
    labels = criterion_words(ranking, locale)
    pts = lambda x, signed=False: points_text(x, locale, signed, digits)  # noqa: E731
    name = isolate(facts.name, locale)
    rank = written(str(facts.rank), locale, digits)
    parts = []
    if facts.strongest:
        items = [i18n.t("why.earned", locale, digits=digits, criterion=labels[k], points=pts(p), full=pts(f)) for k, p, f in facts.strongest]
        parts.append(i18n.t("why.strongest", locale, digits=digits, rank=rank, name=name, items=join_list(items, locale)))
    if facts.weakest:
        items = [i18n.t("why.missed", locale, digits=digits, criterion=labels[k], points=pts(p)) for k, p in facts.weakest]
        parts.append(i18n.t("why.weakest", locale, digits=digits, items=join_list(items, locale)))
    elif facts.strongest:
        parts.append(i18n.t("why.no_weak", locale, digits=digits))
    if facts.neighbour is not None:
        other = isolate(facts.neighbour, locale)
        if facts.tie:
            parts.append(i18n.t("why.tie", locale, digits=digits, other=other))
        elif facts.main is None:
            parts.append(i18n.t("why.above_plain" if facts.above else "why.below_plain", locale, digits=digits, other=other, gap=pts(facts.gap)))
        else:
            # the criterion only, not its points: one criterion's difference can exceed the whole gap (others make up
            # for it), and "above by 5.0 points, mostly because of pay rate: +13.1 points" reads as a contradiction
            key, _points = facts.main
            parts.append(i18n.t("why.above" if facts.above else "why.below", locale, digits=digits, other=other, gap=pts(facts.gap),
                                criterion=labels[key]))
    return " ".join(parts)


def explain(ranking: Ranking, place: int, locale: str = "en", digits: str | None = None) -> str:
    """``why_text(why(ranking, place), ...)``: the sentences for the client at ``place`` (0 = #1)."""
    return why_text(why(ranking, place), ranking, locale, digits)


# -- how sure the top three is (facts from robustness.py) ------------------------------------
def percent(share: float) -> str:
    """A share as a whole percentage; never '0%' or '100%' for something that is neither."""
    pct = share * 100
    if 0 < pct < 1:
        return "<1"
    if 99 < pct < 100:
        return ">99"
    return f"{pct:.0f}"


def _num(x: float | str, locale: str, digits: str | None = None) -> str:
    text = written(x if isinstance(x, str) else f"{x:g}", locale, digits)
    return ltr(text) if i18n.is_rtl(locale) else text


def share_text(ranking: Ranking, sure: Robustness, place: int, locale: str = "en", digits: str | None = None) -> str:
    name = isolate(ranking.table.names[ranking.order[place]], locale)
    pct = percent(sure.share_of(ranking, place))
    return i18n.t("sure.share", locale, digits=digits, rank=written(str(place + 1), locale, digits), name=name, pct=_num(pct, locale, digits))


def method_text(sure: Robustness, locale: str = "en", digits: str | None = None) -> str:
    from freelancekit.ranking.robustness import SPREAD

    return i18n.t("sure.method", locale, digits=digits, spread=written(f"{SPREAD * 100:.0f}", locale, digits),
                  samples=written(f"{sure.samples:,}".replace(",", " "), locale, digits))


def swap_text(ranking: Ranking, sure: Robustness, locale: str = "en", digits: str | None = None) -> str | None:
    """The smallest swap of #3 and #4 in words; None when there is no #4."""
    if len(ranking) <= 3:
        return None
    names = ranking.table.names
    third, fourth = isolate(names[ranking.order[2]], locale), isolate(names[ranking.order[3]], locale)
    swap = sure.swap
    if swap is None:
        return i18n.t("sure.no_swap", locale, digits=digits, third=third, fourth=fourth)
    words = criterion_words(ranking, locale)
    return i18n.t("sure.swap", locale, digits=digits, criterion=words[swap.key], old=_num(swap.old_weight, locale, digits),
                  new=_num(swap.new_weight, locale, digits), third=third, fourth=fourth)


def drop_text(ranking: Ranking, dropped: Dropped | Sequence[Dropped], locale: str = "en", digits: str | None = None) -> str:
    """What the top three becomes without a criterion; several with the same outcome in one sentence."""
    group = [dropped] if not isinstance(dropped, Sequence) else list(dropped)
    first = group[0]
    words = criterion_words(ranking, locale)
    criterion = join_list([words[d.key] for d in group], locale)
    if not first.top:
        return i18n.t("sure.drop_only", locale, digits=digits, criterion=criterion)
    now = ranking.top(3)
    names = lambda xs: join_list([isolate(x, locale) for x in xs], locale)  # noqa: E731
    if list(first.top) == now:
        return i18n.t("sure.drop_same", locale, digits=digits, criterion=criterion)
    if not first.left:
        return i18n.t("sure.drop_order", locale, digits=digits, criterion=criterion, top=names(first.top))
    # counted: "A leaves", "A and B leave" (as many come in as leave)
    return plural("sure.drop_changed", len(first.left), locale, digits, criterion=criterion, left=names(first.left),
                  entered=names(first.entered), top=names(first.top))


def same_outcome(dropped: Sequence[Dropped]) -> list[list[Dropped]]:
    """The drops grouped by the top three they leave, in the criteria's order (one sentence per group)."""
    groups: dict[tuple[str, ...], list[Dropped]] = {}
    for d in dropped:
        groups.setdefault(d.top, []).append(d)
    return list(groups.values())
