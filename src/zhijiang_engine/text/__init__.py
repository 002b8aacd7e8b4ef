"""Text out of uploaded documents (CVs, job postings) and the job titles a CV names."""

from zhijiang_engine.text.documents import (
    ACCEPTED_KINDS,
    MAX_DOCX_XML_BYTES,
    MAX_INPUT_BYTES,
    DocumentError,
    DocumentText,
    job_titles_in_cv,
    normalize_whitespace,
    read_document,
)

__all__ = [
    "ACCEPTED_KINDS",
    "MAX_DOCX_XML_BYTES",
    "MAX_INPUT_BYTES",
    "DocumentError",
    "DocumentText",
    "job_titles_in_cv",
    "normalize_whitespace",
    "read_document",
]
