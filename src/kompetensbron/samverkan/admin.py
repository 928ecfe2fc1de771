"""Django admin for every Samverkan model. The audit log is read-only.

The admin is the administrators' tool for corrections (the pages and the API, through
:mod:`.services`, are the everyday path). Changes made here do not go through the services, but
every ModelAdmin below uses :class:`AuditedAdminMixin`: each save (create/update, including
inline rows) and each delete (also the bulk "delete selected" action) writes an :class:`~.models.AuditEntry` with the same :func:`.audit.snapshot`
serialisation the services use, inside the admin's own transaction — so a failed or refused
admin action leaves no entry.
"""

from django import forms
from django.contrib import admin
from django.db import router, transaction
from django.db.models import URLField
from django.utils.translation import gettext_lazy as _

from . import models
from .audit import record, snapshot


def _fresh_snapshot(obj):
    """The stored state of ``obj`` (the form has already copied its input onto ``obj``)."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored) if stored is not None else None


class AuditedAdminMixin:
    """Writes an audit entry for every admin save and delete, in the admin's transaction.

    ``changeform_view`` and ``delete_view`` already run in ``transaction.atomic``; the bulk
    delete action does not, so :meth:`delete_queryset` opens its own.
    """

    # a web address typed without scheme means https (Django 6's default; no 5.x warning)
    formfield_overrides = {URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        # Before-state read from the database: the form has already modified ``obj``.
        obj._audit_before = _fresh_snapshot(obj) if change else None
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Many-to-many fields and inlines are saved here, so the after-state is complete only now.
        super().save_related(request, form, formsets, change)
        obj = form.instance
        before = getattr(obj, "_audit_before", None)
        after = snapshot(obj)
        if change and before == after:
            return
        record(actor=request.user, action="update" if change else "create", obj=obj, before=before, after=after)

    def save_formset(self, request, form, formset, change):
        befores = {}
        for inline_form in formset.initial_forms:
            instance = inline_form.instance
            if instance.pk is None:
                continue
            if formset.can_delete and formset._should_delete_form(inline_form):
                record(actor=request.user, action="delete", obj=instance, before=_fresh_snapshot(instance))
            elif inline_form.has_changed():
                befores[instance.pk] = _fresh_snapshot(instance)
        super().save_formset(request, form, formset, change)
        for instance in getattr(formset, "new_objects", []):
            record(actor=request.user, action="create", obj=instance, after=snapshot(instance))
        for instance, _fields in getattr(formset, "changed_objects", []):
            record(
                actor=request.user,
                action="update",
                obj=instance,
                before=befores.get(instance.pk),
                after=snapshot(instance),
            )

    def delete_model(self, request, obj):
        record(actor=request.user, action="delete", obj=obj, before=_fresh_snapshot(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(self.model)):
            for obj in queryset:
                record(actor=request.user, action="delete", obj=obj, before=snapshot(obj))
            super().delete_queryset(request, queryset)


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    pass


class UnitInline(admin.TabularInline):
    model = models.Unit
    extra = 0


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["user"]


class DocumentInline(admin.TabularInline):
    model = models.AgreementDocument
    extra = 0


class BodyMembershipInline(admin.TabularInline):
    model = models.BodyMembership
    extra = 0
    autocomplete_fields = ["user"]


class DecisionInline(admin.TabularInline):
    model = models.Decision
    extra = 0


class FundingInline(admin.TabularInline):
    model = models.FundingApplication
    extra = 0


class IndicatorYearInline(admin.TabularInline):
    model = models.IndicatorYear
    extra = 0


@admin.register(models.Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "kommun", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name"]
    raw_id_fields = ["kommun"]
    inlines = [UnitInline, MembershipInline]


@admin.register(models.DevelopmentArea)
class DevelopmentAreaAdmin(AuditedModelAdmin):
    search_fields = ["name"]


@admin.register(models.Agreement)
class AgreementAdmin(AuditedModelAdmin):
    list_display = ["title", "period_start", "period_end", "is_demo"]
    search_fields = ["title"]
    filter_horizontal = ["parties", "areas"]
    inlines = [DocumentInline]


@admin.register(models.Body)
class BodyAdmin(AuditedModelAdmin):
    list_display = ["name", "kind", "parent", "agreement", "is_demo"]
    list_filter = ["kind"]
    search_fields = ["name"]
    filter_horizontal = ["organisations", "areas"]
    inlines = [BodyMembershipInline]


@admin.register(models.Activity)
class ActivityAdmin(AuditedModelAdmin):
    list_display = ["title", "phase", "status", "owner", "working_group", "period_start", "is_demo"]
    list_filter = ["phase", "status", "is_demo"]
    search_fields = ["title"]
    filter_horizontal = ["partners"]
    inlines = [DecisionInline, FundingInline]


@admin.register(models.Decision)
class DecisionAdmin(AuditedModelAdmin):
    list_display = ["date", "activity", "outcome", "body"]


@admin.register(models.FundingApplication)
class FundingApplicationAdmin(AuditedModelAdmin):
    list_display = ["activity", "funder", "programme", "amount_applied", "amount_granted", "status", "deadline"]
    list_filter = ["status"]


@admin.register(models.Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["name", "agreement", "unit"]
    inlines = [IndicatorYearInline]


admin.site.register(models.Unit, AuditedModelAdmin)
admin.site.register(models.Membership, AuditedModelAdmin)
admin.site.register(models.BodyMembership, AuditedModelAdmin)
admin.site.register(models.AgreementDocument, AuditedModelAdmin)
admin.site.register(models.IndicatorYear, AuditedModelAdmin)
admin.site.register(models.PartyInvitation, AuditedModelAdmin)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "model", "object_id", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# ------------------------------------------------------------------ accounts
#
# Granting staff or superuser status, permissions or groups and changing a person's e-mail
# in the admin are audited like every other admin save (before/after of the account, without
# the password hash); setting a password is audited as "set_password".

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.admin import UserAdmin  # noqa: E402
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm  # noqa: E402

_User = get_user_model()
if admin.site.is_registered(_User):
    admin.site.unregister(_User)


class UniqueEmailChangeForm(UserChangeForm):
    """The admin's account form: an e-mail address belongs to one account (it is a login name,
    :mod:`kompetensbron.web.email_login`)."""

    def clean_email(self):
        from kompetensbron.web.email_login import email_taken

        email = (self.cleaned_data.get("email") or "").strip()
        if email_taken(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("Det finns redan ett konto med den e-postadressen."))
        return email


class UniqueEmailCreationForm(AdminUserCreationForm):
    """A new account's username may not be another account's e-mail address."""

    def clean_username(self):
        from kompetensbron.web.email_login import email_taken

        username = self.cleaned_data.get("username") or ""
        if "@" in username and email_taken(username):
            raise forms.ValidationError(_("Det finns redan ett konto med den e-postadressen."))
        return username


@admin.register(_User)
class AuditedUserAdmin(AuditedAdminMixin, UserAdmin):
    form = UniqueEmailChangeForm
    add_form = UniqueEmailCreationForm

    def user_change_password(self, request, id, form_url=""):
        """A password set in the admin is audited too (that it happened, never the hash)."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, id)
                if user is not None:
                    record(
                        actor=request.user,
                        action="set_password",
                        obj=user,
                        after={"id": user.pk, "is_active": user.is_active},
                    )
        return response
