from pathlib import Path

import pytest

from bot.tenants.file import ENV_REFERENCE, TenantFileError, parse_tenant_file

GOOD = """
tenants:
  - slug: sakura
    name: さくら総合クリニック
    line: {channel_id: "1", channel_secret: "${SAKURA_SECRET}", access_token: tok}
    slack: {report_channels: [C0REPORTS1]}
    contract: {start: 2026-04-01, end: 2027-03-31}
    extra_closed_days: [2026-08-14]
"""


def test_good_file_with_environment_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAKURA_SECRET", "s3cret")
    (spec,) = parse_tenant_file(GOOD)
    assert spec.slug == "sakura" and spec.language == "ja"
    assert spec.line is not None and spec.line.channel_secret == "s3cret"
    assert spec.contract is not None and spec.contract.end.year == 2027


def test_missing_environment_secret_names_field_and_line() -> None:
    with pytest.raises(TenantFileError) as err:
        parse_tenant_file(GOOD)
    assert "tenants.0.line.channel_secret (line 5)" in str(err.value)
    assert "SAKURA_SECRET" in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tenants:\n  - slug: ok-slug\n    name: A\n    language: fr\n", "tenants.0.language (line 4)"),
        ("tenants:\n  - slug: Bad Slug\n    name: A\n", "tenants.0.slug (line 2)"),
        ("tenants:\n  - slug: abc\n", "tenants.0.name (line 2)"),
        ("tenants:\n  - slug: abc\n    name: A\n    colour: red\n", "tenants.0.colour (line 4)"),
        ("tenants:\n  - slug: abc\n    name: A\n    slack: {report_channels: [general]}\n", "line 4"),
        (
            "tenants:\n  - slug: abc\n    name: A\n    contract: {start: 2026-04-01, end: 2025-03-31}\n",
            "tenants.0.contract.end (line 4): ends before it starts",
        ),
        (
            "tenants:\n  - {slug: abc, name: A}\n  - {slug: abc, name: B}\n",
            "tenants.1.slug (line 3): duplicate",
        ),
        ("tenants: [\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping"),
    ],
)
def test_bad_files_name_the_field_and_line(text: str, expected: str) -> None:
    with pytest.raises(TenantFileError) as err:
        parse_tenant_file(text)
    assert expected in str(err.value)


def test_shops_and_flyer_code_are_validated() -> None:
    base = "tenants:\n  - slug: abc\n    name: A\n"
    (spec,) = parse_tenant_file(base + "    shops: [駅前店, 本店]\n    code: SAKURA-1\n")
    assert spec.shops == ["駅前店", "本店"] and spec.code == "SAKURA-1"
    for bad, where in (
        ("    shops: [駅前店, 駅前店]\n", "tenants.0.shops (line 4)"),
        ("    shops: ['']\n", "tenants.0.shops (line 4)"),
        ("    code: 'a b'\n", "tenants.0.code (line 4)"),
    ):
        with pytest.raises(TenantFileError) as err:
            parse_tenant_file(base + bad)
        assert where in str(err.value)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "tenants:\n  - slug: abc\n    name: A\n    contract: {start: 2026-02-30, end: 2027-03-31}\n",
            "line 4",
        ),
        ("tenants:\n  - slug: 0000-00-00\n", "line 2"),
        ("tenants: !!int\n", "line 1"),
        ("tenants:\n  - !!timestamp\n", "line 2"),
    ],
)
def test_values_yaml_cannot_read_are_refused_with_their_line(text: str, where: str) -> None:
    # Found by the fuzzer: PyYAML's constructors raised ValueError, IndexError or AttributeError.
    with pytest.raises(TenantFileError) as err:
        parse_tenant_file(text)
    assert f"not valid YAML at {where}: cannot read" in str(err.value)


BASE = "tenants:\n  - slug: abc\n    name: A\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BASE.replace("name: A", 'name: "A\\0B"'), "tenants.0.name (line 3): contains a NUL character"),
        (BASE + '    shops: ["a\\0"]\n', "tenants.0.shops.0 (line 4): contains a NUL character"),
        (
            BASE + f"    line: {{channel_id: '{'2' * 65}', channel_secret: s, access_token: t}}\n",
            "tenants.0.line.channel_id (line 4): String should have at most 64 characters",
        ),
    ],
)
def test_text_no_database_column_takes_is_refused(text: str, expected: str) -> None:
    # Found by the fuzzer: these files parsed, then their sync failed on PostgreSQL (a NUL byte; a channel
    # id longer than its column).
    with pytest.raises(TenantFileError) as err:
        parse_tenant_file(text)
    assert expected in str(err.value)


def test_web_form_and_flyer_contact_are_validated() -> None:
    base = "tenants:\n  - slug: abc\n    name: A\n"
    (plain,) = parse_tenant_file(base)
    assert plain.web_form.enabled and plain.web_form.note is None and plain.contact.phone is None
    (spec,) = parse_tenant_file(
        base
        + "    web_form: {enabled: false, note: 日時をお書きください}\n"
        + "    contact: {phone: 0120-000-000, phone_hours: 24時間, email: Desk+abc@Example.jp}\n"
    )
    assert not spec.web_form.enabled and spec.web_form.note == "日時をお書きください"
    assert spec.contact.phone == "0120-000-000" and spec.contact.email == "Desk+abc@example.jp"
    for bad, where in (
        ("    web_form: {enabled: maybe}\n", "tenants.0.web_form.enabled (line 4)"),
        ("    web_form: {colour: red}\n", "tenants.0.web_form.colour (line 4)"),
        ("    contact: {phone: call-me}\n", "tenants.0.contact.phone (line 4)"),
        ("    contact: {email: not-an-address}\n", "tenants.0.contact.email (line 4)"),
        (
            "    line: {channel_id: '1', channel_secret: s, access_token: t, basic_id: nope}\n",
            "tenants.0.line.basic_id (line 4)",
        ),
    ):
        with pytest.raises(TenantFileError) as err:
            parse_tenant_file(base + bad)
        assert where in str(err.value)


def test_the_example_file_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    example = Path(__file__).parents[3] / "tenants.example.yml"
    for name in set(ENV_REFERENCE.findall(example.read_text(encoding="utf-8"))):
        monkeypatch.setenv(name, "x")
    specs = parse_tenant_file(example.read_text(encoding="utf-8"))
    clinic = next(s for s in specs if s.slug == "sample-clinic")
    assert clinic.line is not None and clinic.line.basic_id == "@123abcde"
    assert clinic.web_form.enabled and clinic.contact.email == "desk+sample-clinic@example.jp"
    assert clinic.mail is not None and clinic.mail.imap_user == "sample-clinic-desk"


def test_a_tenants_own_mailbox_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    base = "tenants:\n  - slug: abc\n    name: A\n"
    (plain,) = parse_tenant_file(base)
    assert plain.mail is None
    monkeypatch.setenv("ABC_IMAP_PASSWORD", "pass word 1")
    (spec,) = parse_tenant_file(
        base + "    mail: {imap_user: abc-desk, imap_password: '${ABC_IMAP_PASSWORD}'}\n"
    )
    assert spec.mail is not None and (spec.mail.imap_user, spec.mail.imap_password) == (
        "abc-desk",
        "pass word 1",
    )
    monkeypatch.setenv("BROKEN_PASSWORD", "line\nbreak-secret")
    for bad, where in (
        ("    mail: {imap_user: abc-desk}\n", "tenants.0.mail.imap_password (line 4)"),
        ("    mail: {imap_user: '', imap_password: p}\n", "tenants.0.mail.imap_user (line 4)"),
        (
            "    mail: {imap_user: two words, imap_password: p}\n",
            "tenants.0.mail.imap_user (line 4): Value error",
        ),
        ("    mail: {imap_user: a, imap_password: p, host: x}\n", "tenants.0.mail.host (line 4)"),
        ("    mail:\n      imap_user: a\n      imap_password: ''\n", "tenants.0.mail.imap_password (line 6)"),
        (
            "    mail:\n      imap_user: a\n      imap_password: '${BROKEN_PASSWORD}'\n",
            "tenants.0.mail.imap_password (line 6): Value error, contains a line break",
        ),
    ):
        with pytest.raises(TenantFileError) as err:
            parse_tenant_file(base + bad)
        assert where in str(err.value)
        assert "break-secret" not in str(err.value)
    twice = (
        "tenants:\n  - slug: abc\n    name: A\n    mail: {imap_user: one-box, imap_password: p}\n"
        "  - slug: xyz\n    name: B\n    mail: {imap_user: one-box, imap_password: q}\n"
    )
    with pytest.raises(TenantFileError) as err:
        parse_tenant_file(twice)
    assert "tenants.1.mail.imap_user (line 7): mailbox also used by 'abc'" in str(err.value)
