from datetime import date

import pytest

from socialrx_desk.core.patients import PatientDetails, PatientValidationError, age_on, validate_patient

TODAY = date(2026, 12, 4)


def test_valid_details_are_normalised() -> None:
    details = validate_patient(
        PatientDetails("  Ann   Smith ", date(1948, 5, 17), "943 476 5919", "+44 7700 900123", "l11aa"), TODAY
    )
    assert details == PatientDetails("Ann Smith", date(1948, 5, 17), "9434765919", "07700900123", "L1 1AA")


@pytest.mark.parametrize(
    ("details", "field"),
    [
        (PatientDetails("", date(1950, 1, 1)), "name"),
        (PatientDetails("A", None), "birth_date"),
        (PatientDetails("A", date(2027, 1, 1)), "birth_date"),
        (PatientDetails("A", date(1850, 1, 1)), "birth_date"),
        (PatientDetails("A", date(1950, 1, 1), "9434765918"), "nhs_number"),  # wrong check digit
        (PatientDetails("A", date(1950, 1, 1), "12345"), "nhs_number"),
        (PatientDetails("A", date(1950, 1, 1), phone="12"), "phone"),
        (PatientDetails("A", date(1950, 1, 1), phone="07700 9OO123"), "phone"),
        (PatientDetails("A", date(1950, 1, 1), postcode="NOWHERE"), "postcode"),
    ],
)
def test_each_problem_is_named(details: PatientDetails, field: str) -> None:
    with pytest.raises(PatientValidationError) as error:
        validate_patient(details, TODAY)
    assert field in error.value.problems


def test_all_problems_at_once_and_required_fields() -> None:
    with pytest.raises(PatientValidationError) as error:
        validate_patient(PatientDetails("", None), TODAY, require_nhs_number=True, require_phone=True)
    assert set(error.value.problems) == {"name", "birth_date", "nhs_number", "phone"}


def test_age() -> None:
    assert age_on(date(1948, 12, 5), TODAY) == 77
    assert age_on(date(1948, 12, 4), TODAY) == 78
