"""The quality app's tables, and the authority's starting standards and its case audit tool
as data it can change (squashed from 0001-0009).

0007's conversion of actions already marked done to the status done is not carried: this
migration only runs on a database without the quality tables, where there are no actions.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from datetime import date
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

TOOL = "Practice quality audit"
SECTIONS = [
    ("The child's voice", ["Is the child seen, and seen alone, and are their wishes and feelings recorded in their words?"]),
    ("Quality of assessment", ["Does the assessment analyse need and risk, with the history, and reach a clear conclusion?"]),
    ("SMART planning", ["Is the plan specific, with outcomes, who does what by when, and a contingency?"]),
    ("Management oversight", ["Is management oversight and supervision on the file, with rationale and direction?"]),
    ("Identity and diversity", ["Are the child's identity, culture, language and faith understood and used in planning?"]),
    ("Impact on the child", ["Is the child's situation improving because of what we have done?"]),
]


def seed_standard_and_audit_tool(apps, schema_editor):
    Standard = apps.get_model("quality", "Standard")
    AuditTool = apps.get_model("quality", "AuditTool")
    AuditSection = apps.get_model("quality", "AuditSection")
    AuditQuestion = apps.get_model("quality", "AuditQuestion")
    Standard.objects.get_or_create(in_force_from=date(2020, 1, 1))
    tool, created = AuditTool.objects.get_or_create(
        name=TOOL, defaults={"description": "The authority's monthly case audit of practice quality."}
    )
    if not created:
        return
    for order, (title, questions) in enumerate(SECTIONS, start=1):
        section = AuditSection.objects.create(tool=tool, order=order, title=title)
        for number, text in enumerate(questions, start=1):
            AuditQuestion.objects.create(section=section, order=number, text=text)



class Migration(migrations.Migration):

    replaces = [('quality', '0001_initial'), ('quality', '0002_standard_and_audit_tool'), ('quality', '0003_audit_programmes'), ('quality', '0004_direction_reviews_and_drift_standard'), ('quality', '0005_team_establishment'), ('quality', '0006_audit_participation'), ('quality', '0007_action_status_and_withdrawal'), ('quality', '0008_partner_auditors'), ('quality', '0009_duplicate_sweep_queue')]

    initial = True

    dependencies = [
        ('accounts', '0001_squashed_0006_user_identity_provider_subject'),
        ('people', '0001_squashed_0004_access_grants'),
        ('protection', '0001_squashed_0003_version_for_edit_conflicts'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField()),
                ('title', models.CharField(max_length=120)),
            ],
            options={
                'ordering': ['tool', 'order'],
            },
        ),
        migrations.CreateModel(
            name='AuditTool',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True)),
                ('description', models.TextField(blank=True)),
                ('is_active', models.BooleanField(default=True)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Standard',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('in_force_from', models.DateField(unique=True)),
                ('supervision_days', models.PositiveSmallIntegerField(default=28, help_text="Most days between a worker's supervision sessions.")),
                ('newly_qualified_supervision_days', models.PositiveSmallIntegerField(default=14, help_text='Most days between sessions for a newly qualified worker early in post.')),
                ('newly_qualified_months', models.PositiveSmallIntegerField(default=6, help_text='How many months in post the newly qualified interval applies.')),
                ('oversight_months', models.PositiveSmallIntegerField(default=3, help_text='Most months without recorded management oversight of a child.')),
                ('cp_oversight_months', models.PositiveSmallIntegerField(default=1, help_text='The same, for a child on a child protection plan.')),
                ('weight_cin', models.DecimalField(decimal_places=2, default=Decimal('1.00'), max_digits=4)),
                ('weight_cp', models.DecimalField(decimal_places=2, default=Decimal('1.50'), max_digits=4)),
                ('weight_child_in_care', models.DecimalField(decimal_places=2, default=Decimal('1.25'), max_digits=4)),
                ('weight_court', models.DecimalField(decimal_places=2, default=Decimal('2.00'), max_digits=4)),
                ('weight_care_leaver', models.DecimalField(decimal_places=2, default=Decimal('0.75'), max_digits=4)),
                ('caseload_amber', models.DecimalField(decimal_places=2, default=Decimal('18'), help_text='Weighted caseload from which it is amber.', max_digits=5)),
                ('caseload_red', models.DecimalField(decimal_places=2, default=Decimal('22'), help_text='Weighted caseload from which it is red.', max_digits=5)),
                ('newly_qualified_caseload_amber', models.DecimalField(decimal_places=2, default=Decimal('12'), help_text="The protected caseload's amber.", max_digits=5)),
                ('newly_qualified_caseload_red', models.DecimalField(decimal_places=2, default=Decimal('15'), help_text="The protected caseload's red.", max_digits=5)),
                ('direction_drift_carries', models.PositiveSmallIntegerField(default=2, help_text='How many times a case direction is carried over before it shows as drift.')),
            ],
            options={
                'ordering': ['-in_force_from'],
            },
        ),
        migrations.CreateModel(
            name='AuditQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField()),
                ('text', models.CharField(max_length=300)),
                ('section', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='quality.auditsection')),
            ],
            options={
                'ordering': ['section__order', 'order'],
                'constraints': [models.UniqueConstraint(fields=('section', 'order'), name='quality_question_order')],
            },
        ),
        migrations.AddField(
            model_name='auditsection',
            name='tool',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='quality.audittool'),
        ),
        migrations.CreateModel(
            name='CaseAudit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('audited_on', models.DateField()),
                ('grade', models.CharField(choices=[('OUTSTANDING', 'Outstanding'), ('GOOD', 'Good'), ('REQUIRES_IMPROVEMENT', 'Requires improvement'), ('INADEQUATE', 'Inadequate')], max_length=20, verbose_name='Overall grade')),
                ('learning', models.TextField(verbose_name='What we learned')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('auditor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_audits', to='people.person')),
                ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.team')),
                ('tool', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='audits', to='quality.audittool')),
                ('worker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('manager_took_part', models.BooleanField(default=False, verbose_name="The worker's team manager took part")),
                ('worker_took_part', models.BooleanField(default=False, verbose_name="The child's worker took part")),
            ],
            options={
                'ordering': ['-audited_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='AuditAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('grade', models.CharField(choices=[('OUTSTANDING', 'Outstanding'), ('GOOD', 'Good'), ('REQUIRES_IMPROVEMENT', 'Requires improvement'), ('INADEQUATE', 'Inadequate')], max_length=20)),
                ('evidence', models.TextField()),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='quality.auditquestion')),
                ('audit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='quality.caseaudit')),
            ],
            options={
                'ordering': ['question__section__order', 'question__order'],
                'constraints': [models.UniqueConstraint(fields=('audit', 'question'), name='quality_one_answer')],
            },
        ),
        migrations.CreateModel(
            name='CaseDirection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('given_on', models.DateField()),
                ('analysis', models.TextField()),
                ('objectives', models.TextField(verbose_name='Planning objectives')),
                ('contingency', models.TextField(blank=True, verbose_name='Contingency plan')),
                ('review_on', models.DateField(verbose_name='Direction next reviewed by')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('given_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_directions', to='people.person')),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-given_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Moderation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('moderated_on', models.DateField()),
                ('agreed_grade', models.CharField(choices=[('OUTSTANDING', 'Outstanding'), ('GOOD', 'Good'), ('REQUIRES_IMPROVEMENT', 'Requires improvement'), ('INADEQUATE', 'Inadequate')], max_length=20)),
                ('comments', models.TextField(blank=True)),
                ('audit', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='moderation', to='quality.caseaudit')),
                ('moderator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Oversight',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('point', models.CharField(choices=[('FRONT_DOOR', 'Front door decision'), ('ASSESSMENT', 'Assessment sign-off'), ('PLAN', 'Plan sign-off'), ('CHANGE_OF_PLAN', 'Change of plan'), ('CLOSURE', 'Case closure'), ('ANY_TIME', 'Case review')], max_length=20)),
                ('direction', models.TextField(blank=True)),
                ('review_on', models.DateField(verbose_name='Next reviewed by')),
                ('decision', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='oversight', to='protection.managementdecision')),
            ],
        ),
        migrations.CreateModel(
            name='Action',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('description', models.CharField(max_length=300)),
                ('set_on', models.DateField(help_text='The day the action was set.')),
                ('due_on', models.DateField()),
                ('done_on', models.DateField(blank=True, null=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quality_actions', to='people.person')),
                ('audit', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='quality.caseaudit')),
                ('direction', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='quality.casedirection')),
                ('oversight', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='actions', to='quality.oversight')),
                ('status', models.CharField(choices=[('OPEN', 'Open'), ('DONE', 'Done'), ('WITHDRAWN', 'Withdrawn')], default='OPEN', max_length=10)),
                ('withdrawn_on', models.DateField(blank=True, null=True)),
                ('withdrawn_reason', models.TextField(blank=True, verbose_name='Why the action was withdrawn')),
            ],
            options={
                'ordering': ['due_on', 'id'],
                'indexes': [models.Index(fields=['person', 'done_on'], name='quality_act_person__6489d4_idx'), models.Index(fields=['person', 'status'], name='quality_act_person__3e43ff_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('audit__isnull', True), ('direction__isnull', False), ('oversight__isnull', True)), models.Q(('audit__isnull', True), ('direction__isnull', True), ('oversight__isnull', False)), models.Q(('audit__isnull', False), ('direction__isnull', True), ('oversight__isnull', True)), _connector='OR'), name='quality_action_has_one_source'), models.CheckConstraint(condition=models.Q(('done_on__isnull', True), ('withdrawn_on__isnull', True), _connector='OR'), name='quality_action_not_both_done_and_withdrawn')],
            },
        ),
        migrations.CreateModel(
            name='SupervisionSession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField()),
                ('reflective', models.TextField(blank=True, verbose_name='Reflective discussion')),
                ('wellbeing', models.TextField(blank=True, verbose_name='Wellbeing and support')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('supervisor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='supervisions_given', to=settings.AUTH_USER_MODEL)),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='supervisions_received', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-held_on', '-id'],
                'indexes': [models.Index(fields=['worker', 'held_on'], name='quality_sup_worker__c851b0_idx')],
            },
        ),
        migrations.AddField(
            model_name='casedirection',
            name='session',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='directions', to='quality.supervisionsession'),
        ),
        migrations.AddConstraint(
            model_name='auditsection',
            constraint=models.UniqueConstraint(fields=('tool', 'order'), name='quality_section_order'),
        ),
        migrations.CreateModel(
            name='AuditProgramme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120)),
                ('month', models.DateField(help_text='The first day of the month audited.')),
                ('rule', models.CharField(choices=[('RANDOM', 'Random'), ('STRATIFIED', 'Stratified by team and kind of work'), ('SECOND_CP_PLAN', 'Theme: children on a second or later child protection plan')], max_length=20)),
                ('size', models.PositiveSmallIntegerField()),
                ('drawn_at', models.DateTimeField(auto_now_add=True)),
                ('drawn_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('tool', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='programmes', to='quality.audittool')),
                ('partner_auditors', models.ManyToManyField(blank=True, related_name='partner_audit_programmes', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-month', 'name'],
            },
        ),
        migrations.CreateModel(
            name='ProgrammeCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('audit', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='programme_case', to='quality.caseaudit')),
                ('auditor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cases', to='quality.auditprogramme')),
                ('team', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.team')),
                ('worker', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['programme', 'pk'],
                'constraints': [models.UniqueConstraint(fields=('programme', 'person'), name='quality_sampled_once')],
            },
        ),
        migrations.CreateModel(
            name='DirectionReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('outcome', models.CharField(choices=[('DONE', 'Done'), ('CARRIED', 'Carried over'), ('NOT_NEEDED', 'No longer needed')], max_length=12)),
                ('note', models.TextField(blank=True)),
                ('previous_review_on', models.DateField(help_text='The review date the direction had before.')),
                ('next_review_on', models.DateField(blank=True, help_text='The new date, when carried over.', null=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('direction', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='quality.casedirection')),
                ('session', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='direction_reviews', to='quality.supervisionsession')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('direction', 'session'), name='quality_direction_reviewed_once'), models.CheckConstraint(condition=models.Q(models.Q(('next_review_on__isnull', False), ('outcome', 'CARRIED')), models.Q(models.Q(('outcome', 'CARRIED'), _negated=True), ('next_review_on__isnull', True)), _connector='OR'), name='quality_carried_direction_has_new_date')],
            },
        ),
        migrations.CreateModel(
            name='TeamEstablishment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('month', models.DateField(help_text='The first day of the month.')),
                ('posts', models.DecimalField(decimal_places=1, help_text='Social work posts funded.', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='Posts (FTE)')),
                ('permanent', models.DecimalField(decimal_places=1, help_text="Posts filled by the authority's own staff.", max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='Permanent staff in post (FTE)')),
                ('agency', models.DecimalField(decimal_places=1, help_text='Agency workers covering posts.', max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='Agency workers (FTE)')),
                ('starters', models.PositiveSmallIntegerField(default=0)),
                ('leavers', models.PositiveSmallIntegerField(default=0)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('team', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='establishment', to='accounts.team')),
            ],
            options={
                'ordering': ['-month', 'team__name'],
                'constraints': [models.UniqueConstraint(fields=('team', 'month'), name='quality_establishment_month')],
            },
        ),
        migrations.CreateModel(
            name='ActionStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('action', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='quality.action')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='DuplicateSweep',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_at', models.DateTimeField()),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('people', models.PositiveIntegerField(default=0)),
                ('candidates', models.PositiveIntegerField(default=0, help_text='Pairs compared after blocking.')),
                ('probable', models.PositiveIntegerField(default=0, help_text='Pairs the weighing found probable.')),
                ('proposed', models.PositiveIntegerField(default=0, help_text='Of them, new to the queue.')),
                ('skipped_blocks', models.PositiveIntegerField(default=0)),
            ],
            options={
                'ordering': ['-started_at'],
            },
        ),
        migrations.CreateModel(
            name='DuplicatePair',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('score', models.FloatField()),
                ('reasons', models.JSONField(default=list)),
                ('status', models.CharField(choices=[('proposed', 'Awaiting review'), ('accepted', 'Merged'), ('rejected', 'Not the same person')], default='proposed', max_length=20)),
                ('proposed_at', models.DateTimeField()),
                ('last_found_at', models.DateTimeField(help_text='The last sweep that found the pair.')),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('decision_reason', models.TextField(blank=True)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('merge', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.mergerecord')),
                ('other_person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
                ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
            ],
            options={
                'ordering': ['-score', 'pk'],
                'indexes': [models.Index(fields=['status', '-score'], name='duplicate_pair_queue')],
                'constraints': [models.UniqueConstraint(fields=('person', 'other_person'), name='duplicate_pair_once'), models.CheckConstraint(condition=models.Q(('person__lt', models.F('other_person'))), name='duplicate_pair_ordered')],
            },
        ),
        migrations.CreateModel(
            name='DuplicatePairStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('pair', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='quality.duplicatepair')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.RunPython(seed_standard_and_audit_tool, migrations.RunPython.noop),
    ]
