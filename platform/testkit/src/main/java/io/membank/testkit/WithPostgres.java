package io.membank.testkit;

import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Gives the annotated {@code @QuarkusTest} a fresh PostgreSQL database from the devstack. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(PostgresResource.class)
public @interface WithPostgres {
  /** Prefix of the database name: {@code t_<service>_<random8>}. */
  String service() default "test";

  /** Return {@code quarkus.datasource.jdbc.url} (turn off when the service has no JDBC). */
  boolean jdbc() default true;

  /** Return {@code quarkus.datasource.reactive.url} (turn off when it has no reactive client). */
  boolean reactive() default true;
}
