"""Repair rows stored before amounts were bounded (issue 8, item 1).

Before the API refused them, SQLite stored amounts and indicator values with more digits than
the columns hold (e.g. 2⁶³); every later read of such a row raised ``decimal.InvalidOperation``
and broke the pages that show it. This migration finds them without reading the values
(filtering in SQL, fetching only ids) and resets them: an applied amount to 0 with a note saying
why, a granted amount, target or value to empty. PostgreSQL never held such rows (its numeric
column refuses them), so there it changes nothing.
"""

from decimal import Decimal

from django.db import migrations
from django.db.models import Q

LIMIT = Decimal("1e12")  # DecimalField(max_digits=14, decimal_places=2) holds less than 10¹²
NOTE = "Beloppet var större än vad som kan lagras och har nollställts; ange det på nytt."


def _out_of_range(field: str) -> Q:
    return Q(**{f"{field}__gte": LIMIT}) | Q(**{f"{field}__lte": -LIMIT})


def repair(apps, schema_editor):
    FundingApplication = apps.get_model("samverkan", "FundingApplication")
    IndicatorYear = apps.get_model("samverkan", "IndicatorYear")
    for pk in FundingApplication.objects.filter(_out_of_range("amount_applied")).values_list("pk", flat=True):
        FundingApplication.objects.filter(pk=pk).update(amount_applied=Decimal("0"))
        note = FundingApplication.objects.filter(pk=pk).values_list("note", flat=True).first() or ""
        FundingApplication.objects.filter(pk=pk).update(note=(note + "\n" + NOTE).strip())
    FundingApplication.objects.filter(_out_of_range("amount_granted")).update(amount_granted=None)
    IndicatorYear.objects.filter(_out_of_range("target")).update(target=None)
    IndicatorYear.objects.filter(_out_of_range("value")).update(value=None)


class Migration(migrations.Migration):
    dependencies = [("samverkan", "0001_initial")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
