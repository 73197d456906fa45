"""Read, vread, update-create, If-Match, delete, headers, metadata and history over real HTTP."""

from __future__ import annotations

from datetime import datetime

import httpx
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from socialrx_desk.fhir.common import HUB_EPOCH_EXTENSION, HUB_TYPES, parse_instant
from socialrx_desk.server.params import PARAMS
from tests.server.support import HubUnderTest, diagnostics, new_id, patient


def test_metadata_lists_exactly_what_is_implemented(hub: HubUnderTest) -> None:
    response = httpx.get(f"{hub.base_url}/metadata")  # no token needed
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    statement = response.json()
    CapabilityStatement.model_validate(statement)
    assert statement["fhirVersion"] == "4.0.1"
    epoch = next(e["valueString"] for e in statement["extension"] if e["url"] == HUB_EPOCH_EXTENSION)
    assert epoch == hub.running.epoch == response.headers["x-hub-epoch"]
    rest = statement["rest"][0]
    assert [r["type"] for r in rest["resource"]] == list(HUB_TYPES)
    assert rest["interaction"] == [{"code": "transaction"}]
    for resource in rest["resource"]:
        names = {p["name"] for p in resource["searchParam"]}
        assert names == {"_id", "_lastUpdated", *PARAMS[resource["type"]]}
        assert {i["code"] for i in resource["interaction"]} == {
            "read",
            "vread",
            "update",
            "delete",
            "search-type",
            "history-instance",
            "history-type",
        }


def test_every_response_carries_the_epoch(hub: HubUnderTest) -> None:
    anonymous = hub.client()
    for response in (
        anonymous.get("/Patient/x"),
        anonymous.get("/NoSuchType"),
        hub.admin.http.get("/Slot", params={"_count": 1}),
        hub.admin.http.get("/nothing/here/at/all/really"),
    ):
        assert response.headers["x-hub-epoch"] == hub.running.epoch
        assert response.headers["content-type"].startswith("application/fhir+json")


def test_put_creates_then_updates_with_versions_etags_and_locations(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    created = desk.put(f"/Patient/{person['id']}", json=person)
    assert created.status_code == 201, created.text
    assert created.headers["etag"] == 'W/"1"'
    assert created.headers["location"] == f"{hub.base_url}/Patient/{person['id']}/_history/1"
    body = created.json()
    assert body["meta"]["versionId"] == "1"
    assert body["name"] == person["name"]

    changed = person | {"birthDate": "1948-05-02", "meta": {"versionId": "99", "lastUpdated": "2000-01-01T00:00:00Z"}}
    updated = desk.put(f"/Patient/{person['id']}", json=changed)
    assert updated.status_code == 200
    assert updated.headers["etag"] == 'W/"2"'
    assert updated.json()["meta"]["versionId"] == "2", "the server sets versionId, whatever the client sent"
    assert parse_instant(updated.json()["meta"]["lastUpdated"]) > parse_instant(body["meta"]["lastUpdated"])

    current = desk.get(f"/Patient/{person['id']}")
    assert current.status_code == 200
    assert current.json()["birthDate"] == "1948-05-02"
    assert current.headers["etag"] == 'W/"2"'
    first = desk.get(f"/Patient/{person['id']}/_history/1")
    assert first.status_code == 200 and first.json()["birthDate"] == "1948-05-01"
    assert desk.get(f"/Patient/{person['id']}/_history/7").status_code == 404


def test_unchanged_put_makes_no_new_version(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    assert desk.put(f"/Patient/{person['id']}", json=person).status_code == 201
    again = desk.put(f"/Patient/{person['id']}", json=person)
    assert again.status_code == 200
    assert again.headers["etag"] == 'W/"1"'


def test_if_match_guards_updates(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    desk.put(f"/Patient/{person['id']}", json=person)
    ok = desk.put(f"/Patient/{person['id']}", json=person | {"gender": "female"}, headers={"If-Match": 'W/"1"'})
    assert ok.status_code == 200 and ok.headers["etag"] == 'W/"2"'
    stale = desk.put(f"/Patient/{person['id']}", json=person | {"gender": "other"}, headers={"If-Match": 'W/"1"'})
    assert stale.status_code == 412
    assert "version 2" in diagnostics(stale)
    assert desk.get(f"/Patient/{person['id']}").json()["gender"] == "female"
    missing = desk.put(f"/Patient/{new_id()}", json=patient() | {"id": "x"}, headers={"If-Match": 'W/"1"'})
    assert missing.status_code == 400  # id in the body differs from the URL
    nowhere = new_id()
    absent = desk.put(f"/Patient/{nowhere}", json=patient(nowhere), headers={"If-Match": 'W/"1"'})
    assert absent.status_code == 412
    garbage = desk.put(f"/Patient/{person['id']}", json=person, headers={"If-Match": "yesterday"})
    assert garbage.status_code == 400


def test_conditional_read_with_if_none_match(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    desk.put(f"/Patient/{person['id']}", json=person)
    assert desk.get(f"/Patient/{person['id']}", headers={"If-None-Match": 'W/"1"'}).status_code == 304
    assert desk.get(f"/Patient/{person['id']}", headers={"If-None-Match": 'W/"0"'}).status_code == 200


def test_delete_leaves_a_tombstone_and_history(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    person = patient()
    desk.put(f"/Patient/{person['id']}", json=person)
    deleted = desk.delete(f"/Patient/{person['id']}")
    assert deleted.status_code == 200 and deleted.headers["etag"] == 'W/"2"'
    gone = desk.get(f"/Patient/{person['id']}")
    assert gone.status_code == 410
    assert gone.json()["resourceType"] == "OperationOutcome"
    assert desk.delete(f"/Patient/{person['id']}").status_code == 204
    assert person["id"] not in [e["resource"]["id"] for e in desk.get("/Patient").json().get("entry", [])]
    history = desk.get(f"/Patient/{person['id']}/_history").json()
    assert history["type"] == "history"
    assert [e["request"]["method"] for e in history["entry"]] == ["DELETE", "PUT"]
    assert [e["response"]["etag"] for e in history["entry"]] == ['W/"2"', 'W/"1"']
    assert "resource" not in history["entry"][0]
    assert desk.get(f"/Patient/{person['id']}/_history/2").status_code == 410
    recreated = desk.put(f"/Patient/{person['id']}", json=person)
    assert recreated.status_code == 201 and recreated.headers["etag"] == 'W/"3"'


def test_type_history_since_shows_changes_and_deletions_in_order(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    people = [patient() for _ in range(3)]
    first = desk.put(f"/Patient/{people[0]['id']}", json=people[0])
    since = first.json()["meta"]["lastUpdated"]
    for person in people[1:]:
        desk.put(f"/Patient/{person['id']}", json=person)
    desk.put(f"/Patient/{people[1]['id']}", json=people[1] | {"gender": "female"})
    desk.delete(f"/Patient/{people[2]['id']}")

    response = desk.get("/Patient/_history", params={"_since": since, "_sort": "_lastUpdated", "_count": 2})
    seen = []
    while True:
        assert response.status_code == 200, response.text
        bundle = response.json()
        seen += [
            (e["fullUrl"].rsplit("/", 1)[1], e["request"]["method"], e["response"]["etag"]) for e in bundle["entry"]
        ]
        following = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
        if not following:
            break
        response = desk.get(following[0])
    assert seen == [
        (people[0]["id"], "PUT", 'W/"1"'),
        (people[1]["id"], "PUT", 'W/"1"'),
        (people[2]["id"], "PUT", 'W/"1"'),
        (people[1]["id"], "PUT", 'W/"2"'),
        (people[2]["id"], "DELETE", 'W/"2"'),
    ]
    newest_first = desk.get("/Patient/_history", params={"_since": since}).json()
    assert newest_first["entry"][0]["request"]["method"] == "DELETE"
    bad = desk.get("/Patient/_history", params={"_since": "yesterday"})
    assert bad.status_code == 400


def test_last_updated_orders_writes(hub: HubUnderTest) -> None:
    desk = hub.site("desk", practice=f"P-{new_id()}").http
    stamps: list[datetime] = []
    for _ in range(5):
        person = patient()
        stamps.append(parse_instant(desk.put(f"/Patient/{person['id']}", json=person).json()["meta"]["lastUpdated"]))
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_delete_missing_is_harmless(hub: HubUnderTest) -> None:
    assert hub.admin.http.delete(f"/Organization/{new_id()}").status_code == 204


def test_a_broken_database_gives_an_operation_outcome_not_a_stack_trace(database_url: str) -> None:
    import sqlalchemy

    from socialrx_desk.server.embedded import add_site, start_hub

    with start_hub(database_url) as running:
        token = add_site(database_url, "Desk", "desk")
        engine = sqlalchemy.create_engine(database_url)
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text("DROP TABLE search_index"))
        engine.dispose()
        response = httpx.get(
            f"{running.base_url}/Slot", params={"status": "free"}, headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 500
        assert response.headers["x-hub-epoch"] == running.epoch
        assert "administrator" in diagnostics(response)
        assert "search_index" not in response.text
