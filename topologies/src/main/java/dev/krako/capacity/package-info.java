/**
 * Capacity and admission decisions as pure code: the admission mode's hysteresis, the suggested
 * size of a worker pool, and each tenant's admission rate. No Kafka and no Avro here; the capacity
 * and ingress topologies feed these classes and write what they decide (docs/capacity.md).
 */
package dev.krako.capacity;
