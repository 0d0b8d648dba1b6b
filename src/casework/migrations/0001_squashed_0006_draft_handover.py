import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('casework', '0001_initial'), ('casework', '0002_childs_story'), ('casework', '0003_subject_access_extension'), ('casework', '0004_visit_recorded_as_case_note'), ('casework', '0005_document_content_hash'), ('casework', '0006_draft_handover')]

    initial = True

    dependencies = [
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Visit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('CIN', 'Child in need visit'), ('CP', 'Child protection visit'), ('CLA', 'Looked-after child statutory visit'), ('CARE_LEAVER', 'Personal adviser contact'), ('PRIVATE_FOSTERING', 'Private fostering visit'), ('ADOPTION', 'Adoption placement visit'), ('EARLY_HELP', 'Early help visit'), ('ASSESSMENT', 'Assessment visit'), ('OTHER', 'Other visit')], max_length=20)),
                ('visited_on', models.DateField()),
                ('announced', models.BooleanField(default=True)),
                ('child_seen', models.BooleanField()),
                ('seen_alone', models.BooleanField(default=False)),
                ('bedroom_seen', models.BooleanField(blank=True, null=True)),
                ('location', models.CharField(blank=True, max_length=120)),
                ('purpose', models.CharField(blank=True, max_length=300)),
                ('child_said', models.TextField(blank=True, help_text="In the child's own words.", verbose_name='What the child said')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-visited_on', '-id'],
                'indexes': [models.Index(fields=['person', 'kind', 'visited_on'], name='casework_vi_person__1bf92b_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('seen_alone', False), ('child_seen', True), _connector='OR'), name='visit_seen_alone_needs_seen')],
            },
        ),
        migrations.CreateModel(
            name='CaseNote',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('VISIT', 'Visit'), ('DIRECT_WORK', 'Direct work with the child'), ('PHONE_CALL', 'Phone call'), ('MEETING', 'Meeting'), ('MANAGEMENT_OVERSIGHT', 'Management oversight'), ('OTHER', 'Other')], max_length=24)),
                ('occurred_on', models.DateField()),
                ('title', models.CharField(blank=True, max_length=200)),
                ('body', models.TextField(blank=True)),
                ('child_seen', models.BooleanField(blank=True, null=True)),
                ('seen_alone', models.BooleanField(blank=True, null=True)),
                ('written_to_child', models.BooleanField(default=False, help_text='Written to the child, in plain words they can read later.')),
                ('restricted', models.BooleanField(default=False)),
                ('status', models.CharField(choices=[('DRAFT', 'Draft'), ('FINAL', 'Final')], default='DRAFT', max_length=10)),
                ('version', models.PositiveIntegerField(default=1)),
                ('last_client_id', models.CharField(blank=True, help_text='The editing tab that saved last (its own saves never conflict).', max_length=40)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('finalised_at', models.DateTimeField(blank=True, null=True)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='case_notes', to='people.person')),
                ('updated_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('visit_kind', models.CharField(blank=True, choices=[('CIN', 'Child in need visit'), ('CP', 'Child protection visit'), ('CLA', 'Looked-after child statutory visit'), ('CARE_LEAVER', 'Personal adviser contact'), ('PRIVATE_FOSTERING', 'Private fostering visit'), ('ADOPTION', 'Adoption placement visit'), ('EARLY_HELP', 'Early help visit'), ('ASSESSMENT', 'Assessment visit'), ('OTHER', 'Other visit')], help_text='For a visit note with the child seen: the statutory visit it records when final.', max_length=20)),
            ],
            options={
                'verbose_name': 'case note',
                'ordering': ['-occurred_on', '-id'],
                'indexes': [models.Index(fields=['person', 'status', 'occurred_on'], name='casework_ca_person__99b053_idx')],
            },
        ),
        migrations.CreateModel(
            name='CaseNoteStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('case_note', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='casework.casenote')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ChildView',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('recorded_on', models.DateField()),
                ('method', models.CharField(blank=True, help_text='e.g. in conversation, drawing, app.', max_length=120)),
                ('words', models.TextField(blank=True, verbose_name="In the child's own words")),
                ('attachment', models.FileField(blank=True, upload_to='child-views/%Y/%m/')),
                ('attachment_type', models.CharField(blank=True, max_length=100)),
                ('informed_kind', models.CharField(blank=True, max_length=60)),
                ('informed_on', models.DateField(blank=True, null=True)),
                ('informed_text', models.CharField(blank=True, max_length=200)),
                ('informed_source_key', models.CharField(blank=True, max_length=120)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='child_views', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-recorded_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ChronologyAnnotation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source_key', models.CharField(max_length=120)),
                ('significant', models.BooleanField(default=False)),
                ('impact', models.TextField(blank=True, verbose_name='Impact on the child')),
                ('analysis', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-recorded_at', '-id'],
                'indexes': [models.Index(fields=['person', 'source_key'], name='casework_ch_person__aaa4d6_idx')],
            },
        ),
        migrations.CreateModel(
            name='ChronologyEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_on', models.DateField()),
                ('agency', models.CharField(help_text='Who was involved, e.g. school, police, GP.', max_length=120)),
                ('what_happened', models.TextField()),
                ('source_of_information', models.CharField(max_length=200)),
                ('impact', models.TextField(blank=True, verbose_name='Impact on the child')),
                ('significant', models.BooleanField(default=False)),
                ('restricted', models.BooleanField(default=False)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='chronology_entries', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_on', 'id'],
                'indexes': [models.Index(fields=['person', 'occurred_on'], name='casework_ch_person__b9dc82_idx')],
            },
        ),
        migrations.CreateModel(
            name='Document',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('doc_type', models.CharField(choices=[('LETTER', 'Letter'), ('REPORT', 'Report'), ('ASSESSMENT', 'Assessment'), ('PLAN', 'Plan'), ('MINUTES', 'Meeting record or minutes'), ('COURT', 'Court document'), ('HEALTH', 'Health'), ('EDUCATION', 'Education'), ('CONSENT', 'Consent or agreement'), ('CHILD', 'Written for the child'), ('OTHER', 'Other')], max_length=12, verbose_name='Type')),
                ('document_date', models.DateField()),
                ('file', models.FileField(upload_to='documents/%Y/%m/')),
                ('content_type', models.CharField(max_length=100)),
                ('size', models.PositiveIntegerField(default=0)),
                ('restricted', models.BooleanField(default=False)),
                ('generator', models.CharField(blank=True, help_text='Key of the generator, if generated.', max_length=80)),
                ('source_key', models.CharField(blank=True, max_length=120)),
                ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                ('named_users', models.ManyToManyField(blank=True, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='documents', to='people.person')),
                ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('content_hash', models.CharField(blank=True, help_text="Of a generated document's content: the same content is filed once.", max_length=64)),
            ],
            options={
                'ordering': ['-document_date', '-id'],
                'indexes': [models.Index(fields=['person', 'source_key', 'content_hash'], name='document_same_content')],
            },
        ),
        migrations.CreateModel(
            name='SubjectAccessRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('requested_by_name', models.CharField(max_length=200, verbose_name='Who asked')),
                ('received_on', models.DateField()),
                ('status', models.CharField(choices=[('REQUESTED', 'Requested'), ('IN_REVIEW', 'In review'), ('APPROVED', 'Approved'), ('RELEASED', 'Released')], default='REQUESTED', max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('released_at', models.DateTimeField(blank=True, null=True)),
                ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('reviewed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('extended_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('extension_months', models.PositiveSmallIntegerField(default=0)),
                ('extension_reason', models.TextField(blank=True)),
                ('extension_told_on', models.DateField(blank=True, null=True, verbose_name='Date the requester was told of the extension')),
            ],
            options={
                'verbose_name': 'subject access request',
                'ordering': ['-received_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='SubjectAccessItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('section', models.CharField(max_length=60)),
                ('text', models.TextField()),
                ('third_party', models.BooleanField(default=False)),
                ('redact', models.BooleanField(default=False)),
                ('reason', models.CharField(blank=True, max_length=200)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='casework.subjectaccessrequest')),
            ],
            options={
                'ordering': ['position'],
            },
        ),
        migrations.CreateModel(
            name='SubjectAccessRequestStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('request', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='casework.subjectaccessrequest')),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='visit',
            name='case_note',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visit', to='casework.casenote'),
        ),
        migrations.CreateModel(
            name='DraftHandover',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('handed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('reason', models.TextField()),
                ('case_note', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='handovers', to='casework.casenote')),
                ('from_worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('handed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('to_worker', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['handed_at', 'id'],
            },
        ),
    ]
