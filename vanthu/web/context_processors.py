def navigation(request):
    """Counts shown in the header on every page: documents waiting for me, unread notifications."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}

    def counts():
        from vanthu.incoming.queries import inbox_total
        from vanthu.notifications.services import unread_count
        from vanthu.tasks.queries import mine_count

        return {"inbox": inbox_total(user), "unread": unread_count(user), "tasks": mine_count(user)}

    return {"nav_counts": counts}
