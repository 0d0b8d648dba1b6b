from core.form_fields import radios, text
from core.forms import GovForm


class DecisionForm(GovForm):
    decision = radios(
        "Your decision",
        [("approve", "Approve: delete the record now"), ("reject", "Reject: keep the record")],
        "Select whether to approve or reject the deletion",
    )
    reason = text(
        "Reason",
        rows=3,
        required=False,
        max_length=2000,
        help_text="Required when you reject. Do not include names or other personal details.",
    )
