package jp.mynacard.jlis.ca;

import java.security.cert.X509Certificate;
import java.util.List;

/** What a rollover made: the CA's new current generation and the two links to the previous one. */
public record CaRollover(CertificateUsage usage, CaGeneration generation, List<X509Certificate> links) {
    public CaRollover {
        links = List.copyOf(links);
    }
}
