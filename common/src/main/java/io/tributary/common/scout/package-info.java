/**
 * SkewScout (thesis §6.6, ICML'20 §7), engine-free: model traveling between partitions to measure
 * the skew-induced accuracy loss, and communication control that tunes a protocol's knob (Gaia's
 * T0, FederatedAveraging's Iter_Local, DGC's E_warm) while it runs.
 *
 * <ul>
 *   <li>{@link io.tributary.common.scout.TravelSchedule}: which models travel where in each round,
 *       covering all pairs of N partitions over time; {@link
 *       io.tributary.common.scout.TravelOverlay}: direct, through hubs (broadcast settings), or
 *       through the server (server-client settings); {@link
 *       io.tributary.common.scout.ModelTraveler}: sends the models as frames over counted links
 *       and evaluates them at their destinations.</li>
 *   <li>{@link io.tributary.common.scout.Objective}: eq. 6.2; {@link
 *       io.tributary.common.scout.KnobGrid}: the theta values; {@link
 *       io.tributary.common.scout.CommunicationController}: hill climbing, stochastic hill
 *       climbing or simulated annealing over the grid with AL memoised per theta.</li>
 *   <li>{@link io.tributary.common.scout.SkewScout}: the two together for one run, setting the
 *       knob on every partition's {@link io.tributary.common.protocol.TunableProtocol} at the same
 *       iteration.</li>
 *   <li>{@link io.tributary.common.scout.LabelSkew} and {@link
 *       io.tributary.common.scout.AccuracyLossMatrix}: what the skew profiler reports about users'
 *       partitions.</li>
 * </ul>
 */
package io.tributary.common.scout;
