package dev.hookverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookverifyTest {
  @TempDir Path dir;

  private static final class Run {
    final int code;
    final String out;
    final String err;

    Run(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  private static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Hookverify.run(
            args,
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            name -> null);
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run run(String... args) {
    return run(new byte[0], args);
  }

  private Path file(String name, String content) throws Exception {
    Path path = dir.resolve(name);
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return path;
  }

  private static List<String> headerArgs(String signOutput) {
    List<String> args = new ArrayList<>();
    for (String line : signOutput.strip().split("\n")) {
      args.add("--header");
      args.add(line.strip());
    }
    return args;
  }

  @Test
  void providers_listsEveryProvider() {
    Run r = run("providers");
    assertThat(r.code).isZero();
    for (Provider p : Providers.all()) {
      assertThat(r.out).contains(p.name());
    }
  }

  @Test
  void signThenVerify_everyProvider_roundTrips() throws Exception {
    Path body =
        file(
            "body.json",
            "{\"id\":\"evt_1\",\"event_id\":\"ev_1\",\"webhookTimestamp\":"
                + System.currentTimeMillis()
                + "}");
    for (Provider p : Providers.all()) {
      dev.hookverify.providers.signing.TestKeys keys = p.sender().newTestKeys();
      if (!p.signsInHeaders()) {
        // The sender signs inside the body: the kit prints the headers, a blank line, the body.
        Run signedBody =
            run(
                "sign",
                "--provider",
                p.name(),
                "--secret",
                keys.signingKey(),
                "--body",
                body.toString(),
                "--id",
                "evt1");
        assertThat(signedBody.code).as(p.name()).isZero();
        assertThat(signedBody.out).as(p.name()).containsPattern("(?s)Content-Type: .*\\n\\n\\{");
        continue;
      }
      Run signed =
          run(
              "sign",
              "--provider",
              p.name(),
              "--secret",
              keys.signingKey(),
              "--body",
              body.toString(),
              "--url",
              "https://example.com/hook",
              "--id",
              "msg_1");
      assertThat(signed.code).as(p.name() + ": " + signed.err).isZero();
      if (!sendsItsSecret(p, keys)) {
        assertThat(signed.out).doesNotContain(keys.signingKey());
      }
      List<String> args =
          new ArrayList<>(
              List.of(
                  "verify",
                  "--provider",
                  p.name(),
                  "--secret",
                  keys.verificationKey(),
                  "--body",
                  body.toString(),
                  "--url",
                  "https://example.com/hook"));
      args.addAll(headerArgs(signed.out));
      Run verified = run(args.toArray(new String[0]));
      assertThat(verified.code).as(p.name() + ": " + verified.out).isZero();
      assertThat(verified.out)
          .startsWith("verified: provider=" + p.name())
          .doesNotContain(keys.signingKey());
    }
  }

  /**
   * Whether the sender's proof is the secret itself (a shared token such as Okta's): then what the
   * kit prints for it necessarily holds the secret.
   */
  private static boolean sendsItsSecret(Provider p, dev.hookverify.providers.signing.TestKeys keys)
      throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    java.util.Map<String, String> headers =
        p.sender()
            .sign(
                keys.signingKey(),
                dev.hookverify.providers.signing.OutgoingWebhook.builder(body)
                    .url("https://example.com/hook")
                    .id("msg_1")
                    .build())
            .headers();
    dev.hookverify.WebhookRequest.Builder request =
        dev.hookverify.WebhookRequest.builder().uri("https://example.com/hook").body(body);
    headers.forEach(request::header);
    try {
      return p.verifier(List.of(keys.verificationKey())).build().verify(request.build()).proof()
          == dev.hookverify.Proof.SHARED_TOKEN;
    } catch (dev.hookverify.WebhookVerificationException e) {
      return false;
    }
  }

  @Test
  void sign_curlFormat_isACompleteCommand() throws Exception {
    Run r =
        run(
            "{\"a\":\"it's\"}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "stripe",
            "--secret",
            "whsec_x",
            "--timestamp",
            "1700000000",
            "--body",
            "-",
            "--format",
            "curl",
            "--url",
            "http://127.0.0.1:9/hook");
    assertThat(r.code).isZero();
    assertThat(r.out)
        .startsWith("curl -sS -X POST 'http://127.0.0.1:9/hook'")
        .contains("-H 'Stripe-Signature: t=1700000000,v1=")
        .contains("--data-binary '{\"a\":\"it'\\''s\"}'");
  }

  @Test
  void verify_diagnosesAnAddedTrailingNewline() throws Exception {
    String body = "{\"id\":\"evt_1\"}";
    Run signed =
        run(
            body.getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "github",
            "--secret",
            "s3cr3t",
            "--body",
            "-");
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "github",
                "--secret",
                "s3cr3t",
                "--body",
                file("b", body + "\n").toString()));
    args.addAll(headerArgs(signed.out));
    Run r = run(args.toArray(new String[0]));
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out)
        .contains("rejected: SIGNATURE_MISMATCH")
        .contains("a trailing newline was added to the body after signing")
        .doesNotContain("s3cr3t");
  }

  @Test
  void verify_diagnosesAPrettyPrintedBodyAndChangedLineEndings() throws Exception {
    String compact = "{\"id\":\"evt_1\",\"n\":[1,2]}";
    Run signed =
        run(
            compact.getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "shopify",
            "--secret",
            "s3cr3t",
            "--body",
            "-");
    List<String> pretty =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "shopify",
                "--secret",
                "s3cr3t",
                "--body",
                file("p", "{\n  \"id\" : \"evt_1\",\n  \"n\" : [ 1, 2 ]\n}").toString()));
    pretty.addAll(headerArgs(signed.out));
    assertThat(run(pretty.toArray(new String[0])).out)
        .contains("re-serialized or pretty-printed: its compact form verifies");

    String crlf = "line one\r\nline two";
    Run signedCrlf =
        run(
            crlf.getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "shopify",
            "--secret",
            "s3cr3t",
            "--body",
            "-");
    List<String> lf =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "shopify",
                "--secret",
                "s3cr3t",
                "--body",
                file("lf", "line one\nline two").toString()));
    lf.addAll(headerArgs(signedCrlf.out));
    assertThat(run(lf.toArray(new String[0])).out).contains("line endings were changed");
  }

  @Test
  void verify_diagnosesSecretWhitespaceAndEncoding() throws Exception {
    String body = "{}";
    Run signed =
        run(
            body.getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "github",
            "--secret",
            "s3cr3t",
            "--body",
            "-");
    List<String> padded =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "github",
                "--secret",
                " s3cr3t\n",
                "--body",
                file("b", body).toString()));
    padded.addAll(headerArgs(signed.out));
    Run r = run(padded.toArray(new String[0]));
    assertThat(r.code).isZero();
    assertThat(r.out).contains("secret 1 has surrounding whitespace");

    // The sender used the decoded bytes of a whsec_ key; the receiver passed the key as text.
    String whsec = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String sig =
        java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    Run encoded =
        run(
            "verify",
            "--provider",
            "github",
            "--secret",
            whsec,
            "--body",
            file("c", body).toString(),
            "--header",
            "X-Hub-Signature-256: sha256=" + sig);
    assertThat(encoded.code).isEqualTo(1);
    assertThat(encoded.out)
        .contains("secret 1 is base64: the sender uses the decoded bytes")
        .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  }

  @Test
  void verify_diagnosesStaleTimestampsAndAnotherProvidersScheme() throws Exception {
    Run signed =
        run(
            "{}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "stripe",
            "--secret",
            "whsec_x",
            "--timestamp",
            "1700000000",
            "--body",
            "-");
    List<String> stale =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "stripe",
                "--secret",
                "whsec_x",
                "--body",
                file("s", "{}").toString(),
                "--now",
                "1700000900"));
    stale.addAll(headerArgs(signed.out));
    Run r = run(stale.toArray(new String[0]));
    assertThat(r.out)
        .contains("TIMESTAMP_TOO_OLD")
        .contains("timestamp is 900 seconds old")
        .contains("valid at the signing time");

    Run shopify =
        run(
            "{}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "shopify",
            "--secret",
            "s3cr3t",
            "--body",
            "-");
    List<String> wrong =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "github",
                "--secret",
                "s3cr3t",
                "--body",
                file("w", "{}").toString()));
    wrong.addAll(headerArgs(shopify.out));
    assertThat(run(wrong.toArray(new String[0])).out)
        .contains("MISSING_SIGNATURE")
        .contains("signed with the shopify scheme");
  }

  @Test
  void verify_json_printsOneObject() throws Exception {
    Run signed =
        run(
            "{\"id\":\"evt_9\"}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "stripe",
            "--secret",
            "whsec_x",
            "--body",
            "-");
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "stripe",
                "--secret",
                "whsec_x",
                "--body",
                file("j", "{\"id\":\"evt_9\"}").toString(),
                "--json"));
    args.addAll(headerArgs(signed.out));
    Run r = run(args.toArray(new String[0]));
    assertThat(r.code).isZero();
    Map<String, String> fields = new HashMap<>();
    try (JsonParser p = new JsonFactory().createParser(r.out)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        fields.put(name, p.getValueAsString());
        p.skipChildren();
      }
    }
    assertThat(fields)
        .containsEntry("verified", "true")
        .containsEntry("provider", "stripe")
        .containsEntry("keyId", "key-1")
        .containsEntry("deliveryId", "evt_9")
        .containsKeys("reason", "timestamp", "diagnosis");
  }

  @Test
  void usageErrors_exitTwo() throws Exception {
    assertThat(run().code).isEqualTo(2);
    Run unknown = run("verify", "--provider", "strype", "--secret", "x");
    assertThat(unknown.code).isEqualTo(2);
    assertThat(unknown.err).contains("unknown provider 'strype'").contains("stripe, github");
    assertThat(run("verify", "--provider", "stripe").code).isEqualTo(2);
    Run empty = run("sign", "--provider", "stripe", "--secret", "");
    assertThat(empty.code).isEqualTo(2);
    assertThat(empty.err).contains("secret 1 is empty");
    assertThat(
            run(
                    "sign",
                    "--provider",
                    "stripe",
                    "--secret",
                    "x",
                    "--body",
                    dir.resolve("nope").toString())
                .code)
        .isEqualTo(2);
    assertThat(run("sign", "--provider", "stripe", "--secret", "x", "--bogus", "1").code)
        .isEqualTo(2);
    assertThat(run("frobnicate").code).isEqualTo(2);
  }

  @Test
  void demo_everyVerdictRight() {
    Run r = run("demo");
    assertThat(r.out).contains("every verdict is right");
    assertThat(r.code).isZero();
  }

  @Test
  void sign_timestampNoVerifierAccepts_exitsTwoSayingWhichRangeAndWhy() {
    for (String timestamp :
        new String[] {
          "-1", "253402300800", "1700000000000", "99999999999999999", "-9223372036854775808"
        }) {
      Run r = run("sign", "--provider", "stripe", "--secret", "whsec_x", "--timestamp", timestamp);
      assertThat(r.code).as(timestamp).isEqualTo(2);
      assertThat(r.err)
          .as(timestamp)
          .contains("--timestamp must be epoch seconds from 0 to 253402300799")
          .contains("1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z")
          .contains("no verifier accepts")
          .contains("(see hookverify sign --help)");
      assertThat(r.out).isEmpty();
    }
    assertThat(
            run("sign", "--provider", "stripe", "--secret", "x", "--timestamp", "1700000000000")
                .err)
        .contains("1700000000000 looks like milliseconds");
    // Twitch writes RFC 3339 and HubSpot milliseconds: both failed past the range, differently.
    for (String provider : new String[] {"twitch", "hubspot"}) {
      assertThat(
              run(
                      "sign",
                      "--provider",
                      provider,
                      "--secret",
                      "x",
                      "--timestamp",
                      "1" + "0".repeat(17))
                  .code)
          .as(provider)
          .isEqualTo(2);
    }
  }

  @Test
  void verify_nowOutsideTheRange_exitsTwoNotOne() throws Exception {
    Path body = file("n.json", "{}");
    for (String now : new String[] {"99999999999999999", "-99999999999999999", "-1", "x"}) {
      Run r =
          run(
              "verify",
              "--provider",
              "github",
              "--secret",
              "s3cr3t",
              "--body",
              body.toString(),
              "--header",
              "X-Hub-Signature-256: sha256=00",
              "--now",
              now);
      assertThat(r.code).as(now).isEqualTo(2);
      assertThat(r.err).as(now).contains("--now must be");
    }
  }

  @Test
  void verify_json_reportsTheDeliveryKeyIdempotentVerifierClaims() throws Exception {
    String body = "{\"zen\":\"Keep it logically awesome.\"}";
    Path file = file("d.json", body);
    Run signed =
        run(
            body.getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "github",
            "--secret",
            "s3cr3t",
            "--id",
            "72d3162e-cc78-11e3-81ab-4c9367dc0958",
            "--body",
            "-");
    List<String> genuine = headerArgs(signed.out);
    // A replayer changes what is not signed: the delivery header, and adds a header.
    List<String> replayed = new ArrayList<>();
    for (int i = 0; i < genuine.size(); i += 2) {
      String line = genuine.get(i + 1);
      replayed.add("--header");
      replayed.add(line.startsWith("X-GitHub-Delivery:") ? "X-GitHub-Delivery: replayed-1" : line);
    }
    replayed.addAll(List.of("--header", "X-Forwarded-For: 203.0.113.9"));

    String first = deliveryKeyOf(verifyJson("github", "s3cr3t", file, genuine));
    String second = deliveryKeyOf(verifyJson("github", "s3cr3t", file, replayed));
    assertThat(first).startsWith("github:").isEqualTo(second);

    // It is the key IdempotentVerifier claims: the replay is a duplicate of the first.
    dev.hookverify.IdempotentVerifier idempotent =
        dev.hookverify.IdempotentVerifier.builder(
                Providers.byName("github").verifier(List.of("s3cr3t")).build(),
                new dev.hookverify.idempotency.InMemoryIdempotencyStore(10))
            .build();
    try (dev.hookverify.ClaimedDelivery claimed =
        idempotent.claim(captured(genuine, body).request())) {
      assertThat(claimed.deliveryKey()).isEqualTo(first);
      claimed.complete();
    }
    assertThat(reasonOf(() -> idempotent.claim(captured(replayed, body).request()).close()))
        .isEqualTo(dev.hookverify.Reason.DUPLICATE_DELIVERY);

    // Another body is another delivery; a signed id (Stripe's evt_) is the key itself.
    assertThat(deliveryKeyOf(verifyJson("github", "s3cr3t", file("e.json", "{}"), genuine)))
        .isNull();
    Run stripe =
        run(
            "{\"id\":\"evt_9\"}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "stripe",
            "--secret",
            "whsec_x",
            "--body",
            "-");
    assertThat(
            deliveryKeyOf(
                verifyJson(
                    "stripe",
                    "whsec_x",
                    file("s.json", "{\"id\":\"evt_9\"}"),
                    headerArgs(stripe.out))))
        .isEqualTo("stripe:evt_9");
  }

  @Test
  void verify_text_reportsTheDeliveryKey() throws Exception {
    Run signed =
        run(
            "{}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "svix",
            "--secret",
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "--id",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "--body",
            "-");
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "svix",
                "--secret",
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "--body",
                file("t.json", "{}").toString()));
    args.addAll(headerArgs(signed.out));
    Run r = run(args.toArray(new String[0]));
    assertThat(r.code).isZero();
    assertThat(r.out).contains(" deliveryKey=svix:msg_p5jXN8AQM9LWM0D4loKWxJek");
  }

  @Test
  void sign_eventHeaderAndMethod_reachTheSignedRequest() throws Exception {
    Run github =
        run(
            "sign",
            "--provider",
            "github",
            "--secret",
            "s3cr3t",
            "--event",
            "issues",
            "--header",
            "X-GitHub-Hook-ID: 7");
    assertThat(github.code).isZero();
    assertThat(github.out).contains("X-GitHub-Event: issues", "X-GitHub-Hook-ID: 7");

    Run proof =
        run(
            "sign",
            "--provider",
            "github",
            "--secret",
            "s3cr3t",
            "--header",
            "X-Hub-Signature-256: sha256=00");
    assertThat(proof.code).isEqualTo(2);
    assertThat(proof.err).contains("X-Hub-Signature-256 carries or is covered by the proof");

    Run injected =
        run("sign", "--provider", "github", "--secret", "s3cr3t", "--id", "d1\r\nX-Evil: 1");
    assertThat(injected.code).isEqualTo(2);
    assertThat(injected.out).doesNotContain("X-Evil");

    // HubSpot signs the method: what sign was told is what it signs.
    Run put =
        run(
            "{}".getBytes(StandardCharsets.UTF_8),
            "sign",
            "--provider",
            "hubspot",
            "--secret",
            "hs-secret",
            "--method",
            "PUT",
            "--url",
            "https://example.com/hook",
            "--body",
            "-");
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                "hubspot",
                "--secret",
                "hs-secret",
                "--method",
                "PUT",
                "--url",
                "https://example.com/hook",
                "--body",
                file("h.json", "{}").toString()));
    args.addAll(headerArgs(put.out));
    assertThat(run(args.toArray(new String[0])).code).isZero();
  }

  private Run verifyJson(String provider, String secret, Path body, List<String> headers) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--provider",
                provider,
                "--secret",
                secret,
                "--body",
                body.toString(),
                "--json"));
    args.addAll(headers);
    return run(args.toArray(new String[0]));
  }

  /** The deliveryKey of a verify --json run, or null. */
  private static String deliveryKeyOf(Run run) throws Exception {
    try (JsonParser p = new JsonFactory().createParser(run.out)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("deliveryKey")) {
          return p.getValueAsString();
        }
        p.skipChildren();
      }
    }
    throw new AssertionError("no deliveryKey in " + run.out);
  }

  private static CapturedRequest captured(List<String> headerArgs, String body) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i < headerArgs.size(); i += 2) {
      lines.add(headerArgs.get(i));
    }
    return new CapturedRequest(
        "POST", "", CapturedRequest.headerLines(lines), body.getBytes(StandardCharsets.UTF_8));
  }

  private interface Claim {
    void run() throws Exception;
  }

  /** The reason {@code claim} is rejected for, or null if it is accepted. */
  private static dev.hookverify.Reason reasonOf(Claim claim) throws Exception {
    try {
      claim.run();
      return null;
    } catch (dev.hookverify.WebhookVerificationException e) {
      return e.reason();
    }
  }
}
