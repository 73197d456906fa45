"""Patient details as the desk and kiosk collect them, and the rules they must meet.

Validation returns every problem at once, keyed by field, in words a receptionist or patient understands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import nhs_number

MAX_AGE_YEARS = 130
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
_PHONE_DIGITS = re.compile(r"[\s\-().]")


class PatientValidationError(ValueError):
    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{field}: {message}" for field, message in problems.items()))


@dataclass(frozen=True, slots=True)
class PatientDetails:
    name: str
    birth_date: date | None
    nhs_number: str | None = None
    phone: str | None = None
    postcode: str | None = None

    def normalised(self) -> PatientDetails:
        """Canonical forms: NHS number as 10 digits, postcode upper case with one space, phone digits only."""
        return replace(
            self,
            name=" ".join(self.name.split()),
            nhs_number=normalise_nhs_number(self.nhs_number) if self.nhs_number else None,
            phone=normalise_phone(self.phone) if self.phone else None,
            postcode=normalise_postcode(self.postcode) if self.postcode else None,
        )


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s\-]", "", value)


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    match = _POSTCODE.match(compact)
    return f"{match.group(1)} {match.group(2)}" if match else value.strip().upper()


def normalise_phone(value: str) -> str:
    digits = _PHONE_DIGITS.sub("", value.strip())
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    return digits


def nhs_number_problem(value: str) -> str | None:
    digits = normalise_nhs_number(value)
    if not digits.isdigit() or len(digits) != 10:
        return "an NHS number has 10 digits"
    if not nhs_number.is_valid(digits):
        return "this is not a valid NHS number (the check digit does not match); please check it"
    return None


def postcode_problem(value: str) -> str | None:
    return None if _POSTCODE.match(re.sub(r"\s+", "", value.upper())) else "this does not look like a UK postcode"


def phone_problem(value: str) -> str | None:
    digits = normalise_phone(value)
    if not digits.isdigit():
        return "a phone number has only digits (spaces are fine)"
    if not (digits.startswith("0") and len(digits) in (10, 11)):
        return "a UK phone number starts with 0 and has 10 or 11 digits"
    return None


def birth_date_problem(value: date | None, today: date) -> str | None:
    if value is None:
        return "date of birth is needed"
    if value > today:
        return "date of birth is in the future"
    if today.year - value.year > MAX_AGE_YEARS:
        return f"date of birth is more than {MAX_AGE_YEARS} years ago"
    return None


def validate_patient(
    details: PatientDetails, today: date, *, require_nhs_number: bool = False, require_phone: bool = False
) -> PatientDetails:
    """The normalised details, or PatientValidationError listing every problem."""
    problems: dict[str, str] = {}
    name = " ".join(details.name.split())
    if not name:
        problems["name"] = "name is needed"
    elif len(name) > 200:
        problems["name"] = "name is too long"
    if (problem := birth_date_problem(details.birth_date, today)) is not None:
        problems["birth_date"] = problem
    if details.nhs_number:
        if (problem := nhs_number_problem(details.nhs_number)) is not None:
            problems["nhs_number"] = problem
    elif require_nhs_number:
        problems["nhs_number"] = "NHS number is needed"
    if details.phone:
        if (problem := phone_problem(details.phone)) is not None:
            problems["phone"] = problem
    elif require_phone:
        problems["phone"] = "a phone number is needed so the service can contact the patient"
    if details.postcode and (problem := postcode_problem(details.postcode)) is not None:
        problems["postcode"] = problem
    if problems:
        raise PatientValidationError(problems)
    return details.normalised()


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
