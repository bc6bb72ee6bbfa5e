"""District administrators issue, list and revoke their Open311 api_keys."""

from __future__ import annotations

from linli_platform.testing.fixtures import make_token


def auth(tenant: str, role: str = "district_admin") -> dict[str, str]:
    return {"authorization": f"Bearer {make_token(tenant, role)}"}


def test_an_issued_key_files_reports_until_revoked(client):
    issued = client.post("/admin/open311/keys", json={"name": "12345 市民热线"}, headers=auth("hanyang"))
    assert issued.status_code == 201
    body = issued.json()
    form = {
        "jurisdiction_id": "hanyang",
        "api_key": body["api_key"],
        "service_code": "lighting",
        "attribute[compound]": "jinjiang",
        "address_string": "金江公寓",
        "description": "路灯不亮",
    }
    assert client.post("/open311/v2/requests.json", data=form).status_code == 200
    listed = client.get("/admin/open311/keys", headers=auth("hanyang")).json()
    assert [(k["key_id"], k["name"], k["revoked"]) for k in listed] == [
        (body["key_id"], "12345 市民热线", False)
    ]
    assert "api_key" not in listed[0]
    assert client.delete(f"/admin/open311/keys/{body['key_id']}", headers=auth("hanyang")).status_code == 204
    assert client.post("/open311/v2/requests.json", data=form).status_code == 403


def test_keys_stay_within_their_district(client):
    body = client.post("/admin/open311/keys", json={"name": "热线"}, headers=auth("hanyang")).json()
    assert client.get("/admin/open311/keys", headers=auth("xingshan")).json() == []
    assert client.delete(f"/admin/open311/keys/{body['key_id']}", headers=auth("xingshan")).status_code == 404


def test_only_district_admins_manage_keys(client):
    assert (
        client.post(
            "/admin/open311/keys", json={"name": "x"}, headers=auth("hanyang", "resident")
        ).status_code
        == 403
    )
    assert client.post("/admin/open311/keys", json={"name": "x"}).status_code == 401
    bad = client.post("/admin/open311/keys", json={"name": "<b>x</b>"}, headers=auth("hanyang"))
    assert bad.status_code == 400
