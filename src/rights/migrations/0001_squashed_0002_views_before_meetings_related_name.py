import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('rights', '0001_initial'), ('rights', '0002_views_before_meetings_related_name')]

    initial = True

    dependencies = [
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AdvocacyReferral',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('referred_on', models.DateField()),
                ('reason', models.CharField(max_length=300)),
                ('advocate', models.CharField(blank=True, max_length=120)),
                ('organisation', models.CharField(blank=True, max_length=120)),
                ('started_on', models.DateField(blank=True, null=True)),
                ('ended_on', models.DateField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='advocacy_referrals', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-referred_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ChildViews',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('given_on', models.DateField()),
                ('meeting', models.CharField(help_text='For example, looked-after review.', max_length=200, verbose_name='For which meeting')),
                ('meeting_kind', models.CharField(blank=True, help_text='Generic link: the kind of meeting.', max_length=40)),
                ('meeting_date', models.DateField(blank=True, help_text="Generic link: the meeting's date.", null=True)),
                ('method', models.CharField(choices=[('IN_PERSON', 'In person'), ('APP', 'App'), ('FORM', 'Form'), ('ADVOCATE', 'Through an advocate'), ('DRAWING', 'Drawing')], max_length=20)),
                ('views', models.TextField(verbose_name="The child's views, in their own words")),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='views_before_meetings', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name_plural': 'child views',
                'ordering': ['-given_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Complaint',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('received_on', models.DateField()),
                ('made_by', models.CharField(help_text='Who made the complaint (the child, an advocate …).', max_length=120)),
                ('summary', models.TextField()),
                ('status', models.CharField(choices=[('STAGE_1', 'Stage 1 (local resolution)'), ('STAGE_2', 'Stage 2 (investigation)'), ('STAGE_3', 'Stage 3 (review panel)'), ('CLOSED', 'Closed')], default='STAGE_1', max_length=20)),
                ('stage_1_extended', models.BooleanField(default=False)),
                ('stage_1_responded_on', models.DateField(blank=True, null=True)),
                ('stage_2_started_on', models.DateField(blank=True, null=True)),
                ('stage_2_extended', models.BooleanField(default=False)),
                ('stage_2_responded_on', models.DateField(blank=True, null=True)),
                ('stage_3_requested_on', models.DateField(blank=True, null=True)),
                ('panel_held_on', models.DateField(blank=True, null=True)),
                ('closed_on', models.DateField(blank=True, null=True)),
                ('outcome', models.CharField(blank=True, choices=[('UPHELD', 'Upheld'), ('PARTLY', 'Partly upheld'), ('NOT_UPHELD', 'Not upheld'), ('WITHDRAWN', 'Withdrawn')], max_length=20)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='complaints', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-received_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ComplaintStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('complaint', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='rights.complaint')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='IndependentVisitor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('visitor_name', models.CharField(max_length=120)),
                ('matched_on', models.DateField()),
                ('ended_on', models.DateField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='independent_visitors', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-matched_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='IndependentVisit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('visited_on', models.DateField()),
                ('notes', models.CharField(blank=True, max_length=500)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('visitor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='rights.independentvisitor')),
            ],
            options={
                'ordering': ['-visited_on', '-id'],
            },
        ),
    ]
