"""Every Matchning form renders through includes/_form_fields.html (issue 14, one look): an invalid
POST shows the error summary, the field's error and (where a field is required) the marker."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from kompetensbron.matchning.models import Opportunity


def _client(user=None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


def _assert_form_partial(resp, *, required: bool = True) -> str:
    html = resp.content.decode()
    assert resp.status_code in (200, 422), resp.status_code
    assert 'class="error-summary"' in html and 'class="field-error"' in html
    assert ('class="required-marker"' in html) is required
    assert "The one rendering" not in html and "{#" not in html  # the partial's description is no output
    return html


def test_invalid_posts_show_the_error_summary_and_required_markers(mworld):
    w = mworld
    html = _assert_form_partial(
        _client(w.employer_member).post(reverse("matchning:opportunity_create"), {"action": "save", "title": ""})
    )
    assert 'id="mt-required-labels"' in html and 'value="suggest"' in html  # the per-field additions stay
    assert not Opportunity.objects.exists()
    _assert_form_partial(_client(w.uni_coordinator).post(reverse("matchning:round_create"), {"title": ""}))
    _assert_form_partial(_client().post(reverse("matchning:register"), {"email": "inte-en-adress"}))
    # the profile has no required field: no marker, but the summary and the field's error
    _assert_form_partial(
        _client(w.student).post(reverse("matchning:profile"), {"available_from": "inte ett datum"}), required=False
    )


def test_matchning_forms_link_back_to_matchning_in_both_languages(mworld):
    """Review 19: the opportunity, round and profile forms have a cancel link to Matchning's start."""
    for user, url in (
        (mworld.employer_member, "/matchning/mojligheter/ny/"),
        (mworld.uni_coordinator, "/matchning/omgangar/ny/"),
        (mworld.student, "/matchning/profil/"),
    ):
        client = _client(user)
        for language, word in (("sv", "Avbryt"), ("en", "Cancel")):
            html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
            assert f'<a class="form-cancel" href="/matchning/">{word}</a>' in html, (url, language)
