import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('early_help', '0001_initial'), ('early_help', '0002_version_for_edit_conflicts')]

    initial = True

    dependencies = [
        ('frontdoor', '0001_squashed_0003_contact_threshold_reason'),
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EarlyHelpEpisode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField()),
                ('reason', models.TextField()),
                ('entry_route', models.CharField(choices=[('DIRECT', 'Request for early help'), ('FRONT_DOOR', 'Stepped to early help by the front door'), ('STEP_DOWN', "Step-down from children's social care")], default='DIRECT', max_length=12)),
                ('lead_professional_name', models.CharField(blank=True, max_length=120)),
                ('lead_professional_agency', models.CharField(blank=True, max_length=120)),
                ('end_date', models.DateField(blank=True, null=True)),
                ('end_reason', models.CharField(blank=True, choices=[('OUTCOMES_MET', 'Outcomes met'), ('STEP_UP', "Stepped up to children's social care"), ('NFA', 'No further action'), ('DECLINED', 'Family declined or withdrew consent'), ('MOVED', 'Moved out of the area'), ('OTHER', 'Other')], max_length=14)),
                ('status', models.CharField(choices=[('OPEN', 'Open'), ('CLOSED', 'Closed')], default='OPEN', max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='early_help_episodes', to='people.person')),
                ('worker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['-start_date', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='early_help_ended_after_start')],
            },
        ),
        migrations.CreateModel(
            name='EarlyHelpAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_on', models.DateField()),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('outcome', models.TextField(blank=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='early_help.earlyhelpepisode')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['started_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='EpisodeStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='early_help.earlyhelpepisode')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='FamilyGroupConferenceRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('requested_on', models.DateField()),
                ('held_on', models.DateField(blank=True, null=True)),
                ('withdrawn_on', models.DateField(blank=True, null=True)),
                ('notes', models.TextField(blank=True)),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='fgc_requests', to='early_help.earlyhelpepisode')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['requested_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Handover',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('direction', models.CharField(choices=[('STEP_UP', "Step-up to children's social care"), ('STEP_DOWN', "Step-down from children's social care")], max_length=10)),
                ('handover_date', models.DateField()),
                ('from_service', models.CharField(max_length=120)),
                ('to_service', models.CharField(max_length=120)),
                ('reason', models.TextField()),
                ('summary', models.TextField()),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='early_help_handovers', to='frontdoor.contact')),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='handovers', to='early_help.earlyhelpepisode')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['handover_date', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PlanAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('what', models.TextField()),
                ('who', models.CharField(max_length=120)),
                ('by_when', models.DateField()),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='early_help.earlyhelpepisode')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['by_when', 'id'],
            },
        ),
        migrations.CreateModel(
            name='PlanReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reviewed_on', models.DateField()),
                ('progress', models.TextField()),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='early_help.earlyhelpepisode')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['reviewed_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='TeamAroundFamilyMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField()),
                ('notes', models.TextField(blank=True)),
                ('episode', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='meetings', to='early_help.earlyhelpepisode')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['held_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='MeetingAttendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('agency', models.CharField(blank=True, max_length=120)),
                ('attended', models.BooleanField()),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='early_help.teamaroundfamilymeeting')),
            ],
            options={
                'ordering': ['-attended', 'name'],
            },
        ),
    ]
