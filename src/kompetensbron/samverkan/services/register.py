"""The register: organisations, units, memberships, agreements, bodies.

Agreement parties change through :mod:`.parties`: organisations the actor does not
coordinate are invited and become parties only when their coordinator accepts.

Every function is keyword-only, runs in one ``transaction.atomic``, checks the actor's right
(:mod:`..permissions`), validates its input and writes the audit record — or raises and writes
nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound, PermissionDenied, ValidationFailed
from kompetensbron.unique_writes import atomic_unique

from .. import validation as v
from ..audit import record, snapshot
from ..models import (
    Agreement,
    AgreementDocument,
    Body,
    BodyKind,
    BodyMembership,
    DevelopmentArea,
    Membership,
    Organisation,
    Unit,
)
from ..permissions import coordinated_organisation_ids, require
from ..schemas import AgreementCreate, AgreementUpdate, BodyCreate, OrganisationCreate, OrganisationUpdate
from .parties import apply_party_changes

__all__ = [
    "get_organisation",
    "visible_organisation",
    "create_organisation",
    "update_organisation",
    "create_unit",
    "set_membership",
    "get_agreement",
    "create_agreement",
    "update_agreement",
    "get_body",
    "create_body",
    "add_body_member",
]


def _kommun(code: str | None, errors: dict[str, str]):
    if not code:
        return None
    from kompetensbron.reference.models import Kommun

    found = Kommun.objects.filter(pk=code).first()
    if found is None:
        errors["kommun_code"] = _("Okänd kommunkod: %(code)s.") % {"code": code}
    return found


def area_rows(names: list[str]) -> list[DevelopmentArea]:
    """The areas by name, created where new (one register of areas; agreements choose theirs)."""
    return _areas(names)


def _areas(names: list[str]) -> list[DevelopmentArea]:
    out = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        area = DevelopmentArea.objects.filter(name__iexact=name).first()
        if area is None:
            with atomic_unique(
                "area_names",
                _("Utvecklingsområdet %(name)s registrerades samtidigt av någon annan; försök igen.") % {"name": name},
            ):
                area = DevelopmentArea.objects.create(name=name)
        out.append(area)
    return out


# ------------------------------------------------------------------ organisations


def visible_organisation(user, organisation: Organisation) -> bool:
    from ..permissions import visible_organisations

    return visible_organisations(user).filter(pk=organisation.pk).exists()


def get_organisation(pk: int) -> Organisation:
    try:
        return Organisation.objects.select_related("kommun").get(pk=pk)
    except Organisation.DoesNotExist:
        raise NotFound(_("Okänd organisation: %(pk)s") % {"pk": pk}) from None


def create_organisation(*, actor, data: OrganisationCreate, is_demo: bool = False) -> Organisation:
    require(actor, "add_organisation")
    errors = v.check_required(name=data.name)
    kommun = _kommun(data.kommun_code, errors)
    if Organisation.objects.filter(name__iexact=data.name.strip()).exists():
        errors["name"] = _("Organisationen %(name)s finns redan.") % {"name": data.name.strip()}
    v.raise_if(errors)
    with atomic_unique("name", _("Organisationen %(name)s finns redan.") % {"name": data.name.strip()}):
        org = Organisation.objects.create(
            name=data.name.strip(), kind=data.kind, kommun=kommun, website=data.website, is_demo=is_demo
        )
        record(actor=actor, action="create", obj=org, after=snapshot(org))
    return org


def update_organisation(*, actor, organisation: Organisation, data: OrganisationUpdate) -> Organisation:
    require(
        actor,
        "change_organisation",
        organisation,
        _("Endast organisationens egna samordnare får ändra dess uppgifter."),
    )
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    if "name" in changes:
        errors |= v.check_required(name=changes["name"])
        if Organisation.objects.filter(name__iexact=changes["name"].strip()).exclude(pk=organisation.pk).exists():
            errors["name"] = _("Organisationen %(name)s finns redan.") % {"name": changes["name"].strip()}
    if "kommun_code" in changes:
        changes["kommun"] = _kommun(changes.pop("kommun_code"), errors)
    v.raise_if(errors)
    with atomic_unique(
        "name", _("Organisationen %(name)s finns redan.") % {"name": str(changes.get("name", "")).strip()}
    ):
        before = snapshot(organisation)
        for field, value in changes.items():
            setattr(organisation, field, value.strip() if isinstance(value, str) else value)
        organisation.save()
        record(actor=actor, action="update", obj=organisation, before=before, after=snapshot(organisation))
    return organisation


def create_unit(*, actor, organisation: Organisation, name: str) -> Unit:
    require(
        actor, "change_organisation", organisation, _("Endast organisationens egna samordnare får lägga till enheter.")
    )
    v.raise_if(v.check_required(name=name))
    with transaction.atomic():
        unit, created = Unit.objects.get_or_create(organisation=organisation, name=name.strip())
        if created:
            record(actor=actor, action="create", obj=unit, after=snapshot(unit))
    return unit


def set_membership(*, actor, user, organisation: Organisation, role: str) -> Membership:
    """Add ``user`` to ``organisation`` with ``role`` (administrators only)."""
    require(actor, "invite_user", None, _("Endast administratörer tilldelar organisationer."))
    if role not in ("coordinator", "member"):
        v.raise_if({"role": _("Okänd roll: %(role)s.") % {"role": role}})
    with transaction.atomic():
        membership = Membership.objects.filter(user=user, organisation=organisation).first()
        before = snapshot(membership) if membership else None
        if membership is None:
            membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        else:
            membership.role = role
            membership.save()
        record(
            actor=actor,
            action="update" if before else "create",
            obj=membership,
            before=before,
            after=snapshot(membership),
        )
    return membership


# ------------------------------------------------------------------ agreements


def get_agreement(pk: int) -> Agreement:
    try:
        return Agreement.objects.get(pk=pk)
    except Agreement.DoesNotExist:
        raise NotFound(_("Okänt avtal: %(pk)s") % {"pk": pk}) from None


def create_agreement(*, actor, data: AgreementCreate, is_demo: bool = False) -> Agreement:
    require(actor, "add_agreement")
    errors = v.check_required(title=data.title)
    errors |= v.check_period(data.period_start, data.period_end)
    parties = v.organisations(data.party_ids, "party_ids", errors)
    if not data.party_ids:
        errors["party_ids"] = _("Ett avtal behöver minst en part.")
    if Agreement.objects.filter(title__iexact=data.title.strip()).exists():
        errors["title"] = _("Avtalet %(title)s finns redan.") % {"title": data.title.strip()}
    v.raise_if(errors)
    if not actor.is_superuser and not coordinated_organisation_ids(actor) & {p.pk for p in parties}:
        raise PermissionDenied(_("Endast en parts samordnare får registrera ett avtal."))
    with atomic_unique("title", _("Avtalet %(title)s finns redan.") % {"title": data.title.strip()}):
        agreement = Agreement.objects.create(
            title=data.title.strip(),
            purpose=data.purpose,
            period_start=data.period_start,
            period_end=data.period_end,
            governance=data.governance,
            binds_funding=data.binds_funding,
            uses_lifecycle=data.uses_lifecycle,
            is_demo=is_demo,
        )
        agreement.areas.set(_areas(data.area_names))
        for doc in data.documents:
            AgreementDocument.objects.create(agreement=agreement, title=doc.title, url=doc.url)
        # the actor's own organisations become parties; the others are invited (they accept)
        apply_party_changes(actor=actor, agreement=agreement, wanted=parties)
        record(actor=actor, action="create", obj=agreement, after=snapshot(agreement))
    return agreement


def update_agreement(*, actor, agreement: Agreement, data: AgreementUpdate) -> Agreement:
    require(actor, "change_agreement", agreement, _("Endast avtalsparternas samordnare får ändra avtalet."))
    changes = data.model_dump(exclude_unset=True)
    errors: dict[str, str] = {}
    if "title" in changes:
        errors |= v.check_required(title=changes["title"])
        if Agreement.objects.filter(title__iexact=changes["title"].strip()).exclude(pk=agreement.pk).exists():
            errors["title"] = _("Avtalet %(title)s finns redan.") % {"title": changes["title"].strip()}
    start = changes.get("period_start", agreement.period_start)
    end = changes.get("period_end", agreement.period_end)
    errors |= v.check_period(start, end)
    parties = v.organisations(changes.pop("party_ids"), "party_ids", errors) if "party_ids" in changes else None
    if parties is not None and not parties:
        errors["party_ids"] = _("Ett avtal behöver minst en part.")
    for field in ("governance", "uses_lifecycle"):  # a field the row needs: null is refused
        if field in changes and changes[field] is None:
            errors[field] = _(v.REQUIRED)
    v.raise_if(errors)
    area_names = changes.pop("area_names", None)
    with atomic_unique("title", _("Avtalet %(title)s finns redan.") % {"title": str(changes.get("title", "")).strip()}):
        before = snapshot(agreement)
        for field, value in changes.items():
            setattr(agreement, field, value.strip() if field == "title" else value)
        agreement.save()
        if parties is not None:
            apply_party_changes(actor=actor, agreement=agreement, wanted=parties)
        if area_names is not None:
            agreement.areas.set(_areas(area_names))
        record(actor=actor, action="update", obj=agreement, before=before, after=snapshot(agreement))
    return agreement


# ------------------------------------------------------------------ bodies


def get_body(pk: int) -> Body:
    try:
        return Body.objects.select_related("parent", "chair").get(pk=pk)
    except Body.DoesNotExist:
        raise NotFound(_("Okänt organ: %(pk)s") % {"pk": pk}) from None


def create_body(*, actor, data: BodyCreate, is_demo: bool = False) -> Body:
    require(actor, "add_body", None, _("Endast administratörer inrättar organ."))
    errors = v.check_required(name=data.name)
    agreement = v.agreement(data.agreement_id, "agreement_id", errors)
    orgs = v.organisations(data.organisation_ids, "organisation_ids", errors)
    units = v.units(data.unit_ids, "unit_ids", errors, {o.pk for o in orgs})
    parent = None
    if data.parent_id is not None:
        parent = Body.objects.filter(pk=data.parent_id).first()
        if parent is None:
            errors["parent_id"] = _("Okänt organ: %(parent_id)s.") % {"parent_id": data.parent_id}
    if data.kind == BodyKind.WORKING_GROUP and parent is not None and parent.kind != BodyKind.STEERING_GROUP:
        errors["parent_id"] = _("En arbetsgrupp lyder under en styrgrupp.")
    chair = None
    if data.chair_id is not None:
        chair = get_user_model().objects.filter(pk=data.chair_id).first()
        if chair is None:
            errors["chair_id"] = _("Okänd person: %(chair_id)s.") % {"chair_id": data.chair_id}
    if Body.objects.filter(name__iexact=data.name.strip()).exists():
        errors["name"] = _("Organet %(name)s finns redan.") % {"name": data.name.strip()}
    v.raise_if(errors)
    with atomic_unique("name", _("Organet %(name)s finns redan.") % {"name": data.name.strip()}):
        body = Body.objects.create(
            name=data.name.strip(),
            kind=data.kind,
            agreement=agreement,
            parent=parent,
            chair=chair,
            chair_title=data.chair_title,
            governance=data.governance,
            is_demo=is_demo,
        )
        body.organisations.set(orgs)
        body.units.set(units)
        body.areas.set(_areas(data.area_names))
        record(actor=actor, action="create", obj=body, after=snapshot(body))
    return body


def add_body_member(*, actor, body: Body, user, organisation: Organisation | None = None) -> BodyMembership:
    require(actor, "change_body", body, _("Endast administratörer och ordföranden ändrar ett organs ledamöter."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                membership = BodyMembership.objects.create(body=body, user=user, organisation=organisation)
        except IntegrityError:
            raise ValidationFailed(
                _("%(user)s är redan ledamot i %(body)s.") % {"user": user, "body": body},
                errors={"user_id": _("Redan ledamot.")},
            ) from None
        record(actor=actor, action="create", obj=membership, after=snapshot(membership))
    return membership
