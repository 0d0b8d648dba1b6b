from django import forms


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve: delete the record now"), ("reject", "Reject: keep the record")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to approve or reject the deletion"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you reject. Do not include names or other personal details.",
    )
