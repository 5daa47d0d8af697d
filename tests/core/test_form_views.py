"""The form shapes of the officers' screens: what a valid POST's service call came to."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from scrutiny.core.form_views import form_posted, form_saved


class NameForm(forms.Form):
    name = forms.CharField()


def _refuse(data):
    raise ValidationError({"name": f"{data['name']} is taken."})


def test_a_service_that_returns_nothing_has_gone_through():
    request = RequestFactory().post("/", {"name": "Ward 3"})
    seen = []
    form = NameForm(request.POST)
    assert form_posted(request, form, seen.append) is True
    assert seen == [{"name": "Ward 3"}]
    # form_saved cannot tell this success from a refusal: that is why form_posted exists.
    assert form_saved(request, NameForm(request.POST), lambda data: None) is None


def test_a_refusal_lands_on_the_form_field():
    request = RequestFactory().post("/", {"name": "Ward 3"})
    form = NameForm(request.POST)
    assert form_posted(request, form, _refuse) is False
    assert form.errors == {"name": ["Ward 3 is taken."]}


def test_nothing_is_called_for_a_page_view_or_an_invalid_form():
    called = []
    get = RequestFactory().get("/")
    assert form_posted(get, NameForm(None), called.append) is False
    post = RequestFactory().post("/", {"name": ""})
    invalid = NameForm(post.POST)
    assert form_posted(post, invalid, called.append) is False
    assert called == [] and "name" in invalid.errors
