package jp.mynacard.host.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import jp.mynacard.host.trust.ValidationResult.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The builder's own answers: which paths, in which order, ending where. */
class CertificationPathBuilderTest {
    static final String NAME = "CN=Test Sign CA,O=Test,C=JP";
    static CaGeneration g1;
    static CaGeneration g2;
    static X509Certificate newWithOld;
    static X509Certificate oldWithNew;
    static X509Certificate h1;
    static X509Certificate h2;

    @BeforeAll
    static void setUp() throws Exception {
        g1 = new CaGeneration(NAME);
        g2 = new CaGeneration(NAME, TestPki.NOW.minusSeconds(86400L * 30));
        newWithOld = g2.certifiedBy(g1);
        oldWithNew = g1.certifiedBy(g2);
        h1 = g1.holder("Holder One");
        h2 = g2.holder("Holder Two");
    }

    private static CertificationPathBuilder builder(List<X509Certificate> anchors, List<X509Certificate> intermediates) {
        return new CertificationPathBuilder(anchors, intermediates, null, PolicyInputs.ANY);
    }

    /** Every order of {@code items}. */
    static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> p : permutations(rest)) {
                List<T> one = new ArrayList<>(List.of(first));
                one.addAll(p);
                all.add(one);
            }
        }
        return all;
    }

    @Test
    void everyPathToEveryAnchorInOneOrderWhateverTheInputOrder() {
        List<CertificationPath> expected = List.of(new CertificationPath(List.of(h1), g1.ca),
                new CertificationPath(List.of(h1, oldWithNew), g2.ca));
        for (List<X509Certificate> anchors : permutations(List.of(g1.ca, g2.ca))) {
            for (List<X509Certificate> links : permutations(List.of(newWithOld, oldWithNew, newWithOld))) {
                PathSearch s = builder(anchors, links).validPaths(h1, TestPki.NOW);
                assertEquals(expected, s.valid(), "anchors " + anchors.size() + ", links " + links.size() + ": "
                        + s.valid().stream().map(p -> p.certificates().size()).toList() + " / " + s.failure());
                assertNull(s.failure());
            }
        }
    }

    @Test
    void aRequiredAnchorKeepsThePathsEndingThere() {
        CertificationPathBuilder b = builder(List.of(g1.ca, g2.ca), List.of(newWithOld, oldWithNew));
        assertEquals(List.of(new CertificationPath(List.of(h1, oldWithNew), g2.ca)),
                b.validPaths(h1, TestPki.NOW, g2.ca).valid());
        assertEquals(List.of(new CertificationPath(List.of(h2, newWithOld), g1.ca)),
                b.validPaths(h2, TestPki.NOW, g1.ca).valid());

        PathSearch none = builder(List.of(g1.ca, g2.ca), List.of(oldWithNew)).validPaths(h2, TestPki.NOW, g1.ca);
        assertTrue(none.valid().isEmpty());
        assertEquals(Status.UNKNOWN_ISSUER, none.failure().status());
        assertTrue(none.failure().detail().contains("a path to " + g1.ca.getSubjectX500Principal().getName()), none.failure().detail());
    }

    @Test
    void linksBothWaysMakeNoLoop() throws Exception {
        CaGeneration stranger = new CaGeneration("CN=Stranger CA,O=Test,C=JP");
        PathSearch s = builder(List.of(stranger.ca), List.of(newWithOld, oldWithNew)).validPaths(h1, TestPki.NOW);
        assertTrue(s.valid().isEmpty());
        assertEquals(Status.UNKNOWN_ISSUER, s.failure().status(), s.failure().describe());
        assertEquals("issuer " + g1.ca.getSubjectX500Principal().getName() + " is not trusted", s.failure().detail());
    }

    @Test
    void candidatesAreEachCertificateOnceInOneOrder() {
        List<X509Certificate> first = List.copyOf(builder(List.of(g1.ca, g2.ca), List.of(newWithOld, oldWithNew))
                .candidates());
        assertEquals(4, first.size());
        assertEquals(first, List.copyOf(builder(List.of(g2.ca, g1.ca, g2.ca),
                List.of(oldWithNew, newWithOld, oldWithNew, g1.ca)).candidates()));
    }

    @Test
    void anAnchorIsItsOwnPath() {
        assertEquals(List.of(new CertificationPath(List.of(g2.ca), g2.ca)),
                builder(List.of(g1.ca, g2.ca), List.of(newWithOld, oldWithNew)).validPaths(g2.ca, TestPki.NOW).valid());
    }
}
