import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('people', '0001_initial'), ('people', '0002_person_expected_date_of_birth_index'), ('people', '0003_merge_record_keeps_what_to_undo'), ('people', '0004_access_grants')]

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='IdentifierSequence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=30, unique=True)),
                ('last_value', models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('la_child_id', models.CharField(help_text='Never reused, even after a merge.', max_length=20, unique=True, verbose_name='Harbour ID')),
                ('record_type', models.CharField(choices=[('CHILD', 'Child or young person'), ('ADULT', 'Adult (family member, carer or other)')], max_length=5)),
                ('record_status', models.CharField(choices=[('ACTIVE', 'Active'), ('MERGED', 'Merged into another record')], default='ACTIVE', max_length=6)),
                ('given_name', models.CharField(max_length=100, verbose_name='First name')),
                ('middle_names', models.CharField(blank=True, max_length=100)),
                ('family_name', models.CharField(max_length=100, verbose_name='Last name')),
                ('preferred_name', models.CharField(blank=True, help_text='The name the person likes to be called.', max_length=100, verbose_name='Known as')),
                ('date_of_birth', models.DateField(blank=True, null=True)),
                ('expected_date_of_birth', models.DateField(blank=True, null=True)),
                ('date_of_death', models.DateField(blank=True, null=True)),
                ('sex', models.CharField(choices=[('F', 'Female'), ('M', 'Male'), ('U', 'Not known or not stated')], default='U', max_length=1)),
                ('gender', models.CharField(choices=[('0', 'Not known'), ('1', 'Male'), ('2', 'Female'), ('9', 'Not specified')], default='0', max_length=1)),
                ('gender_description', models.CharField(blank=True, max_length=100)),
                ('ethnicity', models.CharField(choices=[('WBRI', 'White – British'), ('WIRI', 'White – Irish'), ('WOTH', 'Any other White background'), ('WIRT', 'Traveller of Irish heritage'), ('WROM', 'Gypsy / Roma'), ('MWBC', 'White and Black Caribbean'), ('MWBA', 'White and Black African'), ('MWAS', 'White and Asian'), ('MOTH', 'Any other mixed background'), ('AIND', 'Indian'), ('APKN', 'Pakistani'), ('ABAN', 'Bangladeshi'), ('AOTH', 'Any other Asian background'), ('BCRB', 'Black Caribbean'), ('BAFR', 'Black African'), ('BOTH', 'Any other Black background'), ('CHNE', 'Chinese'), ('OOTH', 'Any other ethnic group'), ('REFU', 'Refused'), ('NOBT', 'Information not yet obtained')], default='NOBT', max_length=4)),
                ('religion', models.CharField(blank=True, choices=[('NONE', 'No religion'), ('BUD', 'Buddhist'), ('CHR', 'Christian'), ('HIN', 'Hindu'), ('JEW', 'Jewish'), ('MUS', 'Muslim'), ('SIK', 'Sikh'), ('OTH', 'Any other religion or belief'), ('REFU', 'Prefers not to say'), ('NOBT', 'Not yet obtained')], max_length=4)),
                ('first_language', models.CharField(blank=True, choices=[('ENG', 'English'), ('ARA', 'Arabic'), ('BEN', 'Bengali'), ('CHI', 'Chinese (any)'), ('FRE', 'French'), ('GUJ', 'Gujarati'), ('KUR', 'Kurdish'), ('LIT', 'Lithuanian'), ('PAN', 'Panjabi'), ('PER', 'Persian / Farsi'), ('POL', 'Polish'), ('POR', 'Portuguese'), ('PUS', 'Pashto'), ('ROM', 'Romanian'), ('SOM', 'Somali'), ('SPA', 'Spanish'), ('TIG', 'Tigrinya'), ('TUR', 'Turkish'), ('URD', 'Urdu'), ('WEL', 'Welsh'), ('BSL', 'British Sign Language'), ('OTH', 'Other language'), ('NOBT', 'Not yet obtained')], max_length=4)),
                ('interpreter_required', models.BooleanField(default=False)),
                ('communication_needs', models.TextField(blank=True)),
                ('identity_notes', models.TextField(blank=True, help_text="In the person's own words where possible: heritage, faith, culture, language, what is important to them about who they are.", verbose_name='Identity, culture and what matters to them')),
                ('nhs_number', models.CharField(blank=True, db_index=True, max_length=10, verbose_name='NHS number')),
                ('upn', models.CharField(blank=True, max_length=13, verbose_name='Unique pupil number (UPN)')),
                ('former_upn', models.CharField(blank=True, max_length=13, verbose_name='Former UPN')),
                ('upn_unknown_reason', models.CharField(blank=True, choices=[('UN1', 'Child is not of school age and has not yet been assigned a UPN'), ('UN2', 'Child has never attended a maintained school in England'), ('UN3', 'Child is educated outside England'), ('UN4', 'Child newly looked after and UPN not yet known'), ('UN5', "Sources disagree on the child's UPN")], max_length=3)),
                ('family_name_norm', models.CharField(db_index=True, editable=False, max_length=100)),
                ('given_name_norm', models.CharField(editable=False, max_length=100)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('merged_into', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='merged_records', to='people.person')),
            ],
            options={
                'ordering': ['family_name', 'given_name'],
                'indexes': [models.Index(fields=['date_of_birth'], name='people_pers_date_of_c1209b_idx'), models.Index(fields=['expected_date_of_birth'], name='people_pers_expecte_d90196_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('date_of_birth__isnull', True), ('expected_date_of_birth__isnull', True), _connector='OR'), name='person_dob_or_expected_not_both'), models.CheckConstraint(condition=models.Q(models.Q(('merged_into__isnull', True), ('record_status', 'ACTIVE')), models.Q(('merged_into__isnull', False), ('record_status', 'MERGED')), _connector='OR'), name='person_merged_has_target')],
            },
        ),
        migrations.CreateModel(
            name='NameKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('part', models.CharField(choices=[('GIVEN', 'Given'), ('FAMILY', 'Family')], max_length=6)),
                ('key', models.CharField(max_length=20)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='name_keys', to='people.person')),
            ],
            options={
                'indexes': [models.Index(fields=['part', 'key'], name='people_name_part_5c8aaf_idx')],
                'constraints': [models.UniqueConstraint(fields=('person', 'part', 'key'), name='namekey_unique')],
            },
        ),
        migrations.CreateModel(
            name='MergeRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('merged_at', models.DateTimeField()),
                ('reason', models.TextField()),
                ('duplicate_snapshot', models.JSONField()),
                ('moved', models.JSONField(default=dict, help_text='How many rows of each kind moved.')),
                ('merged_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('duplicate', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='merges_as_duplicate', to='people.person')),
                ('survivor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='merges_received', to='people.person')),
                ('undo_data', models.JSONField(default=dict, help_text='What the merge changed, by row id and field, so that it can be undone exactly.')),
                ('undo_reason', models.TextField(blank=True)),
                ('undone_at', models.DateTimeField(blank=True, null=True)),
                ('undone_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(condition=models.Q(('undone_at__isnull', True)), fields=('duplicate',), name='one_standing_merge_per_duplicate')],
            },
        ),
        migrations.CreateModel(
            name='ImmigrationStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('UASC', 'Unaccompanied asylum-seeking child'), ('ASYLUM', 'Asylum seeker (accompanied)'), ('REFUGEE', 'Refugee status'), ('ILR', 'Indefinite leave to remain'), ('DLR', 'Discretionary / limited leave to remain'), ('EUSS', 'EU Settlement Scheme status'), ('NRPF', 'No recourse to public funds'), ('CITIZEN', 'British citizen'), ('OTHER', 'Other')], max_length=8)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='immigration_statuses', to='people.person')),
            ],
            options={
                'ordering': ['-start_date'],
            },
        ),
        migrations.CreateModel(
            name='BreakGlassAccess',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.TextField()),
                ('granted_at', models.DateTimeField()),
                ('expires_at', models.DateTimeField()),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='break_glass', to='people.person')),
            ],
            options={
                'ordering': ['-granted_at'],
                'indexes': [models.Index(fields=['person', 'user', 'expires_at'], name='people_brea_person__4efbe5_idx')],
            },
        ),
        migrations.CreateModel(
            name='Alert',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('STAFF_SAFETY', 'Risk to staff – do not visit alone'), ('VIOLENCE', 'History of violence in the household'), ('DOG', 'Dangerous animal at the address'), ('MEDICAL', 'Medical alert'), ('COMMUNICATION', 'Communication need'), ('MAPPA', 'MAPPA-managed adult linked to the child'), ('OTHER', 'Other')], max_length=15)),
                ('details', models.TextField(blank=True)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='alerts', to='people.person')),
            ],
            options={
                'ordering': ['-start_date'],
            },
        ),
        migrations.CreateModel(
            name='Address',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('HOME', 'Home'), ('PLACEMENT', 'Placement'), ('TEMPORARY', 'Temporary'), ('CORRESPONDENCE', 'Correspondence'), ('OTHER', 'Other')], max_length=15)),
                ('line_1', models.CharField(max_length=120, verbose_name='Address line 1')),
                ('line_2', models.CharField(blank=True, max_length=120, verbose_name='Address line 2')),
                ('town', models.CharField(max_length=80, verbose_name='Town or city')),
                ('postcode', models.CharField(db_index=True, max_length=8)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='addresses', to='people.person')),
            ],
            options={
                'ordering': ['-start_date', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='address_end_after_start')],
            },
        ),
        migrations.CreateModel(
            name='PersonDisability',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(choices=[('NONE', 'No disability'), ('MOB', 'Mobility'), ('HAND', 'Hand function'), ('PC', 'Personal care'), ('INC', 'Incontinence'), ('COMM', 'Communication'), ('LD', 'Learning'), ('HEAR', 'Hearing'), ('VIS', 'Vision'), ('BEH', 'Behaviour'), ('CON', 'Consciousness'), ('AUT', 'Autism or Asperger syndrome'), ('DDA', 'Other DDA')], max_length=4)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='disabilities', to='people.person')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('person', 'code'), name='disability_unique')],
            },
        ),
        migrations.CreateModel(
            name='PersonName',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('PREVIOUS', 'Previous name'), ('ALIAS', 'Also known as'), ('BIRTH', 'Name at birth')], max_length=8)),
                ('given_name', models.CharField(blank=True, max_length=100)),
                ('family_name', models.CharField(max_length=100)),
                ('used_from', models.DateField(blank=True, null=True)),
                ('used_to', models.DateField(blank=True, null=True)),
                ('given_name_norm', models.CharField(editable=False, max_length=100)),
                ('family_name_norm', models.CharField(db_index=True, editable=False, max_length=100)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='other_names', to='people.person')),
            ],
            options={
                'ordering': ['-used_to', 'family_name'],
            },
        ),
        migrations.CreateModel(
            name='PersonRelationship',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(choices=[('PARENT', 'Parent'), ('STEP_PARENT', 'Step-parent'), ('SIBLING', 'Sibling'), ('HALF_SIBLING', 'Half-sibling'), ('GRANDPARENT', 'Grandparent'), ('OTHER_RELATIVE', 'Other relative'), ('CARER', 'Carer'), ('HOUSEHOLD_MEMBER', 'Household member'), ('PARTNER_OF_PARENT', 'Partner of parent')], max_length=20)),
                ('parental_responsibility', models.BooleanField(default=False, help_text='Person A holds parental responsibility for person B.')),
                ('lives_with', models.BooleanField(default=False)),
                ('start_date', models.DateField(blank=True, null=True)),
                ('end_date', models.DateField(blank=True, null=True)),
                ('notes', models.CharField(blank=True, max_length=300)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person_a', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relationships_as_a', to='people.person')),
                ('person_b', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='relationships_as_b', to='people.person')),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('person_a', models.F('person_b')), _negated=True), name='relationship_not_self')],
            },
        ),
        migrations.CreateModel(
            name='RecordRestriction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('STAFF_CHILD', 'Child or relative of a member of staff'), ('HIGH_PROFILE', 'High-profile case'), ('ADOPTION', 'Adoption file'), ('WITNESS', 'Witness protection or risk of being traced'), ('OTHER', 'Other')], max_length=15)),
                ('details', models.TextField(blank=True)),
                ('active', models.BooleanField(default=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('manager', models.ForeignKey(help_text='Told whenever someone breaks the glass.', on_delete=django.db.models.deletion.PROTECT, related_name='restrictions_managed', to=settings.AUTH_USER_MODEL)),
                ('named_users', models.ManyToManyField(blank=True, related_name='restricted_records_allowed', to=settings.AUTH_USER_MODEL)),
                ('person', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='restriction', to='people.person')),
            ],
        ),
        migrations.CreateModel(
            name='AccessGrant',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('purpose', models.CharField(max_length=200)),
                ('starts_on', models.DateField()),
                ('ends_on', models.DateField()),
                ('granted_at', models.DateTimeField(auto_now_add=True)),
                ('granted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='access_grants', to='people.person')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-starts_on', '-id'],
                'indexes': [models.Index(fields=['user', 'person', 'ends_on'], name='people_acce_user_id_f22508_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_on__gte', models.F('starts_on'))), name='people_access_grant_ends_after_it_starts')],
            },
        ),
    ]
