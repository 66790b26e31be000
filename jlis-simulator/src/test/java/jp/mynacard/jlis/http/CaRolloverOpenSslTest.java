package jp.mynacard.jlis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.LocalDate;
import java.util.List;
import jp.mynacard.jlis.Centre;
import jp.mynacard.jlis.CentreConfiguration;
import jp.mynacard.jlis.client.CentreClient;
import jp.mynacard.jlis.client.NewCaGeneration;
import jp.mynacard.model.holder.Holder;
import jp.mynacard.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenSSL, which checks authorityKeyIdentifier against the issuer it picks, builds the paths
 * across a rollover from the files the centre serves: either generation as the only trusted
 * certificate, the links as untrusted intermediates.
 */
class CaRolloverOpenSslTest {
    @TempDir
    Path dir;

    @Test
    void opensslVerifiesBothGenerationsFromEitherTrustAnchorThroughTheLinks() throws Exception {
        try (Centre centre = Centre.start(CentreConfiguration.embedded(dir.resolve("data")))) {
            CentreClient client = new CentreClient(centre.uri(), null);
            Path before = pem("before.pem", issue(client));
            Path first = Files.write(dir.resolve("g1.pem"), client.authorityCertificate("sign", 1, false));
            NewCaGeneration rolled = client.rollover("sign");
            Path after = pem("after.pem", issue(client));
            Path second = Files.writeString(dir.resolve("g2.pem"), rolled.certificatePem(), StandardCharsets.US_ASCII);
            Path links = Files.write(dir.resolve("links.pem"), client.linkCertificates("sign"));

            for (Path anchor : List.of(first, second)) {
                for (Path leaf : List.of(before, after)) {
                    ExternalTool.Result verified = openssl("verify", "-x509_strict", "-CAfile", anchor.toString(),
                            "-untrusted", links.toString(), leaf.toString());
                    assertEquals(0, verified.exitCode(), anchor.getFileName() + " → " + leaf.getFileName() + ": "
                            + verified.all());
                }
            }
            ExternalTool.Result withoutLinks = openssl("verify", "-CAfile", first.toString(), after.toString());
            assertEquals(2, withoutLinks.exitCode(), "the old generation alone cannot vouch for the new one's certificate");
            assertTrue(withoutLinks.all().contains("unable to get"), withoutLinks.all());
        }
    }

    private Path pem(String name, String certificatePem) throws Exception {
        return Files.writeString(dir.resolve(name), certificatePem, StandardCharsets.US_ASCII);
    }

    private static String issue(CentreClient client) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PublicKey key = generator.generateKeyPair().getPublic();
        return client.issue("sign", key, Holder.sample().basicAttributes(), LocalDate.of(2034, 3, 31)).certificatePem();
    }

    private static ExternalTool.Result openssl(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "/usr/bin/openssl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return ExternalTool.run(command);
    }
}
