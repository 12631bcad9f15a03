"""The engine's rules on small made-up profiles: bad input, limits, closing, boosters, reasons."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from vaxkit.eligibility import (
    MESSAGES,
    DoseTaken,
    EligibilityError,
    Person,
    Reason,
    assess,
    can_receive,
    next_dose_window,
)
from vaxkit.profiles.schema import AgeRule, Booster, Cohort, Cohorts, DoseInterval, Vaccine

from .policies import frame, india, label

D = dt.date
INDIA = india()


def codes(reasons) -> list[str]:
    return [reason.code for reason in reasons]


def cohort(code: str = "all", **fields) -> Cohort:
    fields.setdefault("opens_on", D(2021, 1, 1))
    return Cohort(code=code, labels=label(code), **fields)


def vaccine(code: str = "vax", **fields) -> Vaccine:
    fields.setdefault("doses", 2)
    if fields["doses"] > 1:
        fields.setdefault("intervals", [DoseInterval(after_dose=1, min_days=21, max_days=42)])
    return Vaccine(code=code, name=code.title(), manufacturer="Maker", **fields)


def profile(groups, vaccines, rule=AgeRule.booking_date, **cohort_fields):
    return frame(Cohorts(age_rule=rule, groups=groups, **cohort_fields), vaccines)


# --- bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({}, "person.birth_missing"),
        ({"birth_date": D(1990, 1, 1), "birth_year": 1991}, "person.birth_mismatch"),
        ({"birth_year": 0}, "person.birth_year_invalid"),
    ],
)
def test_a_person_needs_consistent_birth_data(kwargs, code) -> None:
    with pytest.raises(EligibilityError) as exc:
        Person(**kwargs)
    assert exc.value.code == code
    assert str(exc.value)


def test_qualifiers_are_kept_as_a_frozenset() -> None:
    assert Person(birth_year=1990, qualifiers={"a"}).qualifiers == frozenset({"a"})


@pytest.mark.parametrize(
    ("history", "code"),
    [
        ([DoseTaken("covishield", D(2021, 5, 1), 2)], "history.dose_numbers"),
        (
            [DoseTaken("covishield", D(2021, 5, 1), 1), DoseTaken("covishield", D(2021, 8, 1), 1)],
            "history.dose_numbers",
        ),
        ([DoseTaken("sputnik", D(2021, 5, 1), 1)], "history.unknown_vaccine"),
        ([DoseTaken("covishield", D(2021, 7, 1), 1)], "history.future_dose"),
        (
            [DoseTaken("covishield", D(2021, 5, 1), 1), DoseTaken("covishield", D(2021, 4, 1), 2)],
            "history.order",
        ),
        (
            [DoseTaken("covishield", D(2021, 5, 1), 1), DoseTaken("covaxin", D(2021, 6, 1), 2)],
            "history.mixed_series",
        ),
    ],
)
def test_impossible_histories_are_rejected_with_a_code(history, code) -> None:
    with pytest.raises(EligibilityError) as exc:
        assess(INDIA, Person(birth_year=1960), history, D(2021, 6, 15))
    assert exc.value.code == code


def test_history_order_does_not_matter_only_dose_numbers_do() -> None:
    history = [DoseTaken("covaxin", D(2021, 6, 1), 2), DoseTaken("covaxin", D(2021, 5, 1), 1)]
    result = assess(INDIA, Person(birth_year=1960), history, D(2021, 6, 15))
    assert result.doses_taken == 2 and result.series_complete


def test_a_series_without_an_interval_is_a_profile_error() -> None:
    broken = vaccine(doses=3)  # only the interval after dose 1
    p = profile([cohort()], [broken])
    history = [DoseTaken("vax", D(2021, 1, 1), 1), DoseTaken("vax", D(2021, 2, 1), 2)]
    with pytest.raises(EligibilityError) as exc:
        assess(p, Person(birth_year=1980), history, D(2021, 3, 1))
    assert exc.value.code == "profile.interval_missing"


def test_can_receive_explains_unknown_vaccines_and_wrong_dose_numbers() -> None:
    person = Person(birth_year=1960)
    unknown = can_receive(INDIA, person, [], "sputnik", 1, D(2021, 3, 1))
    assert codes(unknown.reasons) == ["vaccine.unknown"] and not unknown.allowed
    wrong = can_receive(INDIA, person, [], "covaxin", 2, D(2021, 3, 1))
    assert codes(wrong.reasons) == ["dose.wrong_number"]
    assert wrong.reasons[0].params == {"expected": 1, "requested": 2}


# --- cohorts -------------------------------------------------------------------------------------


def test_a_closed_cohort_is_named() -> None:
    p = profile([cohort(min_age=12, max_age=17, closes_on=D(2021, 12, 31))], [vaccine()])
    result = assess(p, Person(birth_date=D(2008, 6, 1)), [], D(2022, 1, 5))
    assert codes(result.reasons) == ["cohort.closed"]
    assert result.next_dose is None


def test_a_cohort_is_open_on_its_closing_day_and_not_after() -> None:
    p = profile([cohort(min_age=12, closes_on=D(2021, 12, 31))], [vaccine()])
    person = Person(birth_date=D(2000, 6, 1))
    assert assess(p, person, [], D(2021, 12, 31)).eligible
    assert not assess(p, person, [], D(2022, 1, 1)).eligible


def test_no_cohort_now_or_ever() -> None:
    p = profile([cohort(min_age=18, max_age=30)], [vaccine()])
    result = assess(p, Person(birth_date=D(1950, 6, 1)), [], D(2022, 1, 5))
    assert codes(result.reasons) == ["cohort.none"]
    assert result.reasons[0].params == {"age": 71}


def test_qualifier_cohorts_need_a_qualifier() -> None:
    p = profile(
        [cohort("workers", min_age=18, requires_any=["nurse"])],
        [vaccine()],
        qualifiers=[{"code": "nurse", "kind": "occupation", "labels": label("Nurse")}],
    )
    assert assess(p, Person(birth_year=1980, qualifiers={"nurse"}), [], D(2021, 2, 1)).eligible
    assert codes(assess(p, Person(birth_year=1980), [], D(2021, 2, 1)).reasons) == ["cohort.none"]


def test_the_first_fitting_cohort_wins_even_when_a_later_one_also_fits() -> None:
    p = profile([cohort("older", min_age=50), cohort("adults", min_age=18)], [vaccine()])
    assert assess(p, Person(birth_year=1950), [], D(2021, 2, 1)).cohort.code == "older"


def test_the_earlier_of_two_future_cohorts_is_found() -> None:
    p = profile(
        [cohort("late", min_age=18, opens_on=D(2021, 9, 1)), cohort("early", min_age=18,
         opens_on=D(2021, 6, 1))],
        [vaccine()],
    )  # fmt: skip
    result = assess(p, Person(birth_year=1980), [], D(2021, 2, 1))
    assert result.later_cohort.code == "early" and result.later_cohort_from == D(2021, 6, 1)


# --- vaccine age limits --------------------------------------------------------------------------


def test_vaccine_age_limits_apply_on_the_dose_date() -> None:
    p = profile([cohort(min_age=12)], [vaccine("kids", max_age=14), vaccine("adults", min_age=18)])
    kid = Person(birth_date=D(2007, 2, 1))  # 14 until 2022-01-31
    result = assess(p, kid, [], D(2021, 12, 1))
    assert result.offered == ("kids",)
    adults = next(w for w in result.windows if w.vaccine == "adults")
    assert adults.earliest == D(2025, 2, 1)
    assert codes(adults.blockers) == ["vaccine.age_limit"]
    kids = next(w for w in result.windows if w.vaccine == "kids")
    assert kids.last_possible == D(2022, 1, 31)


def test_a_second_dose_that_would_fall_after_the_age_limit_is_never_possible() -> None:
    slow = vaccine("kids", max_age=14, intervals=[DoseInterval(after_dose=1, min_days=60)])
    p = profile([cohort(min_age=12)], [slow])
    history = [DoseTaken("kids", D(2022, 1, 10), 1)]
    kid = Person(birth_date=D(2007, 2, 1))  # turns 15 on 2022-02-01, before dose 2 may come
    window = next_dose_window(p, kid, history, D(2022, 1, 20), vaccine="kids")
    assert window is not None and window.earliest is None
    assert codes(window.blockers) == ["vaccine.age_limit", "interval.too_early"]
    result = assess(p, kid, history, D(2022, 1, 20))
    assert not result.eligible and result.next_dose is None


def test_a_dose_that_can_only_come_after_its_recommended_day_is_due_at_once() -> None:
    # Dose 1 was given under age (abroad, say); dose 2 must wait for the age limit, which falls
    # after the recommended 42 days: the recommended latest day moves to the first possible one.
    p = profile([cohort(min_age=0)], [vaccine(min_age=12)])
    history = [DoseTaken("vax", D(2021, 1, 10), 1)]
    kid = Person(birth_date=D(2009, 6, 1))
    window = next_dose_window(p, kid, history, D(2021, 2, 1))
    assert window is not None
    assert window.earliest == window.latest == D(2021, 6, 1)
    assert codes(window.blockers) == ["vaccine.age_limit"]
    assert next_dose_window(p, kid, history, D(2021, 6, 2)).overdue


def test_too_old_for_a_cohort_band_ends_the_first_dose_window() -> None:
    p = profile([cohort("teens", min_age=12, max_age=17)], [vaccine()])
    window = next_dose_window(p, Person(birth_date=D(2004, 3, 10)), [], D(2021, 6, 1))
    assert window is not None and window.last_possible == D(2022, 3, 9)


# --- boosters ------------------------------------------------------------------------------------


def test_boosters_follow_primary_vaccines() -> None:
    mrna = vaccine(
        "mrna",
        boosters=[Booster(code="b", labels=label("Booster"), after_days=90,
                          primary_vaccines=["vector"])],
    )  # fmt: skip
    vector = vaccine("vector", doses=1, intervals=[])
    p = profile([cohort()], [mrna, vector])
    after_vector = [DoseTaken("vector", D(2021, 1, 1), 1)]
    result = assess(p, Person(birth_year=1980), after_vector, D(2021, 4, 1))
    assert result.offered == ("mrna",) and codes(result.reasons) == ["booster.due"]
    after_mrna = [DoseTaken("mrna", D(2021, 1, 1), 1), DoseTaken("mrna", D(2021, 2, 1), 2)]
    result = assess(p, Person(birth_year=1980), after_mrna, D(2021, 9, 1))
    assert codes(result.reasons) == ["series.complete", "booster.none"]


def test_the_booster_rule_that_allows_the_dose_soonest_applies() -> None:
    rules = [
        Booster(code="slow", labels=label("Booster"), after_days=273),
        Booster(code="fast", labels=label("Booster"), after_days=182, opens_on=D(2022, 7, 6)),
    ]
    p = profile([cohort()], [vaccine(boosters=rules)])
    history = [DoseTaken("vax", D(2022, 1, 1), 1), DoseTaken("vax", D(2022, 2, 1), 2)]
    window = next_dose_window(p, Person(birth_year=1980), history, D(2022, 3, 1))
    assert window.booster == "fast" and window.earliest == D(2022, 8, 2)
    earlier = [DoseTaken("vax", D(2021, 5, 1), 1), DoseTaken("vax", D(2021, 6, 1), 2)]
    window = next_dose_window(p, Person(birth_year=1980), earlier, D(2021, 7, 1))
    assert window.booster == "slow" and window.earliest == D(2022, 3, 1)  # 273 days


def test_a_booster_needing_a_qualifier_explains_who_it_is_for() -> None:
    rules = [Booster(code="b", labels=label("Booster"), after_days=10, requires_any=["nurse"])]
    p = profile(
        [cohort()],
        [vaccine(boosters=rules)],
        qualifiers=[{"code": "nurse", "kind": "occupation", "labels": label("Nurse")}],
    )
    history = [DoseTaken("vax", D(2021, 1, 1), 1), DoseTaken("vax", D(2021, 2, 1), 2)]
    result = assess(p, Person(birth_year=1980), history, D(2021, 6, 1))
    assert codes(result.reasons) == ["series.complete", "booster.not_eligible"]
    assert result.reasons[1].message == "The Booster is only for people with one of: Nurse."


# --- reasons and output --------------------------------------------------------------------------


def test_every_reason_renders_with_its_params() -> None:
    person = Person(birth_year=1990)
    history = [DoseTaken("covishield", D(2021, 5, 10), 1)]
    result = assess(INDIA, person, history, D(2021, 6, 1))
    (reason,) = result.reasons
    assert reason.message == (
        "Too early for dose 2 of Covishield: it comes at least 84 days after the previous dose, "
        "so not before 2021-08-02."
    )
    assert (
        reason.render("Trop tôt : pas avant le %(earliest)s.")
        == "Trop tôt : pas avant le 2021-08-02."
    )


def test_messages_use_only_named_placeholders() -> None:
    for code, template in MESSAGES.items():
        assert "%s" not in template and "{" not in template, code


def test_every_message_is_extracted_for_translation() -> None:
    from babel.messages.extract import extract_from_file

    import vaxkit.eligibility.reasons as module

    found = {message for _, message, _, _ in extract_from_file("python", module.__file__)}
    assert found == set(MESSAGES.values())


def test_an_unknown_reason_code_is_refused() -> None:
    with pytest.raises(KeyError):
        Reason("made.up")


def test_reasons_are_hashable_and_compare_by_value() -> None:
    a = Reason("cohort.none", {"age": 5})
    assert (
        a == Reason("cohort.none", {"age": 5}) and len({a, Reason("cohort.none", {"age": 5})}) == 1
    )


def test_assessment_serialises_to_json() -> None:
    history = [DoseTaken("covaxin", D(2021, 5, 10), 1)]
    data = json.loads(
        json.dumps(assess(INDIA, Person(birth_year=1990), history, D(2021, 6, 10)).as_dict())
    )
    assert data["eligible"] is True
    assert data["next_dose"] == {
        "dose_number": 2, "kind": "primary", "booster": None, "vaccines": ["covaxin"],
        "earliest": "2021-06-07", "latest": "2021-06-21", "overdue": False,
    }  # fmt: skip
    assert data["reasons"][0]["code"] == "next_dose.due"
    assert data["windows"][0]["open"] is True
