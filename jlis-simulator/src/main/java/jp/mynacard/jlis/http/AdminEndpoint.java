package jp.mynacard.jlis.http;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.jlis.admin.CentreAdministration;
import jp.mynacard.jlis.ca.CaRollover;
import jp.mynacard.jlis.ca.CertificateUsage;
import jp.mynacard.jlis.registry.CertificateRecord;
import jp.mynacard.jlis.registry.InvalidTransitionException;
import jp.mynacard.jlis.registry.RegistryException;
import jp.mynacard.jlis.registry.RevocationReason;
import jp.mynacard.jlis.registry.UnknownCertificateException;
import jp.mynacard.jlis.smartphone.IssuedSmartphoneCertificates;
import jp.mynacard.jlis.smartphone.SmartphoneRefusal;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;
import jp.mynacard.model.smartphone.SmartphonePlatform;

/**
 * The admin API, JSON over HTTP:
 * <pre>
 * POST /admin/certificates                    {"type","publicKey"(PEM),"holder":{"name","birthDate","sex","address","cardExpiry"},
 *                                              "replaces"?: serial of the signature certificate this one replaces}
 * GET  /admin/certificates?publicKeySha256=  {"publicKeySha256","certificates":[status…]}: every certificate issued for that key
 * GET  /admin/certificates/{serial}[?type=]   status
 * GET  /admin/certificates/{serial}/pem       the certificate as issued
 * GET  /admin/certificates/{serial}/holder    whom that user-authentication certificate was issued to:
 *                                              {"serial","name","birthDate","sex","address"} (for コンビニ交付)
 * POST /admin/certificates/{serial}/revoke    {"reason","invalidityDate"?,"type"?}
 * POST /admin/certificates/{serial}/suspend   {"type"?}
 * POST /admin/card-data/signatures           {"data"(base64)} → the card-data signer's SHA256withRSA signature
 * POST /admin/card-data/digest-signatures    {"digestInfo"(base64)} → its PKCS#1 v1.5 signature over that DigestInfo (NONEwithRSA)
 * POST /admin/crls                            publish CRLs now
 * POST /admin/ca/{sign|auth}/rollover         a new generation of that CA (new key, same name), current from now on,
 *                                              and the two link certificates to the previous one; CRLs are published at
 *                                              once → 200 {"type","generation","certificate"(PEM),"links":[PEM new-with-old,
 *                                              PEM old-with-new]}
 * POST /admin/smartphone-certificates         {"platform":"android"|"iphone","authPublicKey"(PEM),"signPublicKey"(PEM),
 *                                              "cardSignCertificate"(PEM, as read from the card),"proof"(base64: the card's
 *                                              SHA256withRSA over SmartphoneCertificateRequest.signedBytes())}
 *                                              → 201 {"platform","auth":{issue's answer},"sign":{issue's answer}};
 *                                              400 malformed, 409 card suspended/revoked/expired, 422 not this centre's
 *                                              card certificate, a phone's, proof that does not verify, unfit keys
 * </pre>
 * Every refusal issues nothing. A phone's certificates are revoked with the card's signature
 * certificate, not suspended with it; the next pair for the same card and platform supersedes
 * the previous one (docs/smartphone-certificates.md).
 */
final class AdminEndpoint implements ProblemHandling.Endpoint {
    static final String PATH = "/admin/";
    static final int MAX_BODY_BYTES = 64 * 1024; // enforced as the body arrives (CentreServer's routes)
    private static final int MIN_KEY_BITS = 2048;

    private final CentreAdministration administration;
    private final AdminAccess access;

    AdminEndpoint(CentreAdministration administration, AdminAccess access) {
        this.administration = administration;
        this.access = access;
    }

    @Override
    public CentreResponse handle(CentreRequest request) {
        access.check(request);
        String[] path = request.path().substring(PATH.length()).split("/");
        String method = request.method();
        if (method.equals("POST")) {
            // the bodiless ones too (crls, rollover): a cross-origin form POST must not reach any of them
            JsonBody.requireJson(request);
        }
        try {
            if (path.length == 1 && path[0].equals("certificates") && method.equals("GET")) {
                return certificatesForKey(request);
            } else if (path.length == 1 && path[0].equals("certificates")) {
                requireMethod(method, "POST");
                return issue(JsonBody.read(request));
            } else if (path.length == 2 && path[0].equals("card-data") && path[1].equals("signatures")) {
                requireMethod(method, "POST");
                return signCardData(JsonBody.read(request));
            } else if (path.length == 2 && path[0].equals("card-data") && path[1].equals("digest-signatures")) {
                requireMethod(method, "POST");
                return signCardDataDigestInfo(JsonBody.read(request));
            } else if (path.length == 1 && path[0].equals("smartphone-certificates")) {
                requireMethod(method, "POST");
                return issueForSmartphone(JsonBody.read(request));
            } else if (path.length == 1 && path[0].equals("crls")) {
                requireMethod(method, "POST");
                administration.publishCrls();
                return JsonAnswer.of(200, Map.of("published", "sign, auth"));
            } else if (path.length == 3 && path[0].equals("ca") && path[2].equals("rollover")) {
                requireMethod(method, "POST");
                return rollover(CertificateUsage.fromShortName(path[1]));
            } else if (path.length >= 2 && path[0].equals("certificates")) {
                return certificate(request, method, serial(path[1]), path.length == 3 ? path[2] : null, path.length > 3);
            } else {
                throw new HttpProblem(404, "no such admin resource");
            }
        } catch (SmartphoneRefusal e) {
            throw new HttpProblem(e.kind().status(), e.getMessage());
        } catch (UnknownCertificateException e) {
            throw new HttpProblem(404, e.getMessage());
        } catch (InvalidTransitionException e) {
            throw new HttpProblem(409, e.getMessage());
        } catch (RegistryException e) {
            throw new HttpProblem(409, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
    }

    private CentreResponse certificate(CentreRequest request, String method, BigInteger serial, String action,
                                       boolean tooDeep) {
        if (tooDeep) {
            throw new HttpProblem(404, "no such admin resource");
        }
        Optional<CertificateUsage> queryType = typeFromQuery(request.query());
        if (action == null) {
            requireMethod(method, "GET");
            return JsonAnswer.of(200, describe(administration.status(serial, queryType)));
        }
        switch (action) {
            case "pem" -> {
                requireMethod(method, "GET");
                byte[] der = administration.certificate(serial, queryType)
                        .orElseThrow(() -> new HttpProblem(404, "certificate not kept"));
                return CentreResponse.of(200, "application/x-pem-file", Pem.certificate(der).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            case "holder" -> {
                requireMethod(method, "GET");
                BasicAttributes holder = administration.authenticationHolder(serial)
                        .orElseThrow(() -> new HttpProblem(404, "no holder recorded for user-authentication certificate "
                                + hex(serial) + " (issued before the centre kept holders)"));
                Map<String, String> answer = new LinkedHashMap<>();
                answer.put("serial", hex(serial));
                answer.put("name", holder.name());
                answer.put("birthDate", holder.birthDate().toString());
                answer.put("sex", holder.sex().word());
                answer.put("address", holder.address());
                return JsonAnswer.of(200, answer);
            }
            case "revoke" -> {
                requireMethod(method, "POST");
                JsonBody body = JsonBody.read(request);
                RevocationReason reason = RevocationReason.fromName(body.required("reason"));
                Instant invalidity = body.optional("invalidityDate") == null ? null : instant(body.optional("invalidityDate"));
                CertificateRecord record = administration.revoke(serial, type(body, queryType), reason, invalidity);
                return JsonAnswer.of(200, describe(record));
            }
            case "suspend" -> {
                requireMethod(method, "POST");
                JsonBody body = JsonBody.read(request);
                return JsonAnswer.of(200, describe(administration.suspend(serial, type(body, queryType))));
            }
            default -> throw new HttpProblem(404, "no such action '" + action + "'");
        }
    }

    private CentreResponse issue(JsonBody body) {
        CertificateUsage usage = CertificateUsage.fromShortName(body.required("type"));
        PublicKey key = publicKey(body.required("publicKey"));
        JsonBody holder = body.object("holder");
        BasicAttributes attributes = new BasicAttributes(holder.required("name"), date(holder, "birthDate"),
                Sex.parse(holder.required("sex")), holder.required("address"));
        BigInteger replaces = body.optional("replaces") == null ? null : serial(body.optional("replaces"));
        X509Certificate certificate = administration.issue(usage, attributes, date(holder, "cardExpiry"), key, replaces);
        return JsonAnswer.of(201, issued(certificate, usage, replaces));
    }

    /** What an issuance answers for each certificate: serial, type, replaces (when it does), notAfter, the PEM. */
    private static Map<String, String> issued(X509Certificate certificate, CertificateUsage usage, BigInteger replaces) {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("serial", hex(certificate.getSerialNumber()));
        answer.put("type", usage.shortName());
        answer.put("replaces", replaces == null ? null : hex(replaces));
        answer.put("notAfter", certificate.getNotAfter().toInstant().toString());
        try {
            answer.put("certificate", Pem.certificate(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return answer;
    }

    private CentreResponse rollover(CertificateUsage usage) {
        CaRollover rollover = administration.rollover(usage);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("type", usage.shortName());
        answer.put("generation", Integer.toString(rollover.generation().number()));
        try {
            answer.put("certificate", Pem.certificate(rollover.generation().certificate().getEncoded()));
            List<String> links = new java.util.ArrayList<>();
            for (X509Certificate link : rollover.links()) {
                links.add(Pem.certificate(link.getEncoded()));
            }
            return JsonAnswer.withStrings(200, answer, "links", links);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A phone's pair against the card's proof of possession; the centre's checks are the smartphone desk's. */
    private CentreResponse issueForSmartphone(JsonBody body) {
        SmartphonePlatform platform = SmartphonePlatform.ofWord(body.required("platform"));
        RSAPublicKey authKey = rsaPublicKey(body, "authPublicKey");
        RSAPublicKey signKey = rsaPublicKey(body, "signPublicKey");
        byte[] cardCertificate;
        try {
            cardCertificate = Pem.decode(body.required("cardSignCertificate"), "CERTIFICATE");
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "'cardSignCertificate': " + e.getMessage());
        }
        byte[] proof;
        try {
            proof = java.util.Base64.getDecoder().decode(body.required("proof"));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "'proof' must be base64");
        }
        SmartphoneCertificateRequest request;
        try {
            request = new SmartphoneCertificateRequest(platform, authKey, signKey);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(422, e.getMessage());
        }
        IssuedSmartphoneCertificates issued = administration.issueSmartphoneCertificates(request, cardCertificate, proof);
        Map<String, Map<String, String>> pair = new LinkedHashMap<>();
        pair.put("auth", issued(issued.authentication(), CertificateUsage.USER_AUTHENTICATION, null));
        pair.put("sign", issued(issued.signature(), CertificateUsage.SIGNATURE, null));
        return JsonAnswer.withObjects(201, Map.of("platform", platform.word()), pair);
    }

    /** An RSA public key in PEM; its size is the desk's business (422), its form this field's (400). */
    private static RSAPublicKey rsaPublicKey(JsonBody body, String field) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Pem.decode(body.required(field), "PUBLIC KEY")));
            return (RSAPublicKey) key;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new HttpProblem(400, "'" + field + "' is not an RSA public key (PEM 'PUBLIC KEY')");
        }
    }

    /** What the centre issued for one public key (SHA-256 of its SubjectPublicKeyInfo), for crash recovery at a bureau. */
    private CentreResponse certificatesForKey(CentreRequest request) {
        String digest = queryParameter(request.query(), "publicKeySha256")
                .orElseThrow(() -> new HttpProblem(400, "say which key: ?publicKeySha256= the SHA-256 of its "
                        + "SubjectPublicKeyInfo, 64 hex digits"));
        List<Map<String, String>> certificates = administration.certificatesForKey(digest).stream()
                .map(AdminEndpoint::describe).toList();
        return JsonAnswer.list(200, Map.of("publicKeySha256", digest.toLowerCase(Locale.ROOT)), "certificates",
                certificates);
    }

    private static Optional<String> queryParameter(String query, String name) {
        if (query != null) {
            for (String parameter : query.split("&")) {
                if (parameter.startsWith(name + "=")) {
                    return Optional.of(parameter.substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private CentreResponse signCardData(JsonBody body) {
        byte[] data;
        try {
            data = java.util.Base64.getDecoder().decode(body.required("data"));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "'data' must be base64");
        }
        String signature = java.util.Base64.getEncoder().encodeToString(administration.signCardData(data));
        return JsonAnswer.of(200, Map.of("signature", signature));
    }

    private CentreResponse signCardDataDigestInfo(JsonBody body) {
        byte[] digestInfo;
        try {
            digestInfo = java.util.Base64.getDecoder().decode(body.required("digestInfo"));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "'digestInfo' must be base64");
        }
        String signature = java.util.Base64.getEncoder().encodeToString(administration.signCardDataDigestInfo(digestInfo));
        return JsonAnswer.of(200, Map.of("signature", signature));
    }

    static Map<String, String> describe(CertificateRecord record) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("serial", hex(record.serial()));
        fields.put("type", record.usage().shortName());
        fields.put("state", record.state().name().toLowerCase(Locale.ROOT));
        fields.put("reason", record.reason() == null ? null : record.reason().rfcName());
        fields.put("revokedAt", record.revokedAt() == null ? null : record.revokedAt().toString());
        fields.put("invalidityDate", record.invalidityDate() == null ? null : record.invalidityDate().toString());
        fields.put("notAfter", record.notAfter() == null ? null : record.notAfter().toString());
        return fields;
    }

    private static PublicKey publicKey(String pem) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Pem.decode(pem, "PUBLIC KEY")));
            if (((RSAPublicKey) key).getModulus().bitLength() < MIN_KEY_BITS) {
                throw new IllegalArgumentException("the public key must be RSA of at least " + MIN_KEY_BITS + " bits");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("publicKey is not an RSA public key (PEM 'PUBLIC KEY')");
        }
    }

    private static Optional<CertificateUsage> type(JsonBody body, Optional<CertificateUsage> fromQuery) {
        String type = body.optional("type");
        return type == null ? fromQuery : Optional.of(CertificateUsage.fromShortName(type));
    }

    private static Optional<CertificateUsage> typeFromQuery(String query) {
        if (query == null) {
            return Optional.empty();
        }
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("type=")) {
                return Optional.of(CertificateUsage.fromShortName(parameter.substring("type=".length())));
            }
        }
        return Optional.empty();
    }

    private static BigInteger serial(String text) {
        if (!text.matches("[0-9A-Fa-f]{1,40}")) {
            throw new HttpProblem(400, "a serial number is hexadecimal, not '" + text + "'");
        }
        return new BigInteger(text, 16);
    }

    private static LocalDate date(JsonBody body, String field) {
        String value = body.required(field);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new HttpProblem(400, "'" + field + "' must be a date like 1989-03-31, not '" + value + "'");
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new HttpProblem(400, "invalidityDate must be a UTC time like 2026-11-23T10:00:00Z, not '" + value + "'");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new HttpProblem(405, "use " + expected);
        }
    }

    static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }
}
