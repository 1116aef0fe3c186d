"""The slots (twinhub.core.slots) on project pages that apps above projects fill in."""

# Under the project's state, on the project page and in its TwinSpace: notices about the project
# (legacy: where the move of its old-platform data stands).
PROJECT_NOTICES = "project_notices"
# After the description on the project page: sections of apps built on projects (labels: the
# Quality Label card).
PROJECT_SECTIONS = "project_sections"
# In the project header (project page and TwinSpace): the tabs of apps built on projects, after
# "Project" (twinspace: the TwinSpace tab, for whoever may open it).
PROJECT_TABS = "project_tabs"
# Beside each project in "My projects" and on the home page: links of apps built on projects
# (twinspace: "TwinSpace", with its unread threads).
PROJECT_LINKS = "project_links"
