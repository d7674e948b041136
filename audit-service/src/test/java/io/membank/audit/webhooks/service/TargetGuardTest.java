package io.membank.audit.webhooks.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.audit.webhooks.config.WebhooksConfig;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF rules: only public http(s) targets, unless the configuration allows private ones. */
class TargetGuardTest {

  /** A config with the given boolean knobs (the rest are not read by the guard). */
  static WebhooksConfig config(boolean allowPrivate, boolean allowHttp) {
    Map<String, Object> values =
        Map.of("allowPrivateTargets", allowPrivate, "allowHttp", allowHttp);
    return (WebhooksConfig)
        Proxy.newProxyInstance(
            WebhooksConfig.class.getClassLoader(),
            new Class<?>[] {WebhooksConfig.class},
            (proxy, method, args) -> {
              Object v = values.get(method.getName());
              if (v == null) {
                throw new UnsupportedOperationException(method.getName());
              }
              return v;
            });
  }

  final TargetGuard strict = new TargetGuard(config(false, false));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1/hook",
        "https://127.8.9.10/hook",
        "https://[::1]/hook",
        "https://10.1.2.3/hook",
        "https://172.16.0.1/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/hook",
        "https://0.0.0.0/hook",
        "https://[fd00::1]/hook",
        "https://[fe80::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://[::ffff:10.0.0.1]/hook",
        "https://224.0.0.1/hook",
        "https://localhost/hook"
      })
  void nonPublicTargetsAreRefused(String url) {
    assertThatThrownBy(() -> strict.check(url))
        .isInstanceOf(TargetGuard.RefusedTarget.class)
        .hasMessageContaining("non-public");
  }

  @Test
  void aPublicAddressPasses() {
    assertThat(strict.check("https://93.184.215.14/hook").getHost()).isEqualTo("93.184.215.14");
    assertThat(strict.check("https://[2606:4700::1111]/x").getPath()).isEqualTo("/x");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://93.184.215.14/hook",
        "ftp://93.184.215.14/hook",
        "https://user:pw@93.184.215.14/hook",
        "https:///nohost",
        "https://93.184.215.14/hook#frag",
        "not a url"
      })
  void badUrlsAreRefused(String url) {
    assertThatThrownBy(() -> strict.check(url)).isInstanceOf(TargetGuard.RefusedTarget.class);
  }

  @Test
  void configurationCanAllowLoopbackAndHttp() {
    TargetGuard open = new TargetGuard(config(true, true));
    assertThat(open.check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
    TargetGuard httpOnly = new TargetGuard(config(false, true));
    assertThatThrownBy(() -> httpOnly.check("http://127.0.0.1:8080/hook"))
        .isInstanceOf(TargetGuard.RefusedTarget.class);
  }
}
