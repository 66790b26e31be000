package jp.mynacard.jlis.registry;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import jp.mynacard.jlis.ca.CertificateUsage;

/**
 * The centre's durable record of every certificate it issued and what became of it. A method
 * that returns has committed its change: it survives a crash of the centre at any moment after.
 *
 * <p>Transitions: GOOD → SUSPENDED (hold); GOOD or SUSPENDED → REVOKED with a reason other than
 * certificateHold (a hold is never lifted: a card that turns up again is revoked and reissued).
 * Repeating the same change is answered with the current record and changes nothing; any other
 * change of a revoked certificate is an {@link InvalidTransitionException}. Authentication
 * certificates are never revoked for affiliationChanged.
 */
public interface RevocationRegistry extends AutoCloseable {

    /** Records a newly issued certificate as GOOD. */
    CertificateRecord recordIssued(CertificateUsage usage, BigInteger serial, Instant notAfter, byte[] certificateDer);

    CertificateRecord suspend(CertificateUsage usage, BigInteger serial, Instant at);

    /** @param invalidityDate when the key is believed to have stopped being safe; null if unknown */
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

    /** The highest change sequence committed so far (0 for an empty registry). */
    long currentSequence();

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
