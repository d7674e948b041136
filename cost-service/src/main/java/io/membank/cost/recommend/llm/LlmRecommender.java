package io.membank.cost.recommend.llm;

import io.agroal.api.AgroalDataSource;
import io.membank.cost.config.CostConfig;
import io.membank.cost.recommend.Recommendation;
import io.membank.cost.recommend.Recommendation.Evidence;
import io.membank.cost.recommend.Recommendation.Kind;
import io.membank.cost.recommend.Recommendation.LlmType;
import io.membank.cost.recommend.Recommendation.Risk;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LLM savings from a tenant's own ledger rows ({@code usage_event}): a cheaper model per operation,
 * batching bursts of small calls, caching repeated prompts and trimming long contexts. Each saving
 * is what the window's usage would have cost less, extrapolated to a 30-day month over the part of
 * the window the tenant has usage in (at least a day).
 */
@ApplicationScoped
public class LlmRecommender {

  static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  static final Duration MONTH = Duration.ofDays(30);
  static final Duration MIN_SPAN = Duration.ofDays(1);

  static final String SPAN =
      """
      select min(occurred_at) from usage_event
      where tenant_id = ? and occurred_at >= ? and occurred_at < ?
      """;

  static final String BY_MODEL =
      """
      select operation, provider, model, count(*) as calls, sum(tokens_in) as tokens_in,
          sum(tokens_cached_in) as tokens_cached_in, sum(tokens_out) as tokens_out,
          sum(cost_usd) as cost_usd,
          usage_cost(?, ?, ?, sum(tokens_in)::bigint, sum(tokens_cached_in)::bigint,
              sum(tokens_out)::bigint) as alternative_cost_usd
      from usage_event
      where tenant_id = ? and occurred_at >= ? and occurred_at < ? and priced
        and provider = ? and model = ?
      group by operation, provider, model
      """;

  static final String MODELS =
      """
      select distinct provider, model from usage_event
      where tenant_id = ? and occurred_at >= ? and occurred_at < ? and priced and cost_usd > 0
      """;

  static final String BURSTS =
      """
      with bursts as (
          select user_key, operation, provider, model, count(*) as calls
          from usage_event
          where tenant_id = ? and occurred_at >= ? and occurred_at < ? and user_key is not null
            and tokens_in <= ?
          group by user_key, operation, provider, model,
              date_bin(? * interval '1 second', occurred_at, timestamptz '2000-01-01')
          having count(*) >= ?),
      overhead as (
          select operation, provider, model, min(tokens_in) as tokens
          from usage_event
          where tenant_id = ? and occurred_at >= ? and occurred_at < ? and tokens_in > 0
          group by operation, provider, model)
      select b.operation, b.provider, b.model, sum(b.calls) as calls, count(*) as bursts,
          count(distinct b.user_key) as users, o.tokens as overhead_tokens,
          price_at(b.provider, b.model, 'input', ?) as input_usd_per_million
      from bursts b join overhead o using (operation, provider, model)
      group by b.operation, b.provider, b.model, o.tokens
      """;

  static final String REPEATS =
      """
      with hashed as (
          select operation, provider, model, cost_usd, occurred_at,
              lag(occurred_at) over (partition by prompt_hash, provider, model
                                     order by occurred_at) as previous
          from usage_event
          where tenant_id = ? and occurred_at >= ? and occurred_at < ?
            and prompt_hash is not null)
      select operation, provider, model, count(*) as calls,
          count(*) filter (where occurred_at - previous <= ? * interval '1 second') as repeats,
          coalesce(sum(cost_usd)
              filter (where occurred_at - previous <= ? * interval '1 second'), 0)
              as repeat_cost_usd
      from hashed
      group by operation, provider, model
      """;

  static final String CONTEXTS =
      """
      select operation, provider, model, count(*) as calls, sum(tokens_in) as tokens_in,
          sum(tokens_out) as tokens_out,
          count(*) filter (where tokens_in > ?) as long_calls,
          coalesce(sum(tokens_in - ?) filter (where tokens_in > ?), 0) as excess_tokens,
          percentile_disc(0.5) within group (order by tokens_in) as median_tokens_in,
          max(tokens_in) as max_tokens_in,
          price_at(provider, model, 'input', ?) as input_usd_per_million
      from usage_event
      where tenant_id = ? and occurred_at >= ? and occurred_at < ? and priced
      group by operation, provider, model
      """;

  private final AgroalDataSource db;
  private final CostConfig.Llm config;
  private final ModelAlternatives alternatives;

  LlmRecommender(AgroalDataSource db, CostConfig config) {
    this.db = db;
    this.config = config.recommendations().llm();
    this.alternatives = ModelAlternatives.load();
  }

  /** Every LLM recommendation for the tenant, unsorted. */
  public List<Recommendation> recommend(String tenant, OffsetDateTime now) throws SQLException {
    OffsetDateTime from = now.minus(config.window());
    Period period;
    List<Recommendation> out = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      period = period(c, tenant, from, now);
      if (period == null) {
        return out;
      }
      cheaperModels(c, period, out);
      batching(c, period, out);
      caching(c, period, out);
      promptEfficiency(c, period, out);
    }
    return out;
  }

  /** The window read and the factor that turns its savings into a month's. */
  record Period(String tenant, OffsetDateTime from, OffsetDateTime to, BigDecimal monthFactor) {

    String describe() {
      return from + "/" + to;
    }

    BigDecimal monthly(BigDecimal windowUsd) {
      return Recommendation.usd(windowUsd.multiply(monthFactor, MathContext.DECIMAL64));
    }
  }

  private static Period period(Connection c, String tenant, OffsetDateTime from, OffsetDateTime to)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement(SPAN)) {
      q.setString(1, tenant);
      q.setObject(2, from);
      q.setObject(3, to);
      try (ResultSet r = q.executeQuery()) {
        r.next();
        OffsetDateTime first = r.getObject(1, OffsetDateTime.class);
        if (first == null) {
          return null;
        }
        Duration span = Duration.between(first, to);
        if (span.compareTo(MIN_SPAN) < 0) {
          span = MIN_SPAN;
        }
        BigDecimal factor =
            BigDecimal.valueOf(MONTH.toSeconds())
                .divide(BigDecimal.valueOf(span.toSeconds()), MathContext.DECIMAL64);
        return new Period(tenant, from, to, factor);
      }
    }
  }

  private void cheaperModels(Connection c, Period p, List<Recommendation> out) throws SQLException {
    List<String[]> models = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(MODELS)) {
      bindWindow(q, 1, p);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          models.add(new String[] {r.getString(1), r.getString(2)});
        }
      }
    }
    for (String[] m : models) {
      var alternative = alternatives.of(m[0], m[1]);
      if (alternative.isEmpty()) {
        continue;
      }
      var a = alternative.get();
      try (PreparedStatement q = c.prepareStatement(BY_MODEL)) {
        q.setString(1, a.toProvider());
        q.setString(2, a.toModel());
        q.setObject(3, p.to());
        bindWindow(q, 4, p);
        q.setString(7, m[0]);
        q.setString(8, m[1]);
        try (ResultSet r = q.executeQuery()) {
          while (r.next()) {
            BigDecimal cost = r.getBigDecimal("cost_usd");
            BigDecimal alt = r.getBigDecimal("alternative_cost_usd");
            if (alt == null || alt.compareTo(cost) >= 0) {
              continue; // the alternative has no price, or is not cheaper for this usage
            }
            String operation = r.getString("operation");
            String subject = operation + "/" + m[0] + "/" + m[1];
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("operation", operation);
            figures.put("model", m[0] + "/" + m[1]);
            figures.put("alternative", a.toProvider() + "/" + a.toModel());
            figures.put("calls", r.getLong("calls"));
            figures.put("tokens_in", r.getLong("tokens_in"));
            figures.put("tokens_cached_in", r.getLong("tokens_cached_in"));
            figures.put("tokens_out", r.getLong("tokens_out"));
            figures.put("cost_usd", Recommendation.usd(cost));
            figures.put("alternative_cost_usd", Recommendation.usd(alt));
            figures.put("month_factor", p.monthFactor().round(MathContext.DECIMAL32));
            figures.put("quality_source", a.source());
            out.add(
                recommendation(
                    LlmType.CHEAPER_MODEL,
                    subject,
                    "Use " + a.toModel() + " instead of " + m[1] + " for " + operation,
                    a.tradeoff(),
                    new Evidence(List.of(BY_MODEL.strip()), p.describe(), figures),
                    p.monthly(cost.subtract(alt)),
                    a.riskLevel()));
          }
        }
      }
    }
  }

  private void batching(Connection c, Period p, List<Recommendation> out) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(BURSTS)) {
      bindWindow(q, 1, p);
      q.setLong(4, config.batchSmallTokens());
      q.setLong(5, config.batchSlot().toSeconds());
      q.setInt(6, config.batchMinCalls());
      bindWindow(q, 7, p);
      q.setObject(10, p.to());
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          BigDecimal price = r.getBigDecimal("input_usd_per_million");
          long calls = r.getLong("calls");
          long bursts = r.getLong("bursts");
          long overhead = r.getLong("overhead_tokens");
          if (price == null || calls <= bursts) {
            continue;
          }
          // One request per burst instead of one per call: the prompt's fixed part (estimated
          // as the operation's smallest prompt) is sent once per burst.
          BigDecimal saved =
              BigDecimal.valueOf((calls - bursts) * overhead)
                  .multiply(price)
                  .divide(MILLION, MathContext.DECIMAL64);
          String operation = r.getString("operation");
          String model = r.getString("provider") + "/" + r.getString("model");
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("operation", operation);
          figures.put("model", model);
          figures.put("calls_in_bursts", calls);
          figures.put("bursts", bursts);
          figures.put("users", r.getLong("users"));
          figures.put("slot_seconds", config.batchSlot().toSeconds());
          figures.put("min_calls_per_burst", config.batchMinCalls());
          figures.put("small_call_max_tokens_in", config.batchSmallTokens());
          figures.put("fixed_prompt_tokens_estimate", overhead);
          figures.put("input_usd_per_million", price);
          figures.put("month_factor", p.monthFactor().round(MathContext.DECIMAL32));
          out.add(
              recommendation(
                  LlmType.BATCHING,
                  operation + "/" + model,
                  "Batch " + operation + " calls of the same user",
                  calls
                      + " small "
                      + operation
                      + " calls came in "
                      + bursts
                      + " bursts (one user, "
                      + config.batchSlot().toMinutes()
                      + " minutes): sending each burst as one request pays the instructions once."
                      + " Trade-off: facts wait up to the slot before extraction.",
                  new Evidence(List.of(BURSTS.strip()), p.describe(), figures),
                  p.monthly(saved),
                  Risk.MEDIUM));
        }
      }
    }
  }

  private void caching(Connection c, Period p, List<Recommendation> out) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(REPEATS)) {
      bindWindow(q, 1, p);
      q.setLong(4, config.cacheTtl().toSeconds());
      q.setLong(5, config.cacheTtl().toSeconds());
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          long calls = r.getLong("calls");
          long repeats = r.getLong("repeats");
          BigDecimal cost = r.getBigDecimal("repeat_cost_usd");
          if (repeats == 0 || cost.signum() <= 0) {
            continue;
          }
          String operation = r.getString("operation");
          String model = r.getString("provider") + "/" + r.getString("model");
          BigDecimal share =
              BigDecimal.valueOf(repeats)
                  .divide(BigDecimal.valueOf(calls), 4, java.math.RoundingMode.HALF_UP);
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("operation", operation);
          figures.put("model", model);
          figures.put("calls_with_prompt_hash", calls);
          figures.put("repeats_within_ttl", repeats);
          figures.put("repeat_share", share);
          figures.put("ttl_seconds", config.cacheTtl().toSeconds());
          figures.put("repeat_cost_usd", Recommendation.usd(cost));
          figures.put("month_factor", p.monthFactor().round(MathContext.DECIMAL32));
          out.add(
              recommendation(
                  LlmType.CACHING,
                  operation + "/" + model,
                  "Cache " + operation + " answers by prompt hash",
                  share.movePointRight(2).stripTrailingZeros().toPlainString()
                      + "% of "
                      + operation
                      + " calls repeated a prompt sent within "
                      + config.cacheTtl().toHours()
                      + " h: a response cache keyed by the prompt's SHA-256 would answer them"
                      + " without a model call. Trade-off: a cached answer is as old as the TTL.",
                  new Evidence(List.of(REPEATS.strip()), p.describe(), figures),
                  p.monthly(cost),
                  Risk.LOW));
        }
      }
    }
  }

  private void promptEfficiency(Connection c, Period p, List<Recommendation> out)
      throws SQLException {
    long limit = config.longContextTokens();
    try (PreparedStatement q = c.prepareStatement(CONTEXTS)) {
      q.setLong(1, limit);
      q.setLong(2, limit);
      q.setLong(3, limit);
      q.setObject(4, p.to());
      bindWindow(q, 5, p);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          BigDecimal price = r.getBigDecimal("input_usd_per_million");
          long excess = r.getLong("excess_tokens");
          if (price == null || excess == 0 || price.signum() == 0) {
            continue;
          }
          BigDecimal saved =
              BigDecimal.valueOf(excess).multiply(price).divide(MILLION, MathContext.DECIMAL64);
          long in = r.getLong("tokens_in");
          long outTokens = r.getLong("tokens_out");
          String operation = r.getString("operation");
          String model = r.getString("provider") + "/" + r.getString("model");
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("operation", operation);
          figures.put("model", model);
          figures.put("calls", r.getLong("calls"));
          figures.put("tokens_in", in);
          figures.put("tokens_out", outTokens);
          figures.put(
              "input_output_ratio",
              outTokens == 0
                  ? null
                  : BigDecimal.valueOf(in)
                      .divide(BigDecimal.valueOf(outTokens), 2, java.math.RoundingMode.HALF_UP));
          figures.put("median_tokens_in", r.getLong("median_tokens_in"));
          figures.put("max_tokens_in", r.getLong("max_tokens_in"));
          figures.put("long_context_tokens", limit);
          figures.put("long_calls", r.getLong("long_calls"));
          figures.put("tokens_beyond_limit", excess);
          figures.put("input_usd_per_million", price);
          figures.put("month_factor", p.monthFactor().round(MathContext.DECIMAL32));
          out.add(
              recommendation(
                  LlmType.PROMPT_EFFICIENCY,
                  operation + "/" + model,
                  "Trim long " + operation + " prompts to " + limit + " tokens",
                  r.getLong("long_calls")
                      + " "
                      + operation
                      + " prompts were longer than "
                      + limit
                      + " tokens (input/output ratio in the evidence): a running summary of the"
                      + " earlier conversation instead of its full text would save the input"
                      + " beyond the limit. Trade-off: details only in old turns may be missed.",
                  new Evidence(List.of(CONTEXTS.strip()), p.describe(), figures),
                  p.monthly(saved),
                  Risk.MEDIUM));
        }
      }
    }
  }

  private static void bindWindow(PreparedStatement q, int first, Period p) throws SQLException {
    q.setString(first, p.tenant());
    q.setObject(first + 1, p.from());
    q.setObject(first + 2, p.to());
  }

  private static Recommendation recommendation(
      LlmType type,
      String subject,
      String title,
      String detail,
      Evidence evidence,
      BigDecimal monthly,
      Risk risk) {
    return new Recommendation(
        Recommendation.idOf(Kind.LLM, type.wire(), subject),
        Kind.LLM,
        type.wire(),
        subject,
        title,
        detail,
        evidence,
        monthly,
        risk,
        null);
  }
}
