package jp.mynacard.jlis.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * One single-tier, self-signed JPKI certification authority (spec §3): an RSA-2048 key, its
 * certificate, and the signing of the certificates it issues with SHA-256. A key on a PKCS#11
 * token is used through the token's provider, named explicitly: no other provider can sign with
 * a key that never leaves the token, and the token's provider need not be installed JVM-wide.
 */
public final class CertificateAuthority {
    static final int KEY_BITS = 2048;
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    /** Long enough to outlive every holder certificate it signs. */
    static final Duration CA_VALIDITY = Duration.ofDays(20 * 366);
    private static final int SERIAL_BITS = 64;

    private final KeyPair keyPair;
    private final X509Certificate certificate;
    private final SecureRandom random;
    /** The provider that signs with the private key: the token's, or {@link SigningProvider}'s (null: the JCA's choice). */
    private final Provider signingProvider;
    /** The private key as the signing provider holds it (a token's key as it is). */
    private final PrivateKey signingKey;

    private CertificateAuthority(KeyPair keyPair, X509Certificate certificate, SecureRandom random, Provider signingProvider) {
        this.keyPair = keyPair;
        this.signingKey = signingProvider != null ? keyPair.getPrivate()
                : SigningProvider.chosen().prepared(keyPair.getPrivate());
        this.certificate = certificate;
        this.random = random;
        this.signingProvider = orChosen(signingProvider);
    }

    /** Generates a new key and self-signs a CA certificate valid from the clock's now. */
    public static CertificateAuthority create(X500Name name, Clock clock) {
        try {
            return create(name, clock, SigningProvider.chosen().rsaKeyPairGenerator());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /** As {@link #create(X500Name, Clock)}, with the key made by this generator and signed with by the JCA's choice. */
    public static CertificateAuthority create(X500Name name, Clock clock, KeyPairGenerator generator) {
        return create(name, clock, generator, null);
    }

    /**
     * As {@link #create(X500Name, Clock)}, with the key made by this generator (a PKCS#11 token's,
     * say) and every signature made by {@code signingProvider} (null: the JCA's choice).
     */
    public static CertificateAuthority create(X500Name name, Clock clock, KeyPairGenerator generator,
                                              Provider signingProvider) {
        try {
            SecureRandom random = new SecureRandom();
            generator.initialize(KEY_BITS, random);
            KeyPair keyPair = generator.generateKeyPair();
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                    Date.from(now), Date.from(now.plus(CA_VALIDITY)), name, keyPair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            X509Certificate certificate = toX509(builder.build(signer(keyPair.getPrivate(), orChosen(signingProvider))));
            return new CertificateAuthority(keyPair, certificate, random, signingProvider);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create a certification authority", e);
        }
    }

    /** A CA whose key and certificate were kept in a key store. */
    public static CertificateAuthority restore(PrivateKey key, X509Certificate certificate) {
        return restore(key, certificate, null);
    }

    /** As {@link #restore(PrivateKey, X509Certificate)}, signing through this provider (a PKCS#11 token's). */
    public static CertificateAuthority restore(PrivateKey key, X509Certificate certificate, Provider signingProvider) {
        return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), key), certificate, new SecureRandom(),
                signingProvider);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The key to store (as it was made or loaded). */
    PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    /** The key to sign with, through {@link #signingProvider()}. */
    PrivateKey signingKey() {
        return signingKey;
    }

    /** The token's provider, or {@link SigningProvider}'s; null: the JCA's own choice. */
    Provider signingProvider() {
        return signingProvider;
    }

    public X500Name name() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /**
     * A signature engine initialised with the CA's key, for what the CA signs as a stream
     * (CRLs too large to hold in memory).
     */
    public java.security.Signature streamingSigner() {
        try {
            java.security.Signature signature = signingProvider == null
                    ? java.security.Signature.getInstance(SIGNATURE_ALGORITHM)
                    : java.security.Signature.getInstance(SIGNATURE_ALGORITHM, signingProvider);
            signature.initSign(signingKey);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the CA key", e);
        }
    }

    /** A BouncyCastle content signer with the CA's key (SHA-256 with RSA). */
    public ContentSigner contentSigner() {
        return signer(signingKey, signingProvider);
    }

    /** A fresh positive serial number, unpredictable as RFC 5280 §4.1.2.2 advises. */
    public BigInteger nextSerial() {
        return serial(random);
    }

    public X509Certificate sign(X509v3CertificateBuilder builder) {
        try {
            return toX509(builder.build(signer(signingKey, signingProvider)));
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }

    /** A token's key signs through the token's provider; a software key through the fastest one here. */
    private static Provider orChosen(Provider tokenProvider) {
        return tokenProvider != null ? tokenProvider : SigningProvider.chosen().provider();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(SERIAL_BITS, random).setBit(SERIAL_BITS - 1);
    }

    private static ContentSigner signer(PrivateKey key, Provider provider) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM);
            if (provider != null) {
                builder.setProvider(provider);
            }
            return builder.build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no " + SIGNATURE_ALGORITHM + " signer", e);
        }
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}
