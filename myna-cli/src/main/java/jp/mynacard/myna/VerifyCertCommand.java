package jp.mynacard.myna;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jp.mynacard.host.cms.CmsVerifier;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.JpkiPolicy;
import jp.mynacard.host.trust.ValidationResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code myna verify-cert}: is a certificate valid (path to a trusted CA by name and key identifier,
 * validity, certificate policies, revocation by OCSP, then CRL files, then the CRLs the certificate
 * names)? Exit 0 only when valid, 13 when not (the reason on standard output), 10 when a file
 * cannot be read.
 */
@Command(name = "verify-cert", description = "Validate a certificate: path to a --trust CA, validity, and revocation "
        + "(OCSP, then --crl files, then the CRLs the certificate names). Exit 0 only when valid.")
final class VerifyCertCommand implements Callable<Integer> {
    @ParentCommand
    Myna myna;

    @Spec
    CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The certificate (PEM or DER).")
    Path cert;

    @Option(names = "--trust", required = true, paramLabel = "CA", description = "A trusted CA certificate (repeatable).")
    List<Path> trust;

    @Option(names = "--chain", arity = "1..*", paramLabel = "FILE", description = "Intermediate CA certificates.")
    List<Path> chain = new ArrayList<>();

    @Option(names = "--crl", arity = "1..*", paramLabel = "FILE", description = "DER CRLs of the issuing CAs.")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--ocsp", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Ask the OCSP responder named in the certificate first (default; --no-ocsp: CRLs only).")
    boolean ocsp;

    @Option(names = "--ocsp-url", paramLabel = "URL", description = "Ask this OCSP responder instead of the certificate's.")
    String ocspUrl;

    @Option(names = "--nonce", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Send a random nonce with OCSP requests and require it back (default; --no-nonce accepts "
                    + "pre-signed responses).")
    boolean nonce;

    @Option(names = "--max-response-age", paramLabel = "DURATION",
            description = "Refuse OCSP responses older than this, e.g. 10m (default: none; nextUpdate still applies).")
    String maxResponseAge;

    @Option(names = "--clock-skew", paramLabel = "DURATION", defaultValue = "5m",
            description = "Tolerance for the responder's and CA's clocks (default ${DEFAULT-VALUE}).")
    String clockSkew;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Per request: to connect, and again to receive the whole answer (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--fetch-crl", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fetch the CRLs the certificate names when OCSP and --crl give no answer (default; "
                    + "--no-fetch-crl: offline).")
    boolean fetchCrl;

    @Option(names = "--fetch-ca-issuers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Fetch an issuer's certificate from the certificate's caIssuers URL when --trust and --chain "
                    + "make no path (default; --no-fetch-ca-issuers: offline).")
    boolean fetchCaIssuers;

    @Option(names = "--policy", paramLabel = "OID", description = "An acceptable certificate policy (repeatable): a "
            + "dotted OID, or jpki-sign / jpki-auth (default: any policy). Restricts the path only where an explicit "
            + "policy is required: add --require-explicit-policy.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--require-explicit-policy", description = "The path must be valid for one of the --policy OIDs.")
    boolean requireExplicitPolicy;

    @Option(names = "--inhibit-policy-mapping", description = "Do not follow the CAs' policy mappings.")
    boolean inhibitPolicyMapping;

    @Option(names = "--inhibit-any-policy", description = "A CA's anyPolicy does not stand for the --policy OIDs.")
    boolean inhibitAnyPolicy;

    @Option(names = "--at", paramLabel = "ISO-INSTANT", description = "Validate as of this time, e.g. 2026-04-01T00:00:00Z.")
    String at;

    @Option(names = "--soft-fail", description = "Accept the certificate when no revocation status can be had.")
    boolean softFail;

    @Option(names = "--json", description = "Print one flat JSON object instead of a sentence.")
    boolean json;

    @Override
    public Integer call() {
        Instant when;
        try {
            when = at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at is an ISO instant, not " + at);
        }
        Duration maxAge = maxResponseAge == null ? null : duration("--max-response-age", maxResponseAge);
        Duration skew = duration("--clock-skew", clockSkew);
        Duration wait = duration("--timeout", timeout);
        if (wait.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be more than 0");
        }
        URI responder;
        try {
            responder = ocspUrl == null ? null : new URI(ocspUrl);
        } catch (URISyntaxException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--ocsp-url is not a URL: " + ocspUrl);
        }
        CertificateValidator.Builder builder = CertificateValidator.builder();
        Set<String> oids = new LinkedHashSet<>();
        for (String p : policies) {
            oids.add(JpkiPolicy.byPresetName(p).map(JpkiPolicy::oid).orElse(p));
        }
        try {
            builder.initialPolicies(oids);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--policy takes a dotted OID, "
                    + presetNames() + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            List<X509Certificate> subject = certificates(cert);
            CertificateValidator validator = builder
                    .trustAnchors(certificates(trust)).intermediates(certificates(chain)).crls(crls).ocsp(ocsp)
                    .ocspUrl(responder).nonce(nonce).maxResponseAge(maxAge).clockSkew(skew).fetchCrls(fetchCrl)
                    .connectTimeout(wait).readTimeout(wait).at(when).policy(softFail ? CertificateValidator.Policy.SOFT_FAIL
                            : CertificateValidator.Policy.FAIL_CLOSED)
                    .fetchCaIssuers(fetchCaIssuers).requireExplicitPolicy(requireExplicitPolicy)
                    .inhibitPolicyMapping(inhibitPolicyMapping).inhibitAnyPolicy(inhibitAnyPolicy)
                    .build();
            ValidationResult result = validator.validate(subject.get(0));
            String settings = policySettings(oids);
            out.println(json ? json(result, settings) : result.describe());
            if (!json) {
                // what the answer rests on, and what was received but not used: never silently
                result.notes().forEach(note -> out.println("  " + note));
            }
            if (!json && settings != null) {
                out.println("Policies: " + settings);
            }
            out.flush();
            return result.valid() ? ExitCode.OK.code : ExitCode.NOT_VALID.code;
        } catch (Exception e) {
            ExitCode.Failure failure = ExitCode.of(e);
            err.println("myna: " + failure.message());
            if (myna.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return failure.exit().code;
        }
    }

    private static String presetNames() {
        return Arrays.stream(JpkiPolicy.values()).map(JpkiPolicy::presetName).collect(Collectors.joining(" or "));
    }

    /** The policy inputs, when not the defaults (any policy, nothing required or inhibited); else null. */
    private String policySettings(Set<String> oids) {
        List<String> parts = new ArrayList<>();
        if (!oids.isEmpty()) {
            parts.add("accepted " + oids.stream().map(o -> o + JpkiPolicy.byOid(o).map(p -> " (" + p.presetName() + ")")
                    .orElse("")).collect(Collectors.joining(", ")));
        }
        if (requireExplicitPolicy) {
            parts.add("explicit policy required");
        }
        if (inhibitPolicyMapping) {
            parts.add("policy mapping inhibited");
        }
        if (inhibitAnyPolicy) {
            parts.add("anyPolicy inhibited");
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** "90" or "90s", "10m", "2h", or ISO-8601 ("PT10M"). */
    private Duration duration(String option, String text) {
        try {
            String t = text.trim().toLowerCase(java.util.Locale.ROOT);
            Duration d;
            if (t.startsWith("p")) {
                d = Duration.parse(text.trim());
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " takes a duration such as 30s, "
                    + "10m or 2h, not " + text);
        }
    }

    private static List<X509Certificate> certificates(List<Path> files) throws IOException {
        List<X509Certificate> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(certificates(f));
        }
        return all;
    }

    private static List<X509Certificate> certificates(Path file) throws IOException {
        try {
            List<X509Certificate> certs = CmsVerifier.readCertificates(CmsCommand.read(file));
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return certs;
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IOException("cannot read " + file + ": not a certificate (" + e.getMessage() + ")", e);
        }
    }

    static String json(ValidationResult r) {
        return json(r, null);
    }

    /** The result as one flat object; {@code policies}, the non-default policy settings, if any. */
    static String json(ValidationResult r, String policies) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", r.status().name());
        fields.put("subject", r.subject());
        fields.put("source", r.source());
        r.revocationDate().ifPresent(d -> fields.put("revocationDate", d.toString()));
        r.reason().ifPresent(reason -> fields.put("reason", reason.name()));
        if (!r.detail().isEmpty()) {
            fields.put("detail", r.detail());
        }
        if (policies != null) {
            fields.put("policies", policies);
        }
        fields.put("description", r.describe());
        StringBuilder s = new StringBuilder("{\"valid\":").append(r.valid());
        fields.forEach((k, v) -> s.append(",\"").append(k).append("\":\"").append(escape(v)).append('"'));
        s.append(",\"notes\":[");
        for (int i = 0; i < r.notes().size(); i++) {
            s.append(i == 0 ? "\"" : ",\"").append(escape(r.notes().get(i))).append('"');
        }
        return s.append("]}").toString();
    }

    private static String escape(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.toString();
    }
}
