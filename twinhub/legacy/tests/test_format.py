import gzip

from twinhub.legacy.format import age_ranges_between, email_is_usable, legacy_email_key, parse_timestamp
from twinhub.legacy.reader import read_lines


def test_email_key_matches_turkish_spellings_that_naive_lowering_misses():
    stored = "ilker.şahin12@gmail.com"
    upper = "İLKER.ŞAHİN12@GMAİL.COM"
    assert upper.lower() != stored  # İ → i + U+0307
    assert legacy_email_key(upper) == legacy_email_key(stored)
    assert legacy_email_key("AYŞE.YILDIRIM12@GMAIL.COM") == legacy_email_key("ayşe.yıldırım12@gmail.com")
    assert legacy_email_key("  Mehmet.Kaya@Gmail.Com\t") == "mehmet.kaya@gmail.com"
    assert legacy_email_key("a@x.com") != legacy_email_key("b@x.com")


def test_invalid_addresses_are_not_usable():
    assert not email_is_usable("mehmet.kaya12gmail.com")
    assert not email_is_usable("mehmet kaya12@gmail.com")
    assert not email_is_usable("")
    assert email_is_usable(" ayşe.yıldırım12@gmail.com ")


def test_timestamps_naive_future_and_invalid():
    from datetime import UTC, datetime

    limit = datetime(2025, 7, 27, tzinfo=UTC)
    assert parse_timestamp("2019-03-12T10:15:22Z", not_after=limit) == (datetime(2019, 3, 12, 10, 15, 22, tzinfo=UTC), None)
    assert parse_timestamp("2019-03-12T10:15:22", not_after=limit)[1] == "ts_naive"
    assert parse_timestamp("2026-01-01T00:00:00Z", not_after=limit) == (None, "ts_future")
    assert parse_timestamp("yesterday", not_after=limit) == (None, "ts_invalid")
    assert age_ranges_between(10, 12) == ["7-10", "11-14"]


def test_reader_splits_on_line_feed_only(tmp_path):
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(gzip.compress('{"a":"one\u2028two"}\n{"a":\n'.encode()))
    lines = list(read_lines(path))
    assert [line.number for line in lines] == [1, 2]
    assert lines[0].record == {"a": "one\u2028two"}
    assert lines[1].record is None and lines[1].error
