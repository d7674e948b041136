package io.membank.testkit;

import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Gives the annotated {@code @QuarkusTest} Redis and a random key prefix from the devstack. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(RedisResource.class)
public @interface WithRedis {
  /** Logical Redis database index in {@code quarkus.redis.hosts}. */
  int database() default 0;
}
