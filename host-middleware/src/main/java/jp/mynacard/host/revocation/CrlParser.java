package jp.mynacard.host.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import javax.security.auth.x500.X500Principal;

/**
 * Streams one DER CRL for {@link CrlIndex#load}: checks the issuer name, feeds the exact
 * TBSCertList bytes to the issuer key's {@link Signature} while reading it, collects the entries
 * into a {@link CrlIndexBuilder}, and verifies the signature at the end.
 */
final class CrlParser {
    private static final long NONE = CrlIndexBuilder.NONE;

    // OID contents (without tag/length) of the extensions we understand: id-ce 2.5.29.x
    private static final int ID_CE_CRL_NUMBER = 20;
    private static final int ID_CE_REASON_CODE = 21;
    private static final int ID_CE_INVALIDITY_DATE = 24;
    private static final int ID_CE_DELTA_CRL_INDICATOR = 27;
    private static final int ID_CE_FRESHEST_CRL = 46;
    private static final int ID_CE_CERTIFICATE_ISSUER = 29;
    private static final int ID_CE_ISSUING_DISTRIBUTION_POINT = 28;
    private static final int ID_CE_AUTHORITY_KEY_IDENTIFIER = 35;
    /** id-pe-authorityInfoAccess, 1.3.6.1.5.5.7.1.1: not an id-ce arc, so {@link #readExtnId} gives it its own code. */
    private static final int ID_PE_AUTHORITY_INFO_ACCESS = 1001;
    private static final byte[] AUTHORITY_INFO_ACCESS_OID = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01};

    private final DerInput in;
    /** Null when only the header is read ({@link CrlIndex#header}): no signature, no entries kept. */
    private final X509Certificate issuerCert;
    private final CrlIndexBuilder b = new CrlIndexBuilder();
    private final byte[] scratch = new byte[128];
    private final byte[] serial = new byte[128];
    private Signature sig;

    CrlParser(DerInput in, X509Certificate issuerCert) {
        this.in = in;
        this.issuerCert = issuerCert;
    }

    CrlIndex parse() throws IOException, CrlFormatException, CrlVerificationException {
        long outerLen = in.expect(0x30, Long.MAX_VALUE, "CertificateList");
        long outerEnd = in.position() + outerLen;

        boolean verify = issuerCert != null;
        if (verify) {
            in.startFeed();
        }
        long tbsLen = in.expect(0x30, outerEnd, "TBSCertList");
        long tbsEnd = in.position() + tbsLen;
        int version = 0;
        if (in.peekTag(tbsEnd) == 0x02) {
            long vl = in.expect(0x02, tbsEnd, "version");
            if (vl != 1) {
                throw new CrlFormatException("version: malformed INTEGER");
            }
            version = in.readByte();
            if (version != 1) {
                throw new CrlFormatException("unsupported CRL version " + (version + 1));
            }
        }
        long al = in.expect(0x30, tbsEnd, "signature");
        byte[] tbsAlg = in.readBytes(al, "signature");
        if (verify) {
            initSignature(tbsAlg);
        }

        long nl = in.expect(0x30, tbsEnd, "issuer");
        byte[] name = in.readBytes(nl, "issuer");
        checkIssuer(name);

        b.thisUpdate = readTime(tbsEnd, "thisUpdate", false);
        int t = in.peekTag(tbsEnd);
        if (t == 0x17 || t == 0x18) {
            b.nextUpdate = readTime(tbsEnd, "nextUpdate", false);
            t = in.peekTag(tbsEnd);
        }
        if (t == 0x30) {
            long rl = in.expect(0x30, tbsEnd, "revokedCertificates");
            if (verify) {
                readRevoked(in.position() + rl);
            } else {
                in.skip(rl);
            }
            t = in.peekTag(tbsEnd);
        }
        if (t == 0xA0) {
            if (version == 0) {
                throw new CrlFormatException("crlExtensions in a v1 CRL");
            }
            long xl = in.expect(0xA0, tbsEnd, "crlExtensions");
            long xEnd = in.position() + xl;
            long sl = in.expect(0x30, xEnd, "crlExtensions");
            readCrlExtensions(in.position() + sl);
            in.expectEnd(xEnd, "crlExtensions");
        }
        in.expectEnd(tbsEnd, "TBSCertList");
        if (!verify) {
            return new CrlIndex(b); // the header: what chooses the key to verify it with
        }
        in.stopFeed();

        long ol = in.expect(0x30, outerEnd, "signatureAlgorithm");
        byte[] outerAlg = in.readBytes(ol, "signatureAlgorithm");
        if (!Arrays.equals(outerAlg, tbsAlg)) {
            throw new CrlFormatException("signatureAlgorithm differs from TBSCertList.signature");
        }
        long bl = in.expect(0x03, outerEnd, "signatureValue");
        if (bl < 1) {
            throw new CrlFormatException("signatureValue: empty BIT STRING");
        }
        byte[] bits = in.readBytes(bl, "signatureValue");
        if (bits[0] != 0) {
            throw new CrlFormatException("signatureValue: unused bits");
        }
        in.expectEnd(outerEnd, "CertificateList");
        if (!in.atEof()) {
            throw new CrlFormatException("trailing data after the CertificateList");
        }
        boolean ok;
        try {
            ok = sig.verify(bits, 1, bits.length - 1);
        } catch (SignatureException e) {
            throw new CrlVerificationException("CRL signature is invalid: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new CrlVerificationException("CRL signature does not verify with the key of "
                    + issuerCert.getSubjectX500Principal());
        }
        return new CrlIndex(b);
    }

    private void initSignature(byte[] algId) throws CrlFormatException, CrlVerificationException {
        // AlgorithmIdentifier ::= SEQUENCE { OBJECT IDENTIFIER, parameters ANY OPTIONAL }
        if (algId.length < 2 || algId[0] != 0x06 || (algId[1] & 0x80) != 0 || 2 + algId[1] > algId.length) {
            throw new CrlFormatException("signature: malformed AlgorithmIdentifier");
        }
        String oid = oidToString(algId, 2, algId[1]);
        int pOff = 2 + algId[1];
        byte[] params = Arrays.copyOfRange(algId, pOff, algId.length);
        String jca = switch (oid) {
            case "1.2.840.113549.1.1.5" -> "SHA1withRSA";
            case "1.2.840.113549.1.1.14" -> "SHA224withRSA";
            case "1.2.840.113549.1.1.11" -> "SHA256withRSA";
            case "1.2.840.113549.1.1.12" -> "SHA384withRSA";
            case "1.2.840.113549.1.1.13" -> "SHA512withRSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS";
            case "1.2.840.10045.4.1" -> "SHA1withECDSA";
            case "1.2.840.10045.4.3.2" -> "SHA256withECDSA";
            case "1.2.840.10045.4.3.3" -> "SHA384withECDSA";
            case "1.2.840.10045.4.3.4" -> "SHA512withECDSA";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> throw new CrlVerificationException("unsupported CRL signature algorithm " + oid);
        };
        b.signatureAlgorithm = jca;
        try {
            sig = Signature.getInstance(jca);
            if (jca.equals("RSASSA-PSS")) {
                AlgorithmParameters ap = AlgorithmParameters.getInstance("RSASSA-PSS");
                ap.init(params);
                sig.setParameter(ap.getParameterSpec(PSSParameterSpec.class));
            }
            sig.initVerify(issuerCert.getPublicKey());
            in.setSignature(sig);
        } catch (InvalidKeyException e) {
            throw new CrlVerificationException("the issuer's " + issuerCert.getPublicKey().getAlgorithm()
                    + " key cannot verify a " + jca + " CRL signature", e);
        } catch (NoSuchAlgorithmException e) {
            throw new CrlVerificationException("signature algorithm " + jca + " is not available", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new CrlVerificationException("bad signature algorithm parameters for " + jca, e);
        }
    }

    private void checkIssuer(byte[] nameValue) throws CrlVerificationException, CrlFormatException {
        byte[] enc = withHeader(0x30, nameValue);
        X500Principal crlIssuer;
        try {
            crlIssuer = new X500Principal(enc);
        } catch (IllegalArgumentException e) {
            throw new CrlFormatException("issuer: malformed Name");
        }
        if (issuerCert != null && !crlIssuer.equals(issuerCert.getSubjectX500Principal())) {
            throw new CrlVerificationException("CRL issuer " + crlIssuer + " is not the subject of the issuer"
                    + " certificate " + issuerCert.getSubjectX500Principal());
        }
        b.issuer = crlIssuer;
    }

    private void readRevoked(long end) throws IOException, CrlFormatException {
        b.presize(end - in.position());
        byte[] s = serial;
        while (in.position() < end) {
            long el = in.expect(0x30, end, "revokedCertificate");
            long eEnd = in.position() + el;
            int sl = (int) in.expect(0x02, eEnd, "userCertificate");
            if (sl == 0 || sl > s.length) {
                throw new CrlFormatException("userCertificate: bad serial number length " + sl);
            }
            in.readFully(s, 0, sl);
            long date = readTime(eEnd, "revocationDate", false);
            int reason = -1;
            long inval = NONE;
            if (in.position() < eEnd) {
                long xl = in.expect(0x30, eEnd, "crlEntryExtensions");
                long xEnd = in.position() + xl;
                while (in.position() < xEnd) {
                    long l = in.expect(0x30, xEnd, "Extension");
                    long extEnd = in.position() + l;
                    int id = readExtnId(extEnd);
                    boolean critical = readCritical(extEnd);
                    long vl = in.expect(0x04, extEnd, "extnValue");
                    long vEnd = in.position() + vl;
                    if (id == ID_CE_REASON_CODE) {
                        if (in.expect(0x0A, vEnd, "reasonCode") != 1) {
                            throw new CrlFormatException("reasonCode: malformed ENUMERATED");
                        }
                        reason = in.readByte();
                        if (reason > 10 || reason == 7) {
                            throw new CrlFormatException("reasonCode: invalid value " + reason);
                        }
                    } else if (id == ID_CE_INVALIDITY_DATE) {
                        inval = readTime(vEnd, "invalidityDate", true);
                    } else if (id == ID_CE_CERTIFICATE_ISSUER) {
                        // RFC 5280 §5.3.3: names the issuer of this entry and of those after it, until the next one
                        b.certificateIssuer(certificateIssuer(in.readBytes(vl, "certificateIssuer")));
                    } else if (critical) {
                        // kept, not refused: the entry still says the CA revoked this serial (see CrlIndex#unprocessed)
                        b.unprocessed("critical CRL entry extension " + (id > 0 ? "2.5.29." + id : "of another arc"));
                        in.skip(vl);
                    } else {
                        in.skip(vl);
                    }
                    in.expectEnd(vEnd, "extnValue");
                    in.expectEnd(extEnd, "Extension");
                }
                in.expectEnd(xEnd, "crlEntryExtensions");
            }
            in.expectEnd(eEnd, "revokedCertificate");
            b.add(s, sl, date, reason, inval);
        }
    }

    private void readCrlExtensions(long end) throws IOException, CrlFormatException {
        while (in.position() < end) {
            long l = in.expect(0x30, end, "Extension");
            long extEnd = in.position() + l;
            int id = readExtnId(extEnd);
            boolean critical = readCritical(extEnd);
            long vl = in.expect(0x04, extEnd, "extnValue");
            long vEnd = in.position() + vl;
            if (id == ID_CE_CRL_NUMBER) {
                b.crlNumber = readInteger(vEnd, "cRLNumber");
            } else if (id == ID_CE_DELTA_CRL_INDICATOR) {
                b.baseCrlNumber = readInteger(vEnd, "deltaCRLIndicator");
            } else if (id == ID_CE_FRESHEST_CRL) {
                b.freshestCrl = in.readBytes(vl, "freshestCRL"); // small: a list of URLs
            } else if (id == ID_CE_ISSUING_DISTRIBUTION_POINT) {
                b.scope = CrlScope.parse(in.readBytes(vl, "issuingDistributionPoint"));
            } else if (id == ID_CE_AUTHORITY_KEY_IDENTIFIER) {
                b.authorityKeyId = CrlIssuerHints.keyIdentifier(in.readBytes(vl, "authorityKeyIdentifier"));
            } else if (id == ID_PE_AUTHORITY_INFO_ACCESS) {
                b.caIssuers = CrlIssuerHints.caIssuers(in.readBytes(vl, "authorityInfoAccess"));
            } else if (critical) {
                // kept: the CRL cannot say a certificate is good, but what it lists is still revoked
                b.unprocessed("critical CRL extension " + (id > 0 ? "2.5.29." + id : "of another arc"));
                in.skip(vl);
            } else {
                in.skip(vl);
            }
            in.expectEnd(vEnd, "extnValue");
            in.expectEnd(extEnd, "Extension");
        }
    }

    /** Reads the extnID; returns x for id-ce 2.5.29.x (x < 128), {@link #ID_PE_AUTHORITY_INFO_ACCESS}, else -1. */
    private int readExtnId(long extEnd) throws IOException, CrlFormatException {
        int ol = (int) in.expect(0x06, extEnd, "extnID");
        if (ol == 3) {
            int a = in.readByte();
            int c = in.readByte();
            int x = in.readByte();
            return (a == 0x55 && c == 0x1D && x < 0x80) ? x : -1;
        }
        if (ol == AUTHORITY_INFO_ACCESS_OID.length) {
            return Arrays.equals(in.readBytes(ol, "extnID"), AUTHORITY_INFO_ACCESS_OID) ? ID_PE_AUTHORITY_INFO_ACCESS : -1;
        }
        in.skip(ol);
        return -1;
    }

    /** The certificateIssuer's GeneralNames: its directoryName, the only form a certificate issuer has. */
    private static X500Principal certificateIssuer(byte[] value) throws CrlFormatException {
        X500Principal name = CrlIssuerHints.directoryName(value);
        if (name == null) {
            throw new CrlFormatException("certificateIssuer: no directoryName");
        }
        return name;
    }

    private boolean readCritical(long extEnd) throws IOException, CrlFormatException {
        if (in.peekTag(extEnd) != 0x01) {
            return false;
        }
        if (in.expect(0x01, extEnd, "critical") != 1) {
            throw new CrlFormatException("critical: malformed BOOLEAN");
        }
        return in.readByte() != 0;
    }

    private BigInteger readInteger(long end, String what) throws IOException, CrlFormatException {
        long l = in.expect(0x02, end, what);
        if (l == 0 || l > 20) {
            throw new CrlFormatException(what + ": bad INTEGER length " + l);
        }
        return new BigInteger(in.readBytes(l, what));
    }

    private long readTime(long end, String what, boolean generalizedOnly) throws IOException,
            CrlFormatException {
        int tag = in.peekTag(end);
        if (tag != 0x17 && (tag != 0x18)) {
            throw new CrlFormatException(what + ": expected UTCTime or GeneralizedTime"
                    + (tag < 0 ? "" : String.format(", found tag 0x%02X", tag)));
        }
        if (generalizedOnly && tag != 0x18) {
            throw new CrlFormatException(what + ": expected GeneralizedTime");
        }
        int l = (int) in.expect(tag, end, what);
        if (l > 32) {
            throw new CrlFormatException(what + ": malformed time");
        }
        byte[] s = scratch;
        in.readFully(s, 0, l);
        return parseTime(s, l, tag == 0x18, what);
    }


    /** Epoch seconds of a DER UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSS[.f*]Z). */
    static long parseTime(byte[] s, int l, boolean generalized, String what) throws CrlFormatException {
        int p = 0;
        int year;
        if (generalized) {
            if (l < 15) {
                throw new CrlFormatException(what + ": malformed GeneralizedTime");
            }
            year = digits(s, 0, 4, what);
            p = 4;
        } else {
            if (l != 13) {
                throw new CrlFormatException(what + ": malformed UTCTime");
            }
            year = digits(s, 0, 2, what);
            year += year >= 50 ? 1900 : 2000;
            p = 2;
        }
        int month = digits(s, p, 2, what);
        int day = digits(s, p + 2, 2, what);
        int hour = digits(s, p + 4, 2, what);
        int min = digits(s, p + 6, 2, what);
        int sec = digits(s, p + 8, 2, what);
        p += 10;
        if (generalized && p < l && s[p] == '.') {
            p++;
            int f = p;
            while (p < l && s[p] >= '0' && s[p] <= '9') {
                p++;
            }
            if (p == f) {
                throw new CrlFormatException(what + ": malformed fractional seconds");
            }
        }
        if (p != l - 1 || s[p] != 'Z') {
            throw new CrlFormatException(what + ": time must be in UTC ('Z')");
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || min > 59
                || sec > 59) {
            throw new CrlFormatException(what + ": invalid date/time");
        }
        return daysFromCivil(year, month, day) * 86400L + hour * 3600L + min * 60L + sec;
    }

    private static int digits(byte[] s, int off, int n, String what) throws CrlFormatException {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9) {
                throw new CrlFormatException(what + ": malformed time");
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Howard Hinnant's days_from_civil. */
    private static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static String oidToString(byte[] b, int off, int len) throws CrlFormatException {
        StringBuilder sb = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = off; i < off + len; i++) {
            if (v > (Long.MAX_VALUE >>> 7)) {
                throw new CrlFormatException("OID arc too large");
            }
            v = (v << 7) | (b[i] & 0x7f);
            if ((b[i] & 0x80) == 0) {
                if (first) {
                    int a = v < 80 ? (int) (v / 40) : 2;
                    sb.append(a).append('.').append(v - 40L * a);
                    first = false;
                } else {
                    sb.append('.').append(v);
                }
                v = 0;
            } else if (i == off + len - 1) {
                throw new CrlFormatException("malformed OID");
            }
        }
        return sb.toString();
    }

    private static byte[] withHeader(int tag, byte[] value) {
        int n = value.length;
        int hl = n < 0x80 ? 2 : n < 0x100 ? 3 : n < 0x10000 ? 4 : n < 0x1000000 ? 5 : 6;
        byte[] out = new byte[hl + n];
        out[0] = (byte) tag;
        if (n < 0x80) {
            out[1] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | (hl - 2));
            for (int i = 0; i < hl - 2; i++) {
                out[hl - 1 - i] = (byte) (n >>> (8 * i));
            }
        }
        System.arraycopy(value, 0, out, hl, n);
        return out;
    }
}
