from django import forms


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label="Email address",
        max_length=254,
        help_text="We will send you a link to confirm it. We use it for these alerts only.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": "Enter your email address."},
    )


class ConfirmForm(forms.Form):
    """No fields: the button confirms. A refusal from the service is shown in the form's error
    summary, as on every other form."""
