"""Each name key carries its person's date of birth (`people.models.NameKey`), so the duplicate
check finds the people born on a few dates with a few keys in one index: filled here for the
keys already made; `people.search.name_keys` fills it from now on."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def carry_the_date_of_birth(apps, schema_editor):
    name_key = apps.get_model("people", "NameKey")
    person = apps.get_model("people", "Person")
    born = person._base_manager.filter(pk=OuterRef("person_id")).values("date_of_birth")[:1]
    name_key._base_manager.update(date_of_birth=Subquery(born))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0005_name_key_index_carries_the_person"),
    ]

    operations = [
        migrations.AddField(
            model_name="namekey",
            name="date_of_birth",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(carry_the_date_of_birth, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="namekey",
            index=models.Index(fields=["date_of_birth", "key", "person"], name="namekey_born_key"),
        ),
    ]
