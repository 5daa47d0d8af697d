import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from scrutiny.documents.uploads import check_upload

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_pdf_is_accepted():
    assert check_upload(SimpleUploadedFile("report.pdf", PDF_BYTES)) == "application/pdf"


def test_a_file_whose_bytes_do_not_match_its_name_is_refused_with_its_name():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("report.pdf", b"<html>not a pdf</html>"))
    assert "report.pdf" in error.value.messages[0]


def test_an_unsupported_type_is_refused():
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile("run.exe", b"MZ\x90\x00"))


@override_settings(SCRUTINY_MAX_UPLOAD_BYTES=10)
def test_an_oversized_upload_is_refused_with_the_limit():
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("big.pdf", PDF_BYTES))
    assert "limit" in error.value.messages[0]
