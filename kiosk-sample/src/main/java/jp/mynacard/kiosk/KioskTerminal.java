package jp.mynacard.kiosk;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.smartcardio.CardTerminal;
import jp.mynacard.host.card.ApduChannel;
import jp.mynacard.host.jpki.JpkiCard;
import jp.mynacard.host.kiosk.AuthenticationResponse;
import jp.mynacard.host.kiosk.Challenge;
import jp.mynacard.host.kiosk.HolderAuthenticator;
import jp.mynacard.host.kiosk.MalformedMessageException;
import jp.mynacard.host.kiosk.PinRefusedException;

/**
 * The kiosk at the shop: with the card in the reader, fetches a challenge from the municipal
 * service, has the holder's PIN verified and the challenge signed by the card, sends the
 * response, and writes the 住民票の写し it gets back (or tells the clerk why not). For a
 * 印鑑登録証明書 it first reads the seal-registration number from the card's free area.
 */
public final class KioskTerminal {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Another program holding the card (a browser's middleware, say) gets this long to let go. */
    static final Duration EXCLUSIVE_WAIT = Duration.ofSeconds(5);

    private final URI service;
    private final PrintStream screen;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public KioskTerminal(URI service, PrintStream screen) {
        this.service = service.toString().endsWith("/") ? service : URI.create(service + "/");
        this.screen = screen;
    }

    /**
     * One customer: authenticates the card in {@code reader} with the PIN from {@code pin} (asked
     * once the card answered, before the challenge is fetched) and writes the 住民票の写し to {@code out}.
     */
    public KioskOutcome serve(CardTerminal reader, Supplier<char[]> pin, Path out) throws IOException, InterruptedException {
        return issue(open(reader), pin, out, null);
    }

    /** As {@link #serve(CardTerminal, Supplier, Path)}, on a card session already open (and exclusive); closes it. */
    public KioskOutcome serve(JpkiCard card, Supplier<char[]> pin, Path out) throws IOException, InterruptedException {
        return issue(card, pin, out, null);
    }

    /**
     * One customer asking for a 印鑑登録証明書: first the seal-registration number from the card's
     * free area (with the municipality's tenant key), then the same authentication; the service
     * issues the certificate only if that registration is the authenticated resident's.
     */
    public KioskOutcome serveSeal(CardTerminal reader, Supplier<char[]> pin, Path out, SealRegistrationCard seal)
            throws IOException, InterruptedException {
        return issue(open(reader), pin, out, seal);
    }

    /** As {@link #serveSeal(CardTerminal, Supplier, Path, SealRegistrationCard)}, on a card session already open; closes it. */
    public KioskOutcome serveSeal(JpkiCard card, Supplier<char[]> pin, Path out, SealRegistrationCard seal)
            throws IOException, InterruptedException {
        return issue(card, pin, out, seal);
    }

    /** Exclusive: no other PC/SC client may use the card between the PIN's VERIFY and the signature. */
    private static JpkiCard open(CardTerminal reader) {
        return ApduChannel.openExclusive(reader, EXCLUSIVE_WAIT, JpkiCard::over);
    }

    private KioskOutcome issue(JpkiCard card, Supplier<char[]> pin, Path out, SealRegistrationCard seal)
            throws IOException, InterruptedException {
        AuthenticationResponse response;
        String registration = null;
        try (card) {
            if (seal != null) {
                // before the PIN: a card without the seal registration is turned away at once
                registration = seal.readNumber(card.channel()).orElse(null);
                if (registration == null) {
                    screen.println(ServiceRefusal.sealNotRegistered().clerkMessage());
                    return KioskOutcome.SEAL_NOT_REGISTERED;
                }
                JpkiCard.over(card.channel());
                screen.println("印鑑登録証を読み取りました / seal-registration card read");
            }
            HolderAuthenticator holder = new HolderAuthenticator(card);
            screen.println("カードを確認しました / card read (certificate serial "
                    + holder.certificate().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT) + ")");
            // the PIN first, so that the challenge's lifetime covers the card's work, not the holder's typing
            char[] secret = pin.get();
            try {
                HttpResponse<String> asked = post(KioskServiceServer.CHALLENGES.substring(1), "", null,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (asked.statusCode() != 201) {
                    return refusedOrFailed(asked.statusCode(), asked.body());
                }
                response = holder.respond(Challenge.fromJson(asked.body()), secret);
            } catch (PinRefusedException e) {
                screen.println(e.clerkMessage());
                return KioskOutcome.PIN_REFUSED;
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        String path = seal == null ? KioskServiceServer.CERTIFICATES : KioskServiceServer.SEAL_CERTIFICATES;
        HttpResponse<byte[]> answer = post(path.substring(1), response.toJson(), registration,
                HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            return refusedOrFailed(answer.statusCode(), new String(answer.body(), StandardCharsets.UTF_8));
        }
        Files.write(out, answer.body());
        String what = seal == null ? "住民票の写しを発行しました / residence certificate issued: "
                : "印鑑登録証明書を発行しました / seal-registration certificate issued: ";
        screen.println(what + out + " (交付番号 " + answer.headers().firstValue(KioskServiceServer.DOCUMENT_NUMBER).orElse("?") + ")");
        return KioskOutcome.ISSUED;
    }

    private KioskOutcome refusedOrFailed(int status, String body) {
        try {
            ServiceRefusal refusal = ServiceRefusal.fromJson(body);
            screen.println(refusal.clerkMessage());
            return KioskOutcome.of(refusal);
        } catch (MalformedMessageException e) {
            screen.println("サービスが応答しません / the service answered " + status + ": " + body.strip());
            return status >= 500 ? KioskOutcome.UNAVAILABLE : KioskOutcome.FAILED;
        }
    }

    private <T> HttpResponse<T> post(String path, String json, String sealRegistration, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(service.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json");
        if (sealRegistration != null) {
            builder.header(KioskServiceServer.SEAL_REGISTRATION_NUMBER, sealRegistration);
        }
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        return http.send(request, handler);
    }
}
