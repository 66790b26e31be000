package jp.mynacard.model.issuance;

/**
 * What the centre answers to a personalization: the two holder certificates and the CA
 * certificates that issued them, each DER, as they go into EF 000A, 000B, 0001 and 0002.
 */
public record IssuedCertificates(byte[] authCertificate, byte[] authCaCertificate,
                                 byte[] signCertificate, byte[] signCaCertificate) {
}
