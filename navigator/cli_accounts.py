"""``navigator orgs`` and ``navigator users``: the first organisations and staff accounts.

Passwords are read from a prompt (hidden) or from standard input with ``--password-stdin``,
never from the command line, where they would end up in the shell history.
"""

from __future__ import annotations

import sys
from typing import Any

import click


def _stores() -> Any:
    from navigator.cli import migrated_engine
    from navigator.db.accounts import AccountStore

    return AccountStore(migrated_engine())


def _fail(error: Exception) -> None:
    click.echo(f"error: {error}", err=True)
    raise SystemExit(2)


@click.group("orgs")
def orgs_group() -> None:
    """Organisations whose staff use Navigator (ROMs, RVO, KVK, ...)."""


@orgs_group.command("create")
@click.argument("slug")
@click.option("--name", required=True, help="the organisation's name")
@click.option(
    "--kind", type=click.Choice(["rom", "rvo", "kvk", "other"]), required=True, help="its kind"
)
def orgs_create(slug: str, name: str, kind: str) -> None:
    """Create an organisation with the short name SLUG (e.g. rom-oost)."""
    from navigator.db.accounts import AccountError

    try:
        made = _stores().create_organisation(slug, name, kind)
    except AccountError as error:
        _fail(error)
    click.echo(f"Created organisation {made.slug} ({made.name})")


@orgs_group.command("list")
def orgs_list() -> None:
    """List the organisations."""
    for org in _stores().organisations():
        click.echo(f"{org.slug}\t{org.kind}\t{org.name}")


@click.group("users")
def users_group() -> None:
    """Staff accounts: advisors, organisation admins, maintainers, reviewers, admins."""


@users_group.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--org", "org_slug", required=True, help="the organisation's slug")
@click.option(
    "--role",
    type=click.Choice(["advisor", "org_admin", "maintainer", "reviewer", "admin"]),
    default="advisor",
    show_default=True,
)
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
def users_create(email: str, name: str, org_slug: str, role: str, password_stdin: bool) -> None:
    """Create an account for EMAIL (the password is asked for, or read from stdin)."""
    from navigator.db.accounts import AccountError

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        made = _stores().create_user(email, name, org_slug, role, password)
    except AccountError as error:
        _fail(error)
    click.echo(f"Created {made.role} {made.email}")


@users_group.command("list")
@click.option("--org", "org_slug", default=None, help="only this organisation's accounts")
def users_list(org_slug: str | None) -> None:
    """List accounts (never their passwords)."""
    store = _stores()
    organisations = {o.id: o for o in store.organisations()}
    chosen = None
    if org_slug:
        found = store.organisation_by_slug(org_slug)
        if found is None:
            _fail(ValueError(f"no organisation {org_slug!r}"))
        chosen = found.id if found else None
    for user in store.users(chosen):
        state = "disabled" if user.disabled else "active"
        second = "2fa" if user.has_second_factor else "-"
        org = organisations[user.organisation_id].slug
        click.echo(f"{user.email}\t{user.role}\t{org}\t{state}\t{second}")


@users_group.command("disable")
@click.argument("email")
@click.option("--enable", is_flag=True, help="enable the account again")
def users_disable(email: str, enable: bool) -> None:
    """Disable an account: it cannot log in, and its open sessions end at the next request."""
    from navigator.db.accounts import AccountError

    try:
        user = _stores().set_disabled(email, disabled=not enable)
    except AccountError as error:
        _fail(error)
    click.echo(f"{user.email} is {'disabled' if user.disabled else 'enabled'}")


@users_group.command("totp")
@click.argument("email")
@click.option("--off", is_flag=True, help="turn the second factor off")
def users_totp(email: str, off: bool) -> None:
    """Turn on a time-based one-time code (TOTP) as second factor; prints the secret to enter
    in an authenticator app (or its otpauth:// link for a QR code)."""
    import pyotp

    from navigator.db.accounts import AccountError

    secret = None if off else pyotp.random_base32()
    try:
        user = _stores().set_totp_secret(email, secret)
    except AccountError as error:
        _fail(error)
    if secret is None:
        click.echo(f"Second factor off for {user.email}")
        return
    uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name="Navigator")
    click.echo(f"Secret for {user.email}: {secret}\n{uri}")
