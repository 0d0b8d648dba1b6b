import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('performance', '0001_initial'), ('performance', '0002_comparator_kind'), ('performance', '0003_population_groups')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ChildPopulation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(help_text='The collection year ending 31 March of this year.', unique=True)),
                ('population', models.PositiveIntegerField(help_text='Children aged 0–17 in the authority.')),
                ('source', models.CharField(help_text='e.g. ONS mid-year population estimates, mid-2024.', max_length=200)),
                ('recorded_at', models.DateTimeField(auto_now=True)),
                ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-year'],
            },
        ),
        migrations.CreateModel(
            name='LoadedComparator',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator_id', models.CharField(max_length=60)),
                ('value', models.DecimalField(decimal_places=2, max_digits=12)),
                ('year', models.CharField(help_text="The DfE's time period, e.g. 2025 or 202425.", max_length=20)),
                ('source', models.CharField(max_length=300)),
                ('loaded_at', models.DateTimeField()),
                ('loaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('area', models.CharField(blank=True, help_text="The region, or the statistical neighbours' names, as in the file.", max_length=500)),
                ('kind', models.CharField(choices=[('ENGLAND', 'England'), ('REGION', 'Region'), ('NEIGHBOURS', 'Statistical neighbours')], default='ENGLAND', max_length=12)),
            ],
            options={
                'ordering': ['indicator_id', '-loaded_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='Target',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('indicator_id', models.CharField(max_length=60)),
                ('target', models.DecimalField(decimal_places=1, max_digits=9)),
                ('tolerance', models.DecimalField(decimal_places=1, help_text='How far short of the target is amber, not red.', max_digits=9)),
                ('set_at', models.DateTimeField()),
                ('set_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['indicator_id', '-set_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('tolerance__gte', 0)), name='target_tolerance_not_negative')],
            },
        ),
        migrations.CreateModel(
            name='PopulationGroup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('characteristic', models.CharField(max_length=20)),
                ('group', models.CharField(max_length=60)),
                ('children', models.PositiveIntegerField()),
                ('population', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='groups', to='performance.childpopulation')),
            ],
            options={
                'ordering': ['population', 'characteristic', 'id'],
                'constraints': [models.UniqueConstraint(fields=('population', 'characteristic', 'group'), name='population_group_once_a_year')],
            },
        ),
    ]
