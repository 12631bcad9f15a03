-- Turns the database into a Citus cluster with schema-based sharding (Citus 12 or newer).
-- Run once on the coordinator, as the database owner: the compose override runs it when the
-- coordinator's data directory is first created. Safe to run again.
CREATE EXTENSION IF NOT EXISTS citus;

-- The coordinator keeps the shared `public` schema (tenants, domains); workers hold tenant schemas.
SELECT citus_set_coordinator_host('postgres', 5432);
SELECT citus_add_node('citus-worker-1', 5432) WHERE NOT EXISTS (
    SELECT 1 FROM pg_dist_node WHERE nodename = 'citus-worker-1');
SELECT citus_add_node('citus-worker-2', 5432) WHERE NOT EXISTS (
    SELECT 1 FROM pg_dist_node WHERE nodename = 'citus-worker-2');

-- Each schema created from now on (django-tenants creates one per tenant) becomes a distributed
-- schema: all its tables live together on one node, so a tenant's queries stay on that node.
ALTER DATABASE vaxkit SET citus.enable_schema_based_sharding TO on;
