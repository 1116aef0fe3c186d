"""Rule 8's yearly limit lives in `labels.rules`: the policy default, a new country row and the
importer's notes all read it there."""

from twinhub.labels import rules
from twinhub.labels.models import CountryLabelPolicy


def test_one_number_for_the_default_policy_and_a_new_country_row():
    assert rules.default_policy("IT").max_applications_per_year == rules.DEFAULT_MAX_APPLICATIONS_PER_YEAR == 4
    assert CountryLabelPolicy(country="IT").max_applications_per_year == rules.DEFAULT_MAX_APPLICATIONS_PER_YEAR
    assert rules.default_policy("TR").max_members_from_country == 10
    assert rules.default_policy("IT").max_members_from_country is None


def test_over_the_yearly_limit():
    policy = rules.Policy(max_applications_per_year=4)
    assert [rules.over_yearly_limit(position_in_year=n, policy=policy) for n in (1, 4, 5)] == [False, False, True]
