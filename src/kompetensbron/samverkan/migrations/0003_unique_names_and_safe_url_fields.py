"""Names of organisations and bodies and titles of agreements are unique regardless of case in
the database too, so two concurrent creates of "Region X" and "region x" cannot both land
(issue 8, item 5); the services report the loser with 422 (``unique_writes.atomic_unique``).

Website and document URLs accept only http(s) in the model too, so the admin refuses a
``javascript:`` link like the API and the forms (issue 8, item 2)."""

import django.db.models.functions.text
from django.db import migrations, models

import kompetensbron.input_types


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
        migrations.AlterField(
            model_name="agreementdocument",
            name="url",
            field=models.URLField(blank=True, validators=[kompetensbron.input_types.validate_web_url], verbose_name="länk"),
        ),
        migrations.AlterField(
            model_name="organisation",
            name="website",
            field=models.URLField(blank=True, validators=[kompetensbron.input_types.validate_web_url], verbose_name="webbplats"),
        ),
    ]
