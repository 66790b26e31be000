package jp.mynacard.jlis.client;

import jp.mynacard.model.issuance.CardDataSigner;

/** Personalization's view of a running centre's card-data signer, over the admin API. */
public final class CentreCardDataSigning implements CardDataSigner {
    private final CentreClient client;
    private byte[] certificate;

    public CentreCardDataSigning(CentreClient client) {
        this.client = client;
    }

    @Override
    public byte[] sign(byte[] data) {
        return client.signCardData(data);
    }

    @Override
    public byte[] signDigestInfo(byte[] digestInfo) {
        return client.signCardDataDigestInfo(digestInfo);
    }

    @Override
    public synchronized byte[] certificate() {
        if (certificate == null) {
            certificate = client.authorityCertificate("card-data", true);
        }
        return certificate.clone();
    }
}
