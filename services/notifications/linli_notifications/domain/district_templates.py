"""A district's own template for one key: written only when both texts are valid templates."""

from __future__ import annotations

from datetime import datetime

from linli_platform.aggregate import Aggregate
from linli_platform.errors import InvalidField

from linli_notifications.domain.templates import RenderError, TemplateText, check_syntax


class DistrictTemplate(Aggregate):
    """Id: the template key. Its version is the template's: 1 when first written, then one per change."""

    SOURCE, NAME = "notifications", "template"

    def __init__(
        self,
        tenant_id: str,
        id: str,
        title: str = "",
        body: str = "",
        updated_by: str = "",
        updated_at: datetime | None = None,
        version: int = 0,
    ):
        super().__init__(tenant_id, id, version)
        self.title, self.body, self.updated_by, self.updated_at = title, body, updated_by, updated_at

    def write(self, title: str, body: str, by: str, at: datetime) -> None:
        problems = []
        for field, source in (("title", title), ("body", body)):
            try:
                check_syntax(source, field)
            except RenderError as exc:
                problems.append((field, str(exc)))
        if problems:
            raise InvalidField(problems)
        self.title, self.body, self.updated_by, self.updated_at = title, body, by, at
        self.touch()

    def text(self) -> TemplateText:
        return TemplateText(
            key=self.id, title=self.title, body=self.body, source="district", version=self.version
        )
