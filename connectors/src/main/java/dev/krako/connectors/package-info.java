/**
 * Kafka Connect plugins that export Krako topics: {@link dev.krako.connectors.LedgerEntryConverter}
 * turns the ledger's Avro single-object encoding into Connect rows for a JDBC sink (ADR 013,
 * connectors/README.md).
 */
package dev.krako.connectors;
