"""Names of organisations and bodies and titles of agreements are unique regardless of case in
the database too, so two concurrent creates of "Region X" and "region x" cannot both land
(issue 8, item 5); the services report the loser with 422 (``unique_writes.atomic_unique``)."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("samverkan", "0002_repair_out_of_range_amounts")]

    operations = [
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"), name="samverkan_organisation_name_ci", violation_error_message="Det finns redan en organisation med det namnet."
            ),
        ),
        migrations.AddConstraint(
            model_name="agreement",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("title"), name="samverkan_agreement_title_ci", violation_error_message="Det finns redan ett avtal med den titeln."
            ),
        ),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"), name="samverkan_body_name_ci", violation_error_message="Det finns redan ett organ med det namnet."
            ),
        ),
    ]
