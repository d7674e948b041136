package io.membank.audit.chain;

import io.membank.audit.risk.Classification;
import io.membank.audit.risk.Classifier;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * The one append path of the audit trail, used by Kafka intake and by this service's own records
 * (reads of the trail, report deliveries): classify, then chain.
 */
@ApplicationScoped
public class AuditLog {

  @Inject Classifier classifier;
  @Inject ChainWriter writer;
  @Inject MeterRegistry registry;

  /** Classifies and appends the entries; returns the records written (not the duplicates). */
  public List<ChainRecord> append(List<AuditEntry> entries) {
    List<Classification> classes = classifier.classify(entries);
    List<ChainWriter.Classified> classified = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      classified.add(new ChainWriter.Classified(entries.get(i), classes.get(i)));
    }
    List<ChainRecord> written = writer.append(classified);
    registry.counter("audit_records_appended").increment(written.size());
    registry.counter("audit_records_duplicate").increment(entries.size() - (double) written.size());
    return written;
  }

  /** Appends one entry. */
  public List<ChainRecord> append(AuditEntry entry) {
    return append(List.of(entry));
  }
}
