package jp.mynacard.perso.centre;

import java.util.List;
import java.util.Optional;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.CentreException;
import jp.mynacard.jlis.client.CertificateStatus;
import jp.mynacard.perso.journal.CertificateRevoker;

/** Batch recovery's view of a running centre: lookups by serial and by key, and revocation, over the admin API. */
public final class CentreCertificateRevoker implements CertificateRevoker {
    private static final int NOT_FOUND = 404;

    private final CentreClient client;

    public CentreCertificateRevoker(CentreClient client) {
        this.client = client;
    }

    @Override
    public List<CentreCertificate> certificatesForKey(String publicKeySha256) {
        return client.certificatesForKey(publicKeySha256).stream().map(CentreCertificateRevoker::certificate).toList();
    }

    @Override
    public Optional<CentreCertificate> certificate(String serial) {
        try {
            return Optional.of(certificate(client.status(serial, null)));
        } catch (CentreException e) {
            if (e.status() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public CentreCertificate revoke(CentreCertificate certificate, String reason) {
        return certificate(client.revoke(certificate.serial(), reason, certificate.type()));
    }

    private static CentreCertificate certificate(CertificateStatus answer) {
        return new CentreCertificate(answer.serial(), answer.type(), answer.state(), answer.reason());
    }
}
