package io.tributary.focus.tune;

import java.util.Locale;

/**
 * How the stream tuner picks among the configurations on the Pareto boundary of ingest cost and
 * query latency (thesis §4.3.4): BALANCE minimises the weighted sum of the two normalised costs
 * (equal weights by default; users may give their own), OPT_INGEST the ingest cost, OPT_QUERY the
 * query latency.
 */
public enum Policy {
  BALANCE, OPT_INGEST, OPT_QUERY;

  /** {@code balance}, {@code opt-ingest} or {@code opt-query} (also with '_'); fails naming the value otherwise. */
  public static Policy parse(String s) {
    return switch (s.strip().toLowerCase(Locale.ROOT).replace('_', '-')) {
      case "balance" -> BALANCE;
      case "opt-ingest" -> OPT_INGEST;
      case "opt-query" -> OPT_QUERY;
      default -> throw new IllegalArgumentException("policy '" + s + "' is not one of balance, opt-ingest, opt-query");
    };
  }

  /** The command-line name: {@code balance}, {@code opt-ingest}, {@code opt-query}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The key prefix in summaries: {@code balance}, {@code opt_ingest}, {@code opt_query}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
