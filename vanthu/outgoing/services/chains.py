"""Approval chains (quy trình trình duyệt): which chain a draft follows and who holds it at each step."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vanthu.organization.models import Agency, Role, User

from ..models import ApprovalChain, ChainStep, OutgoingDocument, StepAssignee, StepPurpose

#: The chain an agency gets when it has configured none: head of the drafting unit checks the content, an
#: office leader checks the format, the proposed signer signs.
DEFAULT_STEPS = (
    (StepPurpose.CONTENT, StepAssignee.UNIT_HEAD, "", "Lãnh đạo phòng thẩm định nội dung"),
    (StepPurpose.FORMAT, StepAssignee.ROLE, Role.OFFICE_LEADER, "Lãnh đạo Văn phòng kiểm tra thể thức"),
    (StepPurpose.SIGN, StepAssignee.SIGNER, "", "Ký ban hành"),
)


@transaction.atomic
def ensure_default_chain(agency: Agency | int) -> ApprovalChain:
    """The agency's default chain, created with ``DEFAULT_STEPS`` when it has none."""
    agency_id = getattr(agency, "pk", agency)
    chain, created = ApprovalChain.objects.get_or_create(
        agency_id=agency_id, doc_type=None, defaults={"name": "Quy trình trình duyệt mặc định"}
    )
    if created:
        ChainStep.objects.bulk_create(
            ChainStep(chain=chain, order=i, purpose=purpose, assignee=assignee, role=role, label=label)
            for i, (purpose, assignee, role, label) in enumerate(DEFAULT_STEPS, start=1)
        )
    return chain


def chain_for(doc: OutgoingDocument) -> ApprovalChain:
    """The active chain of the document's type, else the agency's default chain (created when missing)."""
    chains = ApprovalChain.objects.filter(agency_id=doc.agency_id, is_active=True)
    chain = chains.filter(doc_type_id=doc.doc_type_id).first() or chains.filter(doc_type__isnull=True).first()
    return chain or ensure_default_chain(doc.agency_id)


def steps_of(chain: ApprovalChain) -> list[ChainStep]:
    """The chain's steps in order; a ValidationError unless the signature is its last and only signing step."""
    steps = list(chain.steps.select_related("user").order_by("order"))
    signing = [s for s in steps if s.is_signing]
    if not steps or len(signing) != 1 or not steps[-1].is_signing:
        raise ValidationError(
            _("Quy trình “%(chain)s” phải kết thúc bằng một bước ký ban hành.") % {"chain": chain.name},
            code="chain",
        )
    return steps


def candidates(step: ChainStep, doc: OutgoingDocument) -> list[User]:
    """Who may hold the document at ``step``, first the usual one."""
    active = User.objects.filter(agency_id=doc.agency_id, is_active=True).order_by("id")
    if step.assignee == StepAssignee.UNIT_HEAD:
        return list(active.filter(unit_id=doc.drafting_unit_id, role=Role.UNIT_HEAD))
    if step.assignee == StepAssignee.ROLE:
        return list(active.filter(role=step.role))
    if step.assignee == StepAssignee.PERSON:
        return list(active.filter(pk=step.user_id))
    return list(active.filter(pk=doc.proposed_signer_id)) if doc.proposed_signer_id else []


def enter(
    doc: OutgoingDocument, steps: list[ChainStep], start: int, to: User | None
) -> tuple[ChainStep, User, list]:
    """The first step from index ``start`` that needs someone, and who holds it.

    A reviewing step whose people include the drafter is skipped (nobody reviews their own draft: the head of a
    unit drafting skips the unit's content review). ``to`` picks one of the step's people; by default the first.
    Returns (step, holder, titles of the steps skipped).
    """
    skipped = []
    for step in steps[start:]:
        people = candidates(step, doc)
        if not step.is_signing and any(p.pk == doc.drafter_id for p in people):
            skipped.append(step.title)
            continue
        if not people:
            raise ValidationError(
                _("Chưa có người xử lý bước “%(step)s” (kiểm tra quy trình, người ký dự kiến).")
                % {"step": step.title},
                code="holder",
            )
        if to is not None:
            if to.pk not in {p.pk for p in people}:
                raise ValidationError(
                    _("%(name)s không xử lý bước “%(step)s”.")
                    % {"name": to.display_name, "step": step.title},
                    code="holder",
                )
            return step, to, skipped
        return step, people[0], skipped
    raise ValidationError(_("Quy trình không còn bước nào để trình."), code="chain")


def index_of(steps: list[ChainStep], step: ChainStep | None) -> int:
    for i, s in enumerate(steps):
        if step is not None and s.pk == step.pk:
            return i
    return 0
