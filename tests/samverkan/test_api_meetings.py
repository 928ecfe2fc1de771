"""The meeting-document upload of the API (multipart): the page's rules — who may (the body's
members), which files (type, content, size) — and the audit entry, through the one service."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kompetensbron.samverkan import services
from kompetensbron.samverkan.models import AuditEntry, MeetingDocument
from kompetensbron.samverkan.schemas_meetings import MeetingCreate

from .meeting_fixtures import council

M = services.meetings
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def meeting(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    body = council(world, (world.coordinator, world.kommun), (world.sg_member, world.uni))
    return M.create_meeting(actor=world.coordinator, body=body, data=MeetingCreate(date=dt.date(2025, 3, 12)))


def _upload(user, meeting, name="dagordning.pdf", content=PDF, content_type="application/pdf", title="Dagordning"):
    client = Client()
    client.force_login(user)
    file = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(f"/api/v1/samverkan/meetings/{meeting.pk}/documents/file", {"title": title, "file": file})


def test_a_member_uploads_a_document_and_it_is_audited(world, meeting):
    response = _upload(world.coordinator, meeting)
    assert response.status_code == 201, response.content
    doc = MeetingDocument.objects.get(meeting=meeting)
    assert doc.title == "Dagordning" and doc.file.name.startswith("samverkan/moten/") and doc.file.read() == PDF
    assert [d["title"] for d in response.json()["documents"]] == ["Dagordning"]
    assert AuditEntry.objects.filter(model="samverkan.meetingdocument", object_id=str(doc.pk), action="create").exists()


def test_others_are_refused_and_nothing_is_written(world, meeting):
    audit = AuditEntry.objects.count()
    assert _upload(world.wg_member, meeting).status_code == 403  # in the kommun, not in the council
    assert _upload(world.outsider, meeting).status_code == 403
    assert not MeetingDocument.objects.exists() and AuditEntry.objects.count() == audit


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "application/octet-stream", "Tillåtna filtyper"),
        ("falsk.pdf", b"<html>", "application/pdf", "inte en .pdf-fil"),
        ("fel.pdf", PDF, "text/html", "stämmer inte"),
    ],
)
def test_wrong_types_are_refused_with_422(world, meeting, name, content, content_type, message):
    response = _upload(world.coordinator, meeting, name, content, content_type)
    assert response.status_code == 422 and message in response.json()["errors"]["file"]
    assert not MeetingDocument.objects.exists()


def test_too_large_a_file_or_no_file_or_title_is_refused_with_422(world, meeting, monkeypatch):
    monkeypatch.setattr(M, "MAX_DOCUMENT_BYTES", len(PDF) - 1)
    response = _upload(world.coordinator, meeting)
    assert response.status_code == 422 and "högst" in response.json()["errors"]["file"]
    client = Client()
    client.force_login(world.coordinator)
    no_file = client.post(f"/api/v1/samverkan/meetings/{meeting.pk}/documents/file", {"title": "x"})
    assert no_file.status_code == 422
    assert _upload(world.coordinator, meeting, title="x" * 1000).status_code == 422
    assert not MeetingDocument.objects.exists()
