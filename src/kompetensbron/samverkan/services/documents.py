"""An agreement's documents (links): added and removed by a party's coordinator
(``samverkan.change_agreement``), audited as a change of the agreement (its snapshot holds them)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kompetensbron.errors import NotFound

from .. import validation as v
from ..audit import record, snapshot
from ..models import Agreement, AgreementDocument
from ..permissions import require
from ..schemas import DocumentCreate

__all__ = ["add_agreement_document", "remove_agreement_document"]

MAX_DOCUMENTS = 50


def add_agreement_document(*, actor, agreement: Agreement, data: DocumentCreate) -> AgreementDocument:
    require(actor, "change_agreement", agreement, _("Endast avtalsparternas samordnare ändrar avtalets dokument."))
    errors = v.check_required(title=data.title, url=data.url)
    if agreement.documents.count() >= MAX_DOCUMENTS:
        errors["title"] = _("Ett avtal har högst %(count)s dokument.") % {"count": MAX_DOCUMENTS}
    v.raise_if(errors)
    with transaction.atomic():
        before = snapshot(agreement)
        doc = AgreementDocument.objects.create(agreement=agreement, title=data.title.strip(), url=data.url)
        record(actor=actor, action="update", obj=agreement, before=before, after=snapshot(agreement))
    return doc


def remove_agreement_document(*, actor, agreement: Agreement, document_id: int) -> None:
    require(actor, "change_agreement", agreement, _("Endast avtalsparternas samordnare ändrar avtalets dokument."))
    with transaction.atomic():
        doc = agreement.documents.select_for_update().filter(pk=document_id).first()
        if doc is None:
            raise NotFound(_("Okänt dokument: %(document_id)s") % {"document_id": document_id})
        before = snapshot(agreement)
        doc.delete()
        record(actor=actor, action="update", obj=agreement, before=before, after=snapshot(agreement))
