package io.membank.cost.price;

import io.membank.contracts.AuditEvent;
import io.membank.cost.audit.AuditTrail;
import io.membank.cost.ledger.LedgerStore;
import io.membank.cost.ledger.LedgerStore.Repriced;
import io.membank.http.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds price versions and re-prices recorded usage; every change is audited. */
@ApplicationScoped
public class PriceService {

  /** A new version of one model's prices (USD per million tokens). */
  public record ModelPrices(
      String provider,
      String model,
      BigDecimal input,
      BigDecimal cachedInput,
      BigDecimal output,
      OffsetDateTime effectiveFrom) {}

  private final PriceStore prices;
  private final LedgerStore ledger;
  private final AuditTrail audit;

  PriceService(PriceStore prices, LedgerStore ledger, AuditTrail audit) {
    this.prices = prices;
    this.ledger = ledger;
    this.audit = audit;
  }

  /**
   * Adds a version of a model's prices effective from its instant; usage recorded before keeps its
   * cost until that period is re-priced. 409 when a version already starts at that instant.
   */
  @Transactional
  @WithSpan("PriceService.add")
  public List<Price> add(ModelPrices p, String tenant, AuditTrail.Actor actor) {
    if (prices.exists(p.provider(), p.model(), p.effectiveFrom())) {
      throw ProblemException.conflict(
          "price-exists",
          "prices of %s/%s effective from %s exist; add a version with another effective_from"
              .formatted(p.provider(), p.model(), p.effectiveFrom()));
    }
    List<Price> added = new ArrayList<>();
    added.add(price(p, TokenKind.INPUT, p.input(), actor));
    added.add(
        price(
            p,
            TokenKind.CACHED_INPUT,
            p.cachedInput() != null ? p.cachedInput() : p.input(),
            actor));
    added.add(price(p, TokenKind.OUTPUT, p.output(), actor));
    added.forEach(prices::add);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("provider", p.provider());
    details.put("model", p.model());
    details.put("effective_from", p.effectiveFrom().toString());
    for (Price price : added) {
      details.put(price.tokenKind().stored() + "_usd_per_million", price.usdPerMillion());
    }
    audit.record(
        tenant, actor, AuditEvent.Action.ADMIN, "price", p.provider() + "/" + p.model(), details);
    return added;
  }

  /** Prices all usage in [from, to) again at the prices in force at its time. */
  @Transactional
  @WithSpan("PriceService.reprice")
  public Repriced reprice(
      OffsetDateTime from, OffsetDateTime to, String tenant, AuditTrail.Actor actor) {
    Repriced result;
    try {
      result = ledger.reprice(from, to);
    } catch (SQLException e) {
      throw new IllegalStateException("re-pricing failed: " + e.getMessage(), e);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("from", from.toString());
    details.put("to", to.toString());
    details.put("events", result.events());
    details.put("previous_cost_usd", result.previousCostUsd());
    details.put("new_cost_usd", result.newCostUsd());
    audit.record(tenant, actor, AuditEvent.Action.ADMIN, "usage-period", from + "/" + to, details);
    return result;
  }

  private static Price price(
      ModelPrices p, TokenKind kind, BigDecimal usd, AuditTrail.Actor actor) {
    return new Price(
        p.provider(), p.model(), kind, usd, p.effectiveFrom(), "api", actor.id(), null);
  }
}
