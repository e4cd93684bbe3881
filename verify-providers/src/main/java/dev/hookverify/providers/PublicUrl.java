package dev.hookverify.providers;

import dev.hookverify.ContentSink;
import dev.hookverify.SignedContent;
import dev.hookverify.WebhookRequest;

/**
 * The URL a URL-signing sender signed, as a part of its signed content: the public URL of {@link
 * ProviderOptions} with the request's query ({@link ProviderOptions#signedUrl}). Immutable and
 * thread-safe.
 */
final class PublicUrl implements SignedContent.Part {
  private final ProviderOptions options;

  private PublicUrl(ProviderOptions options) {
    this.options = options;
  }

  /**
   * Adds the signed URL to {@code content}: the public URL with the request's query if {@code
   * options} set one, the URI as received otherwise.
   */
  static SignedContent.Builder addTo(SignedContent.Builder content, ProviderOptions options) {
    return options.publicUrl().isPresent()
        ? content.part(new PublicUrl(options)).queryCoveredByParts() // the received query is signed
        : content.uri();
  }

  @Override
  public void writeTo(ContentSink sink, WebhookRequest request, CharSequence timestamp) {
    sink.writeUtf8(options.signedUrl(request));
  }

  @Override
  public String toString() {
    return "publicUrl";
  }
}
