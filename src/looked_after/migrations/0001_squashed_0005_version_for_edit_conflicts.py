import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('looked_after', '0001_initial'), ('looked_after', '0002_care_journey'), ('looked_after', '0003_placement_k3_and_temporary_labels'), ('looked_after', '0004_health_intervention_offered'), ('looked_after', '0005_version_for_edit_conflicts')]

    initial = True

    dependencies = [
        ('frontdoor', '0001_squashed_0003_contact_threshold_reason'),
        ('people', '0001_squashed_0004_access_grants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PeriodOfCare',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField(help_text='Date the child started to be looked after.')),
                ('end_date', models.DateField(blank=True, null=True)),
                ('category_of_need', models.CharField(choices=[('N1', 'Abuse or neglect'), ('N2', "Child's disability"), ('N3', 'Parental disability or illness'), ('N4', 'Family in acute stress'), ('N5', 'Family dysfunction'), ('N6', 'Socially unacceptable behaviour'), ('N7', 'Low income'), ('N8', 'Absent parenting'), ('N9', 'Cases other than children in need'), ('N0', 'Not stated')], help_text='Fixed at the start of the period of care (SSDA903 CIN).', max_length=2)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='periods_of_care', to='people.person')),
                ('referral', models.ForeignKey(blank=True, help_text='The CIN episode during which care began.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='periods_of_care', to='frontdoor.referral')),
                ('care_plan_completed_on', models.DateField(blank=True, null=True)),
                ('permanence_plan_completed_on', models.DateField(blank=True, null=True)),
                ('reason_ceased', models.CharField(blank=True, choices=[('X1', 'Episode ceases, and new episode begins on same day, for any reason'), ('E11', 'Adopted – application for an adoption order unopposed'), ('E12', 'Adopted – consent dispensed with by the court'), ('E2', 'Died'), ('E3', 'Care taken over by another local authority in the UK'), ('E4A', 'Returned home to live with parents or relatives – as part of the care planning process'), ('E4B', 'Returned home to live with parents or relatives – not as part of the care planning process'), ('E13', 'Left care to live with parents, relatives or other person with no parental responsibility'), ('E41', 'Residence order or child arrangements order granted'), ('E45', 'Special guardianship order – former foster carer who was a relative or friend'), ('E46', 'Special guardianship order – former foster carer who was not a relative or friend'), ('E47', 'Special guardianship order – carer other than former foster carer, relative or friend'), ('E48', 'Special guardianship order – carer other than former foster carer, not relative or friend'), ('E5', 'Moved into independent living arrangement with formalised support'), ('E6', 'Moved into independent living arrangement without formalised support'), ('E7', 'Transferred to residential care funded by adult social care services'), ('E9', 'Sentenced to custody'), ('E14', 'Accommodation on remand ended'), ('E15', 'Age assessment determined child is aged 18 or over'), ('E16', 'Child moved abroad'), ('E17', 'Aged 18 (or over) and remained with current carers (including staying put)'), ('E8', 'Period of being looked after ceased for any other reason')], max_length=3)),
            ],
            options={
                'ordering': ['-start_date'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='period_of_care_end_after_start')],
            },
        ),
        migrations.CreateModel(
            name='EducationPlan',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('meeting_on', models.DateField(verbose_name='PEP meeting date')),
                ('school', models.CharField(max_length=200)),
                ('school_urn', models.CharField(blank=True, max_length=8)),
                ('virtual_school_contact', models.CharField(blank=True, max_length=120)),
                ('attendance_percent', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True)),
                ('exclusions', models.PositiveSmallIntegerField(default=0, verbose_name='Fixed-term exclusions this term')),
                ('key_stage_results', models.CharField(blank=True, max_length=300)),
                ('targets', models.TextField()),
                ('progress', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='education_plans', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['meeting_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ExploitationScreening',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('screened_on', models.DateField()),
                ('score', models.PositiveSmallIntegerField()),
                ('review_on', models.DateField()),
                ('notes', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['screened_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='IROEscalation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('raised_on', models.DateField()),
                ('issue', models.TextField()),
                ('status', models.CharField(choices=[('INFORMAL', 'Informal resolution'), ('FORMAL_1', 'Formal stage 1'), ('FORMAL_2', 'Formal stage 2'), ('FORMAL_3', 'Formal stage 3'), ('RESOLVED', 'Resolved')], default='INFORMAL', max_length=10)),
                ('outcome', models.TextField(blank=True)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='escalations', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('raised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-raised_on', '-id'],
            },
        ),
        migrations.CreateModel(
            name='IROEscalationStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=30)),
                ('event', models.CharField(max_length=40)),
                ('occurred_at', models.DateTimeField(help_text="When it happened in the child's life.")),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, help_text='When Harbour learned it.')),
                ('reason', models.TextField(blank=True)),
                ('escalation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='history', to='looked_after.iroescalation')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['occurred_at', 'id'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='LACReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sequence', models.PositiveSmallIntegerField(help_text='1 for the first review of the period, …')),
                ('rule_id', models.CharField(max_length=40)),
                ('due_date', models.DateField()),
                ('calendar_version', models.CharField(max_length=40)),
                ('held_on', models.DateField()),
                ('participation', models.CharField(choices=[('PN0', 'Child aged under 4 at the time of the review'), ('PN1', 'Child physically attends and speaks for themselves'), ('PN2', 'Child physically attends and an advocate speaks on their behalf'), ('PN3', 'Child attends and conveys their view symbolically (non-verbally)'), ('PN4', 'Child physically attends but does not speak or convey a view'), ('PN5', 'Child does not attend but briefs an advocate to speak for them'), ('PN6', 'Child does not attend but conveys their feelings by a facilitative medium'), ('PN7', 'Child does not attend nor are their views conveyed')], max_length=3)),
                ('iro_met_child', models.BooleanField(verbose_name='The IRO met the child before the review')),
                ('child_views', models.TextField(blank=True, verbose_name="The child's views")),
                ('decisions', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('iro', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reviews', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['held_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='LegalStatusPeriod',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('legal_status', models.CharField(choices=[('C1', 'Interim care order'), ('C2', 'Full care order'), ('D1', 'Freeing order granted'), ('E1', 'Placement order granted'), ('V2', 'Single period of accommodation under section 20'), ('V3', 'Accommodated under an agreed series of short-term breaks, individual episodes'), ('V4', 'Accommodated under an agreed series of short-term breaks, agreements recorded'), ('L1', 'Under police protection and in local authority accommodation'), ('L2', 'Emergency protection order'), ('L3', 'Under child assessment order and in local authority accommodation'), ('J1', 'Remanded to local authority accommodation or youth detention accommodation'), ('J2', 'Placed in local authority accommodation under PACE'), ('J3', 'Sentenced to a youth rehabilitation order with residence or fostering requirement')], max_length=2)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='legal_statuses', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['start_date', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Placement',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('placement_type', models.CharField(choices=[('A3', 'Placed for adoption with parental consent with current foster carer(s)'), ('A4', 'Placed for adoption with parental consent not with current foster carer(s)'), ('A5', 'Placed for adoption with placement order with current foster carer(s)'), ('A6', 'Placed for adoption with placement order not with current foster carer(s)'), ('H5', "Semi-independent living accommodation not subject to children's homes regulations (to March 2024)"), ('K1', "Secure children's home"), ('K2', "Children's home"), ('K3', 'Supported accommodation (from April 2024)'), ('P1', 'Placed with own parent(s) or other person(s) with parental responsibility'), ('P2', 'Independent living, e.g. in a flat, lodgings, bedsit, B&B or with friends'), ('P3', 'Residential employment'), ('R1', 'Residential care home'), ('R2', 'NHS or health trust or other establishment providing medical or nursing care'), ('R3', 'Family centre or mother and baby unit'), ('R5', 'Young offender institution or prison'), ('S1', "All residential schools, except where dual-registered as a school and children's home"), ('T0', 'Temporary placement – all types of temporary move'), ('T1', 'Temporary placement – period in hospital'), ('T2', "Temporary placement – child's holiday"), ('T3', 'Temporary placement – while the usual foster carer is on holiday'), ('T4', 'Temporary placement – other, of 7 days or less'), ('U1', 'Foster placement with relative or friend – long term fostering'), ('U2', 'Foster placement with relative or friend who is also an approved adopter – FFA or concurrent planning'), ('U3', 'Foster placement with relative or friend – not long term or FFA'), ('U4', 'Foster placement with other foster carer – long term fostering'), ('U5', 'Foster placement with other foster carer who is also an approved adopter – FFA or concurrent planning'), ('U6', 'Foster placement with other foster carer – not long term or FFA'), ('Z1', 'Other placements (must be listed on a schedule sent to DfE with annual submission)')], max_length=2)),
                ('provider', models.CharField(choices=[('PR0', 'Parent(s) or other person(s) with parental responsibility'), ('PR1', 'Own provision (by the local authority), including a regional adoption agency hosted by this LA'), ('PR2', 'Other local authority provision'), ('PR3', 'Other public provision (for example, a primary care trust)'), ('PR4', 'Private provision'), ('PR5', 'Voluntary or third sector provision')], max_length=3)),
                ('carer_name', models.CharField(max_length=200, verbose_name='Carer or home')),
                ('urn', models.CharField(blank=True, max_length=8, verbose_name='Ofsted URN')),
                ('address', models.CharField(blank=True, max_length=300)),
                ('postcode', models.CharField(blank=True, max_length=8)),
                ('in_area', models.BooleanField(default=True, verbose_name="Inside the authority's area")),
                ('distance_miles', models.DecimalField(decimal_places=1, default=999.9, help_text='Distance from home; 999.9 when unknown.', max_digits=5)),
                ('start_date', models.DateField()),
                ('end_date', models.DateField(blank=True, null=True)),
                ('reason_for_change', models.CharField(blank=True, choices=[('CARPL', "Change to, or implementation of, the child's care plan"), ('CLOSE', 'Resignation or closure of provision'), ('ALLEG', 'Allegation (s47)'), ('STAND', 'Standards of care concern'), ('APPRR', 'Approval removed'), ('CREQB', "Carer requests placement end due to child's behaviour"), ('CREQO', "Carer requests placement end other than due to child's behaviour"), ('CHILD', 'Child requests placement end'), ('LAREQ', 'Responsible or area authority requests placement end'), ('PLACE', 'Change in the status of a placement only'), ('CUSTOD', 'Custody arrangement'), ('OTHER', 'Other')], max_length=6)),
                ('visit_regime', models.CharField(choices=[('STANDARD', 'Standard: within 1 week, then every 6 weeks (reg 28(2))'), ('LONG_TERM_FOSTER', 'Long-term foster placement, child agrees: 6-monthly after year 1 (reg 28(3A))'), ('PARENT_PRE_ASSESS', 'With parent before assessment complete: weekly until first review (reg 28(3))'), ('CONNECTED_OR_ICO', 'Temporarily approved connected person, or interim care order with parent: weekly, then 4-weekly (reg 28(4))'), ('CARE_ORDER_PARENT', 'Full care order, living with parent: within 1 week, then 6-weekly (reg 28(5))')], default='STANDARD', max_length=20)),
                ('intended_until_18', models.BooleanField(default=False)),
                ('placement_plan_completed_on', models.DateField(blank=True, null=True)),
                ('parent_approval_on', models.DateField(blank=True, null=True)),
                ('parent_review_on', models.DateField(blank=True, null=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('parent_approval_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='placements', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['start_date', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gt', models.F('start_date')), _connector='OR'), name='placement_end_after_start')],
            },
        ),
        migrations.CreateModel(
            name='CareEpisode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('start_date', models.DateField(verbose_name='DECOM')),
                ('reason_new_episode', models.CharField(choices=[('S', 'Started to be looked after'), ('L', 'Change of legal status only'), ('P', 'Change of placement and carer(s) only'), ('T', 'Change of placement but same carer(s)'), ('B', 'Change of legal status and placement and carer(s) at the same time'), ('U', 'Change of legal status and change of placement but same carer(s)')], max_length=1)),
                ('end_date', models.DateField(blank=True, null=True, verbose_name='DEC')),
                ('reason_ceased', models.CharField(blank=True, choices=[('X1', 'Episode ceases, and new episode begins on same day, for any reason'), ('E11', 'Adopted – application for an adoption order unopposed'), ('E12', 'Adopted – consent dispensed with by the court'), ('E2', 'Died'), ('E3', 'Care taken over by another local authority in the UK'), ('E4A', 'Returned home to live with parents or relatives – as part of the care planning process'), ('E4B', 'Returned home to live with parents or relatives – not as part of the care planning process'), ('E13', 'Left care to live with parents, relatives or other person with no parental responsibility'), ('E41', 'Residence order or child arrangements order granted'), ('E45', 'Special guardianship order – former foster carer who was a relative or friend'), ('E46', 'Special guardianship order – former foster carer who was not a relative or friend'), ('E47', 'Special guardianship order – carer other than former foster carer, relative or friend'), ('E48', 'Special guardianship order – carer other than former foster carer, not relative or friend'), ('E5', 'Moved into independent living arrangement with formalised support'), ('E6', 'Moved into independent living arrangement without formalised support'), ('E7', 'Transferred to residential care funded by adult social care services'), ('E9', 'Sentenced to custody'), ('E14', 'Accommodation on remand ended'), ('E15', 'Age assessment determined child is aged 18 or over'), ('E16', 'Child moved abroad'), ('E17', 'Aged 18 (or over) and remained with current carers (including staying put)'), ('E8', 'Period of being looked after ceased for any other reason')], max_length=3, verbose_name='REC')),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('period', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='episodes', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('legal_status', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='episodes', to='looked_after.legalstatusperiod')),
                ('placement', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='episodes', to='looked_after.placement')),
            ],
            options={
                'ordering': ['start_date', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gt', models.F('start_date')), _connector='OR'), name='episode_end_after_start')],
            },
        ),
        migrations.CreateModel(
            name='ReviewAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('who', models.CharField(max_length=120)),
                ('what', models.CharField(max_length=500)),
                ('due_on', models.DateField()),
                ('completed_on', models.DateField(blank=True, null=True)),
                ('completed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('review', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='actions', to='looked_after.lacreview')),
            ],
            options={
                'ordering': ['due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HealthAssessment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('INITIAL', 'Initial health assessment'), ('REVIEW', 'Review health assessment'), ('DENTAL', 'Dental check')], max_length=8)),
                ('completed_on', models.DateField()),
                ('practitioner', models.CharField(blank=True, max_length=120)),
                ('immunisations_up_to_date', models.BooleanField(blank=True, null=True)),
                ('sdq_score', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='SDQ total score')),
                ('sdq_reason', models.CharField(blank=True, choices=[('SDQ1', 'No form returned as child aged under 4 or over 17 at date of latest assessment'), ('SDQ2', 'Carer refused to complete and return questionnaire'), ('SDQ3', "Not possible to complete the questionnaire due to severity of the child's disability"), ('SDQ4', 'Other'), ('SDQ5', 'Child or young person refuses to allow an SDQ to be completed')], max_length=4)),
                ('substance_misuse', models.BooleanField(blank=True, null=True)),
                ('intervention_received', models.BooleanField(blank=True, null=True)),
                ('convicted', models.BooleanField(blank=True, null=True, verbose_name='Convicted or subject to a youth caution in the last year')),
                ('health_plan_actions', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('period', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='health_checks', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('intervention_offered', models.BooleanField(blank=True, help_text='When none was received: was one offered (and refused)? SSDA903 OC2.', null=True)),
            ],
            options={
                'ordering': ['completed_on', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('sdq_score__isnull', True), ('sdq_score__lte', 40), _connector='OR'), name='sdq_score_0_to_40')],
            },
        ),
        migrations.CreateModel(
            name='MissingEpisode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('M', 'Missing: whereabouts unknown'), ('A', 'Away from placement without authorisation: whereabouts known')], max_length=1)),
                ('started_at', models.DateTimeField()),
                ('ended_at', models.DateTimeField(blank=True, null=True)),
                ('police_informed', models.BooleanField(default=False)),
                ('rhi_offered', models.BooleanField(blank=True, null=True)),
                ('rhi_accepted', models.BooleanField(blank=True, null=True)),
                ('rhi_held_at', models.DateTimeField(blank=True, null=True)),
                ('rhi_by', models.CharField(blank=True, max_length=120)),
                ('review_held_on', models.DateField(blank=True, null=True, verbose_name='Missing-from-care review held')),
                ('notes', models.TextField(blank=True)),
                ('recorded_at', models.DateTimeField(auto_now_add=True)),
                ('period', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='missing_episodes', to='looked_after.periodofcare')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='people.person')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.PositiveIntegerField(default=1, editable=False)),
            ],
            options={
                'ordering': ['-started_at', '-id'],
                'constraints': [models.CheckConstraint(condition=models.Q(('ended_at__isnull', True), ('ended_at__gte', models.F('started_at')), _connector='OR'), name='missing_end_after_start')],
            },
        ),
    ]
