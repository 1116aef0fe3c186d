"""The School Label application's declaration is checked by a rule the service calls."""

from twinhub.labels import rules


def test_the_declaration_rule():
    assert rules.school_label_declaration_refusal(principal_name="Ali Kaya", principal_declaration="We support it.") \
        is None
    for name, declaration in (("  ", "We support it."), ("Ali Kaya", " "), ("x" * 161, "We support it.")):
        refusal = rules.school_label_declaration_refusal(principal_name=name, principal_declaration=declaration)
        assert refusal.code == "invalid" and refusal.who_must_act
