"""Every page is reachable (issue 14, item 1): a crawl from ``/`` follows every link (``<a href>``
and htmx ``hx-get``) and every form, in Swedish and in English, and must reach every route the
URL map serves — modulo ids — with no 4xx or 5xx on the way, and no page shows a string of the
other language from a checked list (:data:`UNTRANSLATED`).

Data: the official reference snapshot (the web tests' session database), the example content
of ``init --demo`` (Samverkan, Matchning, Studentbostäder) and one toy programme with a course.
The crawl runs as a staff superuser, who may open every page; an anonymous crawl checks the
pages a visitor sees (the login page among them).
"""

from __future__ import annotations

import html
import os
import re
import time
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.usefixtures("reference_db")]

#: namespaces that are not pages of the application (Django admin, the JSON API, the
#: language-switch POST); /api/v1/docs is reached from the header and checked on its own
NOT_PAGES = ("admin", "api-v1")
#: routes a crawl cannot reach by design, each with the reason
UNREACHABLE = {
    "samverkan/konto/aktivera/<str:uidb64>/<str:token>/": "reached only from the invitation e-mail (signed token)",
    "studentbostader/simulator/rensa/": "its form appears once a simulation has run (a POST the crawl does not send)",
    "konto/nytt-losenord/<uidb64>/<token>/": "reached only from the password-reset e-mail (signed token)",
    "konto/nytt-losenord/skickat/": "the answer to the password-reset request (a POST the crawl does not send)",
    "konto/nytt-losenord/klart/": "the answer to the new-password form (reached from the e-mail only)",
}
#: forms that appear only for a role in a state of its work which the bounded crawl (at most
#: two pages of a route) may not meet in the demo data; listed so a new gap still fails
STATE_DEPENDENT = {
    "matchning/omgangar/<int:pk>/mojligheter/": "a round open for ranking (the demo round is already allocated)",
    "matchning/omgangar/<int:pk>/rangordning/": "a round open for ranking (the demo round is already allocated)",
    "relevans/program/<id:pk>/malyrken/": "the suggest-occupations form of a programme without target occupations",
    "samverkan/aktiviteter/<id:pk>/beslut/": "an activity proposed to the steering group the user chairs",
    "samverkan/aktiviteter/<id:pk>/foresla/": "an idea the user's organisation owns",
    "studentbostader/projekt/<int:pk>/status/": "a project of the housing company's own",
    "regiongrupper/<slug:key>/andra/": "a region group the user's organisation defined (the demo defines none)",
    "regiongrupper/<slug:key>/ta-bort/": "a region group the user's organisation defined (the demo defines none)",
    "relevans/jamfor/": "a frozen dossier version to compare (the demo freezes none)",
    "relevans/version/<id:version_id>/": "a frozen dossier version (the demo freezes none)",
    "relevans/version/<id:version_id>.pdf": "a frozen dossier version (the demo freezes none)",
    "relevans/version/<id:version_id>.xlsx": "a frozen dossier version (the demo freezes none)",
    "samverkan/aktiviteter/<id:pk>/godkann/": "an activity awaiting the approval of the user's organisation (direct governance)",
    "samverkan/aktiviteter/<id:pk>/notera/": "an activity before a council the user sits on, not yet noted",
    "samverkan/beslut/<id:pk>/kopplingar/": "a decision of a body the user sits on",
    "samverkan/ideer/<id:pk>/aktivitet/": "an idea not yet turned into an activity (the demo's idea became one)",
    "samverkan/kopplingar/<id:pk>/ta-bort/": "a link on an activity or decision the user may change (the two link pages the crawl visits may hold none)",
    "samverkan/indikatorer/<id:pk>/kalla/ta-bort/": "a computed indicator's source page, for the agreement's coordinators (the crawl visits two source pages, maybe not the computed one's)",
}
#: the demo users whose pages the crawl follows besides the superuser's and a visitor's: each
#: role sees the forms of its own work (a superuser is a member of no organisation)
ROLES = [
    "samordnare@demo.invalid",
    "styrgrupp@demo.invalid",
    "arbetsgivare@demo.invalid",
    "miun-samordnare@demo.invalid",
    "student-data1@student.miun.demo.invalid",
    "bostad@demo.invalid",
    "huddinge@demo.invalid",  # Högskolerådet: its meetings, ideas and decisions
    "sodertorn@demo.invalid",  # answers to competence needs
]
#: a route with the same query-parameter names is fetched at most this often (the crawl stays
#: bounded: 290 kommuner and 600 SSYK groups are one route each)
VISITS_PER_SHAPE = 2
SLOW_PAGE_SECONDS = 5.0  # reported (pytest -s) so a slow page is seen
SKIP_SUFFIXES = (".pdf",)  # WeasyPrint takes seconds a file; the PDF routes are tested by their apps
#: the checked list (issue 14, "no untranslated string"): the site's own words that an English
#: page must not show in Swedish, and a Swedish page not in English — the shared templates'
#: strings (header, tables, forms, login) and texts once seen untranslated by a reviewer
UNTRANSLATED = {
    "en": (
        "Hoppa till innehållet",
        "Sök i hela Kompetensbron",
        "Logga in",
        "Glömt lösenordet",
        "Ladda ner tabellen",
        "Fält märkta * är obligatoriska",
        "Formuläret har fel",
        "Inga träffar",
        "Alla yrken",
        "Utbud okänt: inget program med examinerade",
    ),
    "sv": (
        "Skip to content",
        "Log in",
        "Forgotten your password",
        "Download the table",
        "Fields marked * are required",
        "The form has errors",
        "No matches",
        "All occupations",
    ),
}
_TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)


class _Links(HTMLParser):
    """``<a href>``, ``hx-get`` and ``<form action method>`` of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.gets: list[str] = []
        self.posts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.gets.append(a["href"] or "")
        if a.get("hx-get"):
            self.gets.append(a["hx-get"] or "")
        if tag == "form":
            action = a.get("action") or ""
            (self.posts if (a.get("method") or "get").lower() == "post" else self.gets).append(action)


def _routes(resolver: URLResolver | None = None, prefix: str = "", namespace: str = "") -> set[str]:
    """Every page route of the URL map, as the full route string (``yrken/<str:code>/``)."""
    out: set[str] = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in NOT_PAGES or str(p.pattern) == "i18n/":
                continue
            out |= _routes(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            out.add(prefix + str(p.pattern))
    return out


def _route(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace in NOT_PAGES or path.startswith(("/i18n/", "/static/")):
        return None
    return match.route


def _crawl(client, *, start: str = "/", language: str = "sv") -> tuple[set[str], list[str]]:
    """(routes reached, problems): breadth first from ``start`` over links, htmx GETs and forms;
    a problem is a 4xx/5xx answer or a page in ``language`` with a string of the other language
    from :data:`UNTRANSLATED`."""
    reached: set[str] = set()
    problems: list[str] = []
    shapes: Counter[tuple[str, frozenset[str]]] = Counter()
    seen: set[str] = set()
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    while queue:
        url, source = queue.popleft()
        parts = urlsplit(url)
        route = _route(parts.path)
        if route is None:
            continue
        reached.add(route)
        shape = (route, frozenset(k for k, _v in parse_qsl(parts.query)))
        if url in seen or shapes[shape] >= VISITS_PER_SHAPE or parts.path.endswith(SKIP_SUFFIXES):
            continue
        seen.add(url)
        shapes[shape] += 1
        started = time.monotonic()
        response = client.get(url)
        if os.environ.get("CRAWL_TRACE"):
            print(f"crawl: {response.status_code} {time.monotonic() - started:.1f} s {url}", flush=True)
        elif (took := time.monotonic() - started) > SLOW_PAGE_SECONDS:
            print(f"crawl: {took:.1f} s {url}")
        if response.status_code in (301, 302, 303):
            queue.append((urljoin(url, response["Location"]), url))
            continue
        if response.status_code >= 400:
            problems.append(f"{response.status_code} {url} (linked from {source})")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        page = response.content.decode()
        text = html.unescape(_TAGS.sub(" ", page))
        problems += [f"untranslated {word!r} on {url} ({language})" for word in UNTRANSLATED[language] if word in text]
        links = _Links()
        links.feed(page)
        for href in links.gets:
            target = urljoin(url, href.split("#", 1)[0])
            if target and urlsplit(target).netloc in ("", "testserver"):
                queue.append((urlsplit(target)._replace(scheme="", netloc="").geturl(), url))
        for action in links.posts:  # a POST form makes its route reachable; it is not fetched
            path = urlsplit(urljoin(url, action or url)).path
            if (r := _route(path)) is not None:
                reached.add(r)
    print(f"crawl: {len(seen)} pages, {len(reached)} routes")
    return reached, problems


@pytest.fixture
def platform(django_user_model, monkeypatch):
    """Demo content of every module, one toy programme with a course, a staff superuser.

    The Matchning students get no extracted skills (building the skill extractor takes
    minutes and no page's reachability depends on it).
    """
    from kompetensbron.errors import DataError
    from kompetensbron.matchning import skills

    def no_extractor():
        raise DataError("no skill extractor in the crawl test")

    monkeypatch.setattr(skills, "default_extractor", no_extractor)
    from kompetensbron.education.models import Course, Institution, Programme, ProgrammeCourse
    from kompetensbron.housing.demo import create_demo_content as housing_demo
    from kompetensbron.matchning.demo import create_matchning_demo
    from kompetensbron.samverkan.demo import create_demo_content

    started = time.monotonic()
    demo = create_demo_content(password="Crawl-lösenord-14")
    create_matchning_demo(password=demo.password)
    housing_demo(password=demo.password)
    print(f"crawl: demo content in {time.monotonic() - started:.1f} s")
    inst = Institution.objects.get_or_create(name="Toyuniversitetet")[0]
    prog = Programme.objects.create(institution=inst, code="TOYSJ", name="Sjuksköterskeprogrammet (toy)")
    course = Course.objects.create(institution=inst, code="TOY100", title="Omvårdnad (toy)", credits=7.5)
    ProgrammeCourse.objects.create(programme=prog, course=course)
    from kompetensbron.education.models import OccupationLink
    from kompetensbron.reference.models import SsykGroup
    from kompetensbron.samverkan.models import Agreement, Organisation, PartyInvitation

    OccupationLink.objects.create(programme=prog, ssyk=SsykGroup.objects.get(code="2221"), provenance="skill_overlap")
    agreement = Agreement.objects.order_by("pk").first()
    outsider = (
        Organisation.objects.exclude(pk__in=agreement.parties.values("pk"))
        .filter(memberships__user__username=ROLES[0])
        .first()
    )
    if outsider is not None:
        PartyInvitation.objects.create(agreement=agreement, organisation=outsider)
    return django_user_model.objects.create_superuser("crawler", "crawler@example.se", "Crawl-pass-14-xyz")


@pytest.mark.parametrize("language", ["sv", "en"])
def test_crawl_reaches_every_route_without_errors(client, platform, language, django_user_model):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    reached, problems = _crawl(client, language=language)  # a visitor: the login page, the public pages
    assert "konto/logga-in/" in reached and "sok/" in reached and "efterfragan/prognos/" in reached
    for user in [platform, *django_user_model.objects.filter(username__in=ROLES)]:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the last logout cleared the cookie jar
        more, trouble = _crawl(client, language=language)
        reached |= more
        problems += [f"{user}: {p}" for p in trouble]
        client.logout()
    assert not problems, problems
    missing = sorted(_routes() - reached - set(UNREACHABLE) - set(STATE_DEPENDENT))
    assert not missing, f"routes no link or form leads to ({language}): {missing}"


def test_route_list_is_the_url_map():
    routes = _routes()
    assert {"", "yrken/<str:code>/", "efterfragan/balans/", "efterfragan/prognos/", "sok/"} <= routes
    assert not any(r.startswith(("admin/", "api/")) for r in routes)
