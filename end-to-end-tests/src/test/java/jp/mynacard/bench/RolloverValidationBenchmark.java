// Run: bin/bench (the rollover rows), or alone with the end-to-end-tests test classpath:
//   java -cp ... jp.mynacard.bench.RolloverValidationBenchmark [--certificates 200] [--rounds 5]
package jp.mynacard.bench;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jp.mynacard.host.trust.CertificateValidator;
import jp.mynacard.host.trust.ValidationResult;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.jlis.crl.CrlProfile;
import jp.mynacard.jlis.crl.CrlSignerMode;
import jp.mynacard.model.holder.Holder;

/**
 * Offline validation after a CA key rollover, the hardest path the centre makes: signature
 * certificates of both generations (a tenth revoked) judged with only generation 1 as the anchor,
 * the links and the separate CRL signer's certificate as intermediates, and the centre's CRLs as
 * files (3 partitions signed by the separate signer, the infrastructure CRL by the CA key).
 * {@link CertificateValidator} against the JDK's own {@code CertPathBuilder("PKIX")} with its
 * revocation checker on the same CRLs (which also follows key rollovers and separate CRL signers).
 * Each side is built once (CRLs parsed and verified at its first validation, as a service would)
 * and then validates every certificate {@code --rounds} times in one thread. Ours must give the
 * centre's answer for every certificate (else the run fails); the JDK's wrong answers are counted
 * (its builder does not reach a CRL signer that the new key certified from the old anchor, so it
 * refuses the new generation's good certificates). Prints validations per second, the first
 * validation's time (the CRL loads) and the wrong answers per round as BENCH lines.
 */
public final class RolloverValidationBenchmark {
    private static final LocalDate CARD_EXPIRY = LocalDate.of(2034, 3, 31);

    public static void main(String[] args) throws Exception {
        int certificates = option(args, "--certificates", 200);
        int rounds = option(args, "--rounds", 5);
        Path dir = Files.createTempDirectory("rollover-bench");
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir)
                .withCrlProfile(new CrlProfile(3, CrlSignerMode.SEPARATE, false)))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            List<IssuedCertificate> issued = new ArrayList<>();
            PublicKey key = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
            for (int i = 0; i < certificates / 2; i++) {
                issued.add(client.issue("sign", key, Holder.sample().basicAttributes(), CARD_EXPIRY));
            }
            client.rollover("sign");
            for (int i = 0; i < certificates / 2; i++) {
                issued.add(client.issue("sign", key, Holder.sample().basicAttributes(), CARD_EXPIRY));
            }
            boolean[] revoked = new boolean[issued.size()];
            for (int i = 0; i < issued.size(); i += 10) {
                client.revoke(issued.get(i).serial(), "keyCompromise", "sign");
                revoked[i] = true;
            }
            client.publishCrls();

            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate anchor = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(client.authorityCertificate("sign", 1, true)));
            List<X509Certificate> intermediates = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(
                    get(centre, "ca/sign-all.p7c")))) {
                if (!c.equals(anchor)) {
                    intermediates.add((X509Certificate) c);
                }
            }
            List<Path> crlFiles = new ArrayList<>();
            List<X509CRL> crls = new ArrayList<>();
            for (String name : List.of("sign-p0.crl", "sign-p1.crl", "sign-p2.crl", "sign-ca.crl")) {
                byte[] der = get(centre, "crl/" + name);
                crlFiles.add(Files.write(dir.resolve(name), der));
                crls.add((X509CRL) factory.generateCRL(new ByteArrayInputStream(der)));
            }
            List<X509Certificate> certs = new ArrayList<>();
            for (IssuedCertificate c : issued) {
                certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(c.der())));
            }

            long t0 = System.nanoTime();
            CertificateValidator ours = CertificateValidator.builder().trustAnchors(List.of(anchor))
                    .intermediates(intermediates).crls(crlFiles).ocsp(false).fetchCrls(false).fetchCaIssuers(false)
                    .build();
            check(ours.validate(certs.get(1)).valid(), "ours: the first certificate");
            long oursFirst = System.nanoTime() - t0;

            t0 = System.nanoTime();
            JdkRollover jdk = new JdkRollover(anchor, intermediates, crls);
            jdk.valid(certs.get(1));
            long jdkFirst = System.nanoTime() - t0;

            // timed apart: the older generation, which both answer right, and the newer one
            int half = certs.size() / 2;
            long[] oursTime = new long[2];
            long[] jdkTime = new long[2];
            int jdkWrong = 0;
            java.util.Map<String, Integer> wrongKinds = new java.util.TreeMap<>();
            for (int round = 0; round < rounds; round++) {
                for (int g = 0; g < 2; g++) {
                    long s = System.nanoTime();
                    for (int i = g * half; i < (g + 1) * half; i++) {
                        ValidationResult r = ours.validate(certs.get(i));
                        check(r.valid() != revoked[i], "ours, certificate " + i + ": " + r.describe());
                    }
                    oursTime[g] += System.nanoTime() - s;
                    s = System.nanoTime();
                    for (int i = g * half; i < (g + 1) * half; i++) {
                        if (jdk.valid(certs.get(i)) == revoked[i]) {
                            jdkWrong++;
                            wrongKinds.merge((g == 0 ? "old generation, " : "new generation, ")
                                    + (revoked[i] ? "revoked accepted" : "good refused"), 1, Integer::sum);
                        }
                    }
                    jdkTime[g] += System.nanoTime() - s;
                }
            }
            long n = (long) rounds * half;
            print("rollover.ours.old.per_s", n * 1e9 / oursTime[0]);
            print("rollover.jdk.old.per_s", n * 1e9 / jdkTime[0]);
            print("rollover.ours.new.per_s", n * 1e9 / oursTime[1]);
            print("rollover.jdk.new.per_s", n * 1e9 / jdkTime[1]);
            print("rollover.ours.first_ms", oursFirst / 1e6);
            print("rollover.ours.wrong", 0);
            print("rollover.jdk.wrong", (double) jdkWrong / rounds);
            wrongKinds.forEach((kind, count) -> System.out.println("JDK wrong per round: " + kind + ": " + count / rounds));
            print("rollover.jdk.first_ms", jdkFirst / 1e6);
        }
    }

    /** The JDK's PKIX builder with its revocation checker on the CRLs only, built once. */
    private static final class JdkRollover {
        private final PKIXBuilderParameters params;
        private final CertPathBuilder builder;

        JdkRollover(X509Certificate anchor, List<X509Certificate> intermediates, List<X509CRL> crls) throws Exception {
            builder = CertPathBuilder.getInstance("PKIX");
            params = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), new X509CertSelector());
            List<Object> all = new ArrayList<>(intermediates);
            all.addAll(crls);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(all)));
            PKIXRevocationChecker checker = (PKIXRevocationChecker) builder.getRevocationChecker();
            checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.PREFER_CRLS,
                    PKIXRevocationChecker.Option.NO_FALLBACK));
            params.addCertPathChecker(checker);
        }

        boolean valid(X509Certificate cert) {
            try {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(cert);
                PKIXBuilderParameters p = (PKIXBuilderParameters) params.clone();
                p.setTargetCertConstraints(target);
                builder.build(p);
                return true;
            } catch (Exception e) {
                return false;
            }
        }
    }

    private static byte[] get(Centre centre, String path) throws Exception {
        try (var in = centre.uri().resolve(path).toURL().openStream()) {
            return in.readAllBytes();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the two validators do not agree with the centre: " + what);
        }
    }

    private static void print(String key, double value) {
        System.out.println("BENCH " + key + " " + String.format(Locale.ROOT, "%.1f", value));
    }

    private static int option(String[] args, String name, int otherwise) {
        int i = Arrays.asList(args).indexOf(name);
        return i >= 0 && i + 1 < args.length ? Integer.parseInt(args[i + 1]) : otherwise;
    }
}
