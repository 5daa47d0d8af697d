from __future__ import annotations

from django import forms


class NoteForm(forms.Form):
    highlight = forms.BooleanField(required=False, label="Highlight this passage")
    text = forms.CharField(
        required=False,
        label="Your note",
        help_text="Only you can see it: not officers, not other members.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(label="Your question", widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label="The answer", widget=forms.Textarea(attrs={"rows": 4}))
