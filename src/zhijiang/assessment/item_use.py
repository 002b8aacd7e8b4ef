"""Which items an exam may give, and the guards that keep the rest out of every session.

Only reviewed or calibrated items are given: a form is assembled from them, a fixed session is
scheduled and opened only while every item of its form is one of them, and an adaptive test
draws calibrated items only (sessions.cat_pool). While a session is open its items do not
change: an item on the form of an open session is neither edited nor retired, and one shown in
an open adaptive session is not edited (retiring it only stops the CAT from drawing it).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from zhijiang.assessment.models import ExamForm, ExamFormItem, ExamSession, Item
from zhijiang.common.errors import ApplicationError

USABLE_STATUSES = (Item.Status.REVIEWED, Item.Status.CALIBRATED)
NAMED_AT_MOST = 5


def _named(item: Item) -> str:
    return _gettext("#%(id)s 「%(stem)s」 (%(status)s)") % {
        "id": item.pk,
        "stem": item.stem[:24],
        "status": item.get_status_display(),
    }


def require_administrable(items: Iterable[Item], *, field: str = "form") -> None:
    """Refuse, naming them, items that an exam may not give (drafts and retired items)."""
    refused = [item for item in items if item.status not in USABLE_STATUSES]
    if not refused:
        return
    names = "; ".join(_named(item) for item in refused[:NAMED_AT_MOST])
    if len(refused) > NAMED_AT_MOST:
        names += _gettext(" and %(count)s more") % {"count": len(refused) - NAMED_AT_MOST}
    message = _(
        "An exam gives only reviewed or calibrated items; not these: %(items)s. Have them "
        "reviewed, or assemble a new form."
    ) % {"items": names}
    raise ApplicationError(message, code="item_not_usable", fields={field: message})


def locked_form_items(form: ExamForm) -> list[Item]:
    """The form's items, locked in id order so that no one edits or retires them until the
    caller's transaction ends."""
    ids = ExamFormItem.objects.filter(form=form).values_list("item_id", flat=True)
    return list(Item.objects.select_for_update().filter(pk__in=list(ids)).order_by("pk"))


def lock_item(item: Item) -> None:
    """Lock the item's row: a session being opened meanwhile waits, or is seen open."""
    list(Item.objects.select_for_update().filter(pk=item.pk).values_list("pk", flat=True))


def _open_sessions_using(item: Item, *, shown_adaptively: bool) -> ExamSession | None:
    on_form = Q(mode=ExamSession.Mode.FIXED, form__entries__item=item)
    if shown_adaptively:
        on_form |= Q(
            mode=ExamSession.Mode.ADAPTIVE,
            registrations__attempt__administered__item=item,
        )
    return ExamSession.objects.filter(on_form, status=ExamSession.Status.OPEN).first()


def require_not_in_open_session(item: Item, *, retiring: bool = False) -> None:
    """Refuse to change an item that an open session gives (see the module's docstring)."""
    session = _open_sessions_using(item, shown_adaptively=not retiring)
    if session is None:
        return
    values = {"id": item.pk, "session": session.title}
    if retiring:
        message = _(
            "Item #%(id)s is on the exam form of the open session 「%(session)s」; retire it "
            "once the session is closed."
        )
    else:
        message = _(
            "Item #%(id)s is given in the open session 「%(session)s」; edit it once the "
            "session is closed."
        )
    raise ApplicationError(message % values, code="in_open_session")
