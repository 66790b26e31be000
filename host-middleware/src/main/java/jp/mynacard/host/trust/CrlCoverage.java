package jp.mynacard.host.trust;

import java.security.cert.X509Certificate;
import java.util.List;
import jp.mynacard.host.revocation.CrlIndex;
import jp.mynacard.host.revocation.CrlScope;

/**
 * Whether a CRL covers a certificate, and for which reasons (RFC 5280 §6.3.3 (b), (d)): its issuer is
 * the certificate's issuer (or, for an indirect CRL, the cRLIssuer a distribution point names), its
 * issuingDistributionPoint names one of the certificate's distribution points, it is not limited to
 * the other kind of certificate (CA or end entity), and the reasons it covers are those of its
 * onlySomeReasons and the distribution point's.
 *
 * @param reasons the reasons covered (a {@link CrlScope#ALL_REASONS}-style mask); 0 when not covered
 * @param why     when not covered: why, for the message
 */
record CrlCoverage(int reasons, String why) {

    boolean covers() {
        return reasons != 0;
    }

    static CrlCoverage of(CrlIndex crl, X509Certificate cert, List<CrlDistributionPoint> points) {
        CrlScope scope = crl.scope();
        boolean ca = cert.getBasicConstraints() >= 0;
        if (scope.onlyAttributeCerts()) {
            return none("it lists only attribute certificates");
        }
        if (scope.onlyUserCerts() && ca) {
            return none("it lists only end-entity certificates and this is a CA certificate");
        }
        if (scope.onlyCaCerts() && !ca) {
            return none("it lists only CA certificates and this is an end-entity certificate");
        }
        String why = "it is issued by " + crl.issuer().getName() + ", not by "
                + cert.getIssuerX500Principal().getName() + (scope.indirect() ? " nor a cRLIssuer the certificate names" : "");
        for (CrlDistributionPoint point : points) {
            boolean issuer = point.crlIssuers().contains(crl.issuer()) && (scope.indirect() || !point.indirect());
            if (!issuer) {
                continue;
            }
            if (!scope.distributionPoints().isEmpty() && !names(scope, point)) {
                why = "it is published for " + String.join(" ", scope.distributionPoints())
                        + ", not for a distribution point of the certificate";
                continue;
            }
            int reasons = scope.onlySomeReasons() & point.reasons();
            if (reasons == 0) {
                why = "it covers no reason the distribution point asks for";
                continue;
            }
            return new CrlCoverage(reasons, "");
        }
        return none(why);
    }

    /** §6.3.3 (b)(2)(i): an IDP name among the point's fullName, or, without one, its cRLIssuer. */
    private static boolean names(CrlScope scope, CrlDistributionPoint point) {
        if (!point.names().isEmpty()) {
            return point.names().stream().anyMatch(scope.distributionPoints()::contains);
        }
        return point.crlIssuers().stream().anyMatch(i ->
                scope.distributionPoints().contains("dn:" + i.getName(javax.security.auth.x500.X500Principal.CANONICAL)));
    }

    private static CrlCoverage none(String why) {
        return new CrlCoverage(0, why);
    }
}
