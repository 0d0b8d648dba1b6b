import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('returns', '0001_export_runs_and_findings'), ('returns', '0002_validated_input')]

    initial = True

    dependencies = [
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingRevalidation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(max_length=40, unique=True)),
                ('requested_at', models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name='ExportRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('return_name', models.CharField(choices=[('cin_census', 'Children in need census'), ('ssda903', 'SSDA903 (children looked after)'), ('annex_a', 'Ofsted Annex A')], max_length=20)),
                ('year', models.PositiveSmallIntegerField(blank=True, help_text='Collection year, named by the year it ends (31 March).', null=True)),
                ('as_of', models.DateField(blank=True, help_text='Annex A: the date the lists are drawn at.', null=True)),
                ('requested_at', models.DateTimeField()),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('succeeded', 'Finished'), ('failed', 'Failed')], default='queued', max_length=20)),
                ('started_at', models.DateTimeField(blank=True, null=True)),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('progress_done', models.PositiveIntegerField(default=0)),
                ('progress_total', models.PositiveIntegerField(default=0)),
                ('progress_stage', models.CharField(blank=True, max_length=80)),
                ('counts', models.JSONField(blank=True, default=dict)),
                ('error', models.CharField(blank=True, max_length=300)),
                ('file_name', models.CharField(blank=True, max_length=120)),
                ('file_path', models.CharField(blank=True, help_text='Name in the private returns storage.', max_length=200)),
                ('file_size', models.PositiveBigIntegerField(default=0)),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-requested_at', '-id'],
                'indexes': [models.Index(fields=['status'], name='returns_exp_status_f55993_idx')],
            },
        ),
        migrations.CreateModel(
            name='ExportRunStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('run', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='returns.exportrun')),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ValidationFinding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.CharField(help_text='Identity of the finding (a hash).', max_length=64, unique=True)),
                ('return_name', models.CharField(choices=[('cin_census', 'Children in need census'), ('ssda903', 'SSDA903 (children looked after)'), ('annex_a', 'Ofsted Annex A')], max_length=20)),
                ('rule_code', models.CharField(max_length=60)),
                ('message', models.TextField()),
                ('severity', models.CharField(choices=[('error', 'Error'), ('query', 'Query'), ('gap', 'Gap')], max_length=10)),
                ('source_model', models.CharField(blank=True, help_text='"app_label.modelname"', max_length=60)),
                ('source_pk', models.BigIntegerField(blank=True, null=True)),
                ('fields', models.JSONField(blank=True, default=list)),
                ('first_seen', models.DateTimeField()),
                ('last_seen', models.DateTimeField()),
                ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person')),
            ],
            options={
                'ordering': ['return_name', 'rule_code', 'id'],
                'indexes': [models.Index(fields=['return_name', 'resolved_at'], name='returns_val_return__65515d_idx'), models.Index(fields=['person', 'resolved_at'], name='returns_val_person__0a8b13_idx'), models.Index(fields=['rule_code'], name='returns_val_rule_co_f72951_idx')],
            },
        ),
        migrations.CreateModel(
            name='ValidationRun',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField()),
                ('started_at', models.DateTimeField()),
                ('finished_at', models.DateTimeField(blank=True, null=True)),
                ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Running'), ('succeeded', 'Finished'), ('failed', 'Failed')], default='running', max_length=20)),
                ('counts', models.JSONField(blank=True, default=dict)),
                ('error', models.CharField(blank=True, max_length=300)),
                ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-started_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ValidatedInput',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('return_name', models.CharField(choices=[('cin_census', 'Children in need census'), ('ssda903', 'SSDA903 (children looked after)'), ('annex_a', 'Ofsted Annex A')], max_length=20)),
                ('year', models.PositiveSmallIntegerField(help_text='Collection year the fingerprints are for.')),
                ('fingerprints', models.JSONField(default=dict, help_text="Table name: digest of the child's rows.")),
                ('validated_at', models.DateTimeField()),
                ('person', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.person')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('return_name', 'person'), name='validated_input_unique')],
            },
        ),
    ]
