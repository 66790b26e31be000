package jp.mynacard.jlis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import jp.mynacard.jlis.client.CentreOptions;
import jp.mynacard.jlis.client.IssuedCertificate;
import jp.mynacard.model.holder.BasicAttributes;
import jp.mynacard.model.holder.Sex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "issue", description = "Issue a JPKI certificate for a public key (what a counter does for a card's new key).")
final class IssueCommand implements Callable<Integer> {
    @Mixin
    CentreOptions centre;

    @Option(names = "--type", required = true, paramLabel = "auth|sign")
    String type;

    @Option(names = "--public-key", required = true, paramLabel = "PEM", description = "the key's PEM file ('PUBLIC KEY')")
    Path publicKey;

    @Option(names = "--holder", required = true, paramLabel = "JSON",
            description = "holder file: {\"name\",\"birthDate\",\"sex\",\"address\",\"cardExpiry\"}")
    Path holder;

    @Option(names = "--out", required = true, paramLabel = "CERT", description = "where to write the certificate (PEM)")
    Path out;

    @Option(names = "--replaces", paramLabel = "HEX",
            description = "serial of the signature certificate this one replaces (address or name change)")
    String replaces;

    @Override
    public Integer call() throws IOException {
        Map<String, String> fields = HolderJson.read(holder);
        BasicAttributes attributes = new BasicAttributes(fields.get("name"), date(fields, "birthDate"),
                Sex.parse(required(fields, "sex")), fields.get("address"));
        IssuedCertificate answer = centre.client().issue(type, key(publicKey), attributes, date(fields, "cardExpiry"), replaces);
        Files.writeString(out, answer.certificatePem(), StandardCharsets.US_ASCII);
        System.out.println("issued " + answer.type() + " certificate " + answer.serial() + ", valid until "
                + answer.notAfter() + ": " + out);
        return 0;
    }

    private static PublicKey key(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PUBLIC KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END PUBLIC KEY-----");
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + ": not a PEM public key (BEGIN PUBLIC KEY)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(file + ": not an RSA public key");
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("holder file: missing '" + name + "'");
        }
        return value;
    }

    private static LocalDate date(Map<String, String> fields, String name) {
        String value = required(fields, name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("holder file: '" + name + "' must be a date like 1989-03-31, not '" + value + "'");
        }
    }
}
