package io.membank.audit.webhooks.service;

import io.membank.audit.webhooks.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Keeps webhooks off the service's own network (SSRF): the receiver's URL must be absolute http(s)
 * without user info, and every address its host resolves to must be public — no loopback, private
 * (RFC 1918, unique-local), link-local (cloud metadata), CGNAT, multicast or unspecified address —
 * unless the configuration allows private targets. Checked when subscribing and again before every
 * attempt (DNS may change in between).
 */
@ApplicationScoped
public class TargetGuard {

  /** Why a target is refused; the message is safe to show to the admin. */
  public static final class RefusedTarget extends RuntimeException {
    RefusedTarget(String message) {
      super(message);
    }
  }

  private final WebhooksConfig config;

  TargetGuard(WebhooksConfig config) {
    this.config = config;
  }

  /** The URL's syntax and scheme; throws {@link RefusedTarget} with the reason. */
  public URI parse(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new RefusedTarget("url is not a valid URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
      throw new RefusedTarget(
          config.allowHttp() ? "url must be http or https" : "url must be https");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new RefusedTarget("url has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedTarget("url must not carry user info");
    }
    if (uri.getRawFragment() != null) {
      throw new RefusedTarget("url must not carry a fragment");
    }
    return uri;
  }

  /** Parses and resolves the URL; throws {@link RefusedTarget} for a non-public destination. */
  public URI check(String url) {
    URI uri = parse(url);
    if (config.allowPrivateTargets()) {
      return uri;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new RefusedTarget("url host does not resolve");
    }
    for (InetAddress address : addresses) {
      if (!isPublic(address)) {
        throw new RefusedTarget("url resolves to a non-public address (" + kind(address) + ")");
      }
    }
    return uri;
  }

  /** Whether an address is on the public internet. */
  static boolean isPublic(InetAddress a) {
    if (a.isLoopbackAddress()
        || a.isAnyLocalAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (b.length == 4) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return !(first == 0 // "this" network
          || (first == 100 && second >= 64 && second <= 127) // CGNAT 100.64/10
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF 192.0.0/24
          || (first == 198 && (second == 18 || second == 19)) // benchmarking 198.18/15
          || first >= 240); // reserved and broadcast
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false; // unique-local fc00::/7
      }
      if (isMapped(b)) {
        try {
          byte[] v4 = {b[12], b[13], b[14], b[15]};
          return isPublic(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }

  private static String kind(InetAddress a) {
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    return "reserved";
  }
}
