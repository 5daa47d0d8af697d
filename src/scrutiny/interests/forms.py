from django import forms

from scrutiny.interests.models import InterestCategory

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class InterestForm(forms.Form):
    category = forms.ChoiceField(
        choices=[("", "Choose a category")] + InterestCategory.choices, label="Category"
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Interest",
        help_text="For example the employer and job, the address of the land, or the body.",
    )
    arose_on = forms.DateField(
        input_formats=DATE_FORMATS,
        label="Date the interest arose",
        help_text="For example, 1/5/2024",
        required=False,
    )
    is_sensitive = forms.BooleanField(
        required=False,
        label="This is a sensitive interest",
        help_text="Publishing the details could lead to you or someone living with you being "
        "subjected to violence or intimidation. The published register will say only that an "
        "interest is withheld.",
    )


class EndForm(forms.Form):
    arose_on = forms.DateField(
        input_formats=DATE_FORMATS,
        label="Date the interest ended",
        help_text="For example, 31/3/2025",
        required=False,
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Note to the member",
        help_text="Needed when you decline a change.",
    )
