import io

import pytest
from pypdf import PdfReader

from scrutiny.core.pdf import OfflineFetcher, html_to_pdf


def test_printing_uses_the_projects_stylesheet_and_inline_images():
    pdf = html_to_pdf(
        '<link rel="stylesheet" href="/static/vendor/scrutiny.css"><h1 class="govuk-heading-xl">Minutes</h1>'
        '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
        base_url="http://testserver/",
    )
    assert "Minutes" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "file:///etc/passwd",
        "http://testserver/static/../../etc/passwd",
    ],
)
def test_printing_never_fetches_the_network_or_other_files(url):
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do, as long as nothing is read
        OfflineFetcher().fetch(url)
