package jp.mynacard.jlis.ocsp;

/** The bytes are not an OCSP request this responder will answer; the client gets malformedRequest. */
final class MalformedOcspRequestException extends Exception {
    MalformedOcspRequestException(String message) {
        super(message, null, false, false); // no stack trace: garbage requests are routine, not exceptional
    }
}
