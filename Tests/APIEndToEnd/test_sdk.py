"""The official FlexPrice Python SDK (flexprice 2.1.43) against flexprice-console-api."""
import json
import uuid
from datetime import datetime, timezone

import pytest
from flexprice import Flexprice
from flexprice.models import errors

from conftest import KEY_A, KEY_B


@pytest.fixture
def fp(server):
    with Flexprice(api_key_auth=KEY_A, server_url=server.api_url) as client:
        yield client


def unique(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def test_create_get_and_get_by_external_id(fp):
    external = unique("user")
    created = fp.customers.create_customer(
        external_id=external, name="Acme Corporation", email="billing@acme.com",
        address_country="US", metadata={"plan_tier": "enterprise"})
    assert created.id.startswith("cust_") and len(created.id) == 31
    assert created.external_id == external
    assert created.name == "Acme Corporation"
    assert created.email == "billing@acme.com"
    assert created.address_country == "US"
    assert created.metadata == {"plan_tier": "enterprise"}
    assert created.status == "published"
    assert created.environment_id == "env_e2e_a"
    assert created.timezone == "UTC"
    assert created.created_at.tzinfo is not None
    assert abs((datetime.now(timezone.utc) - created.created_at).total_seconds()) < 60

    got = fp.customers.get_customer(id=created.id)
    assert got.id == created.id and got.name == "Acme Corporation" and got.metadata == {"plan_tier": "enterprise"}
    by_external = fp.customers.get_customer_by_external_id(external_id=external)
    assert by_external.id == created.id and by_external.email == "billing@acme.com"


def test_get_by_external_id_with_a_slash(fp):
    # The SDK sends /customers/external/user%2012/345 for "user 12/345"; the live server cannot
    # route that, this one takes the rest of the path as the id.
    external = f"user {uuid.uuid4().hex[:6]}/345"
    created = fp.customers.create_customer(external_id=external, name="Slash")
    assert fp.customers.get_customer_by_external_id(external_id=external).id == created.id


def test_query_with_filters_and_sort(fp):
    tag = uuid.uuid4().hex[:8]
    names = ["Zeta Labs", "acme retail", "Acme Corp", "Beta GmbH"]
    ids = {}
    for index, name in enumerate(names):
        customer = fp.customers.create_customer(
            external_id=f"q-{tag}-{index}", name=f"{name} {tag}", email=f"{index}@{tag}.example.com",
            metadata={"batch": tag, "tier": "gold" if index % 2 else "silver"})
        ids[name] = customer.id

    result = fp.customers.query_customer(
        filters=[{"field": "name", "operator": "contains", "data_type": "string", "value": {"string": f"ACME"}},
                 {"field": "external_id", "operator": "contains", "data_type": "string", "value": {"string": tag}}],
        sort=[{"field": "name", "direction": "asc"}])
    assert [c.id for c in result.items] == [ids["Acme Corp"], ids["acme retail"]]
    assert result.pagination.total == 2
    assert result.pagination.limit == 50
    assert result.pagination.offset == 50  # the next page's offset, as FlexPrice answers

    page = fp.customers.query_customer(
        filters=[{"field": "external_id", "operator": "in", "data_type": "array",
                  "value": {"array": [f"q-{tag}-{i}" for i in range(4)]}}],
        sort=[{"field": "name", "direction": "desc"}], limit=2, offset=1)
    assert [c.name for c in page.items] == [f"Beta GmbH {tag}", f"acme retail {tag}"]
    assert page.pagination.total == 4 and page.pagination.offset == 3

    gold = fp.customers.query_customer(metadata={"batch": tag, "tier": "gold"}, order="asc")
    assert [c.id for c in gold.items] == [ids["acme retail"], ids["Beta GmbH"]]
    exact = fp.customers.query_customer(external_id=f"q-{tag}-3", status="published")
    assert [c.name for c in exact.items] == [f"Beta GmbH {tag}"]
    excluded = fp.customers.query_customer(
        filters=[{"field": "external_id", "operator": "contains", "value": {"string": tag}},
                 {"field": "name", "operator": "not_contains", "value": {"string": "acme"}}])
    assert {c.id for c in excluded.items} == {ids["Zeta Labs"], ids["Beta GmbH"]}
    first = fp.customers.get_customer(id=ids["Zeta Labs"])
    after = fp.customers.query_customer(filters=[
        {"field": "external_id", "operator": "contains", "value": {"string": tag}},
        {"field": "created_at", "operator": "after", "data_type": "date",
         "value": {"date": first.created_at.isoformat()}}])
    assert ids["Zeta Labs"] not in {c.id for c in after.items} and after.pagination.total == 3


def test_update_by_id_and_by_external_id(fp):
    external = unique("upd")
    created = fp.customers.create_customer(external_id=external, name="Acme Corporation",
                                           metadata={"plan_tier": "enterprise"})
    updated = fp.customers.update_customer(id=created.id, name="Acme Corp (Updated)",
                                           metadata={"plan_tier": "enterprise_plus"})
    assert updated.name == "Acme Corp (Updated)"
    assert updated.metadata == {"plan_tier": "enterprise_plus"}
    assert updated.updated_at >= created.updated_at

    by_external = fp.customers.update_customer(external_customer_id=external, email="new@acme.com")
    assert by_external.id == created.id
    assert by_external.email == "new@acme.com"
    assert by_external.name == "Acme Corp (Updated)"  # untouched fields stay
    assert fp.customers.get_customer(id=created.id).email == "new@acme.com"


def test_delete(fp):
    created = fp.customers.create_customer(external_id=unique("del"), name="Short-lived")
    assert fp.customers.delete_customer(id=created.id) is None
    assert fp.customers.get_customer(id=created.id).status == "archived"
    # This SDK method declares 404 as an ErrorResponse; the others raise FlexpriceDefaultError.
    with pytest.raises(errors.ErrorResponse) as missing:
        fp.customers.get_customer_by_external_id(external_id=created.external_id)
    assert missing.value.status_code == 404
    assert missing.value.data.code == "not_found"
    archived = fp.customers.query_customer(status="archived", external_id=created.external_id)
    assert [c.id for c in archived.items] == [created.id]


def test_duplicate_external_id_is_409(fp):
    external = unique("dup")
    fp.customers.create_customer(external_id=external, name="First")
    with pytest.raises(errors.FlexpriceDefaultError) as raised:
        fp.customers.create_customer(external_id=external, name="Second")
    assert raised.value.status_code == 409
    body = json.loads(raised.value.body)
    assert body["code"] == "already_exists"
    assert body["http_status_code"] == 409
    assert body["details"] == {"external_id": external}


def test_not_found(fp):
    with pytest.raises(errors.FlexpriceDefaultError) as raised:
        fp.customers.get_customer(id="cust_DOESNOTEXIST")
    assert raised.value.status_code == 404
    body = json.loads(raised.value.body)
    assert body == {"code": "not_found", "message": "Customer with ID cust_DOESNOTEXIST was not found",
                    "http_status_code": 404, "details": {"customer_id": "cust_DOESNOTEXIST"}}
    with pytest.raises(errors.FlexpriceDefaultError) as update:
        fp.customers.update_customer(external_customer_id="nobody-" + uuid.uuid4().hex, name="x")
    assert update.value.status_code == 404
    assert json.loads(update.value.body)["code"] == "not_found"


def test_validation_error_names_fields(fp):
    with pytest.raises(errors.ErrorResponse) as raised:
        fp.customers.create_customer(external_id=unique("bad"), name="Bad", email="not-an-email",
                                     address_country="usa", address_postal_code="1" * 21)
    error = raised.value
    assert error.data.code == "validation_error"
    assert error.data.http_status_code == 400
    assert error.data.message == "Request validation failed"
    details = json.loads(error.body)["details"]  # the SDK's model drops details
    assert set(details) == {"email", "address_country", "address_postal_code"}
    assert "Email" in details["email"]

    with pytest.raises(errors.ErrorResponse) as filtered:
        fp.customers.query_customer(filters=[{"field": "name", "operator": "eq"}])
    assert filtered.value.data.message == "Invalid filter parameters"
    assert json.loads(filtered.value.body)["details"] == {"filters[0].value": "eq needs value.string"}


def test_keys_and_environments(server, fp):
    mine = fp.customers.create_customer(external_id=unique("env"), name="Environment A")
    with Flexprice(api_key_auth=KEY_B, server_url=server.api_url) as other:
        with pytest.raises(errors.FlexpriceDefaultError) as hidden:
            other.customers.get_customer(id=mine.id)
        assert hidden.value.status_code == 404
        assert mine.id not in {c.id for c in other.customers.query_customer(limit=1000).items}
    with Flexprice(api_key_auth="sk_wrong_key_000000000000", server_url=server.api_url) as wrong:
        with pytest.raises(errors.FlexpriceDefaultError) as refused:
            wrong.customers.query_customer()
        assert refused.value.status_code == 401
        assert json.loads(refused.value.body)["code"] == "unauthorized"
    assert KEY_A not in server.log() and "sk_wrong_key_000000000000" not in server.log()


def test_integration_metadata_must_be_an_object(server, fp):
    # A mapping whose metadata is not an object used to be stored, and then every page the SDK
    # read with expand=integrations failed to parse. The SDK's own model refuses to send one,
    # so the bad body goes out raw.
    import httpx
    external = unique("eim")
    mapping = {"entity_id": "cust_x", "entity_type": "customer", "provider_type": "stripe",
               "provider_entity_id": "cus_1"}
    with httpx.Client(base_url=server.api_url, headers={"x-api-key": KEY_A}) as raw:
        for bad in ([1, 2], "text", 7, True):
            reply = raw.post("/customers", json={"external_id": external,
                                                 "integration_entity_mapping": [dict(mapping, metadata=bad)]})
            assert reply.status_code == 400, reply.text
            assert set(reply.json()["details"]) == {"integration_entity_mapping[0].metadata"}
        created = raw.post("/customers", json={"external_id": external, "integration_entity_mapping": [
            dict(mapping, metadata={"nested": {"a": [1, None]}})]})
        assert created.status_code == 201, created.text
    page = fp.customers.query_customer(external_id=external, expand="integrations")
    assert [c.external_id for c in page.items] == [external]
    assert page.items[0].integrations[0].metadata == {"nested": {"a": [1, None]}}
