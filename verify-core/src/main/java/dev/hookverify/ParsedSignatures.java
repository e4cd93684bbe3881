package dev.hookverify;

/**
 * Per-thread scratch space for one HMAC verification: where the signatures and the timestamp sit in
 * the header, the decoded signatures, and the computed tag. Reused so that a verification allocates
 * next to nothing.
 */
final class ParsedSignatures {
  private final int[] starts = new int[SignatureHeader.MAX_CANDIDATES];
  private final int[] ends = new int[SignatureHeader.MAX_CANDIDATES];
  private final byte[][] decoded;
  private final byte[] computed;
  private final TextWindow timestamp = new TextWindow();
  private final MacSink sink = new MacSink();
  private String header;
  private int count;
  private int timestampStart;
  private int timestampEnd;
  private java.time.Instant signedAt;

  ParsedSignatures(int tagLength) {
    decoded = new byte[SignatureHeader.MAX_CANDIDATES][tagLength];
    computed = new byte[tagLength];
  }

  void reset(String header) {
    this.header = header;
    count = 0;
    timestampStart = -1;
    timestampEnd = -1;
    timestamp.clear();
    signedAt = null;
  }

  void addCandidate(int start, int end) {
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  int candidateStart(int i) {
    return starts[i];
  }

  int candidateEnd(int i) {
    return ends[i];
  }

  int candidateCount() {
    return count;
  }

  void setTimestamp(int start, int end) {
    timestampStart = start;
    timestampEnd = end;
  }

  boolean hasTimestamp() {
    return timestampStart >= 0;
  }

  int timestampStart() {
    return timestampStart;
  }

  int timestampEnd() {
    return timestampEnd;
  }

  String header() {
    return header;
  }

  /**
   * Decodes every candidate, moving the ones that decode to the front.
   *
   * @return how many decoded
   */
  int decodeAll(SignatureHeader format) {
    int good = 0;
    for (int i = 0; i < count; i++) {
      if (format.decode(header, starts[i], ends[i], decoded[good])) {
        good++;
      }
    }
    count = good;
    return good;
  }

  byte[] decoded(int i) {
    return decoded[i];
  }

  byte[] computed() {
    return computed;
  }

  /** Records the accepted signed timestamp: its text exactly as signed, and its instant. */
  void signedTimestamp(String source, int start, int end, java.time.Instant instant) {
    timestamp.set(source, start, end);
    signedAt = instant;
  }

  /** The accepted signed timestamp, or null if the scheme signs none. */
  java.time.Instant signedAt() {
    return signedAt;
  }

  TextWindow timestampText() {
    return timestamp;
  }

  MacSink sink() {
    return sink;
  }
}
