package jp.mynacard.jlis.http;

import java.util.Base64;

/** PEM armour (RFC 7468) for certificates out and public keys in. */
final class Pem {
    private Pem() {
    }

    static String certificate(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    /** The DER inside one PEM block of that label; IllegalArgumentException otherwise. */
    static byte[] decode(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM '" + label + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM '" + label + "' block is not base64");
        }
    }
}
