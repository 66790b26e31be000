package jp.mynacard.perso.issuance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Locale;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.model.issuance.CertificateIssuer;
import jp.mynacard.model.issuance.IssuedCertificates;
import jp.mynacard.perso.batch.BatchRow;
import jp.mynacard.perso.journal.PublicKeyHash;

/**
 * The centre's issuer with the journal around the request: the keys' hashes are journaled before
 * the centre is asked (so certificates whose answer a crash lost can be found by key), the
 * certificate serials as soon as they are back.
 */
final class JournalingIssuer implements CertificateIssuer {
    private final CertificateIssuer centre;
    private final BatchRecords records;
    private final BatchRow row;

    JournalingIssuer(CertificateIssuer centre, BatchRecords records, BatchRow row) {
        this.centre = centre;
        this.records = records;
        this.row = row;
    }

    @Override
    public IssuedCertificates issue(Holder holder, RSAPublicKey authKey, RSAPublicKey signKey) {
        try {
            records.requested(row, List.of(PublicKeyHash.of(authKey), PublicKeyHash.of(signKey)));
            IssuedCertificates issued = centre.issue(holder, authKey, signKey);
            records.certified(row, List.of(serialHex(issued.authCertificate()), serialHex(issued.signCertificate())));
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal", e);
        }
    }

    /** The serial as the centre's admin API writes it: upper-case hex. */
    static String serialHex(byte[] certificateDer) {
        return certificate(certificateDer).getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the centre returned a certificate that does not parse", e);
        }
    }
}
