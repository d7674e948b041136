package io.membank.diagnostics.collect;

import io.agroal.api.AgroalDataSource;
import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded time series of signals in PostgreSQL: raw samples for {@code raw-retention},
 * downsampled into {@code rollup-bucket} buckets after, both pruned; raw rows are also capped.
 */
@ApplicationScoped
public class SampleStore {

  /** A point of a series: raw sample or bucket average. */
  public record Point(Instant at, double value) {}

  private final AgroalDataSource db;
  private final DiagnosticsConfig.Collect config;

  public SampleStore(AgroalDataSource db, DiagnosticsConfig config) {
    this.db = db;
    this.config = config.collect();
  }

  /** Appends signals in one batch. */
  public void append(List<Signal> signals) {
    if (signals.isEmpty()) {
      return;
    }
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into metric_sample (component, metric, at, value) values (?, ?, ?, ?)")) {
      for (Signal s : signals) {
        ps.setString(1, s.component());
        ps.setString(2, s.metric().key());
        ps.setTimestamp(3, Timestamp.from(s.at()));
        ps.setDouble(4, s.value());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("metric samples not stored: " + e.getMessage(), e);
    }
  }

  /** Raw points of one series since {@code since}, oldest first. */
  public List<Point> series(String component, Metric metric, Instant since) {
    return query(
        "select at, value from metric_sample where component = ? and metric = ? and at >= ?"
            + " order by at",
        component,
        metric,
        since);
  }

  /**
   * Points of one series since {@code since} at any resolution: bucket averages where raw samples
   * are gone, raw samples after. For long windows (busy hours, baselines).
   */
  public List<Point> history(String component, Metric metric, Instant since) {
    List<Point> points =
        query(
            "select bucket as at, avg_value as value from metric_rollup where component = ? and"
                + " metric = ? and bucket >= ? order by bucket",
            component,
            metric,
            since);
    Instant rawFrom = points.isEmpty() ? since : points.getLast().at();
    points.addAll(series(component, metric, rawFrom.isAfter(since) ? rawFrom : since));
    return points;
  }

  /** Components that have a series of {@code metric} since {@code since}. */
  public List<String> components(Metric metric, Instant since) {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select distinct component from metric_sample where metric = ? and at >= ?"
                    + " order by component")) {
      ps.setString(1, metric.key());
      ps.setTimestamp(2, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return out;
  }

  /**
   * Downsamples raw samples older than the raw retention into buckets, deletes them, prunes old
   * buckets and enforces the raw row cap. One transaction: a crash never loses unrolled samples.
   */
  public void compact(Instant now) {
    Instant rawCutoff = now.minus(config.rawRetention());
    long bucketSeconds = config.rollupBucket().toSeconds();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "insert into metric_rollup (component, metric, bucket, avg_value, min_value,"
                    + " max_value, samples) select component, metric, to_timestamp(floor(extract(epoch"
                    + " from at) / ?) * ?) as bucket, avg(value), min(value), max(value), count(*)"
                    + " from metric_sample where at < ? group by 1, 2, 3 on conflict (component,"
                    + " metric, bucket) do update set avg_value = (metric_rollup.avg_value *"
                    + " metric_rollup.samples + excluded.avg_value * excluded.samples) /"
                    + " (metric_rollup.samples + excluded.samples), min_value ="
                    + " least(metric_rollup.min_value, excluded.min_value), max_value ="
                    + " greatest(metric_rollup.max_value, excluded.max_value), samples ="
                    + " metric_rollup.samples + excluded.samples")) {
          ps.setLong(1, bucketSeconds);
          ps.setLong(2, bucketSeconds);
          ps.setTimestamp(3, Timestamp.from(rawCutoff));
          ps.executeUpdate();
        }
        execute(c, "delete from metric_sample where at < ?", rawCutoff);
        execute(
            c, "delete from metric_rollup where bucket < ?", now.minus(config.rollupRetention()));
        try (PreparedStatement ps =
            c.prepareStatement(
                "delete from metric_sample where at < (select at from metric_sample order by at"
                    + " desc offset ? limit 1)")) {
          ps.setLong(1, config.maxRawRows() - 1);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("compaction failed: " + e.getMessage(), e);
    }
  }

  /** Raw and downsampled row counts (for the bounded-size test and the README). */
  public long[] sizes() {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select (select count(*) from metric_sample), (select count(*) from"
                    + " metric_rollup)");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void execute(Connection c, String sql, Instant at) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  private List<Point> query(String sql, String component, Metric metric, Instant since) {
    List<Point> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, component);
      ps.setString(2, metric.key());
      ps.setTimestamp(3, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Point(rs.getTimestamp(1).toInstant(), rs.getDouble(2)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("metric samples not read: " + e.getMessage(), e);
    }
    return out;
  }
}
