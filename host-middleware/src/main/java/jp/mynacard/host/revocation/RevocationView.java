package jp.mynacard.host.revocation;

import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * A complete CRL together with an optional delta CRL (RFC 5280 §5.2.4): the delta is consulted
 * first; a delta entry with reason removeFromCRL releases a certificateHold listed in the complete
 * CRL; otherwise the complete CRL answers.
 */
public final class RevocationView {
    private final CrlIndex full;
    private final CrlIndex delta;

    private RevocationView(CrlIndex full, CrlIndex delta) {
        this.full = full;
        this.delta = delta;
    }

    /** A view of a complete CRL alone. */
    public static RevocationView of(CrlIndex full) {
        return of(full, null);
    }

    /**
     * A view of {@code full} updated by {@code delta} (may be null).
     *
     * @throws IllegalArgumentException if {@code full} is itself a delta, {@code delta} is not one, the
     *         issuers differ, or the delta's base CRL is newer than {@code full}
     */
    public static RevocationView of(CrlIndex full, CrlIndex delta) {
        Objects.requireNonNull(full, "full");
        if (full.isDelta()) {
            throw new IllegalArgumentException("the complete CRL is a delta CRL");
        }
        if (delta != null) {
            if (!delta.isDelta()) {
                throw new IllegalArgumentException("the delta CRL has no deltaCRLIndicator");
            }
            if (!delta.issuer().equals(full.issuer())) {
                throw new IllegalArgumentException("delta CRL issuer " + delta.issuer()
                        + " differs from the complete CRL's " + full.issuer());
            }
            if (!delta.scope().equals(full.scope())) {
                // RFC 5280 §5.2.4: a delta updates the complete CRL of the same scope only
                throw new IllegalArgumentException("the delta CRL covers " + delta.scope()
                        + ", the complete CRL " + full.scope());
            }
            BigInteger base = delta.baseCrlNumber().orElseThrow();
            BigInteger number = full.crlNumber().orElseThrow(
                    () -> new IllegalArgumentException("the complete CRL has no cRLNumber"));
            if (number.compareTo(base) < 0) {
                throw new IllegalArgumentException("delta CRL is based on CRL " + base
                        + ", newer than the complete CRL " + number);
            }
            if (delta.crlNumber().isPresent() && delta.crlNumber().get().compareTo(number) <= 0) {
                throw new IllegalArgumentException("delta CRL " + delta.crlNumber().get()
                        + " is not newer than the complete CRL " + number);
            }
        }
        return new RevocationView(full, delta);
    }

    /** Same as {@link #of(CrlIndex, CrlIndex)}. */
    public static RevocationView merge(CrlIndex full, CrlIndex delta) {
        return of(full, delta);
    }

    /** The revocation entry in force for {@code serial}, if any. */
    public Optional<RevokedEntry> lookup(BigInteger serial) {
        return lookup(serial, full.issuer());
    }

    /** The entry in force for the certificate {@code certificateIssuer} numbered {@code serial} (indirect CRLs). */
    public Optional<RevokedEntry> lookup(BigInteger serial, X500Principal certificateIssuer) {
        if (delta != null) {
            Optional<RevokedEntry> d = delta.lookup(serial, certificateIssuer);
            if (d.isPresent()) {
                return d.get().reason().orElse(null) == CRLReason.REMOVE_FROM_CRL ? Optional.empty() : d;
            }
        }
        return full.lookup(serial, certificateIssuer);
    }

    public boolean isRevoked(BigInteger serial) {
        return lookup(serial).isPresent();
    }

    public CrlIndex full() {
        return full;
    }

    public Optional<CrlIndex> delta() {
        return Optional.ofNullable(delta);
    }
}
