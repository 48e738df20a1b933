"""Follow-up reminders: the Slack-free core (parsing times, storing, dispatching)."""
