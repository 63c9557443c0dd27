package dev.krako.query;

/**
 * Who an API key belongs to. A tenant reads its own tenant's data (sessions, wallet, ledger); an
 * operator reads the fleet's node trust, which is no tenant's data, and nothing of any tenant. No
 * key is both, so a leaked tenant key shows nothing about the fleet and an operator key nothing
 * about a tenant (docs/query-api.md, "Keys, tenants and operators").
 */
sealed interface Caller {

  /** A key of one tenant. */
  record Tenant(String id) implements Caller {}

  /** An operator's key; the name says whose it is (in the key file, never a secret). */
  record Operator(String name) implements Caller {}
}
