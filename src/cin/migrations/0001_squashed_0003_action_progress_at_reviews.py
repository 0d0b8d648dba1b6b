import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('cin', '0001_initial'), ('cin', '0002_version_for_edit_conflicts'), ('cin', '0003_action_progress_at_reviews')]

    initial = True

    dependencies = [
        ('frontdoor', '0001_squashed_0003_contact_threshold_reason'),
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CINPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField()),
                ('worries', models.TextField(blank=True, verbose_name='What we are worried about')),
                ('goals', models.TextField(blank=True, verbose_name='What needs to change (goals)')),
                ('signed_off_on', models.DateField(blank=True, null=True)),
                ('end_date', models.DateField(blank=True, null=True)),
                ('end_reason', models.CharField(blank=True, max_length=300)),
                ('status', models.CharField(choices=[('DRAFT', 'Awaiting sign-off'), ('ACTIVE', 'Active'), ('ENDED', 'Ended')], default='DRAFT', max_length=10)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cin_plans', to='people.person')),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frontdoor.referral')),
                ('signed_off_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['-start_date', '-id'],
            },
        ),
        migrations.CreateModel(
            name='CINPlanAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('who_person', models.CharField(blank=True, max_length=120, verbose_name='Who (person)')),
                ('who_agency', models.CharField(blank=True, max_length=120, verbose_name='Who (agency)')),
                ('what', models.TextField(blank=True, verbose_name='What needs to happen')),
                ('by_when', models.DateField(blank=True, null=True, verbose_name='By when')),
                ('serves', models.CharField(blank=True, max_length=300, verbose_name='The worry or goal it serves')),
                ('status', models.CharField(choices=[('NOT_STARTED', 'Not started'), ('IN_PROGRESS', 'In progress'), ('DONE', 'Done'), ('NOT_DONE', 'Not done')], default='NOT_STARTED', max_length=20)),
                ('progress', models.TextField(blank=True, verbose_name='Latest progress')),
                ('progress_noted_on', models.DateField(blank=True, null=True)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='cin.cinplan')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='CINPlanStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='cin.cinplan')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='CINReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField()),
                ('progress', models.TextField()),
                ('child_views', models.TextField(blank=True, verbose_name="The child's views")),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='cin.cinplan')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-held_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='CINActionProgress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('noted_on', models.DateField()),
                ('status', models.CharField(max_length=20)),
                ('note', models.TextField()),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress_notes', to='cin.cinplanaction')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cin.cinreview')),
            ],
            options={
                'ordering': ['-noted_on', '-id'],
            },
        ),
    ]
