package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code tenantid} and {@code traceparent} are
 * extension attributes (the latter per the CloudEvents distributed-tracing extension).
 *
 * @param <T> the type of {@code data}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
    String specversion,
    String id,
    String source,
    String type,
    String subject,
    OffsetDateTime time,
    String datacontenttype,
    String dataschema,
    String tenantid,
    String traceparent,
    T data) {

  /** The only CloudEvents version we produce. */
  public static final String SPEC_VERSION = "1.0";

  public CloudEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(type, "type");
  }

  /** A new event with a random id, the current time and JSON data. */
  public static <T> CloudEvent<T> of(
      String type, String source, String subject, String tenant, T data) {
    return new CloudEvent<>(
        SPEC_VERSION,
        UUID.randomUUID().toString(),
        source,
        type,
        subject,
        OffsetDateTime.now(ZoneOffset.UTC),
        "application/json",
        Schemas.uriFor(type),
        tenant,
        null,
        data);
  }

  /** The same event carrying a W3C trace context. */
  public CloudEvent<T> withTraceparent(String trace) {
    return new CloudEvent<>(
        specversion,
        id,
        source,
        type,
        subject,
        time,
        datacontenttype,
        dataschema,
        tenantid,
        trace,
        data);
  }
}
