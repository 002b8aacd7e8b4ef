"""Load CSCO-2022 (data/csco22.csv) and its ISCO-08 / ESCO links (data/csco_esco_alignment.csv)."""

from django.db import migrations

from zhijiang.occupations import loading


def forwards(apps, schema_editor):
    occupation = apps.get_model("occupations", "Occupation")
    loading.taxonomy_sync(loading.read_taxonomy(), occupation)
    loading.links_sync(
        loading.ALIGNMENT_FILE, occupation, apps.get_model("occupations", "InternationalLink")
    )


class Migration(migrations.Migration):
    dependencies = [("occupations", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
