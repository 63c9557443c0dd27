package dev.krako.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * Turns the bytes of one submitted TaskGraph into a {@link ParseOutcome}: either a graph that
 * passed every check, or a rejection naming every violation with its JSON path. It never throws on
 * bad input: bad input is data.
 */
public final class GraphParser {

  private final IngressLimits limits;
  private final ObjectMapper json;

  public GraphParser(IngressLimits limits) {
    this.limits = limits;
    this.json =
        JsonMapper.builder()
            // A key given twice is ambiguous: which value did KORA mean? Refuse it.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // Two documents in one record, or one followed by garbage, is not one TaskGraph.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    json.getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth()).build());
  }

  /** Parses and validates one document that came without headers. */
  public ParseOutcome parse(byte[] document) {
    return parse(document, Submission.none());
  }

  /** Parses and validates one document, with what its record headers said. */
  public ParseOutcome parse(byte[] document, Submission submission) {
    if (document == null || document.length == 0) {
      return reject(ViolationCode.MALFORMED_JSON, "$", "the record has no value");
    }
    if (document.length > limits.maxDocumentBytes()) {
      return reject(
          ViolationCode.TOO_LARGE,
          "$",
          "the document has "
              + document.length
              + " bytes; the limit is "
              + limits.maxDocumentBytes());
    }
    int malformed = firstMalformedUtf8(document);
    if (malformed >= 0) {
      return reject(
          ViolationCode.MALFORMED_JSON,
          "$",
          "the document is not valid UTF-8: a malformed byte sequence at byte " + malformed);
    }
    JsonNode root;
    try {
      root = json.readTree(document);
    } catch (StreamConstraintsException e) {
      return reject(ViolationCode.TOO_LARGE, "$", e.getOriginalMessage());
    } catch (IOException e) {
      return reject(ViolationCode.MALFORMED_JSON, "$", firstLine(e.getMessage()));
    }
    if (root == null || root.isMissingNode()) {
      return reject(ViolationCode.MALFORMED_JSON, "$", "the document is empty");
    }
    if (!root.isObject()) {
      return reject(
          ViolationCode.NOT_AN_OBJECT,
          "$",
          "a TaskGraph is a JSON object, found " + Fields.kind(root));
    }
    if (isKoraIr(root)) {
      return new KoraIrReader(limits, submission).read(root);
    }
    return new TaskGraphReader(limits).read(root);
  }

  /**
   * The offset of the first byte that is not well-formed UTF-8, or -1. JSON text is UTF-8 (RFC
   * 8259), and Jackson's decoder lets some ill-formed sequences through (an encoded surrogate, an
   * overlong form), which would then reach ids, logs and events as garbage; the JDK's decoder
   * rejects every one of them.
   */
  static int firstMalformedUtf8(byte[] document) {
    java.nio.charset.CharsetDecoder decoder =
        java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(document);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.min(document.length, 8_192));
    while (true) {
      java.nio.charset.CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        return decoder.flush(out).isError() ? in.position() : -1;
      }
      out.clear(); // overflow: the text itself is not needed, only its well-formedness
    }
  }

  /** KORA Task IR 0.1 names its version {@code version}; TaskGraph 1.x {@code schema_version}. */
  private static boolean isKoraIr(JsonNode root) {
    JsonNode version = root.get("version");
    return !root.has("schema_version") && version != null && "0.1".equals(version.asText());
  }

  private static ParseOutcome reject(ViolationCode code, String path, String message) {
    return new ParseOutcome.Rejected(null, null, null, List.of(new Violation(code, path, message)));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "the document is not valid JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
