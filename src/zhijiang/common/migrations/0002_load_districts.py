"""Load Chongqing's 38 districts and counties from data/districts.csv (GB/T 2260 codes)."""

from django.db import migrations

from zhijiang.common.districts import load_districts


def forwards(apps, schema_editor):
    load_districts(apps.get_model("common", "District"))


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
