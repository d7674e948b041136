package io.membank.privacy.protect;

import io.membank.privacy.detect.DataType;

/**
 * What the governance vault stores for one token: the value sealed by {@link FieldCipher} under the
 * tenant's keys. The token is derived from the value (equal values, equal token), so storing the
 * same entry twice is harmless.
 */
public record VaultEntry(String tenantId, String token, DataType type, String ciphertext) {}
