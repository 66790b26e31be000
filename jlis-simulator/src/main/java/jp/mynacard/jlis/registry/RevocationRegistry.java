package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * The centre's durable record of every certificate it issued and what became of it. A method
 * that returns has committed its change: it survives a crash of the centre at any moment after.
 *
 * <p>Transitions: GOOD → SUSPENDED (hold); GOOD or SUSPENDED → REVOKED with a reason other than
 * certificateHold (a hold is never lifted: a card that turns up again is revoked and reissued).
 * Repeating the same change is answered with the current record and changes nothing; any other
 * change of a revoked certificate is an {@link InvalidTransitionException}. Authentication
 * certificates are never revoked for affiliationChanged.
 *
 * <p>A phone's certificates (スマホ用電子証明書) are linked to the card signature certificate they
 * were issued on ({@link #recordSmartphoneIssued}): revoking that card certificate revokes them in
 * the same transaction ({@link #PHONE_REVOKED_WITH_CARD}); suspending it leaves them alone, and
 * nothing done to a phone's certificate touches the card's. docs/smartphone-certificates.md says why.
 */
public interface RevocationRegistry extends AutoCloseable {

    /** Records a newly issued certificate as GOOD. */
    CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] certificateDer);

    CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at);

    /**
     * Why a phone's certificates are revoked with the card's signature certificate: the phone's keys
     * are not compromised, nor is the phone replaced; the certificates are simply no longer needed,
     * the card they were issued on being gone.
     */
    RevocationReason PHONE_REVOKED_WITH_CARD = RevocationReason.CESSATION_OF_OPERATION;

    /** Why a phone's earlier pair is revoked when the same card has a new pair issued for the same platform. */
    RevocationReason PHONE_REPLACED = RevocationReason.SUPERSEDED;

    /**
     * Revokes a certificate; a signature certificate that phones were issued on takes their
     * certificates with it, in the same transaction, those not yet revoked, for
     * {@link #PHONE_REVOKED_WITH_CARD}.
     *
     * @param invalidityDate when the key is believed to have stopped being safe; null if unknown
     */
    CertificateRecord revoke(CertificateUsage usage, BigInteger serial, RevocationReason reason, Instant at, Instant invalidityDate);

    /** Fast enough to call on every OCSP request. Empty for a serial this centre never issued. */
    Optional<CertificateRecord> find(CertificateUsage usage, BigInteger serial);

    /** The DER certificate as issued, for lookups and the four-attribute service. */
    Optional<byte[]> certificate(CertificateUsage usage, BigInteger serial);

    /**
     * Every certificate issued for the public key whose SubjectPublicKeyInfo has this SHA-256
     * ({@link PublicKeyDigest}, hex in either case), in issuing order; empty if none. Lets a
     * personalization bureau find certificates whose issuance answer a crash lost.
     */
    List<CertificateRecord> findByPublicKey(String publicKeySha256);

    /**
     * Records a phone's two new certificates as GOOD, and their link to the card signature
     * certificate that vouched for them, in one transaction that also revokes, for
     * {@link #PHONE_REPLACED}, the pair linked before to that card for that platform (one phone per
     * platform per card). Nothing is recorded unless the card certificate is GOOD when the
     * transaction runs, so a card revoked meanwhile cannot leave a phone behind.
     *
     * @throws UnknownCertificateException if the registry has no such card signature certificate
     * @throws InvalidTransitionException if it is suspended or revoked, or is itself a phone's
     */
    SmartphoneLink recordSmartphoneIssued(BigInteger cardSignatureSerial, SmartphonePlatform platform,
                                          NewCertificate authentication, NewCertificate signature, Instant at);

    /** The phone pairs issued on this card signature certificate, oldest first, replaced ones included. */
    List<SmartphoneLink> smartphonesOf(BigInteger cardSignatureSerial);

    /** The pair a certificate of that CA belongs to, or empty for a certificate no phone holds. */
    Optional<SmartphoneLink> smartphoneLinkOf(CertificateUsage usage, BigInteger serial);

    /** The highest change sequence committed so far (0 for an empty registry), as far as this process has followed. */
    long currentSequence();

    /**
     * Brings this process's view up to date with the changes other processes committed to the same
     * store (what {@link #find} and {@link #currentSequence} answer); answers how many it applied.
     * A registry no other process writes has none to apply.
     */
    default long catchUp() {
        return 0;
    }

    /**
     * Streams, in no particular order and without holding them all in memory, the CRL entries of
     * every certificate of {@code usage} whose latest change with sequence ≤ {@code upTo} has a
     * sequence > {@code after} and leaves it SUSPENDED or REVOKED. A full CRL uses after = 0; a
     * delta CRL uses after = the sequence its base CRL was built at.
     */
    void forEachRevoked(CertificateUsage usage, long after, long upTo, Consumer<RevokedEntry> entries);

    /** Allocates the next CRL number for that CA's CRLs (full and delta share one series): durable, strictly increasing. */
    BigInteger nextCrlNumber(CertificateUsage usage);

    @Override
    void close();
}
