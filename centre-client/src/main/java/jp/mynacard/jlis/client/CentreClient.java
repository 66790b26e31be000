package jp.mynacard.jlis.client;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.smartphone.SmartphoneCertificateRequest;

/**
 * A running centre, typed: its admin API (issue, a phone's pair, revoke, suspend, status,
 * certificates by key, holder of a certificate, card-data signatures, CRLs now, CA rollover) and its public
 * publication points (CA
 * certificates, CRLs, OCSP). What {@code bin/jlis}'s verbs, {@code bin/perso}, {@code bin/vcard
 * --centre} and the sample kiosk use. Every failure is a {@link CentreException} with the
 * centre's own explanation.
 */
public final class CentreClient {
    public static final String DEFAULT_URL = "http://127.0.0.1:8080/";
    private static final int NOT_FOUND = 404;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI centre;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param token the admin token (a centre's {@code DATA/admin-token}, see {@link AdminTokenFile}), or null for a
     *              centre on this host that admits callers without it (the embedded one of tests and the demo)
     */
    public CentreClient(URI centre, String token) {
        this.centre = centre.toString().endsWith("/") ? centre : URI.create(centre + "/");
        this.token = token;
    }

    /** Issues a certificate of type "auth" or "sign" for {@code key}, to the holder with these attributes. */
    public IssuedCertificate issue(String type, PublicKey key, BasicAttributes holder, LocalDate cardExpiry) {
        return issue(type, key, holder, cardExpiry, null);
    }

    /**
     * Issues a signature certificate that replaces an earlier one of the holder (moved, changed
     * name); {@code replacesSerialHex} null is a plain issue.
     */
    public IssuedCertificate issue(String type, PublicKey key, BasicAttributes holder, LocalDate cardExpiry,
                                     String replacesSerialHex) {
        Map<String, Object> holderFields = new LinkedHashMap<>();
        holderFields.put("name", holder.name());
        holderFields.put("birthDate", holder.birthDate().toString());
        holderFields.put("sex", holder.sex().word());
        holderFields.put("address", holder.address());
        holderFields.put("cardExpiry", cardExpiry.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("publicKey", pem("PUBLIC KEY", key.getEncoded()));
        body.put("holder", holderFields);
        body.put("replaces", replacesSerialHex);
        return IssuedCertificate.of(json(post("admin/certificates", JsonFields.write(body))));
    }

    /**
     * Has the centre issue a phone's authentication and signature certificates (スマホ用電子証明書)
     * for the keys its secure element generated, against proof of the card: the card's signature
     * key signed {@code request.signedBytes()} (SHA256withRSA) after the holder entered the
     * signature PIN. The pair goes to the holder the card's certificate names; an earlier pair of
     * that card for the same platform is revoked (superseded). A refusal is a CentreException:
     * 400 malformed, 409 the card certificate is suspended, revoked or expired, 422 no proof (not
     * this centre's card certificate, a signature that does not verify, keys it will not certify).
     *
     * @param cardSignCertificateDer the card's signature certificate as read from the card
     * @param proof the card's signature over {@code request.signedBytes()}
     */
    public SmartphoneCertificates issueSmartphoneCertificates(SmartphoneCertificateRequest request,
                                                              byte[] cardSignCertificateDer, byte[] proof) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("platform", request.platform().word());
        body.put("authPublicKey", pem("PUBLIC KEY", request.authKey().getEncoded()));
        body.put("signPublicKey", pem("PUBLIC KEY", request.signKey().getEncoded()));
        body.put("cardSignCertificate", pem("CERTIFICATE", cardSignCertificateDer));
        body.put("proof", Base64.getEncoder().encodeToString(proof));
        return SmartphoneCertificates.of(post("admin/smartphone-certificates", JsonFields.write(body)));
    }

    /** @param reason an RFC 5280 reason name (keyCompromise, affiliationChanged, …); {@code type} null: either */
    public CertificateStatus revoke(String serialHex, String reason, String type) {
        return revoke(serialHex, reason, type, null);
    }

    /** @param invalidityDate when the key stopped being safe, ISO-8601 UTC; null if unknown */
    public CertificateStatus revoke(String serialHex, String reason, String type, String invalidityDate) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("type", type);
        body.put("invalidityDate", invalidityDate);
        return CertificateStatus.of(json(post("admin/certificates/" + serialHex + "/revoke", JsonFields.write(body))));
    }

    /** The 24-hour lost-card stop (certificateHold). */
    public CertificateStatus suspend(String serialHex, String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        return CertificateStatus.of(json(post("admin/certificates/" + serialHex + "/suspend", JsonFields.write(body))));
    }

    public CertificateStatus status(String serialHex, String type) {
        return CertificateStatus.of(json(send(request("admin/certificates/" + serialHex
                + (type == null ? "" : "?type=" + type)).GET().build())));
    }

    /**
     * Whom the centre issued the user-authentication certificate with this serial to (what a
     * municipal service asks after a kiosk authenticated the holder); empty when it has no record.
     */
    public Optional<CertificateHolder> holderOf(BigInteger serial) {
        try {
            return Optional.of(CertificateHolder.of(json(send(request("admin/certificates/"
                    + serial.toString(16).toUpperCase(Locale.ROOT) + "/holder").GET().build()))));
        } catch (CentreException e) {
            if (e.status() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Every certificate the centre issued for the key whose SubjectPublicKeyInfo has this SHA-256
     * (hex), with its state.
     */
    public List<CertificateStatus> certificatesForKey(String publicKeySha256Hex) {
        if (!publicKeySha256Hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalArgumentException("a public key digest is 64 hex digits (SHA-256 of the SubjectPublicKeyInfo)");
        }
        return JsonFields.parseList(send(request("admin/certificates?publicKeySha256=" + publicKeySha256Hex).GET().build()),
                "certificates").stream().map(CertificateStatus::of).toList();
    }

    /** The centre's card-data signer's SHA256withRSA signature over {@code data}. */
    public byte[] signCardData(byte[] data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Base64.getEncoder().encodeToString(data));
        return Base64.getDecoder().decode(json(post("admin/card-data/signatures", JsonFields.write(body))).get("signature"));
    }

    /** The centre's card-data signer's PKCS#1 v1.5 signature (NONEwithRSA) over a DigestInfo the caller built. */
    public byte[] signCardDataDigestInfo(byte[] digestInfo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("digestInfo", Base64.getEncoder().encodeToString(digestInfo));
        return Base64.getDecoder().decode(json(post("admin/card-data/digest-signatures", JsonFields.write(body))).get("signature"));
    }

    /** Has the centre issue its full and delta CRLs now rather than on schedule. */
    public void publishCrls() {
        json(post("admin/crls", new byte[0]));
    }

    /** A CA certificate ("auth", "sign": the CA's current generation; "card-data") as PEM text or DER bytes. */
    public byte[] authorityCertificate(String type, boolean der) {
        return send(request("ca/" + type + (der ? ".der" : ".pem")).GET().build());
    }

    /** One generation (1, 2, …) of the "auth" or "sign" CA's certificate, as PEM text or DER bytes. */
    public byte[] authorityCertificate(String type, int generation, boolean der) {
        if (generation < 1) {
            throw new IllegalArgumentException("CA generations count from 1, not " + generation);
        }
        return send(request("ca/" + type + "-g" + generation + (der ? ".der" : ".pem")).GET().build());
    }

    /** Every generation's certificate and every link certificate of the "auth" or "sign" CA: a PEM bundle. */
    public byte[] everyAuthorityCertificate(String type) {
        return send(request("ca/" + type + "-all.pem").GET().build());
    }

    /** The link certificates between the generations of the "auth" or "sign" CA: a PEM bundle (empty before a rollover). */
    public byte[] linkCertificates(String type) {
        return send(request("ca/" + type + "-links.pem").GET().build());
    }

    /**
     * Rolls the "auth" or "sign" CA over to a new key: the centre makes the next generation, current
     * from now on, and the two link certificates to the previous one, and publishes fresh CRLs.
     */
    public NewCaGeneration rollover(String type) {
        byte[] answer = post("admin/ca/" + type + "/rollover", new byte[0]);
        return NewCaGeneration.of(json(answer), JsonFields.parseStrings(answer, "links"));
    }

    /** The current full ({@code delta} false) or delta CRL of the "auth" or "sign" CA, DER. */
    public byte[] crl(String type, boolean delta) {
        return send(request("crl/" + type + (delta ? "-delta" : "") + ".crl").GET().build());
    }

    /** Sends a DER OCSPRequest (RFC 6960) to the centre's responder; answers the DER OCSPResponse. */
    public byte[] ocsp(byte[] request) {
        return send(request("ocsp").header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private byte[] post(String path, byte[] body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(centre.resolve(path)).timeout(TIMEOUT);
        if (token != null && !token.isEmpty()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private byte[] send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new CentreException(0, "the centre at " + centre + " is not reachable (is 'bin/jlis serve' running?)", e);
        } catch (IOException e) {
            throw new CentreException(0, "talking to the centre at " + centre + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CentreException(0, "interrupted while talking to the centre", e);
        }
        if (response.statusCode() / 100 != 2) {
            String message = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).trim();
            String error = message.startsWith("{") ? JsonFields.parse(response.body()).getOrDefault("error", message) : message;
            throw new CentreException(response.statusCode(), error, null);
        }
        return response.body();
    }

    private static Map<String, String> json(byte[] body) {
        return JsonFields.parse(body);
    }
}
