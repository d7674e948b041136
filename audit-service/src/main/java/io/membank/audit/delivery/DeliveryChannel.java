package io.membank.audit.delivery;

/** Sends deliveries of one channel ({@code pagerduty}, {@code kafka}, {@code email}). */
public interface DeliveryChannel {

  /** The value of {@code delivery.channel} this channel sends. */
  String name();

  /** Sends one delivery; returns normally only when the receiver accepted it. */
  void deliver(DeliveryEntity delivery) throws DeliveryException;

  /** A delivery attempt failed; {@code permanent} ones are not retried. */
  class DeliveryException extends Exception {
    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
      super(message, cause);
      this.permanent = permanent;
    }

    public DeliveryException(String message, boolean permanent) {
      this(message, permanent, null);
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
