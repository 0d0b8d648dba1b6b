import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('assessments', '0001_initial'), ('assessments', '0002_version_for_edit_conflicts')]

    initial = True

    dependencies = [
        ('frontdoor', '0001_squashed_0003_contact_threshold_reason'),
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Assessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('SINGLE', 'Child and family assessment'), ('LEGACY_INITIAL', 'Initial assessment (legacy)'), ('LEGACY_CORE', 'Core assessment (legacy)')], default='SINGLE', max_length=20)),
                ('start_date', models.DateField()),
                ('due_date', models.DateField(help_text='Statutory due date from the timescales rule.')),
                ('local_target_date', models.DateField(blank=True, null=True)),
                ('calendar_version', models.CharField(max_length=40)),
                ('factors', models.JSONField(blank=True, default=list, help_text='codes.cin.ASSESSMENT_FACTOR codes')),
                ('risk_factors', models.TextField(blank=True)),
                ('protective_factors', models.TextField(blank=True)),
                ('child_seen_on', models.DateField(blank=True, null=True)),
                ('child_seen_alone_on', models.DateField(blank=True, null=True)),
                ('child_wishes', models.TextField(blank=True, verbose_name="The child's wishes and feelings, in their words")),
                ('identity', models.TextField(blank=True, verbose_name='Identity, culture, religion, language and disability')),
                ('analysis', models.TextField(blank=True)),
                ('outcomes', models.JSONField(blank=True, default=list, help_text='AssessmentOutcome values')),
                ('outcome_other', models.CharField(blank=True, max_length=200)),
                ('submitted_on', models.DateField(blank=True, null=True)),
                ('authorised_on', models.DateField(blank=True, help_text='Assessment actual end date.', null=True)),
                ('status', models.CharField(choices=[('IN_PROGRESS', 'In progress'), ('AWAITING_AUTHORISATION', 'Submitted for authorisation'), ('AUTHORISED', 'Authorised')], default='IN_PROGRESS', max_length=30)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('authorised_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='people.person')),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='frontdoor.referral')),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['-start_date', '-id'],
                'indexes': [models.Index(fields=['person', 'status'], name='assessments_person__4a88fe_idx'), models.Index(fields=['status', 'due_date'], name='assessments_status_e8bf9e_idx')],
            },
        ),
        migrations.CreateModel(
            name='AssessmentReturn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('returned_at', models.DateTimeField()),
                ('comments', models.TextField()),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='returns', to='assessments.assessment')),
                ('returned_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['returned_at', 'id'],
            },
        ),
        migrations.CreateModel(
            name='AssessmentStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='assessments.assessment')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='CommissionedAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('SPECIALIST', 'Specialist assessment'), ('PARENTING', 'Parenting assessment')], max_length=20)),
                ('description', models.CharField(max_length=200)),
                ('provider', models.CharField(max_length=200)),
                ('commissioned_on', models.DateField()),
                ('due_on', models.DateField()),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('assessment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='commissioned', to='assessments.assessment')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-commissioned_on', '-id'],
            },
        ),
    ]
