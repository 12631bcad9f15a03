-- Moving an existing deployment onto Citus: distribute the tenant schemas created before
-- schema-based sharding was switched on. Run on the coordinator after enable-schema-sharding.sql,
-- during a maintenance window (each schema is locked while it is converted).
DO $$
DECLARE
    tenant_schema text;
BEGIN
    FOR tenant_schema IN
        SELECT nspname FROM pg_namespace
        WHERE nspname LIKE 'tenant\_%'
          AND nspname NOT IN (SELECT schema_name::text FROM citus_schemas)
        ORDER BY nspname
    LOOP
        RAISE NOTICE 'distributing schema %', tenant_schema;
        PERFORM citus_schema_distribute(tenant_schema);
    END LOOP;
END
$$;

-- Spread the schemas over the workers (runs in the background; watch citus_rebalance_status()).
SELECT citus_rebalance_start();
