"""District administrators manage their Open311 api_keys (Bearer token of role district_admin)."""

from __future__ import annotations

import re

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from linli_platform.auth import Principal, verify_token
from linli_platform.errors import Unauthenticated

from linli_gateway.open311 import keys

NAME = re.compile(r"^[^<>&\x00-\x1f]{1,100}$")


def router(secret: str, issuer: str) -> APIRouter:
    api = APIRouter(prefix="/admin/open311")

    def admin(authorization: str | None) -> Principal:
        if not authorization or authorization[:7].lower() != "bearer ":
            raise HTTPException(401, "缺少访问令牌")
        try:
            principal = verify_token(secret, authorization[7:].strip(), issuer)
        except Unauthenticated as exc:
            raise HTTPException(401, "访问令牌无效或已过期") from exc
        if principal.role != "district_admin":
            raise HTTPException(403, "只有区管理员可以管理 api_key")
        return principal

    @api.post("/keys", status_code=201)
    async def issue(request: Request, authorization: str | None = Header(None)):
        principal = admin(authorization)
        try:
            body = await request.json()
        except ValueError as exc:
            raise HTTPException(400, '请求体须为 JSON：{"name": "客户端名称"}') from exc
        name = body.get("name") if isinstance(body, dict) else None
        if not isinstance(name, str) or not NAME.fullmatch(name.strip()):
            raise HTTPException(400, "name: 必填，1–100 个字符，不含 HTML 标记")
        issued = await run_in_threadpool(keys.issue_key, principal.tenant, name.strip(), principal.subject)
        return JSONResponse(
            {"key_id": issued.key_id, "api_key": issued.api_key, "name": issued.name}, status_code=201
        )

    @api.get("/keys")
    def listed(authorization: str | None = Header(None)):
        principal = admin(authorization)
        return [
            {
                "key_id": k.key_id,
                "name": k.name,
                "created_at": k.created_at.isoformat(),
                "revoked": k.revoked_at is not None,
            }
            for k in keys.list_keys(principal.tenant)
        ]

    @api.delete("/keys/{key_id}", status_code=204)
    def revoke(key_id: str, authorization: str | None = Header(None)):
        principal = admin(authorization)
        if not re.fullmatch(r"[0-9a-f]{12}", key_id) or not keys.revoke_key(principal.tenant, key_id):
            raise HTTPException(404, "api_key 不存在")
        return Response(status_code=204)

    return api
