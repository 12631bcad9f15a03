"""Benchmark: milliseconds per PDF certificate and per QR image, and ratios to a floor.

The floor is a one-line HTML page written to PDF by WeasyPrint with the same FontConfiguration,
measured in the same run, so the ratios hold from one machine to another. Run:

    .venv/bin/python bench/pdf.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from weasyprint import HTML
from weasyprint.text import ffi

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vaxkit.certificates import pdf, qr  # noqa: E402
from vaxkit.certificates.record import VaccinationRecord  # noqa: E402
from vaxkit.profiles.loader import load_profile  # noqa: E402

# A real EU DCC test vector (~900 characters, QR version 24) and a SMART Health Card example.
HC1 = (ROOT / "tests/data/certificates/rendering/qr/eu-dcc-CO1.txt").read_text().strip()
SHC = (ROOT / "tests/data/certificates/rendering/qr/shc-example-00-qr-numeric.txt").read_text()
NAMES = {  # profile -> (given, family, given Latin, family Latin)
    "in": ("अनीता", "श्रीवास्तव", "ANITA", "SHRIVASTAVA"),
    "ae": ("فاطمة", "الزهراء", "FATIMA", "ALZAHRAA"),
    "vn": ("Thị Ánh Hồng", "Nguyễn", "THI<ANH<HONG", "NGUYEN"),
}


def per_call_ms(fn: Callable[[], object], rounds: int) -> float:
    fn()  # warm: fonts, templates, caches
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def record_for(code: str, profile_country: str, vaccine_name: str) -> VaccinationRecord:
    given, family, given_latin, family_latin = NAMES[code]
    return VaccinationRecord(
        certificate_id=f"URN:UVCI:01:{profile_country}:MOH0001ABCD#K",
        given_name=given,
        family_name=family,
        given_name_latin=given_latin,
        family_name_latin=family_latin,
        date_of_birth="1985-07-14",
        sex="female",
        vaccine_code="bench",
        vaccine_name=vaccine_name,
        manufacturer="Serum Institute of India",
        eu_vp="J07BX03",
        eu_mp="Covishield",
        eu_ma="ORG-100001981",
        dose_number=1,
        total_doses=2,
        date=dt.date(2021, 9, 3),
        country=profile_country,
        issuer="Ministry of Health",
        issued_at=dt.datetime(2021, 9, 3, 10, 0, tzinfo=dt.UTC),
        expires_at=dt.datetime(2022, 9, 3, 10, 0, tzinfo=dt.UTC),
        lot="4121Z025",
        facility="Primary Health Centre, Sector 12",
        vaccinator="R. K. Gupta",
        beneficiary_ref="98765432101234",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds

    font_config, fonts_css = pdf._font_config()
    floor = per_call_ms(
        lambda: HTML(string="<p>Certificate</p>").write_pdf(
            stylesheets=[fonts_css], font_config=font_config
        ),
        rounds,
    )
    subset = "yes" if ffi.harfbuzz_subset is not None else "NO (install libharfbuzz-subset0)"
    print(f"libharfbuzz-subset: {subset}; median of {rounds} rounds after a warm-up")
    print(f"floor: one-line HTML -> PDF, same FontConfiguration: {floor:7.1f} ms")

    rows = [
        ("QR PNG, EU DCC (HC1, 901 chars, level Q)", lambda: qr.qr_png(HC1)),
        ("QR SVG, EU DCC", lambda: qr.qr_svg(HC1)),
        ("QR PNG, SMART Health Card (1613 chars, L)", lambda: qr.qr_png(SHC)),
    ]
    for code in NAMES:
        profile = load_profile(ROOT / "country_profiles" / f"{code}.yaml")
        record = record_for(code, profile.certificates.country, profile.vaccines[0].name)
        languages = "+".join(pdf.certificate_languages(profile))

        def render(record: VaccinationRecord = record, profile=profile) -> bytes:
            return pdf.render_certificate_pdf(
                record,
                HC1,
                profile,
                masked_id="XXXX-XXXX-1234",
                id_label=profile.id_documents[0].labels,
            )

        rows.append((f"PDF certificate, {code} ({languages})", render))

    for label, fn in rows:
        ms = per_call_ms(fn, rounds)
        print(f"{label:<46} {ms:7.1f} ms  {ms / floor:6.1f}x floor")


if __name__ == "__main__":
    main()
