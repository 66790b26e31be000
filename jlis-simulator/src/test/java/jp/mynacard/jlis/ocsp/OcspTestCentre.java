package jp.mynacard.jlis.ocsp;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import jp.mynacard.jlis.ca.CertificateAuthority;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.ca.OcspResponderCertificates;
import jp.mynacard.jlis.registry.InMemoryRevocationRegistry;
import jp.mynacard.testing.MutableClock;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Both CAs with their delegated responders, an in-memory registry and a responder on a clock the
 * test controls; plus helpers to issue holder certificates and to build requests the way clients do.
 */
final class OcspTestCentre {
    /** One holder key for every test certificate: RSA key generation is the slow part of setting up. */
    private static final KeyPair HOLDER_KEY = rsaKeyPair();

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    final InMemoryRevocationRegistry registry = new InMemoryRevocationRegistry();
    final Map<CertificateUsage, CertificateAuthority> cas = new EnumMap<>(CertificateUsage.class);
    final Map<CertificateUsage, OcspSigningIdentity> responders = new EnumMap<>(CertificateUsage.class);
    final OcspResponder responder;

    OcspTestCentre() {
        this(OcspResponderSettings.DEFAULTS);
    }

    OcspTestCentre(OcspResponderSettings settings) {
        Map<CertificateUsage, X509Certificate> caCertificates = new EnumMap<>(CertificateUsage.class);
        for (CertificateUsage usage : CertificateUsage.values()) {
            CertificateAuthority ca = CertificateAuthority.create(usage.caName(), clock);
            cas.put(usage, ca);
            caCertificates.put(usage, ca.certificate());
            responders.put(usage, OcspResponderCertificates.issue(ca, usage, clock));
        }
        responder = new OcspResponder(registry, caCertificates, List.copyOf(responders.values()), clock, settings);
    }

    /** A holder certificate issued by that CA and recorded GOOD in the registry. */
    X509Certificate issue(CertificateUsage usage) {
        CertificateAuthority ca = cas.get(usage);
        BigInteger serial = ca.nextSerial();
        Instant now = clock.instant();
        Instant notAfter = now.plus(Duration.ofDays(365 * 5));
        try {
            X509Certificate certificate = ca.sign(new JcaX509v3CertificateBuilder(ca.certificate(), serial,
                    Date.from(now.minusSeconds(60)), Date.from(notAfter), new X500Name("C=JP, CN=holder " + serial.toString(16)),
                    HOLDER_KEY.getPublic()));
            registry.recordIssued(usage, serial, notAfter, certificate.getEncoded());
            return certificate;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    CertificateID certificateId(CertificateUsage usage, BigInteger serial) {
        return certificateId(usage, serial, CertificateID.HASH_SHA1);
    }

    CertificateID certificateId(CertificateUsage usage, BigInteger serial, org.bouncycastle.asn1.x509.AlgorithmIdentifier hash) {
        try {
            DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().build().get(hash);
            return new CertificateID(digest, new JcaX509CertificateHolder(cas.get(usage).certificate()), serial);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] request(CertificateID... ids) {
        return request(null, ids);
    }

    static byte[] request(byte[] nonce, CertificateID... ids) {
        try {
            OCSPReqBuilder builder = new OCSPReqBuilder();
            for (CertificateID id : ids) {
                builder.addRequest(id);
            }
            if (nonce != null) {
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(nonce).getEncoded())));
            }
            return builder.build().getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static OCSPResp parse(byte[] der) {
        try {
            return new OCSPResp(der);
        } catch (java.io.IOException e) {
            throw new AssertionError("responder returned something that is not an OCSPResponse", e);
        }
    }

    static BasicOCSPResp basic(byte[] der) {
        OCSPResp response = parse(der);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new AssertionError("response status " + response.getStatus() + ", expected successful");
        }
        try {
            return (BasicOCSPResp) response.getResponseObject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
