"""Bringing a partnership's spreadsheet of cases into the register (editors only)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from scrutiny.core.tabular import ImportRejected
from scrutiny.reviews import forms, imports
from scrutiny.reviews.models import Partnership
from scrutiny.reviews.views import editors_only, form_page


@editors_only
def register_import(request):
    partnership = Partnership.objects.order_by("pk").first()
    form = forms.ImportForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid() and partnership is not None:
        upload = form.cleaned_data["file"]
        try:
            count = imports.register_import(
                actor=request.user,
                partnership=partnership,
                file_name=upload.name,
                data=upload.read(imports.MAX_BYTES + 1),
            )
        except ImportRejected as rejected:
            problems = [str(e) for e in rejected.errors]
            form.add_error("file", f"{len(problems)} problem(s) found; nothing was saved.")
        else:
            messages.success(request, f"{count} case(s) added to the register.")
            return redirect("reviews:register")
    return form_page(
        request,
        form,
        "Import cases into the register",
        None,
        "Import the file",
        problems=problems,
        multipart=True,
    )
