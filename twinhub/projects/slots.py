"""The slots (twinhub.core.slots) on project pages that apps above projects fill in."""

# Under the project's state, on the project page and in its TwinSpace: notices about the project
# (legacy: where the move of its old-platform data stands).
PROJECT_NOTICES = "project_notices"
# After the description on the project page: sections of apps built on projects (labels: the
# Quality Label card).
PROJECT_SECTIONS = "project_sections"
