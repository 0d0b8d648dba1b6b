import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('frontdoor', '0001_initial'), ('frontdoor', '0002_contacts'), ('frontdoor', '0003_contact_threshold_reason')]

    initial = True

    dependencies = [
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Referral',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('referral_date', models.DateField(help_text='The date the referral was received (CINreferralDate).')),
                ('received_at', models.DateTimeField()),
                ('source', models.CharField(choices=[('1A', 'Individual – family member, relative or carer'), ('1B', 'Individual – acquaintance (including neighbours and child minders)'), ('1C', 'Individual – self'), ('1D', 'Individual – other'), ('2A', 'Schools'), ('2B', 'Education services'), ('3A', 'Health services – GP'), ('3B', 'Health services – health visitor'), ('3C', 'Health services – school nurse'), ('3D', 'Health services – other primary health services'), ('3E', 'Health services – A&E (emergency department)'), ('3F', 'Health services – other'), ('4', 'Housing (LA housing or housing association)'), ('5A', "LA services – social care (e.g. adults' social care)"), ('5B', 'LA services – other internal department'), ('5C', 'LA services – external (e.g. another local authority)'), ('5D', 'LA services – early help'), ('6', 'Police'), ('7', 'Other legal agency (courts, probation, immigration, CAFCASS, prison)'), ('8', "Other (children's centres, independent or voluntary agencies)"), ('9', 'Anonymous'), ('10', 'Unknown')], max_length=3)),
                ('primary_need', models.CharField(choices=[('N1', 'Abuse or neglect'), ('N2', "Child's disability"), ('N3', 'Parental disability or illness'), ('N4', 'Family in acute stress'), ('N5', 'Family dysfunction'), ('N6', 'Socially unacceptable behaviour'), ('N7', 'Low income'), ('N8', 'Absent parenting'), ('N9', 'Cases other than children in need'), ('N0', 'Not stated')], default='N0', max_length=2)),
                ('referral_nfa', models.BooleanField(default=False, help_text='Closed with no further action, without an assessment.')),
                ('closure_date', models.DateField(blank=True, null=True)),
                ('closure_reason', models.CharField(blank=True, choices=[('RC1', 'Adopted'), ('RC2', 'Died'), ('RC3', 'Child arrangements order'), ('RC4', 'Special guardianship order'), ('RC5', 'Transferred to services of another local authority'), ('RC6', 'Transferred to adult social care services'), ('RC7', 'Services ceased for any other reason, including child no longer in need'), ('RC8', 'Case closed after assessment, no further action'), ('RC9', 'Case closed after assessment, referred to early help')], max_length=3)),
                ('status', models.CharField(choices=[('OPEN', 'Open'), ('CLOSED', 'Closed')], default='OPEN', max_length=10)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='people.person')),
            ],
            options={
                'ordering': ['-referral_date', '-id'],
                'indexes': [models.Index(fields=['person', 'referral_date'], name='frontdoor_r_person__c4b82e_idx')],
                'constraints': [models.CheckConstraint(condition=models.Q(('closure_date__isnull', True), ('closure_date__gte', models.F('referral_date')), _connector='OR'), name='referral_closed_after_opened')],
            },
        ),
        migrations.CreateModel(
            name='ReferralStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('referral', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='frontdoor.referral')),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Contact',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('received_at', models.DateTimeField()),
                ('out_of_hours', models.BooleanField(default=False)),
                ('channel', models.CharField(choices=[('PHONE', 'Phone'), ('EMAIL', 'Email'), ('PORTAL', 'Online portal'), ('LETTER', 'Letter or fax'), ('IN_PERSON', 'In person')], max_length=10)),
                ('source', models.CharField(choices=[('1A', 'Individual – family member, relative or carer'), ('1B', 'Individual – acquaintance (including neighbours and child minders)'), ('1C', 'Individual – self'), ('1D', 'Individual – other'), ('2A', 'Schools'), ('2B', 'Education services'), ('3A', 'Health services – GP'), ('3B', 'Health services – health visitor'), ('3C', 'Health services – school nurse'), ('3D', 'Health services – other primary health services'), ('3E', 'Health services – A&E (emergency department)'), ('3F', 'Health services – other'), ('4', 'Housing (LA housing or housing association)'), ('5A', "LA services – social care (e.g. adults' social care)"), ('5B', 'LA services – other internal department'), ('5C', 'LA services – external (e.g. another local authority)'), ('5D', 'LA services – early help'), ('6', 'Police'), ('7', 'Other legal agency (courts, probation, immigration, CAFCASS, prison)'), ('8', "Other (children's centres, independent or voluntary agencies)"), ('9', 'Anonymous'), ('10', 'Unknown')], max_length=3)),
                ('referrer_name', models.CharField(blank=True, max_length=120)),
                ('referrer_agency', models.CharField(blank=True, max_length=120)),
                ('referrer_contact_details', models.CharField(blank=True, max_length=200)),
                ('concern', models.TextField()),
                ('consent', models.CharField(choices=[('GIVEN', 'Consent given'), ('NOT_GIVEN', 'Consent not given'), ('NOT_SOUGHT', 'Not sought: seeking consent would place the child at risk')], max_length=12)),
                ('consent_notes', models.TextField(blank=True)),
                ('status', models.CharField(choices=[('RECEIVED', 'Awaiting screening'), ('SCREENED', 'Awaiting manager decision'), ('DECIDED', 'Decided')], default='RECEIVED', max_length=10)),
                ('decision_due', models.DateField()),
                ('calendar_version', models.CharField(max_length=40)),
                ('threshold_level', models.CharField(blank=True, max_length=10)),
                ('decision', models.CharField(blank=True, choices=[('NFA', 'No further action'), ('ADVICE', 'Advice and information'), ('EARLY_HELP', 'Step to early help'), ('ASSESSMENT', "Referral for a children's social care assessment"), ('STRATEGY', 'Strategy discussion for immediate protection')], max_length=12)),
                ('primary_need', models.CharField(blank=True, choices=[('N1', 'Abuse or neglect'), ('N2', "Child's disability"), ('N3', 'Parental disability or illness'), ('N4', 'Family in acute stress'), ('N5', 'Family dysfunction'), ('N6', 'Socially unacceptable behaviour'), ('N7', 'Low income'), ('N8', 'Absent parenting'), ('N9', 'Cases other than children in need'), ('N0', 'Not stated')], max_length=2)),
                ('screening_summary', models.TextField(blank=True)),
                ('screened_at', models.DateTimeField(blank=True, null=True)),
                ('manager_rationale', models.TextField(blank=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('screened_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('threshold_reason', models.TextField(blank=True, help_text='Required when the decision does not fit the threshold level (frontdoor.rules).', verbose_name='Why the decision differs from the threshold level')),
            ],
            options={
                'ordering': ['-received_at', '-id'],
                'indexes': [models.Index(fields=['status', 'decision_due'], name='frontdoor_c_status_b50dc4_idx'), models.Index(fields=['decided_at'], name='frontdoor_c_decided_60024d_idx')],
            },
        ),
        migrations.AddField(
            model_name='referral',
            name='contact',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals', to='frontdoor.contact'),
        ),
        migrations.CreateModel(
            name='ContactChild',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('frequent_contacts', models.BooleanField(default=False, help_text='The child had three or more contacts in 30 days when this one arrived.')),
                ('contact', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='child_links', to='frontdoor.contact')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='front_door_contacts', to='people.person')),
                ('referral', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contact_links', to='frontdoor.referral')),
            ],
            options={
                'ordering': ['id'],
                'constraints': [models.UniqueConstraint(fields=('contact', 'person'), name='one_link_per_child')],
            },
        ),
        migrations.CreateModel(
            name='ContactStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('contact', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='frontdoor.contact')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Disagreement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('raised_on', models.DateField()),
                ('raised_by_name', models.CharField(max_length=120)),
                ('agency', models.CharField(max_length=120)),
                ('grounds', models.TextField()),
                ('stage', models.PositiveSmallIntegerField(default=1)),
                ('status', models.CharField(choices=[('RAISED', 'Raised'), ('ESCALATED', 'Escalated'), ('RESOLVED', 'Resolved')], default='RAISED', max_length=10)),
                ('outcome', models.CharField(blank=True, choices=[('UPHELD', 'Decision upheld'), ('CHANGED', 'Decision changed'), ('WITHDRAWN', 'Disagreement withdrawn')], max_length=10)),
                ('outcome_notes', models.TextField(blank=True)),
                ('resolved_on', models.DateField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('contact', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='disagreements', to='frontdoor.contact')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-raised_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='DisagreementStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('disagreement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_history', to='frontdoor.disagreement')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ReferrerFeedback',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('given_on', models.DateField()),
                ('method', models.CharField(choices=[('PHONE', 'Phone'), ('EMAIL', 'Email'), ('PORTAL', 'Online portal'), ('LETTER', 'Letter or fax'), ('IN_PERSON', 'In person')], max_length=10)),
                ('summary', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('contact', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feedback', to='frontdoor.contact')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['given_on', 'id'],
            },
        ),
    ]
