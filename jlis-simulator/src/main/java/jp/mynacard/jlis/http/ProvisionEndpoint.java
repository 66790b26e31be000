package jp.mynacard.jlis.http;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import jp.mynacard.jlis.provision.AttributeAnswer;
import jp.mynacard.jlis.provision.Consent;
import jp.mynacard.jlis.provision.ConsentOutcome;
import jp.mynacard.jlis.provision.FourAttributeService;
import jp.mynacard.jlis.provision.Provider;
import jp.mynacard.jlis.provision.ProvisionRefusal;

/**
 * The four-attribute provision service, JSON over HTTP (docs/four-attribute-service.md):
 * <pre>
 * POST /provision/providers                  admin   {"id","name"} → {"id","name","token"} (token shown once)
 * POST /provision/consents                   bearer  {"certificate"(PEM),"consent"(base64),"signature"(base64)}
 * GET  /provision/consents/{id}              bearer  the consent's state
 * GET  /provision/consents/{id}/attributes   bearer  the holder's current four attributes
 * POST /provision/consents/{id}/withdraw     holder  {"statement"(base64),"signature"(base64)}
 * </pre>
 */
final class ProvisionEndpoint implements ProblemHandling.Endpoint {
    static final String PATH = "/provision/";
    static final int MAX_BODY_BYTES = 64 * 1024; // enforced as the body arrives (CentreServer's routes)
    private static final String BEARER = "Bearer ";

    private final FourAttributeService service;
    private final AdminAccess adminAccess;

    ProvisionEndpoint(FourAttributeService service, AdminAccess adminAccess) {
        this.service = service;
        this.adminAccess = adminAccess;
    }

    @Override
    public CentreResponse handle(CentreRequest request) {
        String[] path = request.path().substring(PATH.length()).split("/");
        String method = request.method();
        try {
            if (path.length == 1 && path[0].equals("providers")) {
                adminAccess.check(request);
                requireMethod(method, "POST");
                return registerProvider(JsonBody.read(request));
            } else if (path.length == 1 && path[0].equals("consents")) {
                requireMethod(method, "POST");
                return consent(provider(request), JsonBody.read(request));
            } else if (path.length == 2 && path[0].equals("consents")) {
                requireMethod(method, "GET");
                return showConsent(provider(request), path[1]);
            } else if (path.length == 3 && path[0].equals("consents") && path[2].equals("attributes")) {
                requireMethod(method, "GET");
                return attributes(service.attributes(provider(request), path[1]));
            } else if (path.length == 3 && path[0].equals("consents") && path[2].equals("withdraw")) {
                requireMethod(method, "POST");
                // no provider token: the holder's signature is the authority here
                JsonBody body = JsonBody.read(request);
                Consent consent = service.withdraw(path[1], base64(body, "statement"), base64(body, "signature"));
                return JsonAnswer.of(200, describe(consent));
            } else {
                throw new HttpProblem(404, "no such provision resource");
            }
        } catch (ProvisionRefusal refusal) {
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("error", refusal.getMessage());
            answer.put("reason", refusal.reason());
            return JsonAnswer.of(refusal.kind().status(), answer);
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        }
    }

    private CentreResponse registerProvider(JsonBody body) {
        String id = body.required("id");
        String name = body.required("name");
        String token = service.registerProvider(id, name);
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("name", name);
        answer.put("token", token);
        return JsonAnswer.of(201, answer);
    }

    private CentreResponse consent(Provider provider, JsonBody body) {
        byte[] certificate = Pem.decode(body.required("certificate"), "CERTIFICATE");
        ConsentOutcome outcome = service.consent(provider, certificate, base64(body, "consent"), base64(body, "signature"));
        return JsonAnswer.of(outcome.created() ? 201 : 200, describe(outcome.consent()));
    }

    private CentreResponse showConsent(Provider provider, String id) {
        // the same answer for another provider's consent as for none: 404
        Consent consent = service.consentOf(provider, id);
        return JsonAnswer.of(200, describe(consent));
    }

    private static CentreResponse attributes(AttributeAnswer answer) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("changed", Boolean.toString(answer.changed()));
        fields.put("name", answer.attributes().name());
        fields.put("birthDate", answer.attributes().birthDate().toString());
        fields.put("sex", answer.attributes().sex().word());
        fields.put("address", answer.attributes().address());
        fields.put("certificateSerial", AdminEndpoint.hex(answer.certificateSerial()));
        return JsonAnswer.of(200, fields);
    }

    private static Map<String, String> describe(Consent consent) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("consent", consent.id());
        fields.put("provider", consent.providerId());
        fields.put("certificateSerial", AdminEndpoint.hex(consent.serial()));
        fields.put("state", consent.state().name().toLowerCase(Locale.ROOT));
        fields.put("consentedAt", consent.consentedAt().toString());
        fields.put("withdrawnAt", consent.withdrawnAt() == null ? null : consent.withdrawnAt().toString());
        return fields;
    }

    /** The provider presenting its token; 401 without a known one (the token itself is never logged or echoed). */
    private Provider provider(CentreRequest request) {
        String header = request.header("Authorization");
        String token = header != null && header.startsWith(BEARER) ? header.substring(BEARER.length()).trim() : null;
        return service.authenticate(token).orElseThrow(() -> new HttpProblem(401,
                "a provider authenticates with 'Authorization: Bearer <token>' (the token given when it was registered)",
                Map.of("WWW-Authenticate", "Bearer realm=\"mynacard-provision\"")));
    }

    private static byte[] base64(JsonBody body, String field) {
        try {
            return Base64.getMimeDecoder().decode(body.required(field));
        } catch (IllegalArgumentException e) {
            throw new HttpProblem(400, "'" + field + "' must be base64");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!expected.equals(method)) {
            throw new HttpProblem(405, "use " + expected);
        }
    }
}
