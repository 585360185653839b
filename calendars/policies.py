"""Who may see or change a calendar feed: each signed-in person its own feeds."""

from localbzz.accounts.permissions import Action, Policy, role_of


class CalendarFeedPolicy(Policy):
    """Every active user (admin, team, client) lists, creates, rotates and revokes its own
    feeds; nobody sees another person's (admins use the admin screen)."""

    actions = frozenset({Action.VIEW, Action.ADD, Action.CHANGE, Action.DELETE})

    def role_allows(self, user, action):
        return role_of(user) is not None and action in self.actions

    def scope(self, queryset, user, action=Action.VIEW):
        if not self.role_allows(user, action):
            return queryset.none()
        return queryset.filter(user_id=user.pk, revoked_at__isnull=True)

    def allows(self, user, action, obj=None):
        if not self.role_allows(user, action):
            return False
        return obj is None or (obj.user_id == user.pk and obj.revoked_at is None)


POLICIES = {
    "calendars.calendarfeed": CalendarFeedPolicy(),
}
