import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('protection', '0001_initial'), ('protection', '0002_cp_plan_previous_plans_elsewhere'), ('protection', '0003_version_for_edit_conflicts')]

    initial = True

    dependencies = [
        ('frontdoor', '0001_squashed_0003_contact_threshold_reason'),
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CPPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField(help_text='The date of the conference that made the plan.')),
                ('category', models.CharField(choices=[('NEG', 'Neglect'), ('PHY', 'Physical abuse'), ('SAB', 'Sexual abuse'), ('EMO', 'Emotional abuse'), ('MUL', 'Multiple')], max_length=3)),
                ('worries', models.TextField(blank=True, verbose_name='What we are worried about')),
                ('goals', models.TextField(blank=True, verbose_name='What needs to change (goals)')),
                ('first_core_group_due', models.DateField()),
                ('first_review_due', models.DateField()),
                ('calendar_version', models.CharField(max_length=40)),
                ('signed_off_on', models.DateField(blank=True, null=True)),
                ('end_date', models.DateField(blank=True, null=True)),
                ('end_reason', models.CharField(blank=True, max_length=300)),
                ('step_down', models.CharField(blank=True, choices=[('CIN', 'Child in need plan'), ('EARLY_HELP', 'Early help'), ('NFA', 'No further action'), ('LOOKED_AFTER', 'Became looked after'), ('MOVED', 'Moved to another authority')], max_length=20)),
                ('status', models.CharField(choices=[('DRAFT', 'Awaiting sign-off'), ('ACTIVE', 'Active'), ('ENDED', 'Ended')], default='DRAFT', max_length=10)),
                ('chair', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cp_plans', to='people.person')),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frontdoor.referral')),
                ('previous_plans_elsewhere', models.PositiveSmallIntegerField(default=0, help_text='Child protection plans the child had with other authorities before this one (with the plans recorded here: CIN census NumberOfPreviousCPP).')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['-start_date', '-id'],
                'indexes': [models.Index(fields=['status', 'person'], name='protection__status_d6da15_idx')],
            },
        ),
        migrations.CreateModel(
            name='CoreGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField()),
                ('agencies', models.JSONField(default=list)),
                ('attendees', models.TextField(blank=True)),
                ('notes', models.TextField(blank=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='core_groups', to='protection.cpplan')),
            ],
            options={
                'ordering': ['-held_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Conference',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('INITIAL', 'Initial child protection conference'), ('REVIEW', 'Review child protection conference'), ('TRANSFER_IN', 'Transfer-in conference')], max_length=12)),
                ('held_on', models.DateField()),
                ('due_on', models.DateField(blank=True, null=True)),
                ('calendar_version', models.CharField(blank=True, max_length=40)),
                ('attendees', models.TextField(blank=True)),
                ('agencies_attended', models.JSONField(default=list)),
                ('agencies_reported', models.JSONField(default=list)),
                ('parent_participation', models.TextField(blank=True, verbose_name="Parents' participation and views")),
                ('child_participation', models.CharField(blank=True, choices=[('PN0', 'Child aged under 4 at the time of the review'), ('PN1', 'Child physically attends and speaks for themselves'), ('PN2', 'Child physically attends and an advocate speaks on their behalf'), ('PN3', 'Child attends and conveys their view symbolically (non-verbally)'), ('PN4', 'Child physically attends but does not speak or convey a view'), ('PN5', 'Child does not attend but briefs an advocate to speak for them'), ('PN6', 'Child does not attend but conveys their feelings by a facilitative medium'), ('PN7', 'Child does not attend nor are their views conveyed')], max_length=3)),
                ('child_views', models.TextField(blank=True, verbose_name="The child's views")),
                ('decision', models.CharField(choices=[('PLAN', 'Child protection plan'), ('NO_PLAN', 'No child protection plan'), ('CONTINUE', 'Continue the plan'), ('END', 'End the plan')], max_length=10)),
                ('category', models.CharField(blank=True, choices=[('NEG', 'Neglect'), ('PHY', 'Physical abuse'), ('SAB', 'Sexual abuse'), ('EMO', 'Emotional abuse'), ('MUL', 'Multiple')], max_length=3)),
                ('chair', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cp_conferences', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frontdoor.referral')),
                ('plan', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='conferences', to='protection.cpplan')),
            ],
            options={
                'ordering': ['-held_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ChairCheck',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('CHECK', 'Between-review check'), ('CHALLENGE', 'Challenge (escalation)')], max_length=10)),
                ('raised_on', models.DateField()),
                ('concern', models.TextField()),
                ('outcome', models.TextField(blank=True)),
                ('resolved_on', models.DateField(blank=True, null=True)),
                ('chair', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chair_checks', to='protection.cpplan')),
            ],
            options={
                'ordering': ['-raised_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='CPPlanAction',
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
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='protection.cpplan')),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ActionProgress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('noted_on', models.DateField()),
                ('status', models.CharField(max_length=20)),
                ('note', models.TextField()),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('conference', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='protection.conference')),
                ('core_group', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='protection.coregroup')),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='progress_notes', to='protection.cpplanaction')),
            ],
            options={
                'ordering': ['-noted_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='CPPlanStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='protection.cpplan')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ManagementDecision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decision', models.TextField()),
                ('rationale', models.TextField()),
                ('context', models.CharField(blank=True, help_text='What it relates to (a link or a name).', max_length=200)),
                ('decided_on', models.DateField()),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='management_decisions', to='people.person')),
            ],
            options={
                'ordering': ['-decided_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='S47Enquiry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField()),
                ('icpc_due', models.DateField()),
                ('calendar_version', models.CharField(max_length=40)),
                ('outcome', models.CharField(blank=True, choices=[('ICPC', 'Concerns substantiated: initial conference'), ('CIN', 'Concerns substantiated, child not at continuing risk: child in need'), ('NFA', 'Concerns not substantiated: no further action')], max_length=10)),
                ('outcome_date', models.DateField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='s47_enquiries', to='people.person')),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frontdoor.referral')),
            ],
            options={
                'ordering': ['-start_date', '-id'],
            },
        ),
        migrations.AddField(
            model_name='conference',
            name='s47',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='conferences', to='protection.s47enquiry'),
        ),
        migrations.CreateModel(
            name='StrategyDiscussion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField()),
                ('is_meeting', models.BooleanField(default=False)),
                ('agencies', models.JSONField(default=list, help_text='Agency values that took part')),
                ('participants', models.TextField(blank=True)),
                ('information_shared', models.TextField()),
                ('decision', models.CharField(choices=[('S47_SINGLE', 'Section 47 enquiry (single agency)'), ('S47_JOINT', 'Section 47 enquiry (joint with the police)'), ('NO_S47', 'No section 47 enquiry')], max_length=20)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='strategy_discussions', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='frontdoor.referral')),
            ],
            options={
                'ordering': ['-held_on', '-id'],
            },
        ),
        migrations.AddField(
            model_name='s47enquiry',
            name='strategy_discussion',
            field=models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='s47', to='protection.strategydiscussion'),
        ),
    ]
