"""The table the demo prints: where each country is, and how to sign in as staff."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from vaxkit.platform.demo.prepare import DEMO_PASSWORD, DemoSummary


def print_banner(summary: DemoSummary, port: int) -> None:
    """Addresses, what each tenant holds, and the staff accounts."""
    console = Console()
    table = Table(title=f"vaxkit demo ready in {summary.seconds:.1f} s")
    table.add_column("Country")
    table.add_column("Address", no_wrap=True)
    table.add_column("Centres", justify="right")
    table.add_column("People", justify="right")
    table.add_column("Doses", justify="right")
    table.add_column("Booked", justify="right")
    for t in summary.tenants:
        table.add_row(
            f"{t.code} {t.name}",
            f"http://{t.host}:{port}/",
            str(t.centres),
            str(t.people),
            str(t.doses),
            str(t.appointments),
        )
    console.print(table)
    if summary.tenants:
        accounts = Table(title=f"Staff accounts in every country (password: {DEMO_PASSWORD})")
        accounts.add_column("User")
        accounts.add_column("Role")
        accounts.add_column("Works at")
        for login in summary.tenants[0].logins:
            where = login.where if login.role == "national_admin" else "the first centre listed"
            accounts.add_row(login.username, login.role.replace("_", " "), where)
        console.print(accounts)
    console.print(
        f"Landing page: http://localhost:{port}/   Admin: http://<code>.localhost:{port}/admin/"
    )
    console.print(
        "Citizens sign in with any valid mobile number of the country; the OTP appears in the "
        f"development SMS inbox ({summary.data_dir / 'sms-outbox.jsonl'})."
    )
    where = " (embedded PostgreSQL)" if summary.embedded_database else ""
    console.print(f"Data directory: {summary.data_dir}{where}. Stop with Ctrl+C.")
