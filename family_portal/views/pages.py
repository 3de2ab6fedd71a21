"""What the family sees: read-only pages, each filtered through the member's own view (request.member)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from family_portal.decorators import family_page
from family_portal.selectors import looks, plan, scores, sharing, timeline, worker
from family_portal.visibility import MemberView

TIMELINE_PAGE_SIZE = 25


class MemberRequest(HttpRequest):
    """A request behind `family_page`: `member` is the signed-in member's view of their family."""

    member: MemberView


@family_page
def home(request: MemberRequest) -> HttpResponse:
    member_plan = plan.member_plan(request.member)
    return render(request, "family_portal/home.html", plan.as_context(member_plan))


@family_page
def our_worker(request: MemberRequest) -> HttpResponse:
    return render(request, "family_portal/worker.html", {"worker": worker.lead_worker(request.member)})


@family_page
def our_scores(request: MemberRequest) -> HttpResponse:
    return render(request, "family_portal/scores.html", {"scores": scores.member_scores(request.member)})


@family_page
def what_has_happened(request: MemberRequest) -> HttpResponse:
    entries = timeline.member_timeline(request.member)
    page = Paginator(entries, TIMELINE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "family_portal/timeline.html", {"page_obj": page})


@family_page
def who_we_share_with(request: MemberRequest) -> HttpResponse:
    agencies = sharing.member_sharing(request.member)
    return render(request, "family_portal/sharing.html", {"agencies": agencies})


@family_page
def who_has_looked(request: MemberRequest) -> HttpResponse:
    groups = looks.member_looks(request.member)
    return render(request, "family_portal/looks.html", {"groups": groups})


urls: list[URLPattern] = [
    path("", home, name="home"),
    path("our-worker/", our_worker, name="worker"),
    path("our-scores/", our_scores, name="scores"),
    path("what-has-happened/", what_has_happened, name="timeline"),
    path("who-we-share-with/", who_we_share_with, name="sharing"),
    path("who-has-looked/", who_has_looked, name="looks"),
]
