"""TwinSpace rules on plain values."""

from twinhub.twinspace import rules


def test_meeting_title_fits_its_column():
    link = "https://meet.example/abc"
    assert rules.meeting_refusal(title="x" * 200, link=link, duration_minutes=60) is None
    assert rules.meeting_refusal(title="x" * 201, link=link, duration_minutes=60).code == "invalid_meeting"
