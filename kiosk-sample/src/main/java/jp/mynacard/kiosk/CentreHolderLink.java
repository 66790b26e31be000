package jp.mynacard.kiosk;

import java.math.BigInteger;
import java.net.URI;
import java.util.Optional;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.model.holder.BasicAttributes;

/**
 * Asks the centre whom a user-authentication certificate was issued to
 * ({@link CentreClient#holderOf}); the municipality is an authorised caller of the centre's
 * admin API (loopback, or its bearer token). Empty when the centre has no record.
 */
public final class CentreHolderLink {
    private final CentreClient centre;
    private final URI address;

    /** @param token the centre's admin token, or null when calling from the centre's host */
    public CentreHolderLink(URI centre, String token) {
        this.centre = new CentreClient(centre, token == null || token.isEmpty() ? null : token);
        this.address = centre;
    }

    /** @throws HolderLinkException when the centre cannot be asked or answers something else */
    public Optional<HolderAttributes> holderOf(BigInteger serial) {
        try {
            return centre.holderOf(serial).map(holder -> attributes(holder.attributes()));
        } catch (CentreException e) {
            throw new HolderLinkException(e.status() == 0
                    ? "the centre at " + address + " cannot be asked: " + e.getMessage()
                    : "the centre answered " + e.status() + " to the holder query: " + e.getMessage(), e);
        }
    }

    private static HolderAttributes attributes(BasicAttributes attributes) {
        return new HolderAttributes(attributes.name(), attributes.birthDate(), attributes.sex().word(), attributes.address());
    }
}
