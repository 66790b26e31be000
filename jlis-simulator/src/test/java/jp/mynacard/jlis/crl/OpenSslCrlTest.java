package jp.mynacard.jlis.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.InMemoryRevocationRegistry;
import jp.mynacard.jlis.registry.RevocationReason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a relying party's OpenSSL makes of the published CRLs. */
class OpenSslCrlTest {
    private static final CertificateUsage USAGE = CertificateUsage.SIGNATURE;
    private static CertificateAuthority ca;
    private static KeyPair holderKey;

    @TempDir
    Path directory;
    private InMemoryRevocationRegistry registry;
    private CrlPublisher publisher;
    private Path caPem;
    private final Map<String, BigInteger> serials = new HashMap<>();

    @BeforeAll
    static void authority() throws Exception {
        ca = CertificateAuthority.create(USAGE.caName(), Clock.systemUTC());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        holderKey = generator.generateKeyPair();
    }

    @BeforeEach
    void publisher() throws Exception {
        registry = new InMemoryRevocationRegistry();
        publisher = new CrlPublisher(registry, usage -> ca, directory.resolve("crl"), CrlPublisherTest.BASE_URL,
                CrlIntervals.DEFAULT, Clock.systemUTC());
        caPem = pem(directory.resolve("ca.pem"), "CERTIFICATE", ca.certificate().getEncoded());
    }

    @Test
    void opensslPrintsFullAndDeltaCrlsWithTheirReasons() throws Exception {
        issue("lost");
        issue("held");
        registry.revoke(USAGE, serialOf("lost"), RevocationReason.KEY_COMPROMISE, Instant.now(),
                Instant.now().minus(Duration.ofDays(1)));
        registry.suspend(USAGE, serialOf("held"), Instant.now());
        publisher.publishNow();
        issue("moved");
        registry.revoke(USAGE, serialOf("moved"), RevocationReason.AFFILIATION_CHANGED, Instant.now(), null);
        publisher.publishDeltas();

        String full = openssl(0, "crl", "-inform", "DER", "-in", publisher.fullCrl(USAGE).toString(), "-noout", "-text");
        assertTrue(full.contains("Key Compromise"), full);
        assertTrue(full.contains("Certificate Hold"), full);
        assertTrue(full.contains("Invalidity Date"), full);
        assertTrue(full.contains("X509v3 Freshest CRL"), full);
        assertTrue(full.contains("URI:http://127.0.0.1:8080/crl/sign-delta.crl"), full);
        assertTrue(full.contains("X509v3 Authority Key Identifier"), full);

        String delta = openssl(0, "crl", "-inform", "DER", "-in", publisher.deltaCrl(USAGE).toString(), "-noout", "-text");
        assertTrue(delta.contains("X509v3 Delta CRL Indicator: critical"), delta);
        assertTrue(delta.contains("Affiliation Changed"), delta);
        assertTrue(!delta.contains("Key Compromise"), "only changes since the base: " + delta);
    }

    @Test
    void opensslVerifyRejectsRevokedAndHeldCertificatesAndAcceptsAGoodOne() throws Exception {
        Path good = issue("good");
        Path lost = issue("lost");
        Path held = issue("held");
        registry.revoke(USAGE, serialOf("lost"), RevocationReason.KEY_COMPROMISE, Instant.now(), null);
        registry.suspend(USAGE, serialOf("held"), Instant.now());
        publisher.publishNow();
        Path crl = pem(directory.resolve("sign-crl.pem"), "X509 CRL", Files.readAllBytes(publisher.fullCrl(USAGE)));

        String accepted = openssl(0, "verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile", crl.toString(),
                good.toString());
        assertTrue(accepted.contains(": OK"), accepted);
        for (Path revoked : List.of(lost, held)) {
            String rejected = openssl(2, "verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile", crl.toString(),
                    revoked.toString());
            assertTrue(rejected.contains("certificate revoked"), rejected);
        }
    }

    @Test
    void opensslWithDeltasRejectsACertificateRevokedSinceTheFullCrl() throws Exception {
        Path late = issue("late");
        publisher.publishNow();
        registry.revoke(USAGE, serialOf("late"), RevocationReason.KEY_COMPROMISE, Instant.now(), null);
        publisher.publishDeltas();
        Path crls = directory.resolve("crls.pem");
        pem(crls, "X509 CRL", Files.readAllBytes(publisher.fullCrl(USAGE)));
        Files.writeString(crls, pemText("X509 CRL", Files.readAllBytes(publisher.deltaCrl(USAGE))),
                StandardOpenOption.APPEND);

        String fullOnly = openssl(0, "verify", "-crl_check", "-CAfile", caPem.toString(), "-CRLfile", crls.toString(),
                late.toString());
        assertTrue(fullOnly.contains(": OK"), "without deltas the full CRL does not know yet: " + fullOnly);
        String withDeltas = openssl(2, "verify", "-crl_check", "-use_deltas", "-CAfile", caPem.toString(),
                "-CRLfile", crls.toString(), late.toString());
        assertTrue(withDeltas.contains("certificate revoked"), withDeltas);
    }

    private BigInteger serialOf(String name) {
        return serials.get(name);
    }

    /** A holder certificate from the CA, recorded in the registry, written as PEM. */
    private Path issue(String name) throws Exception {
        BigInteger serial = ca.nextSerial();
        Instant now = Instant.now().minusSeconds(60);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.name(), serial, Date.from(now),
                Date.from(now.plus(Duration.ofDays(365))), new X500Name("C=JP, CN=" + name), holderKey.getPublic());
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
        // the CRLs' issuingDistributionPoint: openssl takes a CRL for a certificate only when its scope names the CRL
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
            new DistributionPoint(new DistributionPointName(new GeneralNames(new GeneralName(
                    GeneralName.uniformResourceIdentifier, CrlPublisherTest.BASE_URL + USAGE.shortName() + ".crl"))),
                    null, null)}));
        X509Certificate certificate = ca.sign(builder);
        registry.recordIssued(USAGE, serial, certificate.getNotAfter().toInstant(), certificate.getEncoded());
        serials.put(name, serial);
        return pem(directory.resolve(name + ".pem"), "CERTIFICATE", certificate.getEncoded());
    }

    private static Path pem(Path file, String type, byte[] der) throws IOException {
        return Files.writeString(file, pemText(type, der));
    }

    private static String pemText(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Runs /usr/bin/openssl, expecting the exit status given; returns what it printed. */
    private static String openssl(int expectedExit, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "openssl did not finish");
        assertEquals(expectedExit, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }
}
