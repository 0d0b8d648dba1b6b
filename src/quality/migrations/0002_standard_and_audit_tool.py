"""The authority's starting standards and its case audit tool, as data it can change."""

from datetime import date

from django.db import migrations

TOOL = "Practice quality audit"
SECTIONS = [
    ("The child's voice", ["Is the child seen, and seen alone, and are their wishes and feelings recorded in their words?"]),
    ("Quality of assessment", ["Does the assessment analyse need and risk, with the history, and reach a clear conclusion?"]),
    ("SMART planning", ["Is the plan specific, with outcomes, who does what by when, and a contingency?"]),
    ("Management oversight", ["Is management oversight and supervision on the file, with rationale and direction?"]),
    ("Identity and diversity", ["Are the child's identity, culture, language and faith understood and used in planning?"]),
    ("Impact on the child", ["Is the child's situation improving because of what we have done?"]),
]


def forwards(apps, schema_editor):
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
    dependencies = [("quality", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
