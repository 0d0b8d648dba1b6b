import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('care_leavers', '0001_initial'), ('care_leavers', '0002_version_for_edit_conflicts')]

    initial = True

    dependencies = [
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CareLeaver',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recorded_category', models.CharField(choices=[('ELIGIBLE', 'Eligible'), ('RELEVANT', 'Relevant'), ('FORMER_RELEVANT', 'Former relevant'), ('QUALIFYING', 'Qualifying'), ('NONE', 'Not a care leaver')], max_length=20, verbose_name='Recorded eligibility category')),
                ('category_note', models.CharField(blank=True, max_length=300)),
                ('la_provides_accommodation', models.BooleanField(default=False, help_text='The authority provides the accommodation (PA visits every 2 months).')),
                ('needs_assessment_completed_on', models.DateField(blank=True, null=True)),
                ('staying_put', models.BooleanField(default=False)),
                ('staying_put_start', models.DateField(blank=True, null=True)),
                ('higher_education', models.BooleanField(default=False)),
                ('bursary_paid_on', models.DateField(blank=True, null=True, verbose_name='Higher education bursary paid on')),
                ('vacation_accommodation', models.CharField(blank=True, max_length=300)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='care_leaver', to='people.person')),
                ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
        ),
        migrations.CreateModel(
            name='PathwayPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('plan_date', models.DateField()),
                ('summary', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pathway_plans', to='people.person')),
            ],
            options={
                'ordering': ['-plan_date', '-id'],
            },
        ),
        migrations.CreateModel(
            name='PathwayAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('who', models.CharField(max_length=120)),
                ('what', models.CharField(max_length=500)),
                ('due_by', models.DateField()),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='care_leavers.pathwayplan')),
            ],
            options={
                'ordering': ['due_by', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PathwayPlanReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reviewed_on', models.DateField()),
                ('due_on', models.DateField()),
                ('calendar_version', models.CharField(max_length=40)),
                ('notes', models.TextField(blank=True)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='care_leavers.pathwayplan')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-reviewed_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='BirthdayStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('age', models.PositiveSmallIntegerField(help_text='The birthday this status is for (17 to 21).')),
                ('contact_date', models.DateField()),
                ('in_touch', models.CharField(choices=[('YES', 'Yes'), ('NO', 'No'), ('DIED', 'Died'), ('REFU', 'Young person refuses contact'), ('NREQ', 'Young person no longer requires services'), ('RHOM', 'Young person has returned home to parents or PR holder for 6 months or more')], max_length=4)),
                ('activity', models.CharField(blank=True, choices=[('F1', 'Full-time in higher education'), ('P1', 'Part-time in higher education'), ('F2', 'Full-time in education other than higher education'), ('P2', 'Part-time in education other than higher education'), ('F4', 'Full-time apprenticeship'), ('P4', 'Part-time apprenticeship'), ('F5', 'Full-time training or employment'), ('P5', 'Part-time training or employment'), ('G4', 'Not in education, employment or training – illness or disability'), ('G5', 'Not in education, employment or training – other reasons'), ('G6', 'Not in education, employment or training – pregnancy or parenting')], max_length=2)),
                ('accommodation', models.CharField(blank=True, choices=[('B', 'With parents or relatives'), ('C', 'Community home or other form of residential care'), ('D', 'Semi-independent, transitional accommodation'), ('E', 'Supported lodgings'), ('G', 'Gone abroad'), ('H', 'Deported'), ('K', 'Ordinary lodgings, without formal support'), ('R', 'Residence not known'), ('S', 'No fixed abode or homeless'), ('T', 'Foyers and similar supported accommodation'), ('U', 'Independent living'), ('V', 'Emergency accommodation'), ('W', 'Bed and breakfast'), ('X', 'In custody'), ('Y', 'Other accommodation'), ('Z', 'With former foster carers')], max_length=1)),
                ('suitability', models.CharField(blank=True, choices=[('1', 'Suitable'), ('2', 'Not suitable')], max_length=1)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='oc3_statuses', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['age'],
                'constraints': [models.UniqueConstraint(fields=('person', 'age'), name='oc3_one_status_per_birthday')],
            },
        ),
    ]
