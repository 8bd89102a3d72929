/**
 * The WAN-spread parameter server, engine-free: Gaia's BASELINE (thesis §5.5), one ordinary
 * parameter server whose shards are spread over the data centres. It sits beside the other
 * engine-free runtimes ({@link io.tributary.common.asp ASP} for Gaia itself,
 * {@link io.tributary.common.protocol} for the decentralised-learning protocols); an engine's
 * driver owns one instance per data centre.
 */
package io.tributary.common.ps;
