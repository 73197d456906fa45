"""Whatever arrives, the hub answers with an OperationOutcome that says what is wrong, and stores nothing bad."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest

from socialrx_desk.fhir.common import put_entry, transaction
from socialrx_desk.server.app import DEFAULT_MAX_BODY_BYTES
from socialrx_desk.server.embedded import add_site, revoke_site
from socialrx_desk.server.storage import utcnow
from tests.server.support import HubUnderTest, diagnostics, new_id, patient, service_request


def test_malformed_json(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="bad-json").http
    response = http.put(f"/Patient/{new_id()}", content=b'{"resourceType": "Patient", "id": ', headers=_json)
    assert response.status_code == 400
    assert "not valid JSON" in diagnostics(response)
    for body in (
        b"",
        b"   ",
        b"\xff\xfe{",
        b'{"resourceType":"Patient","id":"a","x":NaN}',
        b"[" * 200_000 + b"]" * 200_000,
    ):
        response = http.put("/Patient/a", content=body, headers=_json)
        assert response.status_code in (400, 413), (body[:20], response.status_code)
        assert response.json()["resourceType"] == "OperationOutcome"


_json = {"Content-Type": "application/fhir+json"}


def test_wrong_or_unknown_resource_types(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="types").http
    person_id = new_id()
    wrong = http.put(f"/Patient/{person_id}", json={"resourceType": "Slot", "id": person_id})
    assert wrong.status_code == 400
    assert "expected a Patient" in diagnostics(wrong)
    not_fhir = http.put(f"/Patient/{person_id}", json={"resourceType": "Wizard", "id": person_id})
    assert not_fhir.status_code == 400
    no_type = http.put(f"/Patient/{person_id}", json={"id": person_id})
    assert no_type.status_code == 400
    array = http.put(f"/Patient/{person_id}", json=[1, 2])
    assert array.status_code == 400 and "array" in diagnostics(array)
    unserved = http.get("/Observation")
    assert unserved.status_code == 404 and "does not serve" in diagnostics(unserved)
    assert http.get(f"/Patient/{person_id}").status_code == 404


def test_invalid_resources_are_rejected_with_the_reason(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="invalid").http
    person = patient()
    cases = [
        (person | {"gender": "sometimes"}, "gender"),
        (person | {"birthDate": "01/05/1948"}, "birthDate"),
        (person | {"favouriteColour": "blue"}, "favouriteColour"),
        (person | {"name": "Mary Jones"}, "name"),
    ]
    for body, element in cases:
        response = http.put(f"/Patient/{person['id']}", json=body)
        assert response.status_code == 400, body
        assert element in diagnostics(response)
    request = service_request(person["id"], "svc") | {"status": "pending-ish"}
    response = http.put(f"/ServiceRequest/{request['id']}", json=request)
    assert response.status_code == 400 and "ServiceRequest.status" in diagnostics(response)
    assert http.get(f"/Patient/{person['id']}").status_code == 404


def test_id_must_match_the_url(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="ids").http
    person = patient()
    assert http.put(f"/Patient/{new_id()}", json=person).status_code == 400
    without = {k: v for k, v in person.items() if k != "id"}
    assert http.put(f"/Patient/{person['id']}", json=without).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/Patient/a%2Fb",
        "/Patient/..",
        "/Patient/%2E%2E",
        "/Patient/a%20b",
        "/Patient/" + "x" * 65,
        "/Patient/%00",
        "/Patient/caf%C3%A9",
        "/Patient/a;b",
        "/Patient/a%5Cb",
    ],
)
def test_ids_with_path_characters_are_refused(hub: HubUnderTest, path: str) -> None:
    http = hub.admin.http
    for response in (http.get(path), http.put(path, json=patient()), http.delete(path)):
        assert response.status_code in (400, 404, 405), (path, response.status_code)
        assert response.json()["resourceType"] == "OperationOutcome"


def test_huge_bodies_are_refused(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="huge").http
    person = patient()
    person["text"] = {
        "status": "generated",
        "div": '<div xmlns="http://www.w3.org/1999/xhtml">' + "a" * DEFAULT_MAX_BODY_BYTES + "</div>",
    }
    response = http.put(f"/Patient/{person['id']}", json=person)
    assert response.status_code == 413
    assert "at most" in diagnostics(response) or "more than" in diagnostics(response)

    def chunks() -> Iterator[bytes]:
        for _ in range(DEFAULT_MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    streamed = http.put(f"/Patient/{person['id']}", content=chunks(), headers=_json)  # no Content-Length
    assert streamed.status_code == 413
    assert http.get(f"/Patient/{person['id']}").status_code == 404


def test_unknown_search_parameters(hub: HubUnderTest) -> None:
    http = hub.admin.http
    unknown = http.get("/Slot", params={"colour": "blue"})
    assert unknown.status_code == 400 and "colour" in diagnostics(unknown)
    lenient = http.get("/Slot", params={"colour": "blue", "_count": 1}, headers={"Prefer": "handling=lenient"})
    assert lenient.status_code == 200
    for params in (
        {"status:below": "free"},
        {"start": "next tuesday"},
        {"_count": "many"},
        {"_sort": "colour"},
        {"_sort": "start", "_id": "x"},
        {"_cursor": "not-a-cursor"},
        {"schedule": "Schedule/a/b/c"},
        {"_summary": "text"},
    ):
        response = http.get("/Slot" if params.get("_sort") != "start" else "/Patient", params=params)
        assert response.status_code == 400, params
        assert diagnostics(response)
    assert http.get("/Slot", params={"_format": "xml"}).status_code == 406
    assert http.get("/Slot", headers={"Accept": "application/fhir+xml"}).status_code == 406


def test_wrong_content_type(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="ctype").http
    person = patient()
    response = http.put(f"/Patient/{person['id']}", content=json.dumps(person), headers={"Content-Type": "text/plain"})
    assert response.status_code == 415


def test_a_transaction_with_one_invalid_entry_stores_nothing(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="tx").http
    good, bad = patient(), patient()
    bad["gender"] = "unicorn"
    request = service_request(good["id"], "15ee69f3-2085-40b3-850e-1ddd90fb67b5")
    response = http.post("", json=transaction([put_entry(good), put_entry(request), put_entry(bad)]))
    assert response.status_code == 400
    text = diagnostics(response)
    assert "entry[2]" in text and "gender" in text
    assert response.json()["issue"][0]["expression"] == ["Patient.gender"]
    for reference in (f"Patient/{good['id']}", f"ServiceRequest/{request['id']}", f"Patient/{bad['id']}"):
        assert http.get(f"/{reference}").status_code == 404


def test_bad_transaction_bundles(hub: HubUnderTest) -> None:
    http = hub.site("desk", practice="bundles").http
    person = patient()
    cases = [
        {"resourceType": "Bundle", "type": "batch", "entry": []},
        {"resourceType": "Patient", "id": "x"},
        {"resourceType": "Bundle", "type": "transaction", "entry": [{"resource": person}]},
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [{"resource": person, "request": {"method": "POST", "url": "Patient"}}],
        },
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [{"resource": person, "request": {"method": "PUT", "url": "Patient?identifier=x"}}],
        },
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [{"resource": person, "request": {"method": "PUT", "url": "Patient/../x"}}],
        },
        {"resourceType": "Bundle", "type": "transaction", "entry": [put_entry(person), put_entry(person)]},
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [
                put_entry(person) | {"request": {"method": "PUT", "url": f"Patient/{person['id']}", "ifMatch": "soon"}}
            ],
        },
        {"resourceType": "Bundle", "type": "transaction", "entry": "many"},
    ]
    for bundle in cases:
        response = http.post("", json=bundle)
        assert response.status_code == 400, (bundle, response.text)
        assert diagnostics(response)
    assert http.get(f"/Patient/{person['id']}").status_code == 404


def test_tokens(hub: HubUnderTest) -> None:
    anonymous = hub.client()
    for headers in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer garbage"},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer " + "x" * 5000},
    ):
        response = anonymous.get("/HealthcareService", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["resourceType"] == "OperationOutcome"
    expired = add_site(hub.database_url, f"expired {new_id()}", "desk", expires_at=utcnow() - timedelta(minutes=1))
    response = hub.client(expired).get("/HealthcareService")
    assert response.status_code == 401 and "expired" in diagnostics(response)
    name = f"revoked {new_id()}"
    token = add_site(hub.database_url, name, "desk")
    assert hub.client(token).get("/HealthcareService", params={"_count": 1}).status_code == 200
    revoke_site(hub.database_url, name)
    response = hub.client(token).get("/HealthcareService")
    assert response.status_code == 401 and "revoked" in diagnostics(response)


def test_methods_that_do_not_exist(hub: HubUnderTest) -> None:
    http = hub.admin.http
    assert http.post("/Patient", json=patient()).status_code == 405
    assert http.patch(f"/Patient/{new_id()}", json=[]).status_code == 405
