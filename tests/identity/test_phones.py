"""Mobile numbers of the countries vaxkit ships profiles for, typed the ways people type them."""

from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

from vaxkit.identity import PhoneNumberError, mask_phone, parse_mobile
from vaxkit.profiles.schema import PhoneRules

# (region, calling code, a national mobile number, its E.164 form)
MOBILES = [
    ("IN", 91, "098765 43210", "+919876543210"),
    ("VN", 84, "0912 345 678", "+84912345678"),
    ("PE", 51, "912 345 678", "+51912345678"),
    ("MX", 52, "55 1234 5678", "+525512345678"),
    ("UA", 380, "050 123 4567", "+380501234567"),
    ("AE", 971, "050 123 4567", "+971501234567"),
    ("NG", 234, "0803 123 4567", "+2348031234567"),
    ("UG", 256, "0772 123456", "+256772123456"),
]


def rules_for(region: str, code: int, example: str, **kw: object) -> PhoneRules:
    return PhoneRules(country_code=code, example=example, **kw)


@pytest.mark.parametrize(("region", "code", "national", "e164"), MOBILES)
def test_national_and_international_input(region: str, code: int, national: str, e164: str) -> None:
    rules = rules_for(region, code, national)
    typed = [national, e164, e164.replace("+", "00"), f"+{code} ({national.lstrip('0')})"]
    for text in typed:
        number = parse_mobile(text, rules, region)
        assert number.e164 == e164, text
        assert number.country_code == code
        assert number.is_mobile is True
    masked = parse_mobile(national, rules, region).masked
    assert masked.startswith(f"+{code} ") and masked.endswith(e164[-4:])
    assert e164[len(str(code)) + 1 : -4] not in masked


@pytest.mark.parametrize(("region", "code", "national", "e164"), MOBILES)
def test_landlines_are_not_mobiles(region: str, code: int, national: str, e164: str) -> None:
    landline = phonenumbers.example_number_for_type(region, PhoneNumberType.FIXED_LINE)
    if region == "IN":  # libphonenumber's Indian example may be a mobile too; Delhi's is not
        landline = phonenumbers.parse("011 2345 6789", "IN")
    if phonenumbers.number_type(landline) == PhoneNumberType.FIXED_LINE_OR_MOBILE:
        pytest.skip(f"{region} numbers do not tell landlines from mobiles")
    text = phonenumbers.format_number(landline, phonenumbers.PhoneNumberFormat.NATIONAL)
    with pytest.raises(PhoneNumberError) as caught:
        parse_mobile(text, rules_for(region, code, national), region)
    assert caught.value.code == "phone.not_mobile"
    # accepted where landlines are allowed
    number = parse_mobile(text, rules_for(region, code, national, mobile_only=False), region)
    assert number.is_mobile is False


@pytest.mark.parametrize(("region", "code", "national", "e164"), MOBILES)
def test_numbers_of_other_countries(region: str, code: int, national: str, e164: str) -> None:
    foreign = "+44 7700 900123" if region != "GB" else "+91 98765 43210"
    with pytest.raises(PhoneNumberError) as caught:
        parse_mobile(foreign, rules_for(region, code, national), region)
    assert caught.value.code == "phone.wrong_country"


@pytest.mark.parametrize("text", ["", "  ", "12", "0987654321098765", "not a number"])
def test_invalid(text: str) -> None:
    with pytest.raises(PhoneNumberError) as caught:
        parse_mobile(text, rules_for("IN", 91, "98765 43210"), "IN")
    assert caught.value.code == "phone.invalid"


def test_shared_calling_code_needs_the_right_region() -> None:
    # +1 is shared: a Canadian mobile is not a US one.
    us = PhoneRules(country_code=1, region="US", example="201 555 0123")
    with pytest.raises(PhoneNumberError) as caught:
        parse_mobile("+1 604 555 0123", us, "US")
    assert caught.value.code == "phone.wrong_country"


def test_digits_of_other_scripts() -> None:
    rules = rules_for("IN", 91, "98765 43210")
    assert parse_mobile("९८७६५ ४३२१०", rules, "IN").e164 == "+919876543210"
    assert parse_mobile("٠٥٠ ١٢٣ ٤٥٦٧", rules_for("AE", 971, "050"), "AE").e164 == "+971501234567"


def test_region_from_rules_wins() -> None:
    rules = PhoneRules(country_code=91, region="IN", example="98765 43210")
    assert parse_mobile("98765 43210", rules, None).e164 == "+919876543210"


def test_fictional_country_without_a_numbering_plan() -> None:
    rules = PhoneRules(country_code=999, example="70 123 4567")
    number = parse_mobile("070 123 4567", rules, "XX")
    assert number.e164 == "+999701234567" and number.is_mobile is None
    assert parse_mobile("+999 70 123 4567", rules, "XX").e164 == "+999701234567"
    assert number.masked == "+999 XXXXX4567"
    for text, code in [("+44 7700 900123", "phone.wrong_country"), ("123", "phone.invalid")]:
        with pytest.raises(PhoneNumberError) as caught:
            parse_mobile(text, rules, "XX")
        assert caught.value.code == code


def test_mask_phone() -> None:
    assert mask_phone("+919876543210") == "+91 XXXXXX3210"
    assert mask_phone("+256772123456", keep_last=3) == "+256 XXXXXX456"
    number = parse_mobile("98765 43210", rules_for("IN", 91, "98765 43210"), "IN")
    assert str(number) == repr(number).split("'")[1] == "+91 XXXXXX3210"
    assert "9876543210" not in repr(number)
    assert number.international == "+91 98765 43210"
