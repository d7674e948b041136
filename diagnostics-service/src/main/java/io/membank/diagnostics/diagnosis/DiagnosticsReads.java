package io.membank.diagnostics.diagnosis;

import io.agroal.api.AgroalDataSource;
import io.membank.diagnostics.healing.ActionStore;
import io.membank.diagnostics.healing.HealingAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Read-side queries of the API: pages of diagnoses and actions of one tenant. */
@ApplicationScoped
public class DiagnosticsReads {

  private final AgroalDataSource db;
  private final DiagnosisStore diagnoses;
  private final ActionStore actions;

  public DiagnosticsReads(AgroalDataSource db, DiagnosisStore diagnoses, ActionStore actions) {
    this.db = db;
    this.diagnoses = diagnoses;
    this.actions = actions;
  }

  public List<Diagnosis> diagnoses(
      String tenant, Diagnosis.Status status, Instant beforeAt, UUID beforeId, int limit) {
    try (Connection c = db.getConnection()) {
      return diagnoses.page(c, tenant, status, beforeAt, beforeId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public Optional<Diagnosis> diagnosis(String tenant, UUID id) {
    try (Connection c = db.getConnection()) {
      return diagnoses.find(c, tenant, id);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public List<HealingAction> actions(
      String tenant, UUID diagnosisId, Instant beforeAt, UUID beforeId, int limit) {
    try (Connection c = db.getConnection()) {
      return actions.page(c, tenant, diagnosisId, beforeAt, beforeId, limit);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
