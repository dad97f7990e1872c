def navigation(request):
    """Counts shown in the header on every page: documents waiting for me, unread notifications."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def counts():
        from vanthu.incoming.queries import inbox_total, waiting_arrivals
        from vanthu.notifications.services import unread_count
        from vanthu.outgoing.queries import waiting_for
        from vanthu.tasks.queries import mine_count

        return {
            "inbox": inbox_total(user),
            "unread": unread_count(user),
            "tasks": mine_count(user),
            "outgoing": waiting_for(user).order_by().count(),
            "arrivals": waiting_arrivals(user),
        }

    def may_draft_outgoing():
        from vanthu.outgoing.services import may_draft

        return may_draft(user)

    return {"nav_counts": counts, "may_draft_outgoing": may_draft_outgoing}
