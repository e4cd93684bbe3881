package dev.hookverify.providers;

import static dev.hookverify.providers.HandlerViews.at;
import static dev.hookverify.providers.HandlerViews.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureHeader;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.HandlerViews.Parser;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Differential parsing: for every sender that reads the body during or right after verification, a
 * corpus of ambiguous documents ({@link JsonCorpus}: repeated keys at every level, escaped and
 * case-changed spellings of keys, literal dotted keys, nulls and wrong types, nesting at and past
 * the limits, trailing data, a byte order mark, UTF-16 and UTF-32, bytes that are not UTF-8), each
 * <b>genuinely signed</b> so that acceptance is possible: bodies signed whole where the sender
 * signs the body, and where it signs fields (Adyen, Mailgun), signed for what each of Jackson
 * databind, Gson, org.json and a first-wins reader sees, and for what each of them sees when dotted
 * keys are taken for paths (as the old scanners did). Every request the verifier accepts must read
 * the same in every parser as the view the verifier vouched for; a parser may refuse a body
 * outright only where the verifier tolerates repeated keys off the path it reads (core's
 * jsonField), and only org.json, which refuses every repeated key. Findings are collected and
 * asserted once.
 */
class DifferentialParsingTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String URL = "https://receiver.example/hooks";
  private static final String DEEP = "\"deep\":" + "[".repeat(70) + "]".repeat(70);

  /** What one sender's corpus gave. */
  private static final class Tally {
    final String sender;
    int documents;
    final Set<String> acceptedDocuments = new LinkedHashSet<>();
    int requests;
    int accepted;
    int orgJsonRefusedRepeats;
    final List<String> findings = new ArrayList<>();

    Tally(String sender) {
      this.sender = sender;
    }

    /**
     * An accepted request: {@code ours} must be what every parser's {@code view} reads, or a parser
     * refuses the body (only org.json, only for repeated keys, only where {@code repeatsAllowed}).
     */
    void accepted(
        String label, byte[] body, Object ours, Function<Object, Object> view, boolean repeats) {
      accepted++;
      acceptedDocuments.add(label);
      for (Parser parser : Parser.values()) {
        Object tree;
        try {
          tree = HandlerViews.read(parser, body);
        } catch (Exception e) {
          if (parser == Parser.ORG_JSON
              && repeats
              && String.valueOf(e.getMessage()).contains("Duplicate key")) {
            orgJsonRefusedRepeats++;
            continue;
          }
          findings.add(printable(label + ": accepted, but " + parser + " refuses the body: " + e));
          continue;
        }
        Object theirs = view.apply(tree);
        if (!ours.equals(theirs)) {
          findings.add(
              printable(label + ": verified " + ours + ", but " + parser + " reads " + theirs));
        }
      }
    }

    void assertClean(String baseLabel) {
      System.out.printf(
          "differential %-22s %4d documents, %5d signed requests, %4d accepted (%d documents),"
              + " %d org.json refusals of repeated keys%n",
          sender, documents, requests, accepted, acceptedDocuments.size(), orgJsonRefusedRepeats);
      assertThat(findings).as(sender).isEmpty();
      // Not vacuous: the genuine base document is accepted.
      assertThat(acceptedDocuments).as(sender).contains(baseLabel);
    }
  }

  // ---------------------------------------------------------------- Adyen

  private static final String ADYEN_KEY = SignedDocuments.ADYEN_KEY;
  private static final String FORGED_ITEM_FIELDS =
      "{\"pspReference\":\"psp_F\",\"merchantAccountCode\":\"Acct\",\"merchantReference\":\"ref_F\","
          + "\"amount\":{\"value\":99999900,\"currency\":\"EUR\"},\"eventCode\":\"AUTHORISATION\","
          + "\"success\":\"true\",\"additionalData\":{\"hmacSignature\":\"SIG#\"}}";
  private static final String FORGED_ITEM =
      "{\"NotificationRequestItem\":" + FORGED_ITEM_FIELDS + "}";
  private static final String ITEM =
      "{^1\"NotificationRequestItem\":{^2\"pspReference\":$P,\"originalReference\":null,"
          + "\"merchantAccountCode\":\"Acct\",\"merchantReference\":$R,"
          + "\"amount\":{^3\"value\":$V,\"currency\":$C~3},\"eventCode\":$E,\"success\":$S,"
          + "\"eventDate\":\"2026-01-01T00:00:00+01:00\",\"additionalData\":{^4\"authCode\":\"1\","
          + "\"checkout.cardAddedBrand\":\"mc\",\"hmacSignature\":\"SIG#\"~4}~2}~1}";

  static JsonCorpus adyenCorpus() {
    return JsonCorpus.of("{^0\"live\":\"false\",\"notificationItems\":[$ITEMS]~0}")
        .slot(
            "ITEMS",
            ITEM,
            ITEM + "," + FORGED_ITEM,
            FORGED_ITEM + "," + ITEM,
            ITEM + ",null," + FORGED_ITEM,
            ITEM + ",\"x\"," + FORGED_ITEM,
            ITEM + ",[]," + FORGED_ITEM,
            ITEM + ",7," + FORGED_ITEM,
            ITEM + ",{}," + FORGED_ITEM,
            ITEM + ",{\"NotificationRequestItem\":null}," + FORGED_ITEM,
            ITEM + ",{\"NotificationRequestItem\":\"x\"}," + FORGED_ITEM,
            ITEM + ",{\"NotificationRequestItem\":[]}," + FORGED_ITEM,
            "null," + ITEM,
            ITEM + "," + ITEM,
            "")
        .slot(
            "P",
            "\"psp_A\"",
            "null",
            "12",
            "true",
            "{}",
            "\"\"",
            "\"ps:p\"",
            "\"\\ud800\"",
            "\"psp_\\ud83d\\ude00\"",
            "\"p\\u0073p_A\"")
        .slot("R", "\"ref:1\"", "\"ref\"", "null", "1", "[\"x\"]", "\"ref\\u003a2\"")
        .slot(
            "V",
            "1000",
            "\"1000\"",
            "1000.0",
            "1e3",
            "-0",
            "0",
            "-5",
            "null",
            "true",
            "9223372036854775807",
            "99999999999999999999")
        .slot("C", "\"EUR\"", "null", "\"EU:R\"", "1")
        .slot("E", "\"AUTHORISATION\"", "null", "\"AUTH:ORISATION\"")
        .slot("S", "\"true\"", "true", "\"false\"", "false", "\"TRUE\"", "null", "1", "\"yes\"")
        .members(
            0,
            "\"notificationItems\":[" + FORGED_ITEM + "]",
            "\"notificationItems\":null",
            "\"notificationitems\":[" + FORGED_ITEM + "]",
            "\"notificationItems.0\":" + FORGED_ITEM,
            "\"\\u006eotificationItems\":[" + FORGED_ITEM + "]",
            "\"x\":1,\"x\":2",
            "\"live\":\"true\"",
            DEEP)
        .members(
            1,
            "\"NotificationRequestItem\":" + FORGED_ITEM_FIELDS,
            "\"NotificationRequestItem\":null",
            "\"notificationRequestItem\":" + FORGED_ITEM_FIELDS,
            "\"NotificationRequestItem.pspReference\":\"psp_F\"",
            "\"other\":{\"a\":1}")
        .members(
            2,
            "\"amount.value\":99999900",
            "\"pspReference\":\"psp_F\"",
            "\"\\u0070spReference\":\"psp_F\"",
            "\"PspReference\":\"psp_F\"",
            "\"success\":\"false\"",
            "\"amount\":{\"value\":99999900,\"currency\":\"EUR\"}",
            "\"eventCode\":\"REFUND\"",
            "\"additionalData.hmacSignature\":\"SIG#\"",
            "\"additionalData\":{\"hmacSignature\":\"SIG#\"}",
            "\"reason\":\"x\"",
            "\"reason\":\"x\",\"reason\":\"y\"",
            "\"originalReference\":\"psp_A\"",
            "\"operations\":[\"CANCEL\"]",
            "\"NotificationRequestItem\":" + FORGED_ITEM_FIELDS)
        .members(
            3,
            "\"value\":99999900",
            "\"value.x\":1",
            "\"Value\":99999900",
            "\"\\u0076alue\":99999900",
            "\"currency\":\"USD\"")
        .members(
            4,
            "\"hmacSignature\":\"SIG#\"",
            "\"HmacSignature\":\"SIG#\"",
            "\"hmacSignature.x\":\"SIG#\"",
            "\"hmacSignature\":null",
            "\"a.b\":\"c\"")
        .trailers(
            " {\"notificationItems\":[" + FORGED_ITEM + "]}",
            "x",
            ",",
            "]",
            "}",
            " null",
            "\u0000");
  }

  @Test
  void adyen_ambiguousDocuments_acceptedOnlyWhereEveryParserReadsTheVerifiedItems() {
    WebhookVerifier verifier = Adyen.builder(KeyRing.of(Adyen.secret(ADYEN_KEY))).build();
    Tally tally = new Tally("adyen items");
    JsonCorpus corpus = adyenCorpus();
    for (JsonCorpus.Variant variant : corpus.variants()) {
      tally.documents++;
      for (byte[] signed :
          SignedDocuments.signedForEveryReading(variant.utf8, SignedDocuments::adyenSignatures)) {
        byte[] body = variant.wire.apply(signed);
        tally.requests++;
        VerifiedWebhook webhook = accept(verifier, WebhookRequest.builder().body(body));
        if (webhook != null) {
          tally.accepted(
              variant.label,
              body,
              HandlerViews.adyenItems(webhook),
              HandlerViews::adyenItems,
              false);
        }
      }
    }
    tally.assertClean(corpus.base());
  }

  // ---------------------------------------------------------------- Mailgun

  private static final String MAILGUN_KEY = SignedDocuments.MAILGUN_KEY;
  private static final String FORGED_SIGNATURE =
      "{\"timestamp\":\"1403645221\",\"token\":\"tok_F\",\"signature\":\"SIG#\"}";

  static JsonCorpus mailgunCorpus() {
    return JsonCorpus.of(
            "{^0\"signature\":{^1\"timestamp\":$T,\"token\":$K,\"signature\":\"SIG#\"~1},"
                + "\"event-data\":{\"event\":\"delivered\",\"id\":\"ev1\","
                + "\"user-variables\":{\"a.b\":\"c\"}}~0}")
        .slot(
            "T",
            "\"1403645220\"",
            "1403645220",
            "\"01403645220\"",
            "14036452205",
            "null",
            "1.4e9",
            "1403645220.0",
            "true",
            "\"-1\"",
            "\"\"",
            "-0")
        .slot(
            "K",
            "\"tok_A\"",
            "null",
            "12",
            "[\"tok_A\"]",
            "\"\"",
            "\"\\ud800\"",
            "\"tok\\u005fA\"",
            "\"t\\u00e9k\"")
        .members(
            0,
            "\"signature\":" + FORGED_SIGNATURE,
            "\"signature.token\":\"tok_F\"",
            "\"signature.timestamp\":\"1403645221\"",
            "\"signature.signature\":\"SIG#\"",
            "\"signature.timestamp\":\"1403645221\",\"signature.token\":\"tok_F\","
                + "\"signature.signature\":\"SIG#\"",
            "\"Signature\":" + FORGED_SIGNATURE,
            "\"\\u0073ignature\":" + FORGED_SIGNATURE,
            "\"signature\":null",
            "\"x\":1,\"x\":2",
            "\"parent-signature\":" + FORGED_SIGNATURE,
            DEEP)
        .members(
            1,
            "\"token\":\"tok_F\"",
            "\"timestamp\":\"1403645221\"",
            "\"signature\":\"SIG#\"",
            "\"Token\":\"tok_F\"",
            "\"token.x\":\"a\"",
            "\"\\u0074oken\":\"tok_F\"",
            "\"timestamp\":null")
        .trailers(" {\"signature\":" + FORGED_SIGNATURE + "}", "x", ",", "}", "\u0000");
  }

  @Test
  void mailgun_ambiguousDocuments_acceptedOnlyWhereEveryParserReadsTheVerifiedSignature() {
    WebhookVerifier verifier =
        Mailgun.builder(KeyRing.of(WebhookSecret.ofUtf8(MAILGUN_KEY))).build();
    Tally tally = new Tally("mailgun signature");
    JsonCorpus corpus = mailgunCorpus();
    for (JsonCorpus.Variant variant : corpus.variants()) {
      tally.documents++;
      for (byte[] signed :
          SignedDocuments.signedForEveryReading(variant.utf8, SignedDocuments::mailgunSignatures)) {
        byte[] body = variant.wire.apply(signed);
        tally.requests++;
        VerifiedWebhook webhook = accept(verifier, WebhookRequest.builder().body(body));
        if (webhook != null) {
          List<Object> ours = new ArrayList<>(HandlerViews.mailgunSignature(webhook));
          ours.add(webhook.deliveryId().orElse(null));
          tally.accepted(
              variant.label,
              body,
              ours,
              tree -> {
                List<Object> theirs = new ArrayList<>(HandlerViews.mailgunSignature(tree));
                theirs.add(
                    SignedDocuments.mailgunSignedText(tree)
                        .map(SignedDocuments::mailgunId)
                        .orElse(null));
                return theirs;
              },
              false);
        }
      }
    }
    tally.assertClean(corpus.base());
  }

  // ---------------------------------------------------------------- tenants

  private static final Map<String, String> ORGANIZATION_SECRETS =
      Map.of("org_a", "secret-a", "org_b", "secret-b", "12", "secret-12");

  private static final String[] TENANT_VALUES = {
    "\"org_a\"",
    "\"org_b\"",
    "12",
    "\"12\"",
    "null",
    "12.0",
    "1.2e1",
    "-0",
    "true",
    "{\"org_id\":\"org_a\"}",
    "[\"org_a\"]",
    "\"\\ud800\"",
    "\"\"",
    "\" \"",
    "\"org\\u005fa\"",
    "\"org_a \""
  };

  private static final String[] TOP_LEVEL_TENANT_MEMBERS = {
    "\"org_id\":\"org_b\"",
    "\"org_id\":\"org_a\"",
    "\"\\u006frg_id\":\"org_b\"",
    "\"Org_id\":\"org_b\"",
    "\"org_id.x\":\"org_b\"",
    "\"integration_id\":\"org_b\"",
    "\"integration_id\":\"org_a\"",
    "\"x\":1,\"x\":2",
    "\"org_id\":null",
    DEEP
  };

  static List<JsonCorpus> mightyCallCorpora() {
    List<JsonCorpus> corpora = new ArrayList<>();
    for (String template :
        List.of(
            "{^0\"event\":\"call.ended\",\"org_id\":$O,\"integration_id\":$I~0}",
            "{^0\"event\":\"call.ended\",\"org_id\":$O~0}",
            "{^0\"event\":\"call.ended\",\"integration_id\":$I~0}")) {
      JsonCorpus corpus = JsonCorpus.of(template);
      if (template.contains("$O")) {
        corpus.slot("O", TENANT_VALUES);
      }
      if (template.contains("$I")) {
        corpus.slot("I", TENANT_VALUES);
      }
      corpora.add(
          corpus
              .members(0, TOP_LEVEL_TENANT_MEMBERS)
              .trailers(" {\"org_id\":\"org_b\"}", "x", ",", "}", "\u0000"));
    }
    return corpora;
  }

  @Test
  void mightyCall_ambiguousDocuments_acceptedOnlyWhereEveryParserReadsTheVerifiedOrganization() {
    Map<String, KeyRing> rings = new LinkedHashMap<>();
    ORGANIZATION_SECRETS.forEach(
        (org, secret) -> rings.put(org, KeyRing.of(WebhookSecret.ofUtf8(secret))));
    WebhookVerifier verifier = MightyCall.perOrganization(TenantKeys.of(rings)).build();
    Tally tally = new Tally("mightycall org");
    for (JsonCorpus corpus : mightyCallCorpora()) {
      for (JsonCorpus.Variant variant : corpus.variants()) {
        tally.documents++;
        byte[] body = variant.wire.apply(variant.utf8);
        for (String secret : ORGANIZATION_SECRETS.values()) {
          List<WebhookRequest.Builder> requests = new ArrayList<>();
          requests.add(withHeaders(MightyCall.sign(WebhookSecret.ofUtf8(secret), body), body));
          requests.add(
              WebhookRequest.builder().header("Authorization", "Bearer " + secret).body(body));
          for (WebhookRequest.Builder request : requests) {
            tally.requests++;
            VerifiedWebhook webhook = accept(verifier, request);
            if (webhook != null) {
              tally.accepted(
                  variant.label,
                  body,
                  webhook.tenant().orElseThrow(),
                  HandlerViews::mightyCallOrganization,
                  false);
            }
          }
        }
      }
    }
    tally.assertClean(mightyCallCorpora().get(0).base());
  }

  @Test
  void coreJsonField_ambiguousDocuments_acceptedOnlyWhereEveryParserReadsTheVerifiedTenant() {
    Map<String, KeyRing> rings = new LinkedHashMap<>();
    ORGANIZATION_SECRETS.forEach(
        (org, secret) -> rings.put(org, KeyRing.of(WebhookSecret.ofUtf8(secret))));
    WebhookVerifier verifier =
        WebhookVerifier.builder("json-field")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("x-signature").build())
                    .tenantKeys(TenantResolver.jsonField("org_id"), TenantKeys.of(rings))
                    .build())
            .build();
    Tally tally = new Tally("core jsonField org_id");
    JsonCorpus corpus = mightyCallCorpora().get(1);
    for (JsonCorpus.Variant variant : corpus.variants()) {
      tally.documents++;
      byte[] body = variant.wire.apply(variant.utf8);
      for (String secret : ORGANIZATION_SECRETS.values()) {
        tally.requests++;
        VerifiedWebhook webhook =
            accept(
                verifier, withHeaders(MightyCall.sign(WebhookSecret.ofUtf8(secret), body), body));
        if (webhook != null) {
          tally.accepted(
              variant.label,
              body,
              webhook.tenant().orElseThrow(),
              tree -> text(at(tree, "org_id")),
              true);
        }
      }
    }
    tally.assertClean(corpus.base());
  }

  static JsonCorpus cloudonixCorpus() {
    return JsonCorpus.of(
            "{^0\"call_id\":\"c1\",\"owner\":{^1\"domain\":{^2\"uuid\":$U,\"name\":\"d\"~2},"
                + "\"id\":\"o1\"~1},\"status\":\"answered\"~0}")
        .slot(
            "U",
            "\"uuid-a\"",
            "\"uuid-b\"",
            "12",
            "\"12\"",
            "null",
            "12.0",
            "1.2e1",
            "-0",
            "true",
            "{}",
            "[\"uuid-a\"]",
            "\"\\ud800\"",
            "\"uuid\\u002da\"",
            "\"\\ud83d\\ude00\"")
        .members(
            0,
            "\"owner\":{\"domain\":{\"uuid\":\"uuid-b\"}}",
            "\"owner.domain.uuid\":\"uuid-b\"",
            "\"owner.domain\":{\"uuid\":\"uuid-b\"}",
            "\"\\u006fwner\":{\"domain\":{\"uuid\":\"uuid-b\"}}",
            "\"Owner\":{\"domain\":{\"uuid\":\"uuid-b\"}}",
            "\"owner\":null",
            "\"x\":1,\"x\":2",
            DEEP)
        .members(
            1,
            "\"domain\":{\"uuid\":\"uuid-b\"}",
            "\"domain.uuid\":\"uuid-b\"",
            "\"\\u0064omain\":{\"uuid\":\"uuid-b\"}",
            "\"domain\":\"x\"")
        .members(
            2,
            "\"uuid\":\"uuid-b\"",
            "\"\\u0075uid\":\"uuid-b\"",
            "\"uuid.x\":\"uuid-b\"",
            "\"UUID\":\"uuid-b\"")
        .trailers(" {\"owner\":{\"domain\":{\"uuid\":\"uuid-b\"}}}", "x", ",", "}", "\u0000");
  }

  @Test
  void cloudonixCdr_ambiguousDocuments_acceptedOnlyWhereEveryParserReadsTheVerifiedDomain() {
    Map<String, String> organizations =
        Map.of("uuid-a", "org-a", "uuid-b", "org-b", "12", "org-12", "\ud83d\ude00", "org-smile");
    WebhookVerifier verifier = Cloudonix.unsignedCdrsMatchedByDomainUuid(organizations).build();
    Tally tally = new Tally("cloudonix cdr domain");
    JsonCorpus corpus = cloudonixCorpus();
    for (JsonCorpus.Variant variant : corpus.variants()) {
      tally.documents++;
      byte[] body = variant.wire.apply(variant.utf8);
      tally.requests++;
      VerifiedWebhook webhook = accept(verifier, WebhookRequest.builder().body(body));
      if (webhook != null) {
        tally.accepted(
            variant.label,
            body,
            webhook.tenant().orElseThrow(),
            tree -> organizations.get(text(at(tree, "owner", "domain", "uuid"))),
            true);
      }
    }
    tally.assertClean(corpus.base());
  }

  // ---------------------------------------------------------------- Linear

  static JsonCorpus linearCorpus() {
    long ms = NOW * 1000;
    long old = ms - 3_600_000;
    return JsonCorpus.of(
            "{^0\"action\":\"create\",\"type\":\"Issue\",\"data\":{\"id\":\"i1\","
                + "\"webhookTimestamp\":1},\"webhookTimestamp\":$T~0}")
        .slot(
            "T",
            Long.toString(ms),
            "\"" + ms + "\"",
            ms + ".0",
            "1.8e12",
            "18000000000000e-1",
            "null",
            "true",
            "-0",
            Long.toString(old),
            "{}",
            "99999999999999999999")
        .members(
            0,
            "\"webhookTimestamp\":" + old,
            "\"\\u0077ebhookTimestamp\":" + old,
            "\"webhookTimestamp.x\":1",
            "\"WebhookTimestamp\":" + old,
            "\"x\":1,\"x\":2",
            DEEP)
        .trailers(" {\"webhookTimestamp\":" + old + "}", "x", ",", "}", "\u0000");
  }

  @Test
  void linear_ambiguousDocuments_acceptedOnlyWhereEveryParserReadsTheCheckedTimestamp() {
    WebhookSecret secret = WebhookSecret.ofUtf8("lin-secret");
    WebhookVerifier verifier = Linear.builder(KeyRing.of(secret)).clock(CLOCK).build();
    Tally tally = new Tally("linear webhookTimestamp");
    JsonCorpus corpus = linearCorpus();
    for (JsonCorpus.Variant variant : corpus.variants()) {
      tally.documents++;
      byte[] body = variant.wire.apply(variant.utf8);
      tally.requests++;
      VerifiedWebhook webhook = accept(verifier, withHeaders(Linear.sign(secret, body), body));
      if (webhook != null) {
        long checked =
            HandlerViews.linearTimestamp(body)
                .orElseThrow(
                    () -> new AssertionError("accepted without a timestamp: " + variant.label));
        tally.accepted(
            variant.label,
            body,
            checked,
            tree -> HandlerViews.integer(at(tree, "webhookTimestamp")),
            false);
      }
    }
    tally.assertClean(corpus.base());
  }

  // ---------------------------------------------------------------- delivery ids in bodies

  static JsonCorpus deliveryIdCorpus(String field) {
    String escaped = String.format("\\u%04x", (int) field.charAt(0)) + field.substring(1);
    String caseChanged = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    return JsonCorpus.of(
            "{^0\"" + field + "\":$D,\"type\":\"ping\",\"data\":{\"object\":{\"id\":\"obj_1\"}}~0}")
        .slot(
            "D",
            "\"evt_a\"",
            "12",
            "null",
            "1.0",
            "true",
            "{}",
            "-0",
            "\"\\ud800\"",
            "\"evt\\u005fa\"",
            "\"evt a\"",
            "\"\\u00e9vt\"",
            "\"\"")
        .members(
            0,
            "\"" + field + "\":\"evt_b\"",
            "\"" + escaped + "\":\"evt_b\"",
            "\"" + field + ".x\":\"evt_b\"",
            "\"" + caseChanged + "\":\"evt_b\"",
            "\"x\":1,\"x\":2",
            DEEP)
        .trailers(" {\"" + field + "\":\"evt_b\"}", "x", ",", "}", "\u0000");
  }

  @Test
  void bodyDeliveryIds_ambiguousDocuments_idReadOnlyWhereEveryParserReadsIt() {
    // One line per sender, so senders added on separate branches merge.
    Map<String, String> fields = new java.util.TreeMap<>();
    fields.put("stripe", "id");
    fields.put("slack", "event_id");
    fields.put("square", "event_id");
    fields.put("paddle", "event_id");
    fields.put("typeform", "event_id");
    fields.put("circleci", "id");
    fields.put("mux", "id");
    fields.put("workos", "id");
    fields.put("zendesk", "id");
    fields.put("box", "id");
    fields.put("okta", "eventId");
    List<String> findings = new ArrayList<>();
    for (Map.Entry<String, String> sender : new java.util.TreeMap<>(fields).entrySet()) {
      Provider provider = Providers.byName(sender.getKey());
      String secret = provider.sender().newTestKeys().signingKey();
      WebhookVerifier verifier = provider.verifier(List.of(secret)).clock(CLOCK).build();
      Tally tally = new Tally(sender.getKey() + " " + sender.getValue());
      JsonCorpus corpus = deliveryIdCorpus(sender.getValue());
      for (JsonCorpus.Variant variant : corpus.variants()) {
        tally.documents++;
        byte[] body = variant.wire.apply(variant.utf8);
        Map<String, String> headers =
            provider
                .sender()
                .sign(
                    secret,
                    OutgoingWebhook.builder(body)
                        .url(URL)
                        .id("msg_1")
                        .timestamp(NOW)
                        .contentType("application/json")
                        .build())
                .headers();
        tally.requests++;
        VerifiedWebhook webhook = accept(verifier, withHeaders(headers, body).uri(URL));
        if (webhook != null && webhook.deliveryId().isPresent()) {
          tally.accepted(
              variant.label,
              body,
              webhook.deliveryId().get(),
              tree -> text(at(tree, sender.getValue())),
              false);
        }
      }
      tally.assertClean(corpus.base());
      findings.addAll(tally.findings);
    }
    assertThat(findings).isEmpty();
  }

  static JsonCorpus nestedDeliveryIdCorpus() {
    return JsonCorpus.of(
            "{^0\"event\":{^1\"id\":$D,\"event_type\":\"incident.triggered\"~1},"
                + "\"messages\":[]~0}")
        .slot("D", "\"01\"", "1", "null", "{}", "\"\\ud800\"", "\"0\\u0031\"", "\"\"")
        .members(
            0,
            "\"event\":{\"id\":\"02\"}",
            "\"event.id\":\"02\"",
            "\"\\u0065vent\":{\"id\":\"02\"}",
            "\"Event\":{\"id\":\"02\"}",
            "\"event\":null",
            "\"x\":1,\"x\":2",
            DEEP)
        .members(1, "\"id\":\"02\"", "\"\\u0069d\":\"02\"", "\"id.x\":\"02\"", "\"ID\":\"02\"")
        .trailers(" {\"event\":{\"id\":\"02\"}}", "x", ",", "}", "\u0000");
  }

  @Test
  void pagerDutyNestedEventId_ambiguousDocuments_idReadOnlyWhereEveryParserReadsIt() {
    WebhookSecret secret = WebhookSecret.ofUtf8("pd_secret");
    WebhookVerifier verifier = PagerDuty.builder(KeyRing.of(secret)).clock(CLOCK).build();
    Tally tally = new Tally("pagerduty event.id");
    JsonCorpus corpus = nestedDeliveryIdCorpus();
    for (JsonCorpus.Variant variant : corpus.variants()) {
      tally.documents++;
      byte[] body = variant.wire.apply(variant.utf8);
      tally.requests++;
      VerifiedWebhook webhook = accept(verifier, withHeaders(PagerDuty.sign(secret, body), body));
      if (webhook != null && webhook.deliveryId().isPresent()) {
        tally.accepted(
            variant.label,
            body,
            webhook.deliveryId().get(),
            tree -> text(at(tree, "event", "id")),
            false);
      }
    }
    tally.assertClean(corpus.base());
  }

  // ---------------------------------------------------------------- helpers

  private static VerifiedWebhook accept(WebhookVerifier verifier, WebhookRequest.Builder request) {
    try {
      return verifier.verify(request.build());
    } catch (WebhookVerificationException e) {
      return null;
    }
  }

  private static WebhookRequest.Builder withHeaders(Map<String, String> headers, byte[] body) {
    WebhookRequest.Builder builder = WebhookRequest.builder().body(body);
    headers.forEach(builder::header);
    return builder;
  }

  /** {@code text} with every character outside printable ASCII escaped, so reports keep it. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
