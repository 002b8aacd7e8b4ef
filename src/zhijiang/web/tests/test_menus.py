"""Every link a menu shows opens: the site's menu for each demo role, and the admin site's
index for the superuser and for a staff officer who holds some permissions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from zhijiang.accounts.demo import load_demo
from zhijiang.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO_USERNAMES = [
    "admin", "bureau", "officer_yuzhong", "hr_shuzhi", "trainer", "assessor", "learner",
]  # fmt: skip


def _menu_links(page: Any) -> list[str]:
    """The addresses of the site menu's entries on a rendered page."""
    links = [reverse(item["url_name"]) for item in page.context["nav_items"]]
    assert all(f'href="{link}"' in page.content.decode() for link in links)
    return links


def _failures(client: Any, links: list[str]) -> dict[str, int]:
    answers = {link: client.get(link, follow=True).status_code for link in links}
    return {link: status for link, status in answers.items() if status != 200}


@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_every_link_in_the_site_menu_opens_for_each_demo_role(web: Any, username: str) -> None:
    load_demo()
    client = web(User.objects.get(username=username))
    links = _menu_links(client.get("/"))
    assert len(links) > 3
    assert _failures(client, links) == {}


def _admin_links(client: Any) -> list[str]:
    index = client.get("/admin/")
    assert index.status_code == 200
    found = set(re.findall(r'href="(/admin/[^"]*)"', index.content.decode()))
    return sorted(found - {"/admin/"})


def test_every_link_on_the_admin_index_opens_for_the_demo_superuser(web: Any) -> None:
    load_demo()
    client = web(User.objects.get(username="admin"))
    links = _admin_links(client)
    assert "/admin/accounts/user/" in links and "/admin/common/auditevent/" in links
    assert _failures(client, links) == {}


def test_a_staff_officer_sees_on_the_admin_index_only_links_that_open(
    web: Any, bureau_officer: User
) -> None:
    bureau_officer.is_staff = True
    bureau_officer.save(update_fields=["is_staff"])
    codenames = ["view_organisation", "change_organisation", "view_user", "view_district"]
    bureau_officer.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = web(User.objects.get(pk=bureau_officer.pk))
    links = _admin_links(client)
    assert "/admin/accounts/organisation/" in links and "/admin/accounts/user/" in links
    assert not any(link.startswith("/admin/credentials/") for link in links)
    assert _failures(client, links) == {}
