package jp.mynacard.jlis.ca;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * Where a rollover makes a CA's next key and keeps it durably: the centre's PKCS#12 file or its
 * PKCS#11 token. The links are public and are kept beside it, before the key, so that a key
 * that is kept always has its links (links to a key never kept are ignored at the next start).
 */
interface GenerationStore {
    /** A new key, made where this store makes keys, with its self-signed CA certificate; not kept yet. */
    CertificateAuthority generate(X500Name name, Clock clock) throws IOException;

    /** Every link certificate of the CA, replacing those kept before. */
    void keepLinks(CertificateUsage usage, List<X509Certificate> links) throws IOException;

    /** Keeps the key under this alias; answers the CA as a restart will find it. */
    CertificateAuthority keep(String alias, CertificateAuthority authority) throws IOException;

    /** Whether the store, as kept now, holds this alias: another process sharing it may have added it. */
    boolean holds(String alias) throws IOException;

    /** For a centre whose keys live only in memory (tests): nothing is kept. */
    GenerationStore IN_MEMORY = new GenerationStore() {
        @Override
        public CertificateAuthority generate(X500Name name, Clock clock) {
            return CertificateAuthority.create(name, clock);
        }

        @Override
        public void keepLinks(CertificateUsage usage, List<X509Certificate> links) {
        }

        @Override
        public CertificateAuthority keep(String alias, CertificateAuthority authority) {
            return authority;
        }

        @Override
        public boolean holds(String alias) {
            return false;
        }
    };
}
