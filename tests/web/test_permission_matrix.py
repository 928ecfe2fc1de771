"""Every write route has a rule and a refusal test (issue 8, "done when").

The routes are *enumerated*, not listed by hand: every non-GET operation of the OpenAPI schema
(``/api/v1/openapi.json``) and every URL pattern of the URL map whose view accepts POST (a
function view without ``require_safe``/``require_GET``/``require_POST``-style restriction accepts
POST too; a class-based view when it has a ``post`` method). Each such route must appear in a
**route table** — ``ROUTES`` in a ``tests/<app>/route_rules.py`` file, one per app — or this
test fails; so a new route without a rule fails CI. Table rows whose route no longer exists
fail too. The Django admin (namespace ``admin``) is one rule of its own (staff only, checked on
every model's add page).

A row of a route table (a plain dict; see tests/samverkan/route_rules.py)::

    ROUTES = {
        # key: "<METHOD> <OpenAPI path>" for the API, "POST <namespace:url_name>" for pages
        "POST /api/v1/samverkan/activities/{activity_id}/decision": {
            "rule": "samverkan.decide_activity",  # a registered django-rules permission, or
                                                  # "public" / "authenticated" / "token" (see below)
            "path": lambda w: f"/api/v1/samverkan/activities/{w.proposed.pk}/decision",  # or a str
            "body": {"decision": "approve", "justification": "x", "date": "2025-03-01"},  # or lambda w: {...};
                                                  # a valid body, so the refusal comes from the rule
            # optional: "no_role": (403, 404)  allowed statuses for a logged-in user without any role
            # optional: "anonymous": (400,)    allowed statuses for an anonymous request
            # optional: "form": True           send ``body`` as form data (pages); API rows send JSON
        },
    }
    # optional: def setup(w): ...  adds the app's own objects to the shared world ``w``

Checks per row: anonymous → 401/403 or a redirect to the login page; logged in without any
role → 403 (or 404 where hidden); an authenticated request without the CSRF token → 403 naming
CSRF. Special rules: ``public`` (anonymous allowed: login, language switch; only CSRF checked),
``authenticated`` (any logged-in user may, e.g. record a dossier input: the no-role check is
skipped), ``token`` (a one-time link: an invalid token is refused with 400).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import rules
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.usefixtures("reference_db")

TESTS = Path(__file__).resolve().parents[1]
SPECIAL_RULES = {"public", "authenticated", "token"}
UNSAFE = ("post", "put", "patch", "delete")
LOGIN = "/konto/logga-in/"


# ------------------------------------------------------------------ the route tables


def _load_tables() -> tuple[dict[str, dict], list]:
    routes: dict[str, dict] = {}
    setups = []
    for path in sorted(TESTS.glob("*/route_rules.py")):
        spec = importlib.util.spec_from_file_location(f"route_rules_{path.parent.name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for key, row in module.ROUTES.items():
            assert key not in routes, f"{key} is listed twice ({path})"
            routes[key] = row | {"table": str(path.relative_to(TESTS))}
        if hasattr(module, "setup"):
            setups.append(module.setup)
    return routes, setups


ROUTES, SETUPS = _load_tables()


# ------------------------------------------------------------------ enumeration of the write routes


def _allowed_methods(view) -> tuple[str, ...] | None:
    """The methods a function view is restricted to (``require_http_methods`` family), or None."""
    f, depth = view, 0
    while f is not None and depth < 12:
        code = getattr(f, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            return tuple(f.__closure__[code.co_freevars.index("request_method_list")].cell_contents)
        f, depth = getattr(f, "__wrapped__", None), depth + 1
    return None


def _accepts_post(view) -> bool:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return "post" in view_class.http_method_names and hasattr(view_class, "post")
    methods = _allowed_methods(view)
    return methods is None or "POST" in methods


def _walk(resolver, namespace: str | None = None):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
            yield from _walk(p, ns)
        elif isinstance(p, URLPattern):
            yield (f"{namespace}:{p.name}" if namespace else (p.name or str(p.pattern))), p


def page_write_routes() -> set[str]:
    found = set()
    for name, pattern in _walk(get_resolver()):
        if name.split(":")[0] in ("api-v1", "admin"):
            continue  # the API is enumerated from its schema; the admin is one rule (below)
        if _accepts_post(pattern.callback):
            found.add(f"POST {name}")
    return found


def api_write_routes(client: Client) -> set[str]:
    schema = client.get("/api/v1/openapi.json").json()
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops if method in UNSAFE}


def test_every_write_route_has_a_rule_and_every_rule_a_route(client, db):
    enumerated = page_write_routes() | api_write_routes(client)
    assert len(enumerated) > 40  # the enumeration itself works
    missing = sorted(enumerated - ROUTES.keys())
    assert not missing, "write routes without a row in a tests/<app>/route_rules.py table:\n" + "\n".join(missing)
    stale = sorted(ROUTES.keys() - enumerated)
    assert not stale, "route-table rows whose route no longer exists:\n" + "\n".join(stale)


@pytest.mark.parametrize("key", sorted(ROUTES))
def test_rule_names_are_registered(key):
    rule = ROUTES[key]["rule"]
    assert rule in SPECIAL_RULES or rules.perm_exists(rule), f"{key}: unknown rule {rule!r}"


# ------------------------------------------------------------------ the shared world


@dataclass
class World:
    """Objects every table may point at (apps add their own in ``setup(w)``)."""

    admin: object
    no_role: object
    wg_member: object
    coordinator: object
    outsider: object
    kommun: object
    uni: object
    other: object
    agreement: object
    steering: object
    working: object
    idea: object
    proposed: object
    funding: object
    indicator: object
    invitation: object
    institution: object
    programme: object
    link: object


def _user(email: str, *, superuser: bool = False):
    user = get_user_model().objects.create_user(username=email, email=email, password="pw-test-123")
    user.is_superuser = user.is_staff = superuser
    user.save()
    return user


@pytest.fixture
def w(db, settings) -> World:
    from kompetensbron.education.links import suggest_link
    from kompetensbron.education.models import Institution, Programme
    from kompetensbron.samverkan import services
    from kompetensbron.samverkan.models import PartyInvitation
    from kompetensbron.samverkan.schemas import (
        ActivityCreate,
        AgreementCreate,
        BodyCreate,
        FundingCreate,
        IndicatorCreate,
        OrganisationCreate,
    )

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    admin = _user("admin@matrix.invalid", superuser=True)
    kommun = services.create_organisation(
        actor=admin, data=OrganisationCreate(name="Matriskommun", kind="municipality")
    )
    uni = services.create_organisation(
        actor=admin, data=OrganisationCreate(name="Matrisuniversitetet", kind="university")
    )
    other = services.create_organisation(actor=admin, data=OrganisationCreate(name="Matris AB", kind="company"))
    agreement = services.create_agreement(
        actor=admin,
        data=AgreementCreate(title="Matrisavtal", party_ids=[kommun.pk, uni.pk], period_start=dt.date(2024, 1, 1)),
    )
    steering = services.create_body(
        actor=admin, data=BodyCreate(name="Matrisstyrgrupp", kind="steering_group", agreement_id=agreement.pk)
    )
    working = services.create_body(
        actor=admin,
        data=BodyCreate(
            name="Matrisarbetsgrupp", kind="working_group", agreement_id=agreement.pk, parent_id=steering.pk
        ),
    )
    wg_member, coordinator, outsider, no_role = (
        _user(f"{n}@matrix.invalid") for n in ("ag", "samordnare", "annan", "ingen")
    )
    services.set_membership(actor=admin, user=wg_member, organisation=kommun, role="member")
    services.set_membership(actor=admin, user=coordinator, organisation=kommun, role="coordinator")
    services.set_membership(actor=admin, user=outsider, organisation=other, role="coordinator")
    services.add_body_member(actor=admin, body=working, user=wg_member, organisation=kommun)
    data = dict(
        title="Matrisaktivitet",
        phase="stimulate",
        owner_id=kommun.pk,
        agreement_id=agreement.pk,
        working_group_id=working.pk,
    )
    idea = services.create_activity(actor=wg_member, data=ActivityCreate(**data))
    proposed = services.propose_activity(actor=wg_member, data=ActivityCreate(**(data | {"title": "Matrisförslag"})))
    funding = services.create_funding_application(
        actor=wg_member, activity=idea, data=FundingCreate(funder="ESF", amount_applied=Decimal("100"))
    )
    indicator = services.create_indicator(
        actor=coordinator, agreement=agreement, data=IndicatorCreate(name="Matrisindikator")
    )
    invitation = PartyInvitation.objects.create(agreement=agreement, organisation=other, invited_by=coordinator)
    institution = Institution.objects.create(name="Matrishögskolan", organisation=uni)
    programme = Programme.objects.create(
        institution=institution, code="MX-1", name="Matrisprogrammet", search_text="mx-1 matrisprogrammet"
    )
    link, _ = suggest_link(programme=programme, ssyk="2221", provenance="official_ssyk_sun", score=1.0, rank=1)
    world = World(
        admin,
        no_role,
        wg_member,
        coordinator,
        outsider,
        kommun,
        uni,
        other,
        agreement,
        steering,
        working,
        idea,
        proposed,
        funding,
        indicator,
        invitation,
        institution,
        programme,
        link,
    )
    for setup in SETUPS:
        setup(world)
    return world


# ------------------------------------------------------------------ the refusal tests


def _value(x, w):
    return x(w) if callable(x) else x


def _send(client: Client, key: str, row: dict, w: World):
    method = key.split(" ", 1)[0].lower()
    path = _value(row["path"], w)
    body = _value(row.get("body", {}), w)
    if row.get("form") or not key.split(" ", 1)[1].startswith("/api/"):
        return getattr(client, method)(path, body)
    return getattr(client, method)(path, body, content_type="application/json")


def _refused_anonymously(response, allowed) -> bool:
    if response.status_code in allowed:
        return True
    return response.status_code == 302 and response["Location"].startswith((LOGIN, "/admin/login/"))


@pytest.mark.parametrize("key", sorted(ROUTES))
def test_route_refuses_anonymous_no_role_and_missing_csrf(key, w):
    row = ROUTES[key]
    rule = row["rule"]
    where = f"{key} ({row['table']})"
    if rule != "public":
        response = _send(Client(), key, row, w)
        assert _refused_anonymously(response, row.get("anonymous", (401, 403))), (
            f"{where}: anonymous got {response.status_code}"
        )
    if rule not in ("public", "authenticated"):
        client = Client()
        client.force_login(w.no_role)
        response = _send(client, key, row, w)
        assert response.status_code in row.get("no_role", (403, 404)), (
            f"{where}: user without role got {response.status_code}"
        )
    client = Client(enforce_csrf_checks=True)
    if rule != "public":
        client.force_login(w.admin)
    response = _send(client, key, row, w)
    assert response.status_code == 403 and b"csrf" in response.content.lower(), (
        f"{where}: no CSRF token got {response.status_code}"
    )


def _admin_add_urls() -> list[str]:
    from django.contrib import admin

    return [f"/admin/{m._meta.app_label}/{m._meta.model_name}/add/" for m in admin.site._registry]


def test_admin_write_routes_are_for_staff_only(w):
    """The admin: one rule (active staff), checked on every registered model's add page."""
    urls = _admin_add_urls()
    assert len(urls) > 20
    no_role = Client()
    no_role.force_login(w.no_role)
    staff_without_csrf = Client(enforce_csrf_checks=True)
    staff_without_csrf.force_login(w.admin)
    for url in urls:
        response = Client().post(url, {})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
        response = no_role.post(url, {})
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/"), url
        response = staff_without_csrf.post(url, {})
        assert response.status_code == 403 and b"csrf" in response.content.lower(), url
