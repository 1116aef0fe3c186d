"""The slots (twinhub.core.slots) on group pages that apps above groups fill in."""

# In the group header, under its facts: what an app built on groups says about the group (events:
# "the discussion of the event …", linking back to the event whose discussion the group is).
GROUP_NOTICES = "group_notices"
