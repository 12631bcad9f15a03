"""Every check rule against real-format numbers: valid ones, and invalid ones with their error code.

Valid numbers come from the sources cited in the rules (python-stdnum's documented examples, the
ICAO specimen passport, a UNZR printed in public code) or carry check digits computed here with
python-stdnum's reference implementations, never with the rule under test.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from stdnum import luhn, verhoeff
from stdnum.mx import curp
from stdnum.ua import rntrc

from vaxkit.identity import IdNumberError, get_rule, rule_names, rules


def _luhn(body: str) -> str:
    return body + luhn.calc_check_digit(body)


def _icao(body: str) -> str:
    # ICAO 9303 Part 3 4.9, written out independently of vaxkit.identity.checksums
    weights = [7, 3, 1] * 5
    return body + str(sum(int(d) * w for d, w in zip(body, weights, strict=False)) % 10)


NEXT_YEAR = dt.date.today().year + 1

VALID: dict[str, list[tuple[str, str]]] = {
    "in.aadhaar": [
        ("234123412346", "234123412346"),  # python-stdnum's documented example
        ("4991 1866 5246", "499118665246"),  # the number on UIDAI's sample Aadhaar letter
        ("9999-4105-7058", "999941057058"),
        ("२३४१ २३४१ २३४६", "234123412346"),  # typed with Devanagari digits
    ],
    "in.epic": [
        ("WKH1186253", "WKH1186253"),  # python-stdnum's documented example
        ("abc 1234566", "ABC1234566"),
        ("ZRT-9876541", "ZRT9876541"),
    ],
    "in.pan": [
        ("ACUPA7085R", "ACUPA7085R"),  # python-stdnum's documented example
        ("aappv 8261 k", "AAPPV8261K"),
        ("ABCPE1234F", "ABCPE1234F"),
    ],
    "in.driving_licence": [
        ("MH1420110062821", "MH1420110062821"),
        ("DL-0420110149646", "DL0420110149646"),
        ("ka05 2015 0012345", "KA0520150012345"),
        ("TN01 20090001234", "TN0120090001234"),
    ],
    "passport": [
        ("L898902C3", "L898902C3"),  # the ICAO 9303 specimen passport
        ("a1234567", "A1234567"),
        ("K4829310<<", "K4829310"),  # copied from the MRZ with its filler
    ],
    "vn.cccd": [
        ("001099012345", "001099012345"),  # Hà Nội, male, born 1999
        ("079 301 234 567", "079301234567"),  # Hồ Chí Minh City, female, born 2001
        ("096188123456", "096188123456"),  # Cà Mau, female, born 1988
    ],
    "vn.cmnd": [
        ("012345678", "012345678"),
        ("025 123 456", "025123456"),
        ("381234567", "381234567"),
    ],
    "pe.dni": [
        ("10117410", "10117410"),  # python-stdnum's documented example
        ("10117410-2", "10117410"),  # with the check character printed on the card
        ("46027896-7", "46027896"),
        ("46027896 A", "46027896"),  # the letter form of the same check character
    ],
    "pe.ce": [
        ("001234567", "001234567"),
        ("000 456 789", "000456789"),
        ("123456789", "123456789"),
    ],
    "mx.curp": [
        ("BOXW310820HNERXN09", "BOXW310820HNERXN09"),  # python-stdnum's documented example
        ("gode561231hdfrrn00", "GODE561231HDFRRN00"),
        ("MAHJ280603MSPRRV09", "MAHJ280603MSPRRV09"),
        ("PERC-900115-HJCRRR07", "PERC900115HJCRRR07"),
    ],
    "ua.rnokpp": [
        ("1759013776", "1759013776"),  # python-stdnum's documented example
        ("3214401238", "3214401238"),
        ("2455812341", "2455812341"),
    ],
    "ua.unzr": [
        ("20070114-07150", "2007011407150"),
        ("19850317-00020", "1985031700020"),
        (_icao("200012310999"), "2000123109992"),
    ],
    "ae.emirates_id": [
        ("784-1968-6570305-0", "784196865703050"),
        ("784199023456785", "784199023456785"),
        ("784 2003 1234567 9", "784200312345679"),
    ],
    "ng.nin": [
        ("12345678901", "12345678901"),
        ("7000 123 4567", "70001234567"),
        ("23456789012", "23456789012"),
    ],
    "ug.nin": [
        ("CM930121003EGE", "CM930121003EGE"),
        ("cf 8804 8102 gndh", "CF88048102GNDH"),
        ("CM7605210QJRPE", "CM7605210QJRPE"),
    ],
    "luhn": [
        ("79927398713", "79927398713"),
        ("4111 1111 1111 1111", "4111111111111111"),
        ("18", "18"),
    ],
    "verhoeff": [
        ("2363", "2363"),  # Verhoeff's worked example: 236 -> check digit 3
        ("12340", "12340"),
        ("84736430950", "84736430950"),
    ],
    "iso7064_mod11_2": [
        ("07940", "07940"),  # python-stdnum's documented example
        ("11010519491231002X", "11010519491231002X"),
        ("0000-0001-2146-438x", "000000012146438X"),  # ISNI form, lower-case x
    ],
}

INVALID: dict[str, list[tuple[str, str]]] = {
    "in.aadhaar": [
        ("234123412347", "id.checksum"),
        ("23412341234", "id.length"),
        ("123412341234", "id.format"),  # never starts with 0 or 1
        ("222222222222", "id.format"),  # palindrome
        ("2341234123A6", "id.format"),
        ("   ", "id.empty"),
    ],
    "in.epic": [
        ("WKH1186263", "id.checksum"),
        ("WKH118625", "id.length"),
        ("1231186253", "id.format"),
    ],
    "in.pan": [
        ("ABMXA3211G", "id.format"),  # holder type X does not exist
        ("AAACB1234C", "id.format"),  # a company's PAN, not a person's
        ("ACUPA0000R", "id.format"),  # serial 0000
        ("ACUPA7085", "id.length"),
    ],
    "in.driving_licence": [
        ("XX1420110062821", "id.format"),  # no such state
        (f"MH14{NEXT_YEAR}0062821", "id.date"),
        ("MH142011006282", "id.length"),
        ("MH0020110062821", "id.format"),  # RTO 00
    ],
    "passport": [
        ("L898902C3X", "id.length"),
        ("AB*12345", "id.format"),
        ("", "id.empty"),
    ],
    "vn.cccd": [
        ("003099012345", "id.format"),  # 003 is not a province code
        ("00109901234", "id.length"),
        ("001499012345", "id.date"),  # century code 4: born in 2199
        ("00109901234A", "id.format"),
    ],
    "vn.cmnd": [
        ("01234567", "id.length"),
        ("001099012345", "id.length"),  # a CCCD number
        ("01234567A", "id.format"),
    ],
    "pe.dni": [
        ("10117410-3", "id.checksum"),
        ("1011741", "id.length"),
        ("1011741A", "id.format"),
    ],
    "pe.ce": [
        ("12345678", "id.length"),
        ("12345678A", "id.format"),
        ("1234567890", "id.length"),
    ],
    "mx.curp": [
        ("BOXW310820HNERXN08", "id.checksum"),
        ("BOXW311320HNERXN09", "id.date"),  # month 13
        ("BOXW310820HXXRXN09", "id.format"),  # no such state
        ("BOXW310820HNERXN0", "id.length"),
        ("BOXW310820ZNERXN09", "id.format"),  # sex must be H or M
    ],
    "ua.rnokpp": [
        ("1759013770", "id.checksum"),
        ("12345", "id.length"),
        ("99999" + "1234" + rntrc.calc_check_digit("999991234"), "id.date"),  # born in 2173
    ],
    "ua.unzr": [
        ("20070114-07151", "id.checksum"),
        (_icao("200713140715"), "id.date"),  # month 13
        (_icao(f"{NEXT_YEAR}01010715"), "id.date"),
        (_icao("200701140000"), "id.format"),  # serial 0000
        ("20070114-0715", "id.length"),
    ],
    "ae.emirates_id": [
        ("784-1968-6570305-1", "id.checksum"),
        (_luhn("78519686570305"), "id.format"),  # not 784
        (_luhn("78418501234567"), "id.date"),  # born in 1850
        ("784-1968-6570305", "id.length"),
    ],
    "ng.nin": [
        ("1234567890", "id.length"),
        ("123456789012", "id.length"),
        ("1234567890A", "id.format"),
    ],
    "ug.nin": [
        ("PM930121003EGE", "id.format"),
        ("CM93012100EGE", "id.length"),
        ("CMA30121003EGE", "id.format"),
        ("CX930121003EGE", "id.format"),
    ],
    "luhn": [("79927398710", "id.checksum"), ("7", "id.length"), ("7992A", "id.format")],
    "verhoeff": [("2364", "id.checksum"), ("12345", "id.checksum"), ("23X3", "id.format")],
    "iso7064_mod11_2": [("07941", "id.checksum"), ("07X40", "id.format"), ("4", "id.length")],
}


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str, str]]:
    return [(rule, raw, want) for rule, rows in table.items() for raw, want in rows]


def test_every_rule_has_cases() -> None:
    dedicated = set(rule_names()) - {"pattern"}  # tested with its pattern below
    assert dedicated == set(VALID) == set(INVALID)
    for name in dedicated:
        assert len(VALID[name]) >= 3 and len(INVALID[name]) >= 3, name


@pytest.mark.parametrize(("rule", "raw", "normalised"), _cases(VALID))
def test_valid_numbers(rule: str, raw: str, normalised: str) -> None:
    assert get_rule(rule).validate(raw) == normalised


@pytest.mark.parametrize(("rule", "raw", "code"), _cases(INVALID))
def test_invalid_numbers(rule: str, raw: str, code: str) -> None:
    with pytest.raises(IdNumberError) as caught:
        get_rule(rule).validate(raw)
    assert caught.value.code == code
    assert caught.value.message.endswith((".", "?"))


def test_messages_say_what_to_fix() -> None:
    with pytest.raises(IdNumberError) as caught:
        get_rule("in.aadhaar").validate("2341 2341 234")
    assert caught.value.message == "An Aadhaar number has 12 digits; you typed 11."
    assert caught.value.params == {"expected": "12", "got": 11}


def test_messages_never_repeat_the_whole_number() -> None:
    for rule, raw, _code in _cases(INVALID):
        compact = get_rule(rule).clean(raw)
        if len(compact) >= 8:
            try:
                get_rule(rule).validate(raw)
            except IdNumberError as exc:
                assert compact not in f"{exc.message} {exc.hint}", (rule, raw)


@pytest.mark.parametrize("name", rule_names())
def test_examples_are_valid_and_stable(name: str) -> None:
    rule = get_rule(name)
    pattern = "^[A-Z]{2}[0-9]{6}$" if rule.needs_pattern else None
    example = rule.example()
    assert rule.validate(example, pattern) == example
    assert rule.example() == example
    assert rule.validate(rule.format(example), pattern) == example  # display form reads back
    with pytest.raises(IdNumberError):
        rule.validate(rule.invalid_example(), pattern)


@pytest.mark.parametrize("name", sorted(set(rule_names()) - {"pattern"}))
def test_generated_numbers_are_valid(name: str) -> None:
    rule = get_rule(name)
    rng = random.Random(7)
    numbers = {rule.generate(rng) for _ in range(200)}
    assert len(numbers) > 150  # varied enough for demo data
    for number in numbers:
        assert rule.validate(number) == number


def test_generated_curp_is_valid_for_python_stdnum() -> None:
    rng = random.Random(3)
    for _ in range(50):
        assert curp.is_valid(get_rule("mx.curp").generate(rng))


def test_generated_aadhaar_is_valid_verhoeff() -> None:
    rng = random.Random(5)
    for _ in range(50):
        assert verhoeff.is_valid(get_rule("in.aadhaar").generate(rng))


def test_pattern_rule() -> None:
    rule = get_rule("pattern")
    assert rule.validate("ab-123456", "[A-Z]{2}[0-9]{6}") == "AB123456"
    for raw, code in [("A1234567", "id.pattern"), ("AB12345", "id.pattern")]:
        with pytest.raises(IdNumberError) as caught:
            rule.validate(raw, "[A-Z]{2}[0-9]{6}")
        assert caught.value.code == code
        assert caught.value.hint and "like" in caught.value.hint
    with pytest.raises(IdNumberError) as caught:
        rule.validate("AB123456")
    assert caught.value.code == "id.pattern_missing"


def test_profile_pattern_narrows_a_rule() -> None:
    india = "^[A-Z][0-9]{7}$"
    assert get_rule("passport").validate("j8369854", india) == "J8369854"
    with pytest.raises(IdNumberError) as caught:
        get_rule("passport").validate("L898902C3", india)
    assert caught.value.code == "id.pattern"


def test_broken_profile_pattern_has_its_own_code() -> None:
    with pytest.raises(IdNumberError) as caught:
        get_rule("passport").validate("A1234567", "[A-Z")
    assert caught.value.code == "id.bad_pattern"


def test_generate_matching_honours_the_pattern() -> None:
    rng = random.Random(1)
    for name, pattern in [
        ("passport", "[A-Z][0-9]{7}"),
        ("luhn", "[0-9]{10}"),
        ("verhoeff", "[2-9][0-9]{11}"),
        ("iso7064_mod11_2", "[0-9]{14}[0-9X]"),
        ("pattern", "[A-Z]{3}[0-9]{7}"),
    ]:
        rule = get_rule(name)
        for _ in range(20):
            number = rule.generate_matching(rng, pattern)
            assert rule.validate(number, pattern) == number


def test_unknown_rule_lists_the_known_ones() -> None:
    with pytest.raises(IdNumberError) as caught:
        get_rule("in.aadhar")
    assert caught.value.code == "id.unknown_rule"
    assert "in.aadhaar" in (caught.value.hint or "")


def test_rules_listing() -> None:
    listing = rules()
    assert list(listing) == sorted(listing)
    # the names country profiles use
    for name in [
        "in.aadhaar", "in.epic", "in.pan", "in.driving_licence", "passport", "vn.cccd",
        "vn.cmnd", "pe.dni", "pe.ce", "mx.curp", "ua.rnokpp", "ua.unzr", "ae.emirates_id",
        "ng.nin", "ug.nin", "pattern", "luhn", "verhoeff", "iso7064_mod11_2",
    ]:  # fmt: skip
        info = listing[name]
        assert info.summary and info.source and info.example
    assert listing["in.aadhaar"].display_example.count(" ") == 2
    assert listing["ae.emirates_id"].display_example.startswith("784-")
