package jp.mynacard.jlis.http;

/** What answers OCSP requests: DER in, DER OCSPResponse out, never an exception for bad input. */
@FunctionalInterface
public interface OcspService {
    byte[] respond(byte[] request);
}
