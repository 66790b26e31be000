package jp.mynacard.host.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import jp.mynacard.host.trust.PathValidationTest.AllGood;
import jp.mynacard.host.trust.ValidationResult.Status;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issuers fetched from the authorityInfoAccess caIssuers URL over real HTTP. */
class CaIssuersFetchingTest {
    static final String NAME = "CN=Test Auth CA,O=Test,C=JP";
    static HttpServer server;
    static final Map<String, byte[]> files = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    static URI base;
    static CaGeneration g1;
    static CaGeneration g2;
    static X509Certificate newWithOld;

    @BeforeAll
    static void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = files.get(path);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        g1 = new CaGeneration(NAME);
        g2 = new CaGeneration(NAME, TestPki.NOW.minusSeconds(86400L * 30));
        newWithOld = g2.certifiedBy(g1);
        files.put("/ca/link.der", newWithOld.getEncoded());
        // a certs-only PKCS#7 bundle: the new generation's own certificate and the link
        CMSSignedDataGenerator bundle = new CMSSignedDataGenerator();
        bundle.addCertificates(new JcaCertStore(List.of(g2.ca, newWithOld)));
        files.put("/ca/g2.p7c", bundle.generate(new CMSAbsentContent()).getEncoded());
        files.put("/ca/garbage.der", new byte[] {1, 2, 3});
    }

    @AfterAll
    static void tearDown() {
        server.stop(0);
    }

    private static int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private static CertificateValidator.Builder underOldGeneration() {
        return CertificateValidator.builder().trustAnchors(List.of(g1.ca)).ocsp(false).fetchCrls(false)
                .at(TestPki.NOW).revocationSource(new AllGood());
    }

    @Test
    void aPkcs7BundleIsFetchedOnceAndGivesTheLink() throws Exception {
        X509Certificate holder = g2.holder("Bundle Holder", null, base.resolve("ca/g2.p7c"));
        CertificateValidator validator = underOldGeneration().build();
        int before = requests("/ca/g2.p7c");
        ValidationResult r = validator.validate(holder);
        assertEquals(Status.VALID, r.status(), r.describe());
        assertEquals(Status.VALID, validator.validate(holder).status());
        assertEquals(before + 1, requests("/ca/g2.p7c"), "fetched once, then from the cache");
    }

    @Test
    void aDerCertificateIsFetched() throws Exception {
        X509Certificate holder = g2.holder("Der Holder", null, base.resolve("ca/link.der"));
        ValidationResult r = underOldGeneration().build().validate(holder);
        assertEquals(Status.VALID, r.status(), r.describe());
    }

    @Test
    void nothingIsFetchedWhenTheCertificatesGivenSuffice() throws Exception {
        X509Certificate holder = g2.holder("Given Holder", null, base.resolve("ca/given.der"));
        assertEquals(Status.VALID, underOldGeneration().intermediates(List.of(newWithOld)).build()
                .validate(holder).status());
        assertEquals(0, requests("/ca/given.der"));
    }

    @Test
    void offWhenTurnedOff() throws Exception {
        X509Certificate holder = g2.holder("Offline Holder", null, base.resolve("ca/off.der"));
        files.put("/ca/off.der", newWithOld.getEncoded());
        ValidationResult r = underOldGeneration().fetchCaIssuers(false).build().validate(holder);
        assertEquals(Status.UNKNOWN_ISSUER, r.status(), r.describe());
        assertEquals(0, requests("/ca/off.der"));
    }

    @Test
    void aFailedFetchIsNamedInTheDetail() throws Exception {
        ValidationResult missing = underOldGeneration().build()
                .validate(g2.holder("Missing Holder", null, base.resolve("ca/missing.der")));
        assertEquals(Status.UNKNOWN_ISSUER, missing.status(), missing.describe());
        assertTrue(missing.detail().endsWith("; caIssuers " + base.resolve("ca/missing.der") + ": HTTP 404"),
                missing.detail());

        ValidationResult garbage = underOldGeneration().build()
                .validate(g2.holder("Garbage Holder", null, base.resolve("ca/garbage.der")));
        assertEquals(Status.UNKNOWN_ISSUER, garbage.status(), garbage.describe());
        assertTrue(garbage.detail().contains("caIssuers " + base.resolve("ca/garbage.der") + ": not a certificate"),
                garbage.detail());
    }
}
