/**
 * The WAN model: data centres, topologies with pairwise bandwidth and latency (the 11 EC2 regions
 * of the Gaia study, its two-region settings, user topology files), and the EC2 cost model of
 * thesis Table 5.1.
 */
package io.tributary.common.wan;
