"""Reading a CV or a job description on the page, and keeping the skills a learner confirms."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from zhijiang.common.models import AuditEvent
from zhijiang.occupations.models import PersonSkill

pytestmark = pytest.mark.django_db

CV = """张小渝
求职意向：数据分析师
工作经历
2019.07 - 2021.03  重庆某科技有限公司  Java开发工程师
熟悉Java、MySQL数据库和Spring Boot，具备良好的沟通能力。
"""


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx(text: str) -> bytes:
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{line}</w:t></w:r></w:p>'
        for line in text.splitlines()
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{paragraphs}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("word/document.xml", document)
    return buffer.getvalue()


def client_for(user):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def test_a_learner_reads_a_docx_cv_and_keeps_the_skills_they_tick(learner):
    client = client_for(learner)
    upload = SimpleUploadedFile("cv.docx", docx(CV))
    page = client.post("/occupations/analyse/", {"file": upload, "text": ""}).content.decode()
    assert "Java开发工程师" in page and "数据分析师" in page
    assert "2-02-10-03" in page  # 计算机软件工程技术人员 for the Java job
    assert page.count('data-testid="found-skill"') >= 4
    response = client.post(
        "/occupations/analyse/skills/", {"skills": ["java", "mysql", "not-found"]}
    )
    assert response.status_code == 302
    kept = sorted(PersonSkill.objects.filter(user=learner).values_list("skill__key", "source"))
    assert kept == [("java", "cv"), ("mysql", "cv")]
    assert AuditEvent.objects.filter(action="person.skills", actor=learner).exists()


def test_an_employer_reads_a_pasted_description(employer_hr):
    text = "急招：Python开发工程师（双休）\n要求熟悉Python、Django和Linux。"
    page = client_for(employer_hr).post("/occupations/analyse/", {"text": text}).content.decode()
    assert "2-02-10-03" in page and "Django" in page
    assert "Add the ticked skills" not in page  # only learners keep skills


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", b"not a pdf at all", "pdf"),
        ("cv.exe", b"MZ\x00\x00binary", "docx"),
        ("cv.txt", b"\x00\x01\x02binary", "binary"),
    ],
)
def test_unreadable_files_say_why(learner, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client_for(learner).post("/occupations/analyse/", {"file": upload, "text": ""})
    assert response.status_code == 400
    assert message in response.content.decode().lower()


def test_nothing_to_read_is_a_clear_error(learner):
    response = client_for(learner).post("/occupations/analyse/", {"text": "  "})
    assert response.status_code == 400
    assert "Upload a file or paste a text." in response.content.decode()


def test_other_roles_cannot_keep_skills(employer_hr):
    response = client_for(employer_hr).post("/occupations/analyse/skills/", {"skills": ["java"]})
    assert response.status_code == 403
    assert not PersonSkill.objects.exists()
