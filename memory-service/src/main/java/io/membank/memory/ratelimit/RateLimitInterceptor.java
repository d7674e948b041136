package io.membank.memory.ratelimit;

import io.membank.identity.Caller;
import io.quarkus.redis.datasource.RedisDataSource;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Fixed one-minute windows per tenant and tier, counted in Redis so every instance of the service
 * shares the budget.
 */
@RateLimited("")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class RateLimitInterceptor {

  @Inject Caller caller;
  @Inject RedisDataSource redis;

  @ConfigProperty(name = "membank.rate-limit.read-per-minute", defaultValue = "6000")
  long readPerMinute;

  @ConfigProperty(name = "membank.rate-limit.write-per-minute", defaultValue = "1200")
  long writePerMinute;

  /** Prepended to every Redis key; tests use it to isolate their keys. */
  @ConfigProperty(name = "membank.redis.key-prefix")
  Optional<String> keyPrefix;

  @AroundInvoke
  Object limit(InvocationContext context) throws Exception {
    RateLimited binding = context.getInterceptorBinding(RateLimited.class);
    String tier = binding == null ? "read" : binding.value();
    long limit = "write".equals(tier) ? writePerMinute : readPerMinute;
    long now = Instant.now().getEpochSecond();
    long window = now / 60;
    String key =
        keyPrefix.orElse("") + "membank:rl:memory:" + caller.tenant() + ":" + tier + ":" + window;
    long count = redis.value(Long.class).incr(key);
    if (count == 1) {
      redis.key().expire(key, 120);
    }
    if (count > limit) {
      throw new RateLimitExceededException(tier, limit, 60 - (now % 60));
    }
    return context.proceed();
  }
}
