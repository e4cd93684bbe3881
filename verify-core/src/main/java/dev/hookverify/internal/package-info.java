/**
 * The single sites hookverify's modules share and applications must not depend on: the one
 * constant-time comparison ({@link dev.hookverify.internal.ConstantTime}), the one SHA-256 helper
 * ({@link dev.hookverify.internal.Sha256}) and the allocation-free decoders ({@link
 * dev.hookverify.internal.Codec}). Exported only to hookverify's own modules.
 */
package dev.hookverify.internal;
