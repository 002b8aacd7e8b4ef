"""The person's path (全流程跟踪): one timeline per person from what the apps recorded, who may
see it, and where it stalls. See docs/analytics.md, "The person's path"."""
