"""The accounts app's tables (squashed from 0001-0006).

Two-factor secrets are encrypted at rest (core.encryption, ADR 0008). 0005's rewrite of the
secrets stored in clear is carried: it finds no rows on a new database, and is how a secret
stored in clear is encrypted in place. The rows are read and written with SQL: the field's
Python side expects a token already, and the plain secrets must not pass through it.
"""

import core.encryption
import django.contrib.auth.models
import django.contrib.auth.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _rewrite(apps, schema_editor, change):
    device = apps.get_model("accounts", "TotpDevice")
    table = schema_editor.connection.ops.quote_name(device._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, secret FROM {table}")  # noqa: S608 (a table name, no input)
        rows = cursor.fetchall()
        for pk, value in rows:
            cursor.execute(f"UPDATE {table} SET secret = %s WHERE id = %s", [change(value), pk])  # noqa: S608


def encrypt_secrets(apps, schema_editor):
    _rewrite(apps, schema_editor, core.encryption.encrypt)


def decrypt_secrets(apps, schema_editor):
    _rewrite(apps, schema_editor, core.encryption.decrypt)



class Migration(migrations.Migration):

    replaces = [('accounts', '0001_initial'), ('accounts', '0002_sign_in_security'), ('accounts', '0003_two_factor_reset_and_unlock'), ('accounts', '0004_sign_in_code_failures'), ('accounts', '0005_encrypt_two_factor_secrets'), ('accounts', '0006_user_identity_provider_subject')]

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='User',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('username', models.CharField(error_messages={'unique': 'A user with that username already exists.'}, help_text='Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only.', max_length=150, unique=True, validators=[django.contrib.auth.validators.UnicodeUsernameValidator()], verbose_name='username')),
                ('first_name', models.CharField(blank=True, max_length=150, verbose_name='first name')),
                ('last_name', models.CharField(blank=True, max_length=150, verbose_name='last name')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='email address')),
                ('is_staff', models.BooleanField(default=False, help_text='Designates whether the user can log into this admin site.', verbose_name='staff status')),
                ('is_active', models.BooleanField(default=True, help_text='Designates whether this user should be treated as active. Unselect this instead of deleting accounts.', verbose_name='active')),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                ('role', models.CharField(choices=[('social_worker', 'Social worker'), ('team_manager', 'Team manager'), ('service_manager', 'Service manager'), ('front_door', 'Front door screener'), ('early_help', 'Early help worker'), ('iro', 'Independent reviewing officer'), ('cp_chair', 'Child protection chair'), ('performance', 'Performance analyst'), ('auditor', 'Auditor'), ('admin', 'Administrator'), ('partner', 'Partner agency user')], max_length=30)),
                ('job_title', models.CharField(blank=True, max_length=120)),
                ('registered_social_worker', models.BooleanField(default=False)),
                ('swe_registration_number', models.CharField(blank=True, max_length=12, verbose_name='Social Work England registration number')),
                ('newly_qualified', models.BooleanField(default=False, help_text='In the Assessed and Supported Year in Employment (ASYE).')),
                ('agency_worker', models.BooleanField(default=False)),
                ('organisation', models.CharField(blank=True, help_text='For partner agency users: their agency.', max_length=120)),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
            ],
            options={
                'ordering': ['last_name', 'first_name'],
            },
            managers=[
                ('objects', django.contrib.auth.models.UserManager()),
            ],
        ),
        migrations.CreateModel(
            name='Team',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=120, unique=True)),
                ('kind', models.CharField(choices=[('FRONT_DOOR', 'Front door (MASH / contact and referral)'), ('ASSESSMENT', 'Assessment'), ('SAFEGUARDING', 'Safeguarding and family support'), ('CHILDREN_IN_CARE', 'Children in care'), ('CARE_LEAVERS', 'Care leavers'), ('DISABLED_CHILDREN', 'Disabled children'), ('EARLY_HELP', 'Early help'), ('SAFEGUARDING_UNIT', 'IRO and safeguarding unit'), ('OUT_OF_HOURS', 'Out of hours (emergency duty)'), ('PERFORMANCE', 'Performance and business intelligence'), ('PARTNER', 'Partner agency')], max_length=20)),
                ('is_active', models.BooleanField(default=True)),
                ('manager', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='managed_teams', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['name'],
            },
        ),
        migrations.AddField(
            model_name='user',
            name='team',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='members', to='accounts.team'),
        ),
        migrations.CreateModel(
            name='SignInAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('attempted_at', models.DateTimeField(db_index=True)),
                ('username', models.CharField(db_index=True, max_length=150)),
                ('ip_address', models.GenericIPAddressField(blank=True, db_index=True, null=True)),
                ('succeeded', models.BooleanField(default=False)),
                ('factor', models.CharField(choices=[('PASSWORD', 'Password'), ('CODE', 'Second-factor code')], default='PASSWORD', max_length=8)),
                ('while_locked', models.BooleanField(default=False)),
            ],
            options={
                'ordering': ['-attempted_at'],
            },
        ),
        migrations.AddField(
            model_name='user',
            name='disabled_as_dormant_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name='RecoveryCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(max_length=128)),
                ('used_at', models.DateTimeField(blank=True, null=True)),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='recovery_codes', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='TotpDevice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('secret', core.encryption.EncryptedTextField(help_text='Encrypted at rest (core.encryption).')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                ('last_used_step', models.BigIntegerField(default=0, help_text='Replay protection: last accepted time step.')),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='totp_device', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.AddField(
            model_name='user',
            name='must_enrol_two_factor',
            field=models.BooleanField(default=False),
        ),
        migrations.CreateModel(
            name='LockoutRelease',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('username', models.CharField(db_index=True, max_length=150)),
                ('released_at', models.DateTimeField()),
                ('released_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-released_at'],
            },
        ),
        migrations.AddField(
            model_name='user',
            name='identity_provider_subject',
            field=models.CharField(blank=True, default='', max_length=255),
        ),
        migrations.AddConstraint(
            model_name='user',
            constraint=models.UniqueConstraint(condition=models.Q(('identity_provider_subject', ''), _negated=True), fields=('identity_provider_subject',), name='user_identity_provider_subject_unique'),
        ),
        migrations.RunPython(encrypt_secrets, decrypt_secrets),
    ]
