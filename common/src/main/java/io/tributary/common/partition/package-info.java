/**
 * Deterministic partitioners that split a labelled dataset into {@code K} partitions (data
 * centres, clients): IID, the non-IID study's label skew and x% non-IID (thesis §6.1.2), Dirichlet
 * label skew and quantity skew. {@link io.tributary.common.partition.Partitioners#parse} reads
 * spec strings such as {@code noniid:60}; every result can print its class histogram with
 * {@link io.tributary.common.partition.Partitioning#describe()}.
 */
package io.tributary.common.partition;
