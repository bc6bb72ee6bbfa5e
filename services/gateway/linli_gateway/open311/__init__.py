"""Open311 GeoReport v2 at /open311/v2/ (jurisdiction_id = the district's tenant id)."""
