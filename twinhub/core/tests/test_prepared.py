"""A prepared query gives what its queryset gives, for any values, on either database; a queryset
that cannot be prepared is refused when it is first prepared, not answered wrongly."""

import pytest
from django.db.models import Count, OuterRef, Prefetch, Subquery

from twinhub.core.prepared import PreparationError, PreparedQuery
from twinhub.projects.models import Project, ProjectMember
from twinhub.testing import queries
from twinhub.testing.projects import make_project, teacher

pytestmark = pytest.mark.django_db


def _members(project_id: int, country: str):
    others = (ProjectMember.objects.filter(project=OuterRef("project"), country=country)
              .order_by().values("project").annotate(n=Count("*")).values("n"))
    return (ProjectMember.objects.filter(project_id=project_id).annotate(same_country=Subquery(others))
            .order_by("joined_at", "id").values_list("user_id", "role", "joined_at", "same_country"))


def test_rows_are_those_of_the_queryset_for_every_value():
    founder, italian = teacher(country="TR"), teacher(country="IT")
    first = make_project(founder=founder, cofounder=italian, members=[teacher(country="TR")])
    second = make_project(founder=italian, cofounder=founder)
    prepared = PreparedQuery(_members, project_id=int, country=str)
    for project in (first, second):
        for country in ("TR", "IT", "FR", "x' OR '1'='1"):
            expected = list(_members(project.pk, country))
            assert prepared.rows(project_id=project.pk, country=country) == expected
    assert prepared.rows(project_id=0, country="TR") == []
    # dates come back as the queryset's: converted by Django, aware, on SQLite too
    assert prepared.rows(project_id=first.pk, country="TR")[0][2] == first.members.order_by("joined_at", "id")[0].joined_at


def test_a_prepared_query_is_one_query_and_a_str_parameter_may_sit_inside_another_string():
    ayse = teacher()
    make_project(founder=ayse, cofounder=teacher())
    prepared = PreparedQuery(lambda user_id, tag: ProjectMember.objects.filter(user_id=user_id, role__startswith=tag[:0] + "f")
                             .values_list("role", flat=False), user_id=int, tag=str)
    with pytest.raises(PreparationError):  # tag[:0] never reaches the SQL
        prepared.rows(user_id=ayse.pk, tag="x")
    by_reader = PreparedQuery(lambda user_id: ProjectMember.objects.filter(user__email=f"{user_id}@example.org")
                              .values_list("user_id"), user_id=int)
    assert by_reader.rows(user_id=ayse.pk) == []
    type(ayse).objects.filter(pk=ayse.pk).update(email=f"{ayse.pk}@example.org")
    with queries(exactly=1):
        assert by_reader.rows(user_id=ayse.pk) == [(ayse.pk,)]
    by_email = PreparedQuery(lambda email: ProjectMember.objects.filter(user__email=email).values_list("user_id"), email=str)
    assert by_email.rows(email=f"{ayse.pk}@example.org") == [(ayse.pk,)]
    assert by_email.rows(email="%") == []


def test_a_value_that_django_changes_cannot_be_prepared():
    """startswith escapes LIKE's % and _ in the value: putting the raw value in its place would match
    more than the queryset does, so preparing refuses."""
    by_prefix = PreparedQuery(lambda prefix: ProjectMember.objects.filter(user__email__startswith=prefix)
                              .values_list("user_id"), prefix=str)
    with pytest.raises(PreparationError):
        by_prefix.rows(prefix="a_")


def test_values_of_another_kind_run_the_queryset_as_it_is_and_missing_ones_are_refused():
    ayse = teacher()
    make_project(founder=ayse, cofounder=teacher())
    prepared = PreparedQuery(lambda user_id: ProjectMember.objects.filter(user_id=user_id).values_list("role"), user_id=int)
    assert prepared.rows(user_id=str(ayse.pk)) == prepared.rows(user_id=ayse.pk) == [("founder",)]
    with pytest.raises(ValueError):  # as the queryset: "Field 'user_id' expected a number"
        prepared.rows(user_id="abc")
    for bad in ({}, {"user_id": 1, "other": 2}):
        with pytest.raises(TypeError):
            prepared.rows(**bad)
    with pytest.raises(TypeError):
        PreparedQuery(lambda when: ProjectMember.objects.values_list("id"), when=float)


def test_a_value_written_into_the_sql_text_cannot_be_prepared():
    prepared = PreparedQuery(lambda user_id: ProjectMember.objects.extra(where=[f"user_id <> {user_id}"])
                             .values_list("id"), user_id=int)
    with pytest.raises(PreparationError):
        prepared.rows(user_id=1)


def test_objects_are_those_of_the_queryset_with_related_and_prefetched_ones():
    founder, italian = teacher(country="TR"), teacher(country="IT")
    project = make_project(founder=founder, cofounder=italian, members=[teacher(country="TR")])
    prepared = PreparedQuery(lambda project_id: Project.objects.prefetch_related(
        Prefetch("members", queryset=ProjectMember.objects.select_related("user"))).filter(pk=project_id), project_id=int)
    prepared.objects(project_id=project.pk)
    with queries(exactly=2):  # the project, then its members (the prefetch)
        (found,) = prepared.objects(project_id=project.pk)
        members = [(m.user.email, m.role, m.country) for m in found.members.all()]
    assert found == project and found.title == project.title and found.created_at == project.created_at
    assert prepared.first(project_id=project.pk) == project and prepared.first(project_id=0) is None
    assert members == [(m.user.email, m.role, m.country) for m in project.members.select_related("user")]
    joins = PreparedQuery(lambda user_id: ProjectMember.objects.filter(user_id=user_id).select_related("project")
                          .order_by("-joined_at"), user_id=int)
    assert [(m.pk, m.project.title) for m in joins.objects(user_id=italian.pk)] == \
        [(m.pk, m.project.title) for m in ProjectMember.objects.filter(user=italian).order_by("-joined_at")]


def test_an_id_beyond_any_column_finds_nothing_as_the_queryset_does():
    """An id typed into an address can be any size; the database would refuse one beyond 64 bits."""
    rows = PreparedQuery(lambda project_id: Project.objects.filter(pk=project_id).values_list("id"), project_id=int)
    objects = PreparedQuery(lambda project_id: Project.objects.filter(pk=project_id), project_id=int)
    for huge in (2**63, -(2**63) - 1, 10**30):
        assert rows.rows(project_id=huge) == [] and objects.objects(project_id=huge) == []


def test_a_value_too_big_for_a_small_integer_column_finds_nothing_as_the_queryset_does():
    """PostgreSQL is sent a small-integer column's value as int2: 70,000 must not reach it."""
    from twinhub.labels.models import YearCounter

    by_year = PreparedQuery(lambda year: YearCounter.objects.filter(year=year).values_list("id"), year=int)
    assert by_year.rows(year=2026) == []
    assert by_year.rows(year=70_000) == [] and by_year.rows(year=2**40) == []
