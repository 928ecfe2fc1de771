"""Toy reference rows and a council for the meeting, need and link tests."""

from __future__ import annotations

from django.utils import timezone

from kompetensbron.reference.models import DataLoad, Kommun, Lan, SsykGroup
from kompetensbron.samverkan import services
from kompetensbron.samverkan.schemas import BodyCreate


def toy_reference() -> None:
    load, _ = DataLoad.objects.get_or_create(
        dataset="toy-samverkan-meetings",
        defaults=dict(
            title="toy",
            source_file="toy",
            version="1",
            publisher="test",
            licence="CC0",
            sha256="0" * 64,
            loaded_at=timezone.now(),
        ),
    )
    # get_or_create: the session database may already hold the real snapshot
    sthlm, _ = Lan.objects.get_or_create(code="01", defaults={"name": "Stockholms län", "load": load})
    Kommun.objects.get_or_create(code="0126", defaults={"name": "Huddinge", "lan": sthlm, "load": load})
    top, _ = SsykGroup.objects.get_or_create(code="2", defaults={"level": 1, "label": "Specialistyrken", "load": load})
    SsykGroup.objects.get_or_create(
        code="2343", defaults={"level": 4, "label": "Förskollärare", "parent": top, "load": load}
    )


def council(world, *members):
    """A council (Högskolerådet-like) of the world's agreement with the given members."""
    body = services.create_body(
        actor=world.admin, data=BodyCreate(name="Högskolerådet", kind="council", agreement_id=world.agreement.pk)
    )
    for user, org in members:
        services.add_body_member(actor=world.admin, body=body, user=user, organisation=org)
    return body
