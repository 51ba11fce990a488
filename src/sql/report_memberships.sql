-- kb report memberships: memberships in international organizations (v_memberships).
SELECT * FROM v_memberships
WHERE (:kind IS NULL OR organization_id = :kind)
