"""Role sets of this service that the kit's sets (linli_platform.auth) do not name, derived from them."""

from __future__ import annotations

from linli_platform.auth import STAFF_ROLES, Role

# District administrators and community staff, without grid workers: they withdraw proposals and
# read the care audit.
COMMUNITY_LEADS = STAFF_ROLES - {Role.GRID_WORKER}
