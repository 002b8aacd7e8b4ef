"""Issue 15's "done when" journey in a real browser: an assessor drafts items for 人工智能训练师
中级工 (offline generator), a colleague accepts some and returns one, the assessor assembles a
certification exam form from reviewed items only and schedules it, and a learner sits it.

Set-up through services: the taxonomy, an approved standard with levels 2 and 3, Ada's bank, and
hand-written reviewed items for each blueprint part, since the offline generator writes only a
few items about the occupation (each of its tasks once) and the form below needs ten. Everything
else happens in the browser, which asks for English (``en-US``): the strings are the English
msgids.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import exams, services
from zhijiang.assessment.models import Attempt, ExamForm, ExamSession, Item
from zhijiang.assessment.tests.factories import approved_standard, item_input, make_bank
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation
from zhijiang_engine.assessment import part_of_requirement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEVEL = 3  # 中级工
HAND_WRITTEN = [
    ("标注图像中的行人时，矩形框应当（  ）。",
     ["紧贴行人轮廓的最外沿", "比行人大一倍", "只框头部", "随意绘制"]),
    ("数据清洗时，对重复的样本通常应当（  ）。",
     ["去重后只保留一条", "全部保留", "全部删除", "改为测试集"]),
    ("评估分类模型时，准确率是指（  ）。",
     ["预测正确的样本占全部样本的比例", "训练所用时间", "模型参数个数", "数据集大小"]),
    ("语音转写标注中，听不清的片段应当（  ）。",
     ["按规范标记为无法识别", "凭猜测补全", "直接删除整段", "填入任意文字"]),
    ("划分训练集和测试集时，同一用户的多条数据应当（  ）。",
     ["放在同一个集合中，避免信息泄漏", "随机拆到两个集合", "全部放入测试集", "全部删除"]),
    ("模型在训练集上准确率很高、在测试集上很低，通常说明（  ）。",
     ["模型过拟合", "模型欠拟合", "数据量过大", "学习率为零"]),
    ("处理含有个人信息的训练数据前，应当首先（  ）。",
     ["按规定进行脱敏处理", "直接公开共享", "删除全部标签", "改用随机数据"]),
    ("正负样本数量相差悬殊时，可以采用的做法是（  ）。",
     ["对少数类过采样或调整类别权重", "只保留多数类", "把全部样本标为正类", "停止训练"]),
]  # fmt: skip


@pytest.fixture
def taxonomy(transactional_db) -> None:
    """The occupation taxonomy, which a data migration loads and a transactional test's flush
    removes again."""
    if Occupation.objects.count() == 0:
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)


@pytest.fixture
def colleague(assessor):
    """Abe, of Ada's assessment body: the second pair of eyes."""
    body = assessor.memberships.get().organisation
    return make_person(role=Role.ASSESSOR, organisation=body, username="abe")


@pytest.fixture
def bank(taxonomy, district_officer, bureau_officer, assessor, colleague, settings):
    settings.LLM_CONFIG = None  # the offline generator writes the drafts
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    body = assessor.memberships.get().organisation
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    parts = {part.key: part for part in exams.blueprint_of(standard, rank=LEVEL).parts}
    # F1 is covered by hand; the offline drafts (seeded by the bank's id, so they differ between
    # databases) always add B items and, after one is returned, at least one F2 item: together
    # enough for B 1, F1 6, F2 3 whichever id the bank gets.
    homes = ["F1"] * 6 + ["F2"] * 2
    for (stem, options), key in zip(HAND_WRITTEN, homes, strict=True):
        item = services.item_create(actor=assessor, bank=bank, data=item_input(
            level=LEVEL, requirement=parts[key].requirements[0], stem=stem,
            options=options))  # fmt: skip
        services.item_review(actor=colleague, item=item, approve=True, comment="")
    return bank


def review(page: Page, item: Item, decision: str, comment: str = "") -> None:
    """Open the item from the review queue and record the decision."""
    page.locator(f'[data-testid=queued-item] a[href="/assessment/items/{item.pk}/"]').click()
    page.get_by_test_id("review").get_by_label(decision).check()
    if comment:
        page.get_by_test_id("review").get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Your review is recorded.")).to_be_visible()


def test_an_assessor_drafts_a_colleague_reviews_and_a_learner_sits_the_certification_exam(
    en_page: Page, browser, live_server, sign_in, assessor, colleague, learner, password, bank,
    artifact,
):  # fmt: skip
    page = en_page

    # 1. Ada asks for drafts for 中级工 on the bank page.
    sign_in(page, assessor.username, password)
    page.goto(f"{live_server.url}/assessment/banks/{bank.pk}/")
    page.get_by_label("Level").first.select_option(str(LEVEL))
    page.get_by_test_id("draft-items").click()
    expect(page.get_by_text("draft items were written")).to_be_visible()
    drafts = list(Item.objects.filter(bank=bank, status=Item.Status.DRAFT).order_by("pk"))
    assert drafts and {item.source for item in drafts} == {"occupation-facts/4"}
    assert not any("相关知识要求" in item.stem for item in drafts)
    expect(page.get_by_test_id("item").first).to_be_visible()
    page.screenshot(path=str(artifact("item-review-drafts.png")), full_page=True)

    # 2. Abe accepts every draft but one, which he returns with a comment.
    assert "B" in {part_of_requirement(item.requirement) for item in drafts}
    accepted, rejected = drafts[:-1], drafts[-1]
    staff = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    reviewer = staff.new_page()
    sign_in(reviewer, colleague.username, password)
    reviewer.goto(f"{live_server.url}/assessment/review/")
    expect(reviewer.get_by_test_id("queued-item")).to_have_count(len(drafts))
    reviewer.screenshot(path=str(artifact("item-review-queue.png")), full_page=True)
    for item in accepted:
        review(reviewer, item, "Approve")
    review(reviewer, rejected, "Return to the author", "Two options are both correct.")
    expect(reviewer.get_by_test_id("queued-item")).to_have_count(len(drafts) - len(accepted))
    staff.close()
    rejected.refresh_from_db()
    assert (rejected.status, rejected.review_comment) == ("draft", "Two options are both correct.")

    # 3. Ada assembles a form of ten items (B 1, F1 6, F2 3) from the reviewed items.
    page.goto(f"{live_server.url}/assessment/banks/{bank.pk}/forms/new/")
    page.get_by_label("Level").select_option(str(LEVEL))
    page.get_by_label("Items per form").fill("10")
    page.get_by_label("Points per item").fill("10")
    page.get_by_label("Seed").fill("7")
    page.get_by_label("Title").fill("AI trainer certification")
    page.get_by_role("button", name="Assemble and save").click()
    expect(page.get_by_test_id("form-item")).to_have_count(10)
    page.screenshot(path=str(artifact("item-review-form.png")), full_page=True)
    form = ExamForm.objects.get(bank=bank)
    on_form = list(Item.objects.filter(forms=form))
    assert len(on_form) == 10
    assert {item.status for item in on_form} == {Item.Status.REVIEWED}
    assert rejected not in on_form
    hand_written = set(Item.objects.filter(bank=bank, source="manual").values_list("pk", flat=True))
    assert {item.pk for item in on_form} <= {item.pk for item in accepted} | hand_written

    # 4. Ada schedules a fixed session with the form, registers Alice and opens it.
    page.goto(f"{live_server.url}/assessment/sessions/new/")
    page.get_by_label("Level").select_option(str(LEVEL))
    page.get_by_label("Fixed exam form").check()
    page.get_by_label("Exam form (fixed mode)").select_option(str(form.pk))
    start = timezone.localtime(timezone.now() - timedelta(minutes=5))
    page.get_by_label("Starts at").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule").click()
    session = ExamSession.objects.get()
    page.wait_for_url(f"{live_server.url}/assessment/sessions/{session.pk}/")
    page.get_by_test_id("learner-search").fill(learner.username)
    page.get_by_test_id("register").click()
    expect(page.get_by_test_id("candidate")).to_have_count(1)
    page.get_by_test_id("open-session").click()
    expect(page.get_by_test_id("close-session")).to_be_visible()

    # 5. Alice takes the test from My assessments and hands it in.
    learner_context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    sitter = learner_context.new_page()
    sign_in(sitter, learner.username, password)
    sitter.goto(f"{live_server.url}/assessment/mine/")
    sitter.get_by_test_id("take-test").click()
    sitter.get_by_test_id("start-test").click()
    expect(sitter.get_by_test_id("take-item")).to_have_count(10)
    for fieldset in sitter.get_by_test_id("take-item").all():
        fieldset.locator("input").first.check()
    sitter.screenshot(path=str(artifact("item-review-sitting.png")), full_page=True)
    sitter.once("dialog", lambda dialog: dialog.accept())
    sitter.get_by_test_id("hand-in").click()
    expect(sitter.get_by_text("Your test is handed in.")).to_be_visible()
    expect(sitter.get_by_test_id("result-withheld")).to_be_visible()
    learner_context.close()
    attempt = Attempt.objects.get(registration__session=session)
    assert attempt.submitted_at is not None and len(attempt.answers) == 10
