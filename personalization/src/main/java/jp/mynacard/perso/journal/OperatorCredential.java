package jp.mynacard.perso.journal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import jp.mynacard.perso.channel.IssuerKeyStore;

/**
 * Who runs a batch: an operator certificate and its private key, kept beside the issuer master
 * key (the same PKCS#12 keystore or PKCS#11 token). The certificate's subject CN is the operator
 * id the audit log records. A batch is only run by an operator whose certificate is valid now and
 * whose key is really there: loading signs a fresh challenge with it and checks the signature.
 */
public final class OperatorCredential {
    private static final int CHALLENGE_LENGTH = 32;

    private final String operatorId;
    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Provider provider;

    private OperatorCredential(String operatorId, X509Certificate certificate, PrivateKey key, Provider provider) {
        this.operatorId = operatorId;
        this.certificate = certificate;
        this.key = key;
        this.provider = provider;
    }

    /** The private-key entry {@code alias} of the issuer's keystore or token, checked at {@code clock}'s now. */
    public static OperatorCredential from(IssuerKeyStore store, String alias, Clock clock) {
        KeyStore.PrivateKeyEntry entry = store.entry(alias, KeyStore.PrivateKeyEntry.class, "operator key");
        if (!(entry.getCertificate() instanceof X509Certificate certificate)) {
            throw new IllegalArgumentException("the operator entry '" + alias + "' of " + store + " has no X.509 certificate");
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalArgumentException("the operator certificate '" + alias + "' of " + store + " is not valid now"
                    + " (valid " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")", e);
        }
        String operatorId = commonName(certificate);
        OperatorCredential credential = new OperatorCredential(operatorId, certificate, entry.getPrivateKey(), store.provider());
        credential.proveKey(alias, store);
        return credential;
    }

    /** The operator id the audit log records: the certificate subject's CN. */
    public String operatorId() {
        return operatorId;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Signs {@code data} with the operator's key (on the token, for a token credential). */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = signature();
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the operator key of " + operatorId + " cannot sign: " + e.getMessage(), e);
        }
    }

    /** The certificate alone proves nothing: the key beside it must sign for it. */
    private void proveKey(String alias, IssuerKeyStore store) {
        byte[] challenge = new byte[CHALLENGE_LENGTH];
        new SecureRandom().nextBytes(challenge);
        try {
            byte[] signed = sign(challenge);
            Signature verifier = Signature.getInstance(algorithm());
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (!verifier.verify(signed)) {
                throw new IllegalArgumentException("the operator key '" + alias + "' of " + store
                        + " does not belong to its certificate");
            }
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalArgumentException("the operator key '" + alias + "' of " + store
                    + " cannot sign for its certificate: " + e.getMessage(), e);
        }
    }

    private Signature signature() throws GeneralSecurityException {
        return provider == null ? Signature.getInstance(algorithm()) : Signature.getInstance(algorithm(), provider);
    }

    private String algorithm() {
        return "EC".equals(certificate.getPublicKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    String id = String.valueOf(rdn.getValue()).strip();
                    if (!id.isEmpty()) {
                        return id;
                    }
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("unreadable operator certificate subject: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the operator certificate " + certificate.getSubjectX500Principal()
                + " has no CN to serve as the operator id");
    }

    @Override
    public String toString() {
        return "OperatorCredential[" + operatorId + ", key hidden]";
    }
}
